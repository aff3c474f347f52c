// Package match brings talents and projects together: it ranks the
// talents for a project and the projects for a talent.
//
// A project asks for skills, each with a least level and a weight. A
// talent earns points for a requirement from the one of their skills that
// serves it best: the requirement's weight, times the share of its terms
// the skill has (see QueryTerms), times a factor for the skill's level. The
// score is the sum of those points, and every result carries the
// Explanation that adds them up, with the skills matched and missing.
// Scores come only from what talents and projects record, never from
// activity on the platform.
//
// Index answers top-k queries over an immutable set of talents without
// scoring every one, and returns exactly the top-k of scoring every one
// (Index.Exhaustive, kept as the reference): it may skip a talent only when
// it has proved the talent cannot enter the results.
package match
