package store_test

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
	"zugong/internal/vault"
)

// idNumber makes a valid ID number of a place, birth date (YYYYMMDD) and
// three-digit sequence.
func idNumber(place, birth, seq string) string {
	first := place + birth + seq
	return first + string(person.IDCheckChar(first))
}

func date(s string) civil.Date { return civil.MustParse(s) }

// xSeq returns a sequence that gives an ID number of the birth date whose
// check character is X, so that spelling it x is a different text.
func xSeq(birth string) string {
	for n := 0; n < 1000; n++ {
		seq := fmt.Sprintf("%03d", n)
		if person.IDCheckChar("411724"+birth+seq) == 'X' {
			return seq
		}
	}
	panic("no sequence gives X")
}

// fullDossier is a cadre who is also a party member and a talent, with
// every list filled, a deceased father, a photo and LRMX extras.
func fullDossier(orgID, branchID string) person.Dossier {
	return person.Dossier{
		Person: person.Person{
			OrgID: orgID, Name: "张三", Gender: "1", BirthDate: date("1978-03-05"), Ethnicity: "01",
			NativePlace: person.Place{Code: "411724", Text: "河南正阳"}, Birthplace: person.Place{Code: "411702", Text: "河南驻马店"},
			IDNumber: idNumber("411724", "19780305", "031"), Health: "1", PoliticalStatus: "01",
			PartyJoinDate: date("2001-07-01"), WorkStartDate: date("1999-08-01"),
			FullTime:          person.Education{Level: "21", Degree: "4", School: "郑州大学", Major: "汉语言文学", Text: "大学本科（文学学士）"},
			InService:         person.Education{Level: "14", Degree: "3", School: "中共河南省委党校", Major: "经济管理", Text: "在职研究生"},
			ProfessionalTitle: "经济师", Specialties: "农村工作", Phone: "13812345678", Address: "正阳县真阳镇人民路1号",
		},
		Party: &person.PartyMember{
			BranchID: branchID, Category: person.FullMember, JoinDate: date("2001-07-01"), FullDate: date("2002-07-01"),
			Standing: person.StandingNormal, PartyPost: "支部委员",
			LostContact: &person.LostContact{Reason: person.LostMigrantWork, Since: date("2024-01-01")},
			Floating:    &person.Floating{Destination: "广东省深圳市", Since: date("2023-05-01")},
			Pipeline: []person.PipelineStep{
				{Stage: person.StageApplicant, Date: date("1999-10-01")},
				{Stage: person.StageProbationary, Date: date("2001-07-01"), Introducers: []string{"李四", "王五"}},
			},
			Transfers: []person.Transfer{{FromBranchID: "old-branch", ToBranchID: branchID, Date: date("2010-03-01"), Note: "工作调动"}},
		},
		Cadre: &person.Cadre{
			Management: person.ManagedCounty,
			Posts: []person.Post{
				{UnitID: orgID, UnitName: "真阳镇", Title: "党委副书记", Rank: "0122", Leading: true,
					Appointed:       person.Decision{Organ: "中共正阳县委", Date: date("2021-09-01"), DocumentNo: "正组〔2021〕12号"},
					ProbationMonths: 12, Current: true,
					ProbationConfirmed: date("2022-09-10")},
				{UnitName: "真阳镇", Title: "副镇长", Rank: "0132",
					Appointed: person.Decision{Organ: "正阳县人民政府", Date: date("2016-05-01"), DocumentNo: "正政〔2016〕3号"},
					Removed:   person.Decision{Organ: "正阳县人民政府", Date: date("2021-09-01"), DocumentNo: "正政〔2021〕8号"}},
			},
			Resume: []person.ResumeLine{
				{From: date("1995-09-01"), To: date("1999-07-01"), Text: "郑州大学汉语言文学专业学习", FullTime: true},
				{From: date("1999-08-01"), To: date("2016-05-01"), Text: "正阳县真阳镇干部"},
				{From: date("2016-05-01"), Text: "正阳县真阳镇副镇长、党委副书记", InService: true},
			},
			Rewards:     []person.Reward{{Date: date("2019-12-01"), Kind: "reward", Name: "嘉奖", Organ: "正阳县人民政府", DocumentNo: "正政〔2019〕40号"}},
			Assessments: []person.Assessment{{Year: 2023, Grade: person.GradeExcellent}, {Year: 2024, Grade: person.GradeCompetent}},
			Family: []person.Relative{
				{Relation: "妻子", Name: "赵六", BirthDate: date("1980-02-02"), PoliticalStatus: "13", WorkAndPost: "正阳县第一中学教师"},
				{Relation: "父亲", Name: "张大", BirthDate: date("1950-01-01"), PoliticalStatus: "13", WorkAndPost: "已故", Deceased: true},
			},
			CurrentPostText: "真阳镇党委副书记",
			Proposal: person.Proposal{Appoint: "真阳镇党委书记", Remove: "真阳镇党委副书记", Reason: "工作需要",
				ReportingUnit: "中共正阳县委组织部", AgeReckonedOn: date("2026-01-01"), FilledBy: "王七", FilledOn: date("2026-01-10")},
		},
		Talent: &person.Talent{
			Category: person.TalentParty, Titles: []string{"经济师", "高级农技师"},
			Skills:      []person.Skill{{Name: "农业技术推广", Level: 4}, {Name: "电子商务", Level: 2}},
			Specialties: "乡村振兴", Availability: person.PartTime,
		},
		Photo:  []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 1, 2, 3, 0, 0xFF, 0xD9},
		Extras: `{"bom":true,"crlf":true,"unknown":["<DaoLingNianYue>200001</DaoLingNianYue>"]}`,
	}
}

