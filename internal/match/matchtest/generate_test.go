package matchtest

import (
	"reflect"
	"testing"
)

func TestGeneratedProjectsAreValid(t *testing.T) {
	set := Generate(Spec{Talents: 10, Projects: 300, Regions: Counties("410000"), Seed: 1})
	for _, p := range set.Projects {
		if err := p.Validate(); err != nil {
			t.Fatalf("project %s: got %v, want a valid project", p.ID, err)
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	spec := Spec{Talents: 200, Projects: 20, Planted: 6, Regions: Counties("411700"), Seed: 9}
	if a, b := Generate(spec), Generate(spec); !reflect.DeepEqual(a, b) {
		t.Error("got two different sets from one spec, want the same")
	}
}

func TestPlantedTalentsMeetTheirProject(t *testing.T) {
	set := Generate(Spec{Projects: 50, Planted: 8, Regions: Counties("410000"), Seed: 4})
	Label(&set)
	planted := 0
	for _, ids := range set.Relevant {
		planted += len(ids)
	}
	// With no random talents, every talent is planted for some project.
	if planted < len(set.Talents) {
		t.Errorf("got %d talents meeting a project, want all %d planted ones", planted, len(set.Talents))
	}
}

func TestCounties(t *testing.T) {
	got := Counties("411700")
	if len(got) != 10 || got[0] != "411702" || got[9] != "411729" {
		t.Errorf("got %v, want the ten county-level codes of Zhumadian", got)
	}
}
