// Package quality is the registry's data-quality audit, 三龄两历一身份: the
// checks an organisation department runs over dossiers to find ages, party
// and working years, education, resumes and identities that disagree with
// each other. The rules are pure functions of dossiers and a day; they find
// what is suspicious, not what is forbidden (entry validation, in package
// person, refuses the impossible). Each finding names the person, the rule,
// the values it compared and why, as a catalog key with its arguments.
//
// Check audits one dossier. Duplicate ID numbers need the whole set:
// Duplicates collects numbers one dossier at a time and reports afterwards,
// holding only the number and who carries it, so a caller can stream
// dossiers from storage. Checker does both.
package quality

import (
	"maps"
	"slices"
	"strings"

	"zugong/internal/civil"
	"zugong/internal/person"
	"zugong/internal/vault"
)

// Group names which of 三龄两历一身份 a rule guards.
type Group string

// The groups: age (年龄), party age (党龄), working years (工龄), education
// (学历), resume (经历) and identity (身份), and posts, which the audit
// checks too.
const (
	GroupAge       Group = "age"
	GroupPartyAge  Group = "party_age"
	GroupWorkAge   Group = "work_age"
	GroupEducation Group = "education"
	GroupResume    Group = "resume"
	GroupIdentity  Group = "identity"
	GroupPost      Group = "post"
)

// Rule is one check of the audit. Its name and explanation are the catalog
// keys quality.rule.<ID>.name and quality.rule.<ID>.why.
type Rule struct {
	ID    string
	Group Group
}

// NameKey is the catalog key of the rule's name.
func (r Rule) NameKey() string { return "quality.rule." + r.ID + ".name" }

// WhyKey is the catalog key of the explanation a finding of the rule gives.
func (r Rule) WhyKey() string { return "quality.rule." + r.ID + ".why" }

// The rule IDs.
const (
	RuleIDInvalid         = "id_invalid"
	RuleIDVsBirth         = "id_vs_birth"
	RuleIDVsGender        = "id_vs_gender"
	RulePartyBefore18     = "party_before_18"
	RuleWorkBefore16      = "work_before_16"
	RuleEducationVsResume = "education_vs_resume"
	RuleResumeGap         = "resume_gap"
	RuleResumeOverlap     = "resume_overlap"
	RuleFullMemberDate    = "full_member_not_one_year"
	RuleDuplicateID       = "duplicate_id"
	RuleProbationExpired  = "probation_expired"
)

// Rules lists the rules in the order reports show them.
var Rules = []Rule{
	{RuleIDInvalid, GroupIdentity},
	{RuleIDVsBirth, GroupAge},
	{RuleIDVsGender, GroupIdentity},
	{RuleDuplicateID, GroupIdentity},
	{RulePartyBefore18, GroupPartyAge},
	{RuleFullMemberDate, GroupPartyAge},
	{RuleWorkBefore16, GroupWorkAge},
	{RuleEducationVsResume, GroupEducation},
	{RuleResumeGap, GroupResume},
	{RuleResumeOverlap, GroupResume},
	{RuleProbationExpired, GroupPost},
}

// RuleByID returns the rule with id.
func RuleByID(id string) (Rule, bool) {
	i := slices.IndexFunc(Rules, func(r Rule) bool { return r.ID == id })
	if i < 0 {
		return Rule{}, false
	}
	return Rules[i], true
}

// Config holds the thresholds of the rules; they vary by place and policy.
type Config struct {
	// MinPartyAge is the age one must have reached to join the party (18).
	MinPartyAge int
	// MinWorkAge is the age one must have reached to start work (16).
	MinWorkAge int
	// MaxResumeGapMonths is the longest run of whole months a resume may
	// leave unaccounted for between consecutive lines (3).
	MaxResumeGapMonths int
	// MaxResumeOverlapMonths is how many months two full-time lines may
	// share beyond the month one ends and the next starts (0).
	MaxResumeOverlapMonths int
	// FullMemberToleranceDays is how far the full-member date may lie from
	// one year after joining before it is reported (31).
	FullMemberToleranceDays int
}

// DefaultConfig returns the usual thresholds.
func DefaultConfig() Config {
	return Config{MinPartyAge: 18, MinWorkAge: 16, MaxResumeGapMonths: 3, MaxResumeOverlapMonths: 0, FullMemberToleranceDays: 31}
}

// Finding is one inconsistency found in one person's record.
type Finding struct {
	PersonID   string
	PersonName string
	OrgID      string
	// Rule is the ID of the rule that found it.
	Rule string
	// Values are what the rule compared, in the order a report shows them.
	Values []Value
	// Why is the catalog key explaining the finding; Args fill it.
	Why  string
	Args []any
}