// simple is a person with only the master record.
func simple(orgID, name, birth, seq string) person.Dossier {
	gender := "2"
	if (seq[2]-'0')%2 == 1 {
		gender = "1"
	}
	return person.Dossier{Person: person.Person{OrgID: orgID, Name: name, Gender: gender,
		BirthDate: date(birth[:4] + "-" + birth[4:6] + "-" + birth[6:]), IDNumber: idNumber("411724", birth, seq)}}
}

func principal(role access.Role, o *org.Org) context.Context {
	p := &access.Principal{UserID: "u-" + string(role), Login: string(role) + "@" + o.Name,
		Grants: []access.Grant{{Role: role, ScopeOrgID: o.ID, ScopePath: o.Path, JurisdictionID: o.JurisdictionID}}}
	return access.With(context.Background(), p)
}

func events(t *testing.T, db *store.DB, action string) []audit.Event {
	t.Helper()
	var out []audit.Event
	err := db.ExportAudit(context.Background(), store.AuditFilter{Action: action}, func(e audit.Event) error {
		out = append(out, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func count(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func wantFields(t *testing.T, what string, err error, want map[string]string) {
	t.Helper()
	e, ok := fault.As(err)
	if !ok || e.Code != fault.Invalid {
		t.Fatalf("%s: got %v, want invalid fields %v", what, err, want)
	}
	for field, key := range want {
		if got := e.Fields[field].Key; got != key {
			t.Errorf("%s: field %s has %q, want %q (all: %s)", what, field, got, key, e.Fields)
		}
	}
}

func TestPersonRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		s := db.People()
		in := fullDossier(tr.townA.ID, tr.branchA.ID)
		saved, err := s.Save(ctx, &in)
		if err != nil {
			t.Fatal(err)
		}
		if !store.ValidID(saved.Person.ID) || saved.Person.Version != 1 || saved.Person.JurisdictionID != tr.county.ID {
			t.Fatalf("saved person: id %q version %d jurisdiction %q", saved.Person.ID, saved.Person.Version, saved.Person.JurisdictionID)
		}
		got, err := s.Get(ctx, saved.Person.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := in.Person
		want.JurisdictionID, want.ID, want.Version = tr.county.ID, saved.Person.ID, 1
		want.CreatedAt, want.UpdatedAt = saved.Person.CreatedAt, saved.Person.UpdatedAt
		want.IDNumber, want.Phone = vault.Mask(in.Person.IDNumber), vault.Mask(in.Person.Phone)
		if want.IDNumber == in.Person.IDNumber || !strings.Contains(want.IDNumber, "*") {
			t.Fatalf("mask of %s is %s", in.Person.IDNumber, want.IDNumber)
		}
		gp, wp := reflect.ValueOf(got.Person), reflect.ValueOf(want)
		for i := 0; i < gp.NumField(); i++ {
			if !reflect.DeepEqual(gp.Field(i).Interface(), wp.Field(i).Interface()) {
				t.Errorf("Person.%s: got %+v, want %+v", gp.Type().Field(i).Name, gp.Field(i).Interface(), wp.Field(i).Interface())
			}
		}
		compareFields(t, "Party", *got.Party, *in.Party)
		compareFields(t, "Cadre", *got.Cadre, *in.Cadre)
		compareFields(t, "Talent", *got.Talent, *in.Talent)
		if !got.Cadre.Family[1].Deceased || got.Cadre.Family[0].Deceased {
			t.Errorf("family deceased flags: %+v", got.Cadre.Family)
		}
		if !bytes.Equal(got.Photo, in.Photo) {
			t.Errorf("photo: got %x, want %x", got.Photo, in.Photo)
		}
		if got.Extras != in.Extras {
			t.Errorf("extras: got %q, want %q", got.Extras, in.Extras)
		}

		// Saving what Get returned (masked numbers and all) changes nothing.
		again, err := s.Save(ctx, got)
		if err != nil {
			t.Fatal(err)
		}
		if again.Person.Version != 1 {
			t.Fatalf("save of an unchanged dossier: version %d, want 1", again.Person.Version)
		}
		if n := len(events(t, db, "person.update")); n != 0 {
			t.Fatalf("unchanged save wrote %d update events, want 0", n)
		}

		// An update drops a facet and replaces the lists.
		got.Talent = nil
		got.Cadre.Resume = got.Cadre.Resume[:1]
		got.Photo = nil
		got.Person.Name = "张三丰"
		updated, err := s.Save(ctx, got)
		if err != nil {
			t.Fatal(err)
		}
		if updated.Person.Version != 2 {
			t.Fatalf("version after update %d, want 2", updated.Person.Version)
		}
		after, err := s.Get(ctx, saved.Person.ID)
		if err != nil {
			t.Fatal(err)
		}
		if after.Talent != nil || len(after.Cadre.Resume) != 1 || after.Photo != nil || after.Person.Name != "张三丰" {
			t.Fatalf("after update: talent %v, resume %d lines, photo %x, name %s", after.Talent, len(after.Cadre.Resume), after.Photo, after.Person.Name)
		}
		if after.Person.IDNumber != vault.Mask(in.Person.IDNumber) {
			t.Fatalf("masked ID after a save of the masked value: %s", after.Person.IDNumber)
		}
		if id, err := s.RevealIDNumber(ctx, saved.Person.ID); err != nil || id != in.Person.IDNumber {
			t.Fatalf("the masked ID number replaced the stored one: reveal %q, %v", id, err)
		}
		for _, table := range []string{"talents", "talent_skills", "person_photos"} {
			if n := count(t, db, table); n != 0 {
				t.Errorf("%s holds %d rows after the facet was dropped", table, n)
			}
		}
		ev := events(t, db, "person.update")
		if len(ev) != 1 || ev[0].TargetKind != "people" || ev[0].TargetID != saved.Person.ID || ev[0].JurisdictionID != tr.county.ID {
			t.Fatalf("update events: %+v", ev)
		}

		stale := *after
		stale.Person.Version = 1
		stale.Person.Name = "张三"
		_, err = s.Save(ctx, &stale)
		wantFault(t, "save of a stale version", err, fault.Conflict, "error.conflict")
	})
}

// compareFields compares two structs field by field.
func compareFields(t *testing.T, what string, got, want any) {
	t.Helper()
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := 0; i < g.NumField(); i++ {
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			t.Errorf("%s.%s: got %+v, want %+v", what, g.Type().Field(i).Name, g.Field(i).Interface(), w.Field(i).Interface())
		}
	}
}

func TestPersonSecretsAtRest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		s := db.People()
		in := fullDossier(tr.villageA.ID, tr.branchA.ID)
		saved, err := s.Save(ctx, &in)
		if err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"people", "person_identities", "audit_events"} {
			rows, err := db.Query(context.Background(), `SELECT * FROM `+table)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			n := 0
			for rows.Next() {
				n++
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				for i, v := range vals {
					text := fmt.Sprintf("%s", v)
					for _, secret := range []string{in.Person.IDNumber, in.Person.IDNumber[:17], in.Person.Phone} {
						if strings.Contains(text, secret) {
							t.Errorf("%s.%s holds %q in clear", table, cols[i], secret)
						}
					}
				}
			}
			rows.Close()
			if n == 0 {
				t.Fatalf("%s is empty", table)
			}
		}
		var sealed string
		if err := db.QueryRow(context.Background(), `SELECT id_number_sealed FROM people WHERE id = ?`, saved.Person.ID).Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		if b, err := db.Vault().Open(sealed, []byte("people.id_number")); err != nil || string(b) != in.Person.IDNumber {
			t.Fatalf("sealed ID number opens to %q, %v", b, err)
		}

		// Reveal needs SensitiveReveal over the person and is audited.
		organiser := principal(access.TownshipOrganiser, tr.townA)
		got, err := s.RevealIDNumber(organiser, saved.Person.ID)
		if err != nil || got != in.Person.IDNumber {
			t.Fatalf("reveal: %q, %v", got, err)
		}
		ev := events(t, db, "sensitive.reveal")
		if len(ev) != 1 || ev[0].TargetKind != "people" || ev[0].TargetID != saved.Person.ID ||
			ev[0].ActorLogin != "township_organiser@真阳镇" || ev[0].JurisdictionID != tr.county.ID {
			t.Fatalf("reveal events: %+v", ev)
		}
		_, err = s.RevealIDNumber(principal(access.BranchSecretary, tr.townA), saved.Person.ID)
		wantFault(t, "reveal by a branch secretary", err, fault.Forbidden, "")
		_, err = s.RevealIDNumber(principal(access.TownshipOrganiser, tr.townB), saved.Person.ID)
		wantFault(t, "reveal by another township", err, fault.NotFound, "")
		if n := len(events(t, db, "sensitive.reveal")); n != 1 {
			t.Fatalf("refused reveals were recorded as reveals: %d events", n)
		}
	})
}

