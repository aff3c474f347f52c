package sheet

import (
	"reflect"
	"testing"

	"zugong/internal/person"
)

func TestParseSkills(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []person.Skill
		ok   bool
	}{
		{"", nil, true},
		{"水产养殖4、电商3", []person.Skill{{Name: "水产养殖", Level: 4}, {Name: "电商", Level: 3}}, true},
		{"焊接：5级，农村电商运营:2", []person.Skill{{Name: "焊接", Level: 5}, {Name: "农村电商运营", Level: 2}}, true},
		{"水产养殖", nil, false},
		{"电商6", nil, false},
		{"3", nil, false},
	} {
		got, ok := parseSkills(c.in)
		if ok != c.ok || !reflect.DeepEqual(got, c.want) {
			t.Errorf("parseSkills(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
		if ok && len(got) > 0 {
			if back, _ := parseSkills(skillsText(got)); !reflect.DeepEqual(back, got) {
				t.Errorf("skillsText(%v) reads back as %v", got, back)
			}
		}
	}
}