// Value is one value a finding shows.
type Value struct {
	// Key is the catalog key of the value's label.
	Key string
	// Text is the value as shown: a date (2006-01-02), a resume month
	// (2006.01), a number, a name, or a masked ID number.
	Text string
	// Table, when set, names the package codes table Text is a code of, so
	// that a report shows the code's words in the reader's language.
	Table string
}

// Check audits one dossier with every rule that needs only that dossier,
// and returns its findings in rule order.
func Check(cfg Config, today civil.Date, d *person.Dossier) []Finding {
	a := &audit{cfg: cfg, today: today, d: d}
	a.identity()
	a.partyAge()
	a.fullMemberDate()
	a.workAge()
	a.education()
	a.resumeGaps()
	a.resumeOverlaps()
	a.probation()
	return a.out
}

// audit collects the findings of one dossier.
type audit struct {
	cfg   Config
	today civil.Date
	d     *person.Dossier
	out   []Finding
}

func (a *audit) report(rule, why string, args []any, values ...Value) {
	a.out = append(a.out, finding(a.d, rule, why, args, values))
}

func finding(d *person.Dossier, rule, why string, args []any, values []Value) Finding {
	return Finding{PersonID: d.Person.ID, PersonName: d.Person.Name, OrgID: d.Person.OrgID,
		Rule: rule, Values: values, Why: why, Args: args}
}

// whyKey is the explanation key of a rule.
func whyKey(rule string) string { return Rule{ID: rule}.WhyKey() }

// maskID shows an ID number the way listings do: the registering place's
// first digits and the last four.
func maskID(id string) string { return vault.Mask(id) }

// Duplicates finds ID numbers carried by more than one person. Add each
// dossier, then read Findings; it keeps only the numbers and who carries
// them, never the dossiers.
type Duplicates struct {
	holders map[string][]holder
}

type holder struct{ id, name, org string }

// NewDuplicates returns an empty collector.
func NewDuplicates() *Duplicates { return &Duplicates{holders: map[string][]holder{}} }

// Add records the dossier's ID number. The same person added twice counts
// once; people without an ID (rows of a file not yet saved) always count as
// different people.
func (u *Duplicates) Add(d *person.Dossier) {
	n := person.NormalizeIDNumber(strings.TrimSpace(d.Person.IDNumber))
	if n == "" {
		return
	}
	h := holder{id: d.Person.ID, name: d.Person.Name, org: d.Person.OrgID}
	hs := u.holders[n]
	if h.id != "" && slices.ContainsFunc(hs, func(o holder) bool { return o.id == h.id }) {
		return
	}
	u.holders[n] = append(hs, h)
}

// Findings returns one finding for every person whose ID number another
// person carries too, naming the others.
func (u *Duplicates) Findings() []Finding {
	var out []Finding
	for _, n := range slices.Sorted(maps.Keys(u.holders)) {
		hs := u.holders[n]
		if len(hs) < 2 {
			continue
		}
		for i, h := range hs {
			values := []Value{{Key: "quality.value.id_number", Text: maskID(n)}}
			for j, o := range hs {
				if j != i {
					values = append(values, Value{Key: "quality.value.other_person", Text: o.name})
				}
			}
			d := &person.Dossier{Person: person.Person{ID: h.id, Name: h.name, OrgID: h.org}}
			out = append(out, finding(d, RuleDuplicateID, whyKey(RuleDuplicateID), []any{maskID(n), len(hs)}, values))
		}
	}
	sortFindings(out)
	return out
}

// Checker runs the whole audit over a set of dossiers added one at a time.
type Checker struct {
	cfg      Config
	today    civil.Date
	dups     *Duplicates
	findings []Finding
}

// NewChecker returns a checker that audits as of today.
func NewChecker(cfg Config, today civil.Date) *Checker {
	return &Checker{cfg: cfg, today: today, dups: NewDuplicates()}
}

// Add audits one dossier. The checker keeps its findings and ID number, not
// the dossier.
func (c *Checker) Add(d *person.Dossier) {
	c.findings = append(c.findings, Check(c.cfg, c.today, d)...)
	c.dups.Add(d)
}

// Findings returns every finding so far, sorted by organisation, person and
// rule.
func (c *Checker) Findings() []Finding {
	out := append(slices.Clone(c.findings), c.dups.Findings()...)
	sortFindings(out)
	return out
}

// sortFindings orders findings by organisation, person name, person ID and
// the rule's place in Rules, keeping the order a rule reported in.
func sortFindings(fs []Finding) {
	rank := func(id string) int { return slices.IndexFunc(Rules, func(r Rule) bool { return r.ID == id }) }
	slices.SortStableFunc(fs, func(a, b Finding) int {
		for _, c := range [][2]string{{a.OrgID, b.OrgID}, {a.PersonName, b.PersonName}, {a.PersonID, b.PersonID}} {
			if n := strings.Compare(c[0], c[1]); n != 0 {
				return n
			}
		}
		return rank(a.Rule) - rank(b.Rule)
	})
}
