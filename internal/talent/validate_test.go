package talent

import (
	"testing"

	"zugong/internal/civil"
	"zugong/internal/creditcode"
	"zugong/internal/fault"
)

var d = civil.MustParse

// wantFields checks that err is invalid input with key on field, or nil
// when field is empty.
func wantFields(t *testing.T, err error, field, key string) {
	t.Helper()
	if field == "" {
		if err != nil {
			t.Fatalf("got %v, want no error", err)
		}
		return
	}
	fe, ok := fault.As(err)
	if !ok || fe.Code != fault.Invalid {
		t.Fatalf("got %v, want invalid %s=%s", err, field, key)
	}
	if got := fe.Fields[field].Key; got != key {
		t.Fatalf("got %s=%q (all: %s), want %s=%s", field, got, fe.Fields, field, key)
	}
}

func validEngagement() Engagement {
	return Engagement{
		TalentID: "p1", ProjectID: "pr1", Form: PartTime,
		Factors: []Factor{{Kind: Capital, Amount: 200_000}, {Kind: Technology}},
		Start:   d("2026-03-01"), End: d("2026-12-31"), Status: Active,
	}
}

func TestEngagementValidate(t *testing.T) {
	leave := func(e *Engagement) { e.Form, e.PublicEmployee = LeavePost, true }
	approved := &Approval{Unit: "o1", Approver: "张明", Date: d("2026-02-20"), Document: "正人社〔2026〕3号"}
	tests := []struct {
		name   string
		change func(*Engagement)
		field  string
		key    string
	}{
		{"valid part-time with capital and technology", func(*Engagement) {}, "", ""},
		{"valid with an entity instead of a project", func(e *Engagement) { e.ProjectID, e.EntityID = "", "en1" }, "", ""},
		{"valid open-ended", func(e *Engagement) { e.End = civil.Date{} }, "", ""},
		{"valid ending on its first day", func(e *Engagement) { e.End = e.Start }, "", ""},
		{"valid leave of post by a public employee with approval", func(e *Engagement) { leave(e); e.Approval = approved }, "", ""},
		{"valid leave of post by someone who is not a public employee", func(e *Engagement) { e.Form = LeavePost }, "", ""},
		{"valid equity", func(e *Engagement) { e.Form = Equity }, "", ""},
		{"refused: end before start", func(e *Engagement) { e.End = d("2026-02-28") }, "end", "talent.end_before_start"},
		{"refused: no start", func(e *Engagement) { e.Start = civil.Date{} }, "start", "field.required"},
		{"refused: leave of post by a public employee without approval", leave, "approval", "talent.engagement.approval_required"},
		{"refused: approval without an approver", func(e *Engagement) {
			leave(e)
			e.Approval = &Approval{Date: d("2026-02-20")}
		}, "approval.approver", "field.required"},
		{"refused: approval without a date", func(e *Engagement) {
			leave(e)
			e.Approval = &Approval{Approver: "张明"}
		}, "approval.date", "field.required"},
		{"refused: approval given after the leave began", func(e *Engagement) {
			leave(e)
			e.Approval = &Approval{Approver: "张明", Date: d("2026-03-02")}
		}, "approval.date", "talent.engagement.approval_after_start"},
		{"refused: capital without an amount", func(e *Engagement) { e.Factors[0].Amount = 0 }, "factors.0.amount", "talent.factor.amount_required"},
		{"refused: capital with a negative amount", func(e *Engagement) { e.Factors[0].Amount = -5 }, "factors.0.amount", "talent.factor.amount_required"},
		{"refused: an amount on technology", func(e *Engagement) { e.Factors[1].Amount = 10 }, "factors.1.amount", "talent.factor.amount_capital_only"},
		{"refused: the same factor twice", func(e *Engagement) { e.Factors[1] = Factor{Kind: Capital, Amount: 1} }, "factors.1.kind", "talent.factor.duplicate"},
		{"refused: an unknown factor", func(e *Engagement) { e.Factors[1].Kind = "land" }, "factors.1.kind", "field.invalid_choice"},
		{"refused: no factor", func(e *Engagement) { e.Factors = nil }, "factors", "talent.factors_required"},
		{"refused: neither project nor entity", func(e *Engagement) { e.ProjectID = "" }, "project_id", "talent.engagement.target_required"},
		{"refused: both project and entity", func(e *Engagement) { e.EntityID = "en1" }, "project_id", "talent.engagement.target_both"},
		{"refused: no talent", func(e *Engagement) { e.TalentID = " " }, "talent_id", "field.required"},
		{"refused: unknown form", func(e *Engagement) { e.Form = "loan" }, "form", "field.invalid_choice"},
		{"refused: unknown status", func(e *Engagement) { e.Status = "paused" }, "status", "field.invalid_choice"},
		{"refused: ended without an end", func(e *Engagement) { e.Status, e.End = Ended, civil.Date{} }, "end", "talent.engagement.end_required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := validEngagement()
			tc.change(&e)
			wantFields(t, e.Validate(), tc.field, tc.key)
		})
	}
}

