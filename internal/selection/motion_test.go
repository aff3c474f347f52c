package selection

import "testing"

func TestMotionQuota(t *testing.T) {
	tests := []struct {
		name                      string
		posts, approved, occupied int
		wantKey                   string
	}{
		{"the last free post is filled", 1, 3, 2, ""},
		{"two free posts are filled", 2, 3, 1, ""},
		{"a full unit is refused", 1, 3, 3, "selection.over_quota"},
		{"more posts than are free is refused", 2, 3, 2, "selection.over_quota"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := stepAt(StageMotion).(Motion)
			m.Posts, m.Approved, m.Occupied = tt.posts, tt.approved, tt.occupied
			err := upTo(t, StageNone).Apply(m, calendar(t))
			if tt.wantKey == "" {
				wantFields(t, err, nil)
				return
			}
			wantConflict(t, err, tt.wantKey, tt.occupied, tt.posts, tt.approved)
		})
	}
}

func TestMotionFields(t *testing.T) {
	m := stepAt(StageMotion).(Motion)
	m.WorkPlan, m.Posts, m.Approved, m.Occupied = " ", 0, 0, -1
	wantFields(t, upTo(t, StageNone).Apply(m, calendar(t)), map[string]string{
		"work_plan": "field.required",
		"posts":     "selection.at_least_one",
		"approved":  "selection.at_least_one",
		"occupied":  "selection.not_negative",
	})
}
