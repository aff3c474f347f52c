package web

import (
	"net/http"
	"strings"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/codes"
	"zugong/internal/fault"
	"zugong/internal/i18n"
	"zugong/internal/person"
	"zugong/internal/vault"
)

// probationWarnDays is how long before its end a probation is flagged on
// the dossier, so that the 试用期满考核 is prepared in time.
const probationWarnDays = 30

// Catalog keys of the closed sets of package person. A value a set does
// not know gives no key, and the page shows the value as stored.
var (
	partyCategoryKeys = map[person.PartyCategory]string{
		person.FullMember:         "people.party_category.full",
		person.ProbationaryMember: "people.party_category.probationary",
	}
	standingKeys = map[person.PartyStanding]string{
		person.StandingNormal:    "people.standing.normal",
		person.StandingReserved:  "people.standing.reserved",
		person.StandingRestored:  "people.standing.restored",
		person.StandingSuspended: "people.standing.suspended",
		person.StandingExpelled:  "people.standing.expelled",
	}
	lostReasonKeys = map[person.LostContactReason]string{
		person.LostMigrantWork:    "people.lost_reason.migrant_work",
		person.LostUnitRestructed: "people.lost_reason.unit_restructured",
		person.LostGraduate:       "people.lost_reason.graduate_unknown",
		person.LostChangedJob:     "people.lost_reason.changed_employer",
		person.LostAbroad:         "people.lost_reason.abroad",
		person.LostMoved:          "people.lost_reason.moved",
		person.LostOther:          "people.lost_reason.other",
	}
	stageKeys = map[person.PipelineStage]string{
		person.StageApplicant:    "people.stage.applicant",
		person.StageActivist:     "people.stage.activist",
		person.StageCandidate:    "people.stage.candidate",
		person.StageProbationary: "people.stage.probationary",
		person.StageFull:         "people.stage.full",
	}
	managementKeys = map[person.ManagementCategory]string{
		person.ManagedCentral:    "people.management.central",
		person.ManagedProvincial: "people.management.provincial",
		person.ManagedCity:       "people.management.city",
		person.ManagedCounty:     "people.management.county",
		person.ManagedOther:      "people.management.other",
	}
	gradeKeys = map[person.AssessmentGrade]string{
		person.GradeExcellent:   "people.grade.excellent",
		person.GradeCompetent:   "people.grade.competent",
		person.GradeBasic:       "people.grade.basic",
		person.GradeIncompetent: "people.grade.incompetent",
		person.GradeNone:        "people.grade.none",
	}
	rewardKindKeys = map[string]string{
		"reward":     "people.reward_kind.reward",
		"punishment": "people.reward_kind.punishment",
	}
	talentCategoryKeys = map[person.TalentCategory]string{
		person.TalentParty:        "people.talent_category.party_government",
		person.TalentManagement:   "people.talent_category.enterprise_mgmt",
		person.TalentProfessional: "people.talent_category.professional",
		person.TalentSkilled:      "people.talent_category.high_skill",
		person.TalentRural:        "people.talent_category.rural_practical",
		person.TalentSocialWork:   "people.talent_category.social_work",
	}
	availabilityKeys = map[person.Availability]string{
		person.Available:   "people.availability.available",
		person.PartTime:    "people.availability.part_time",
		person.Unavailable: "people.availability.unavailable",
	}
)

// PersonView is a person's dossier: the master record and every facet the
// person carries, codes in words.
type PersonView struct {
	Page
	D *person.Dossier
	// Org names the person's organisation; OrgURL links to it when the
	// principal may see it.
	Org    DetailItem
	Facts  PersonFacts
	Age    int
	Party  *PartyView
	Cadre  *CadreView
	Talent *TalentView
	// IDNumber is masked unless Revealed.
	IDNumber  string
	Revealed  bool
	CanReveal bool
	HasPhoto  bool
	// Secondments is the 挂职 section, nil when the principal may not
	// read secondments.
	Secondments *SecondmentsPanel
}

// PersonFacts are the coded fields of the master record in words.
type PersonFacts struct {
	Gender, Ethnicity, Health, Political string
	NativePlace, Birthplace              string
	FullTime, InService                  EducationText
}