// twoCounties adds a second county, a jurisdiction of its own, to the tree.
func twoCounties(t *testing.T, db *store.DB, ctx context.Context) *org.Org {
	return establish(t, ctx, db.Orgs(), "", "确山县", org.County)
}

func TestIDNumberIsRegisteredOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		other := twoCounties(t, db, ctx)
		s := db.People()
		a := simple(tr.townA.ID, "王芳", "19850612", xSeq("19850612"))
		if _, err := s.Save(ctx, &a); err != nil {
			t.Fatal(err)
		}
		b := simple(other.ID, "王芳", "19850612", xSeq("19850612"))
		_, err := s.Save(ctx, &b)
		wantFault(t, "the same ID number in another county", err, fault.Conflict, "error.person.id_number_taken")
		b.Person.IDNumber = strings.ToLower(b.Person.IDNumber)
		_, err = s.Save(ctx, &b)
		wantFault(t, "the same ID number in another county, spelled otherwise", err, fault.Conflict, "")

		staffB := principal(access.CountyStaff, other)
		_, err = s.Save(staffB, &b)
		wantFault(t, "the same ID number saved by the other county's staff", err, fault.Conflict, "error.person.id_number_taken")
		_, err = s.Import(staffB, other.ID, []person.Dossier{simple(other.ID, "刘洋", "19900101", "123"), b})
		wantFields(t, "import of a number registered in another county", err, map[string]string{"rows.1.id_number": "error.person.id_number_taken"})
		_, err = s.Import(ctx, other.ID, []person.Dossier{b})
		wantFields(t, "import that would move a person to another county", err, map[string]string{"rows.0.org_id": "error.person.cross_jurisdiction"})
		if n := count(t, db, "people"); n != 1 {
			t.Fatalf("people after refused writes: %d, want 1", n)
		}

		// A person cannot be moved to another county by an edit.
		page, err := s.List(ctx, person.Filter{})
		if err != nil || page.Total != 1 {
			t.Fatalf("list: %+v, %v", page, err)
		}
		d, err := s.Get(ctx, page.Items[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		d.Person.OrgID = other.ID
		_, err = s.Save(ctx, d)
		wantFault(t, "move to another county", err, fault.Conflict, "error.person.cross_jurisdiction")

		// Correcting the number frees the old one and registers the new.
		var seq int
		fmt.Sscan(xSeq("19850612"), &seq)
		corrected := idNumber("411724", "19850612", fmt.Sprintf("%03d", (seq+2)%1000))
		d.Person.OrgID, d.Person.IDNumber = tr.townA.ID, corrected
		if _, err := s.Save(ctx, d); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Save(staffB, &b); err != nil {
			t.Fatalf("the freed number in the other county: %v", err)
		}
		if n := count(t, db, "person_identities"); n != 2 {
			t.Fatalf("identities: %d, want 2", n)
		}
		page, err = s.List(ctx, person.Filter{Query: corrected})
		if err != nil || page.Total != 1 || page.Items[0].JurisdictionID != tr.county.ID {
			t.Fatalf("find by the corrected number: %+v, %v", page, err)
		}
		page, err = s.List(ctx, person.Filter{Query: a.Person.IDNumber})
		if err != nil || page.Total != 1 || page.Items[0].JurisdictionID != other.ID {
			t.Fatalf("find by the old number: %+v, %v", page, err)
		}
	})
}

func TestImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		s := db.People()
		full := fullDossier(tr.villageA.ID, tr.branchA.ID)
		batch := []person.Dossier{
			simple("", "赵一", "19700101", "011"),
			simple("", "钱二", "19710202", xSeq("19710202")),
			full,
		}
		bad := append([]person.Dossier(nil), batch...)
		bad[1].Person.IDNumber = bad[1].Person.IDNumber[:17] + "0"
		if bad[1].Person.IDNumber == batch[1].Person.IDNumber {
			bad[1].Person.IDNumber = bad[1].Person.IDNumber[:17] + "1"
		}
		bad[0].Person.Name = ""
		_, err := s.Import(ctx, tr.townA.ID, bad)
		wantFields(t, "import with invalid dossiers", err, map[string]string{
			"rows.0.name": "field.required", "rows.1.id_number": "field.person.id_number.check"})
		for _, table := range []string{"people", "person_identities", "cadre_posts", "person_photos"} {
			if n := count(t, db, table); n != 0 {
				t.Fatalf("%s holds %d rows after a refused import", table, n)
			}
		}
		if n := len(events(t, db, "person.import")); n != 0 {
			t.Fatalf("a refused import was audited as done: %d events", n)
		}

		twice := append([]person.Dossier(nil), batch...)
		twice = append(twice, simple("", "孙三", "19700101", "011"))
		_, err = s.Import(ctx, tr.townA.ID, twice)
		wantFields(t, "import with one number twice", err, map[string]string{"rows.3.id_number": "error.person.id_number_repeated"})

		res, err := s.Import(ctx, tr.townA.ID, batch)
		if err != nil {
			t.Fatal(err)
		}
		if *res != (person.ImportResult{Created: 3}) {
			t.Fatalf("first import: %+v, want 3 created", *res)
		}
		page, err := s.List(ctx, person.Filter{Sort: "birth_date"})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 3 || page.Items[0].Name != "赵一" || page.Items[0].OrgID != tr.townA.ID || page.Items[2].OrgID != tr.villageA.ID {
			t.Fatalf("after import: %+v", page)
		}

		res, err = s.Import(ctx, tr.townA.ID, batch)
		if err != nil || *res != (person.ImportResult{Unchanged: 3}) {
			t.Fatalf("identical re-import: %+v, %v; want 3 unchanged", res, err)
		}
		changed := append([]person.Dossier(nil), batch...)
		changed[1].Person.Name = "钱二丫"
		changed[1].Person.IDNumber = strings.ToLower(changed[1].Person.IDNumber)
		// A file without the cadre facet leaves the stored one alone: an
		// import never erases what its file does not carry.
		changed[2].Cadre = nil
		changed[2].Person.Specialties = "农机"
		res, err = s.Import(ctx, tr.townA.ID, changed)
		if err != nil || *res != (person.ImportResult{Updated: 2, Unchanged: 1}) {
			t.Fatalf("re-import with changes: %+v, %v; want 2 updated, 1 unchanged", res, err)
		}
		if n := count(t, db, "people"); n != 3 {
			t.Fatalf("people after re-import: %d, want 3", n)
		}
		if n := count(t, db, "person_identities"); n != 3 {
			t.Fatalf("identities after re-import: %d, want 3", n)
		}
		if n := count(t, db, "cadre_posts"); n == 0 {
			t.Fatal("a re-import without the cadre facet erased the stored cadre posts")
		}
		page, err = s.List(ctx, person.Filter{Query: "钱"})
		if err != nil || page.Total != 1 || page.Items[0].Name != "钱二丫" {
			t.Fatalf("updated person: %+v, %v", page, err)
		}
		d, err := s.Get(ctx, page.Items[0].ID)
		if err != nil || d.Person.Version != 2 {
			t.Fatalf("updated person: %+v, %v; want version 2", d, err)
		}
		ev := events(t, db, "person.import")
		if len(ev) != 3 || ev[2].JurisdictionID != tr.county.ID || !strings.Contains(ev[2].Detail, `"updated":2`) {
			t.Fatalf("import events: %+v", ev)
		}

		// A dossier naming an organisation out of scope fails the import.
		organiser := principal(access.TownshipOrganiser, tr.townA)
		other := simple(tr.villageB.ID, "周四", "19800101", "033")
		_, err = s.Import(organiser, tr.townA.ID, []person.Dossier{other})
		wantFields(t, "import into another township", err, map[string]string{"rows.0.org_id": "error.not_found"})
		_, err = s.Import(organiser, tr.townB.ID, []person.Dossier{simple("", "吴五", "19800101", "055")})
		wantFault(t, "import under another township", err, fault.NotFound, "")
	})
}

