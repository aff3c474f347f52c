package person

import (
	"testing"

	"zugong/internal/civil"
)

func TestMergeKeepsWhatIncomingLacks(t *testing.T) {
	stored := Dossier{
		Person: Person{ID: "p1", Version: 3, Name: "王芳", Gender: "2", Phone: "13800000000",
			NativePlace: Place{Code: "411724", Text: "河南正阳"}, FullTime: Education{Level: "21", School: "郑州大学"}},
		Party: &PartyMember{BranchID: "b1", JoinDate: civil.MustParse("2001-07-01")},
		Cadre: &Cadre{Management: ManagedCounty, Resume: []ResumeLine{{Text: "旧简历"}}, Posts: []Post{
			{UnitName: "真阳镇", Title: "副镇长", Current: true, ProbationMonths: 12, Appointed: Decision{Organ: "中共正阳县委", DocumentNo: "正组〔2025〕3号"}},
			{Title: "科员", Rank: "一级科员"},
		}},
		Talent: &Talent{Category: TalentRural},
		Photo:  []byte{1, 2, 3},
	}
	incoming := Dossier{
		Person: Person{ID: "other", Name: "王芳", Gender: "2", NativePlace: Place{Text: "河南省正阳县"},
			FullTime: Education{Major: "汉语言文学"}, WorkStartDate: civil.MustParse("2005-08-01")},
		Cadre: &Cadre{CurrentPostText: "真阳镇副镇长", Resume: []ResumeLine{{Text: "新简历一"}, {Text: "新简历二"}},
			Posts: []Post{{Title: "真阳镇副镇长", Rank: "副科级", Current: true}}},
	}
	got := Merge(stored, incoming)
	p := got.Person
	if p.ID != "p1" || p.Version != 3 {
		t.Fatalf("identity %s v%d, want p1 v3", p.ID, p.Version)
	}
	if p.Phone != "13800000000" || p.NativePlace.Code != "411724" || p.FullTime.School != "郑州大学" {
		t.Fatalf("stored values lost: %+v", p)
	}
	if p.NativePlace.Text != "河南省正阳县" || p.FullTime.Major != "汉语言文学" || p.WorkStartDate.IsZero() {
		t.Fatalf("incoming values not taken: %+v", p)
	}
	if got.Party == nil || got.Talent == nil || len(got.Photo) != 3 {
		t.Fatal("facets or photo the file did not carry were dropped")
	}
	c := got.Cadre
	if c == nil || c.CurrentPostText != "真阳镇副镇长" || len(c.Resume) != 2 || c.Resume[0].Text != "新简历一" {
		t.Fatalf("the incoming cadre fields were not taken: %+v", c)
	}
	if len(c.Posts) != 2 || c.Management != ManagedCounty {
		t.Fatalf("cadre fields the file did not carry were dropped: %+v", c)
	}
	if p := c.Posts[0]; p.Title != "副镇长" || p.Rank != "副科级" || p.ProbationMonths != 12 || p.Appointed.DocumentNo != "正组〔2025〕3号" {
		t.Fatalf("the current post from the file did not keep its stored decision: %+v", p)
	}
	if len(stored.Cadre.Resume) != 1 {
		t.Fatal("Merge changed the stored dossier it was given")
	}
}