// EducationText is an education line in words.
type EducationText struct {
	Level, Degree, School, Major, Text string
}

// PartyView is the party-member facet in words.
type PartyView struct {
	*person.PartyMember
	Branch      DetailItem
	CategoryKey string
	StandingKey string
	LostKey     string
	Pipeline    []StageRow
	Transfers   []TransferRow
}

// StageRow is one stage of the development pipeline.
type StageRow struct {
	person.PipelineStep
	Key string
}

// TransferRow is one transfer between branches, the branches named.
type TransferRow struct {
	person.Transfer
	From, To DetailItem
}

// CadreView is the cadre facet in words.
type CadreView struct {
	*person.Cadre
	ManagementKey string
	Posts         []PostRow
	Resume        []ResumeRow
	Rewards       []RewardRow
	Assessments   []AssessmentRow
	Family        []RelativeRow
}

// PostRow is a post with the state of its probation:
// Probation is "" (none or not current), "running", "ending" (within
// probationWarnDays) or "ended".
type PostRow struct {
	person.Post
	ProbationEnd   civil.Date
	Probation      string
	ProbationLabel string
}

// RewardRow is a reward or punishment.
type RewardRow struct {
	person.Reward
	KindKey string
}

// AssessmentRow is one year's assessment.
type AssessmentRow struct {
	person.Assessment
	GradeKey string
}

// RelativeRow is a family member, ages counted today.
type RelativeRow struct {
	person.Relative
	Age           int
	RelationText  string
	PoliticalText string
}

// TalentView is the talent facet in words.
type TalentView struct {
	*person.Talent
	CategoryKey     string
	AvailabilityKey string
}

// probationState says where a current post's probation stands on today.
func probationState(p person.Post, today civil.Date) (civil.Date, string) {
	end := p.ProbationEnds()
	if end.IsZero() || !p.Current || !p.ProbationConfirmed.IsZero() {
		return end, ""
	}
	switch {
	case end.Before(today):
		return end, "ended"
	case !end.After(today.AddDays(probationWarnDays)):
		return end, "ending"
	}
	return end, "running"
}

var probationLabels = map[string]string{
	"running": "people.probation.running",
	"ending":  "people.probation.ending",
	"ended":   "people.probation.ended",
}