func validEntity() Entity {
	return Entity{
		OrgID: "o1", Name: "正阳县绿源花生专业合作社", Type: Company, CreditCode: "914403001922038216",
		RegisteredCapital: 1_000_000, Founded: d("2026-04-01"), Jobs: 12, Founders: []string{"p1", "p2"},
	}
}

// validCode completes the first 16 characters of a credit code with both
// check characters.
func validCode(head string) string {
	withOrg := head + string(creditcode.OrgCheckChar(head[8:]))
	return withOrg + string(creditcode.CheckChar(withOrg))
}

func TestEntityValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Entity)
		field  string
		key    string
	}{
		{"valid company", func(*Entity) {}, "", ""},
		{"valid individual business without capital", func(e *Entity) {
			e.Type, e.CreditCode, e.RegisteredCapital = IndividualBusiness, validCode("92411724MA9K0001"), 0
		}, "", ""},
		{"valid family farm registered as an enterprise", func(e *Entity) { e.Type = FamilyFarm }, "", ""},
		{"refused: wrong check character", func(e *Entity) { e.CreditCode = "914403001922038217" }, "credit_code", "talent.credit_code.check"},
		{"refused: wrong organisation check character", func(e *Entity) { e.CreditCode = "914403001922038226" }, "credit_code", "talent.credit_code.check"},
		{"refused: code too short", func(e *Entity) { e.CreditCode = "91440300192203821" }, "credit_code", "talent.credit_code.length"},
		{"refused: forbidden letter", func(e *Entity) { e.CreditCode = "91440300I92203821X" }, "credit_code", "talent.credit_code.chars"},
		{"refused: unknown registration authority", func(e *Entity) { e.CreditCode = "B14403001922038216" }, "credit_code", "talent.credit_code.registration"},
		{"refused: division outside every province", func(e *Entity) { e.CreditCode = "919903001922038216" }, "credit_code", "talent.credit_code.division"},
		{"refused: a company's code on a cooperative", func(e *Entity) { e.Type = Cooperative }, "credit_code", "talent.entity.credit_code_type"},
		{"refused: no name", func(e *Entity) { e.Name = "" }, "name", "field.required"},
		{"refused: unknown type", func(e *Entity) { e.Type = "trust" }, "type", "field.invalid_choice"},
		{"refused: negative capital", func(e *Entity) { e.RegisteredCapital = -1 }, "registered_capital", "talent.not_negative"},
		{"refused: negative jobs", func(e *Entity) { e.Jobs = -1 }, "jobs", "talent.not_negative"},
		{"refused: no founding date", func(e *Entity) { e.Founded = civil.Date{} }, "founded", "field.required"},
		{"refused: no founding talent", func(e *Entity) { e.Founders = nil }, "founders", "talent.entity.founders_required"},
		{"refused: a founder named twice", func(e *Entity) { e.Founders = []string{"p1", "p1"} }, "founders", "talent.entity.founder_duplicate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := validEntity()
			tc.change(&e)
			wantFields(t, e.Validate(), tc.field, tc.key)
		})
	}
}

func TestServiceValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Service)
		field  string
		key    string
	}{
		{"valid", func(*Service) {}, "", ""},
		{"refused: no beneficiaries", func(s *Service) { s.Beneficiaries = 0 }, "beneficiaries", "talent.service.beneficiaries_positive"},
		{"refused: negative beneficiaries", func(s *Service) { s.Beneficiaries = -3 }, "beneficiaries", "talent.service.beneficiaries_positive"},
		{"refused: no evidence", func(s *Service) { s.Evidence = "  " }, "evidence", "talent.service.evidence_required"},
		{"refused: no date", func(s *Service) { s.Date = civil.Date{} }, "date", "field.required"},
		{"refused: unknown kind", func(s *Service) { s.Kind = "party" }, "kind", "field.invalid_choice"},
		{"refused: no talent", func(s *Service) { s.TalentID = "" }, "talent_id", "field.required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Service{TalentID: "p1", Date: d("2026-05-12"), Kind: TechnicalGuidance, Beneficiaries: 45, Evidence: "签到表 2026-05-12"}
			tc.change(&s)
			wantFields(t, s.Validate(), tc.field, tc.key)
		})
	}
}