// hanDigits writes n with 甲 to 癸 for 0 to 9: a name is made of letters.
func hanDigits(n int) string {
	var b strings.Builder
	for _, c := range fmt.Sprint(n) {
		b.WriteRune([]rune("甲乙丙丁戊己庚辛壬癸")[c-'0'])
	}
	return b.String()
}

// TestImportBatches writes more dossiers than one batch, with more facet
// rows than one statement takes, then re-imports them unchanged.
func TestImportBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		s := db.People()
		const n = 1203
		ds := make([]person.Dossier, n)
		for i := range ds {
			ds[i] = simple("", "李"+hanDigits(i), fmt.Sprintf("19%02d0101", 50+i%40), fmt.Sprintf("%03d", i%1000))
			ds[i].Person.IDNumber = idNumber(fmt.Sprintf("4117%02d", i/1000), fmt.Sprintf("19%02d0101", 50+i%40), fmt.Sprintf("%03d", i%1000))
			c := &person.Cadre{}
			for k := 0; k < 12; k++ {
				c.Resume = append(c.Resume, person.ResumeLine{From: date(fmt.Sprintf("%d-01-01", 1990+k)), Text: fmt.Sprintf("第%d段", k)})
			}
			ds[i].Cadre = c
		}
		res, err := s.Import(ctx, tr.townA.ID, ds)
		if err != nil || res.Created != n {
			t.Fatalf("import: %+v, %v", res, err)
		}
		if got := count(t, db, "resume_lines"); got != n*12 {
			t.Fatalf("resume lines: %d, want %d", got, n*12)
		}
		res, err = s.Import(ctx, tr.townA.ID, ds)
		if err != nil || res.Unchanged != n || res.Created+res.Updated != 0 {
			t.Fatalf("re-import: %+v, %v", res, err)
		}
		ds[n-1].Cadre.Resume[11].Text = "改"
		res, err = s.Import(ctx, tr.townA.ID, ds)
		if err != nil || res.Updated != 1 || res.Unchanged != n-1 {
			t.Fatalf("re-import with one change: %+v, %v", res, err)
		}
		if got := count(t, db, "resume_lines"); got != n*12 {
			t.Fatalf("resume lines after update: %d, want %d", got, n*12)
		}
	})
}