// personView loads the dossier of the path's person and puts it in words.
func (s *Server) personView(w http.ResponseWriter, r *http.Request) (*PersonView, error) {
	ctx := r.Context()
	d, err := s.people.Get(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	secondments, err := s.secondmentPanel(ctx, d)
	if err != nil {
		return nil, err
	}
	pg := s.page(w, r, "people.dossier")
	pg.Subject = d.Person.Name
	names := map[string]string{}
	v := dossierView(d, civil.Today(shanghai), pg.Locale)
	v.Page, v.Secondments = pg, secondments
	v.CanReveal = access.From(ctx).Has(access.SensitiveReveal)
	org := func(id string) DetailItem {
		if id == "" {
			return DetailItem{}
		}
		return s.orgItem(r, "", id, names)
	}
	v.Org = org(d.Person.OrgID)
	if v.Party != nil {
		v.Party.Branch = org(d.Party.BranchID)
		for i := range v.Party.Transfers {
			tr := &v.Party.Transfers[i]
			tr.From, tr.To = org(tr.FromBranchID), org(tr.ToBranchID)
		}
	}
	return v, nil
}

// dossierView puts a dossier in the words of loc, ages and probations
// counted on today; it looks nothing up.
func dossierView(d *person.Dossier, today civil.Date, loc i18n.Locale) *PersonView {
	p := &d.Person
	label := func(table, code string) string { return codeLabel(table, code, loc) }
	v := &PersonView{D: d, Age: age(p.BirthDate, today), IDNumber: maskID(p.IDNumber), HasPhoto: len(d.Photo) > 0,
		Facts: PersonFacts{Gender: label(codes.Gender, p.Gender), Ethnicity: label(codes.Ethnicity, p.Ethnicity),
			Health: label(codes.Health, p.Health), Political: label(codes.PoliticalStatus, p.PoliticalStatus),
			NativePlace: placeLabel(p.NativePlace), Birthplace: placeLabel(p.Birthplace),
			FullTime: educationText(p.FullTime, loc), InService: educationText(p.InService, loc)}}
	if pm := d.Party; pm != nil {
		pv := &PartyView{PartyMember: pm, CategoryKey: partyCategoryKeys[pm.Category],
			StandingKey: standingKeys[pm.Standing]}
		if pm.LostContact != nil {
			pv.LostKey = lostReasonKeys[pm.LostContact.Reason]
		}
		for _, st := range pm.Pipeline {
			pv.Pipeline = append(pv.Pipeline, StageRow{PipelineStep: st, Key: stageKeys[st.Stage]})
		}
		for _, tr := range pm.Transfers {
			pv.Transfers = append(pv.Transfers, TransferRow{Transfer: tr, From: DetailItem{Value: tr.FromBranchID},
				To: DetailItem{Value: tr.ToBranchID}})
		}
		v.Party = pv
	}
	if c := d.Cadre; c != nil {
		cv := &CadreView{Cadre: c, ManagementKey: managementKeys[c.Management], Resume: resumeRows(c.Resume)}
		for _, p := range c.Posts {
			end, state := probationState(p, today)
			cv.Posts = append(cv.Posts, PostRow{Post: p, ProbationEnd: end,
				Probation: state, ProbationLabel: probationLabels[state]})
		}
		for _, rw := range c.Rewards {
			cv.Rewards = append(cv.Rewards, RewardRow{Reward: rw, KindKey: rewardKindKeys[rw.Kind]})
		}
		for _, a := range c.Assessments {
			cv.Assessments = append(cv.Assessments, AssessmentRow{Assessment: a, GradeKey: gradeKeys[a.Grade]})
		}
		for _, rel := range c.Family {
			row := RelativeRow{Relative: rel, RelationText: label(codes.Relation, rel.Relation),
				PoliticalText: label(codes.PoliticalStatus, rel.PoliticalStatus)}
			if !rel.Deceased {
				row.Age = age(rel.BirthDate, today)
			}
			cv.Family = append(cv.Family, row)
		}
		v.Cadre = cv
	}
	if t := d.Talent; t != nil {
		v.Talent = &TalentView{Talent: t, CategoryKey: talentCategoryKeys[t.Category],
			AvailabilityKey: availabilityKeys[t.Availability]}
	}
	return v
}

// maskID masks an ID number for display; a number the service already
// masked stays as it is.
func maskID(id string) string {
	if id == "" || strings.Contains(id, "*") {
		return id
	}
	return vault.Mask(id)
}

func educationText(e person.Education, loc i18n.Locale) EducationText {
	return EducationText{Level: codeLabel(codes.EducationLevel, e.Level, loc), Degree: codeLabel(codes.Degree, e.Degree, loc),
		School: e.School, Major: e.Major, Text: e.Text}
}

func (s *Server) personDetail(w http.ResponseWriter, r *http.Request) error {
	v, err := s.personView(w, r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, pagePerson, v)
}

// personRevealID shows the whole ID number on the dossier. Like the phone
// reveal of accounts it renders rather than redirects, so the number is in
// no URL or cookie; the service audits the reveal.
func (s *Server) personRevealID(w http.ResponseWriter, r *http.Request) error {
	v, err := s.personView(w, r)
	if err != nil {
		return err
	}
	id, err := s.people.RevealIDNumber(r.Context(), v.D.Person.ID)
	if err != nil {
		return err
	}
	v.IDNumber, v.Revealed = id, true
	return s.render(w, http.StatusOK, pagePerson, v)
}

// personPhoto serves the portrait. It is personal data: never cached, and
// sniffing is off so the bytes are only ever an image.
func (s *Server) personPhoto(w http.ResponseWriter, r *http.Request) error {
	d, err := s.people.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if len(d.Photo) == 0 {
		return fault.New(fault.NotFound, "error.not_found")
	}
	ctype := http.DetectContentType(d.Photo)
	if !strings.HasPrefix(ctype, "image/") {
		return fault.New(fault.NotFound, "error.not_found")
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Disposition", "inline")
	_, err = w.Write(d.Photo)
	return err
}
