// Package appraisal scores, ranks and grades cadres of a peer group from
// evidence, for dynamic cadre selection (动态选人用人): the four orientations
// (以科学发展论英雄, 以项目建设论政绩, 以招商引资论本领, 以贡献大小论奖惩)
// and 德能勤绩廉. It holds the rules only; storing and showing them is the
// adapters' business.
//
// # Evidence, not clicks
//
// Every value comes from an Evidence record of a closed list of kinds —
// project, investment deal, award, case closed, democratic assessment,
// disciplinary sanction, accountability — proven by a document number or an
// attachment and signed off by a reviewer. Only signed-off records dated in
// the scheme's period count. No kind describes activity in the app (logins,
// online time, likes, study time): the anti-formalism rules (2024, 2026)
// forbid such grounds, and Kind.Valid refuses anything off the list. A scheme's
// Measure builds a cadre's Subject from the records: sums (funds in place),
// means (project progress, assessment scores) and counts (completed
// projects, awards), each value keeping the IDs of the records behind it.
// A scheme's Sums plans the same values from per-person sums, which a
// database adds up so that ranking a million cadres does not read every
// record; they keep no IDs, so an explanation measures the records again.
//
// # Numbers
//
// Points and Values are int64 hundredths (1250 is 12.50). Weights add up to
// FullMarks, 100.00. Every division rounds half up, except where scaling
// needs the floor (below). Integers make an explanation add up exactly.
//
// # The scoring model
//
// A cadre's raw total is the sum of their parts, one per line:
//
//   - Linear indicator: Weight × (v − Zero)/(Target − Zero), clamped to
//     [0, Weight]; for lower-is-better, Weight × (Zero − v)/(Zero − Target).
//     Reaching the target earns the full weight; going beyond earns no more.
//   - Banded indicator: the Percent of the best band v reaches (v ≥ Limit,
//     or v ≤ Limit when lower is better) of the Weight; below every band,
//     nothing.
//   - Ranked indicator: the group normalisation. With n cadres and r the
//     competition rank of v in the group (1 + the number of strictly better
//     values), Weight × (n − r)/(n − 1): the best get the full weight, the
//     worst nothing, equal values the same, a group of one the full weight.
//     A value not better than Zero earns nothing, so a group where nobody
//     achieved anything gives nobody rank points.
//   - Bonus item: Per × occurrences, at most Cap.
//   - Deduction item: −(Per × occurrences), at most Cap below zero.
//
// Linear and Banded indicators are absolute: a cadre's part does not depend
// on the others. When the scheme sets Scale, the group is normalised once
// more: every total is multiplied by FullMarks / best, where best is the
// highest raw total of the group, so the best total is exactly 100.00
// (a group whose best is not positive is left unscaled). Each cadre's
// scaled total is their exact scaled total rounded half up; each part is
// rounded down and the hundredths still missing go one each to the parts
// with the largest remainders (largest-remainder rounding), so the parts
// still add up to the total exactly.
//
// # Ranking
//
// Cadres with a one-vote veto (一票否决) rank after every cadre without
// one, whatever their points. Within each, higher totals rank first; equal
// totals share a competition rank (1, 2, 2, 4) and are listed by person ID,
// a tie order that depends neither on input order nor on the sort. The
// Ranking records the scheme ID and version it used.
//
// An Explanation gives one line per indicator, bonus and deduction — the
// points, the value, the evidence IDs — that adds up to the total, and the
// vetoes with their records. WhatIf re-scores with changed weights and
// reports each cadre's rank movement, publishing nothing.
//
// # Grades and recommendations
//
// ProposeGrades proposes annual grades (优秀, 称职, 基本称职, 不称职): at most
// floor(n × 20 %) 优秀 (25 % with approval) among those graded, down the
// ranking; cadres on probation get no grade (未定等次) and are not counted
// in n; a veto excludes 优秀 and caps the grade; a third 优秀 in a row is
// flagged for a merit citation (三年优秀记三等功). Recommend proposes a
// promotion list (top performers who are eligible), the top performers held
// back with why, and an adjustment list (bottom performers, 基本称职 twice in
// a row, 不称职, accountability outcomes). Every proposal carries
// machine-readable reasons: catalog keys with arguments.
package appraisal