// TestImportFailingWriteWritesNothing makes the last batch of an import
// fail in the database, after the batches before it were written (by COPY
// on PostgreSQL): the import must leave nothing behind.
func TestImportFailingWriteWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		const n = 1001
		ds := make([]person.Dossier, n)
		for i := range ds {
			birth := fmt.Sprintf("19%02d0101", 50+i%40)
			ds[i] = simple("", "王"+hanDigits(i), birth, fmt.Sprintf("%03d", i%1000))
			ds[i].Person.IDNumber = idNumber(fmt.Sprintf("4117%02d", i/1000), birth, fmt.Sprintf("%03d", i%1000))
			ds[i].Party = &person.PartyMember{BranchID: tr.branchA.ID, Category: person.FullMember,
				JoinDate: date("1990-07-01"), FullDate: date("1991-07-01"), Standing: person.StandingNormal}
		}
		// The register holds the last number for a person the people table
		// does not know, so the import's look-up misses it and only writing
		// the register's row fails.
		last := vault.MACHex(storetest.Vault(t), vault.LookupHash, []byte(ds[n-1].Person.IDNumber))
		if _, err := db.RawExec(ctx, `INSERT INTO person_identities (id_number_hash, jurisdiction_id, person_id) VALUES (?, ?, ?)`,
			last, tr.county.ID, "someone-else"); err != nil {
			t.Fatal(err)
		}
		_, err := db.People().Import(ctx, tr.townA.ID, ds)
		wantFault(t, "import whose last batch cannot be written", err, fault.Conflict, "error.conflict")
		want := map[string]int{"people": 0, "party_members": 0, "person_identities": 1}
		for table, n := range want {
			if got := count(t, db, table); got != n {
				t.Fatalf("%s after a failed import: got %d rows, want %d", table, got, n)
			}
		}
	})
}

func TestPeopleSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		s := db.People()
		zhang := fullDossier(tr.villageA.ID, tr.branchA.ID) // 张三, born 1978-03-05, party member, cadre, talent
		ds := []person.Dossier{
			zhang,
			simple(tr.townA.ID, "张珊", "19900101", "122"),
			simple(tr.townB.ID, "赵四", "20000229", "015"),
			simple(tr.villageB.ID, "欧阳娜娜", "19660710", "048"),
			simple(tr.townB.ID, "李·明", "19881111", "077"),
		}
		ds[1].Person.FullTime.Level = "31"
		ds[1].Party = &person.PartyMember{Category: person.ProbationaryMember, JoinDate: date("2025-07-01")}
		if _, err := s.Import(ctx, tr.county.ID, ds); err != nil {
			t.Fatal(err)
		}
		names := func(f person.Filter) []string {
			t.Helper()
			f.AgeOn = date("2026-02-28")
			page, err := s.List(ctx, f)
			if err != nil {
				t.Fatalf("list %+v: %v", f, err)
			}
			var out []string
			for _, it := range page.Items {
				out = append(out, it.Name)
			}
			if page.Total != len(out) && f.Limit == 0 {
				t.Fatalf("list %+v: total %d, items %d", f, page.Total, len(out))
			}
			return out
		}
		zid := zhang.Person.IDNumber
		tests := []struct {
			name   string
			filter person.Filter
			want   []string
		}{
			{"everyone by initials", person.Filter{}, []string{"李·明", "欧阳娜娜", "张三", "张珊", "赵四"}},
			{"name", person.Filter{Query: "张三"}, []string{"张三"}},
			{"surname", person.Filter{Query: "张"}, []string{"张三", "张珊"}},
			{"initials", person.Filter{Query: "zs"}, []string{"张三", "张珊", "赵四"}},
			{"initials upper-case", person.Filter{Query: "OYN"}, []string{"欧阳娜娜"}},
			{"initials of a dotted name", person.Filter{Query: "lm"}, []string{"李·明"}},
			{"whole ID", person.Filter{Query: zid}, []string{"张三"}},
			{"last 4", person.Filter{Query: zid[14:]}, []string{"张三"}},
			{"last 6", person.Filter{Query: zid[12:]}, []string{"张三"}},
			{"last 4 of nobody", person.Filter{Query: "0000"}, nil},
			{"party members", person.Filter{Facet: person.FacetPartyMember}, []string{"张三", "张珊"}},
			{"cadres", person.Filter{Facet: person.FacetCadre}, []string{"张三"}},
			{"talents", person.Filter{Facet: person.FacetTalent}, []string{"张三"}},
			// On 2026-02-28 赵四, born 2000-02-29, is still 25.
			{"aged 26 to 37", person.Filter{MinAge: 26, MaxAge: 37}, []string{"李·明", "张珊"}},
			{"aged 25 at most", person.Filter{MaxAge: 25}, []string{"赵四"}},
			{"aged 26 or more", person.Filter{MinAge: 26}, []string{"李·明", "欧阳娜娜", "张三", "张珊"}},
			{"aged 47 exactly", person.Filter{MinAge: 47, MaxAge: 47}, []string{"张三"}},
			{"rank", person.Filter{Rank: "0122"}, []string{"张三"}},
			{"education level", person.Filter{Level: "14"}, []string{"张三"}},
			{"education group", person.Filter{Level: "30"}, []string{"张珊"}},
			{"under township B", person.Filter{Under: tr.townB.ID}, []string{"李·明", "欧阳娜娜", "赵四"}},
			{"by birth date", person.Filter{Sort: "birth_date"}, []string{"欧阳娜娜", "张三", "李·明", "张珊", "赵四"}},
			{"by birth date, newest first", person.Filter{Sort: "birth_date", Desc: true}, []string{"赵四", "张珊", "李·明", "张三", "欧阳娜娜"}},
			{"second page", person.Filter{Sort: "birth_date", Offset: 2, Limit: 2}, []string{"李·明", "张珊"}},
		}
		for _, tc := range tests {
			if got := names(tc.filter); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
			}
		}
		page, err := s.List(ctx, person.Filter{Query: zid})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("list by ID: %+v, %v", page, err)
		}
		it := page.Items[0]
		if it.IDNumberMasked != vault.Mask(zid) || it.OrgName != "张庄村" || it.CurrentPost != "真阳镇党委副书记" || it.Rank != "0122" ||
			!reflect.DeepEqual(it.Facets, []person.Facet{person.FacetPartyMember, person.FacetCadre, person.FacetTalent}) {
			t.Fatalf("summary: %+v", it)
		}
		page, err = s.List(ctx, person.Filter{Sort: "birth_date", Offset: 4, Limit: 2})
		if err != nil || page.Total != 5 || len(page.Items) != 1 {
			t.Fatalf("last page: %+v, %v", page, err)
		}
		_, err = s.List(ctx, person.Filter{Facet: "nobody"})
		wantFields(t, "unknown facet", err, map[string]string{"facet": "field.invalid_choice"})
	})
}

func TestPeopleScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		s := db.People()
		mine := simple(tr.villageA.ID, "张三", "19800101", "011")
		theirs := simple(tr.villageB.ID, "李四", "19810101", "013")
		if _, err := s.Import(ctx, tr.county.ID, []person.Dossier{mine, theirs}); err != nil {
			t.Fatal(err)
		}
		all, err := s.List(ctx, person.Filter{})
		if err != nil || all.Total != 2 {
			t.Fatalf("operator list: %+v, %v", all, err)
		}
		ids := map[string]string{}
		for _, it := range all.Items {
			ids[it.Name] = it.ID
		}

		organiser := principal(access.TownshipOrganiser, tr.townA)
		page, err := s.List(organiser, person.Filter{})
		if err != nil || page.Total != 1 || page.Items[0].Name != "张三" {
			t.Fatalf("township A lists %+v, %v; want only 张三", page, err)
		}
		if page, err := s.List(organiser, person.Filter{Query: theirs.Person.IDNumber}); err != nil || page.Total != 0 {
			t.Fatalf("township A finds the other township's ID number: %+v, %v", page, err)
		}
		if _, err := s.Get(organiser, ids["张三"]); err != nil {
			t.Fatalf("township A reads its own person: %v", err)
		}
		_, err = s.Get(organiser, ids["李四"])
		wantFault(t, "get another township's person", err, fault.NotFound, "")
		_, err = s.Get(organiser, "not-an-id")
		wantFault(t, "get a malformed id", err, fault.NotFound, "")
		_, err = s.List(organiser, person.Filter{Under: tr.townB.ID})
		wantFault(t, "list under another township", err, fault.NotFound, "")

		d, err := s.Get(ctx, ids["李四"])
		if err != nil {
			t.Fatal(err)
		}
		d.Person.Name = "李四改"
		_, err = s.Save(organiser, d)
		wantFault(t, "save another township's person", err, fault.NotFound, "")
		moved := simple(tr.villageB.ID, "王五", "19820101", "015")
		_, err = s.Save(organiser, &moved)
		wantFault(t, "create in another township", err, fault.NotFound, "")
		own, err := s.Get(organiser, ids["张三"])
		if err != nil {
			t.Fatal(err)
		}
		own.Person.OrgID = tr.villageB.ID
		_, err = s.Save(organiser, own)
		wantFault(t, "move own person into another township", err, fault.NotFound, "")

		reader := principal(access.BranchSecretary, tr.townA)
		_, err = s.Save(reader, own)
		wantFault(t, "save by a reader", err, fault.Forbidden, "")
		if n := len(events(t, db, "person.update")) + len(events(t, db, "person.create")); n != 0 {
			t.Fatalf("refused saves wrote %d events", n)
		}
	})
}

// TestRepathPeople moves a village to another township: the move rewrites
// the paths of its people, so subtree listings and scope checks follow.
func TestRepathPeople(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, ctx := buildTree(t, db)
		s := db.People()
		ds := []person.Dossier{simple(tr.villageA.ID, "张三", "19800101", "011"), simple(tr.townA.ID, "王五", "19800101", "013")}
		if _, err := s.Import(ctx, tr.county.ID, ds); err != nil {
			t.Fatal(err)
		}
		moved, _, err := db.Orgs().Record(ctx, org.Change{Kind: org.Reparent, OrgID: tr.villageA.ID, TargetID: tr.townB.ID, EffectiveOn: day})
		if err != nil {
			t.Fatal(err)
		}
		for name, want := range map[string]string{"张三": moved.Path, "王五": tr.townA.Path} {
			var got string
			if err := db.QueryRow(ctx, `SELECT org_path FROM people WHERE name = ?`, name).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s: org_path %s, want %s", name, got, want)
			}
		}
		page, err := s.List(ctx, person.Filter{Under: tr.townB.ID})
		if err != nil || page.Total != 1 || page.Items[0].Name != "张三" {
			t.Fatalf("people under township B after the move: %+v, %v", page, err)
		}
	})
}

// TestDossiersExport streams the people of a scope with clear ID numbers,
// audits the export, and refuses a subtree outside the scope.
func TestDossiersExport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, opCtx := buildTree(t, db)
		s := db.People()
		ds := []person.Dossier{simple(tr.villageA.ID, "张三", "19800101", "011"), simple(tr.townA.ID, "王五", "19800101", "013"),
			simple(tr.villageB.ID, "赵六", "19800101", "015")}
		if _, err := s.Import(opCtx, tr.county.ID, ds); err != nil {
			t.Fatal(err)
		}
		ctx := organiserOf(tr.townA)
		var names []string
		for d, err := range s.Dossiers(ctx, "") {
			if err != nil {
				t.Fatal(err)
			}
			if _, err := person.ParseIDNumber(d.Person.IDNumber); err != nil {
				t.Fatalf("%s exported with ID number %q: %v", d.Person.Name, d.Person.IDNumber, err)
			}
			names = append(names, d.Person.Name)
		}
		if len(names) != 2 {
			t.Fatalf("township A exported %v, want its 2 people", names)
		}
		for _, err := range s.Dossiers(ctx, tr.townB.ID) {
			if fault.CodeOf(err) != fault.NotFound {
				t.Fatalf("export of township B by township A: %v, want not found", err)
			}
		}
		if n := len(events(t, db, "person.export")); n != 1 {
			t.Fatalf("%d person.export events, want 1 (the refused export writes none)", n)
		}
	})
}
