package store

import (
	"encoding/json"

	"zugong/internal/selection"
)

// stepCodec moves one kind of step between a selection.Selection and its
// selection_steps row: the row's columns hold the step's Record, its detail
// the step as JSON.
type stepCodec struct {
	// get returns the step of this stage the selection recorded.
	get func(*selection.Selection) (selection.Step, bool)
	// load puts a stored step into the selection, its Record from the
	// row's columns, which are authoritative.
	load func(s *selection.Selection, rec selection.Record, detail []byte) error
	// by returns the step with Record.By set.
	by func(step selection.Step, by string) selection.Step
}

// stepCodecs holds the codec of every stage.
var stepCodecs = map[selection.Stage]stepCodec{
	selection.StageMotion: codec(func(s *selection.Selection) **selection.Motion { return &s.Motion },
		func(v *selection.Motion) *selection.Record { return &v.Record }),
	selection.StageRecommendation: codec(func(s *selection.Selection) **selection.Recommendation { return &s.Recommendation },
		func(v *selection.Recommendation) *selection.Record { return &v.Record }),
	selection.StageInspection: codec(func(s *selection.Selection) **selection.Inspection { return &s.Inspection },
		func(v *selection.Inspection) *selection.Record { return &v.Record }),
	selection.StageDeliberation: codec(func(s *selection.Selection) **selection.Deliberation { return &s.Deliberation },
		func(v *selection.Deliberation) *selection.Record { return &v.Record }),
	selection.StageDecision: codec(func(s *selection.Selection) **selection.Decision { return &s.Decision },
		func(v *selection.Decision) *selection.Record { return &v.Record }),
	selection.StagePublicity: codec(func(s *selection.Selection) **selection.Publicity { return &s.Publicity },
		func(v *selection.Publicity) *selection.Record { return &v.Record }),
	selection.StageAppointment: codec(func(s *selection.Selection) **selection.Appointment { return &s.Appointment },
		func(v *selection.Appointment) *selection.Record { return &v.Record }),
	selection.StageProbation: codec(func(s *selection.Selection) **selection.ProbationReview { return &s.Probation },
		func(v *selection.ProbationReview) *selection.Record { return &v.Record }),
}

// codec builds the codec of step type T from the selection's slot for it
// and the step's Record.
func codec[T selection.Step](slot func(*selection.Selection) **T, record func(*T) *selection.Record) stepCodec {
	return stepCodec{
		get: func(s *selection.Selection) (selection.Step, bool) {
			if v := *slot(s); v != nil {
				return *v, true
			}
			return nil, false
		},
		load: func(s *selection.Selection, rec selection.Record, detail []byte) error {
			var v T
			if err := json.Unmarshal(detail, &v); err != nil {
				return err
			}
			*record(&v) = rec
			*slot(s) = &v
			return nil
		},
		by: func(step selection.Step, by string) selection.Step {
			v, ok := step.(T)
			if !ok {
				return step
			}
			record(&v).By = by
			return v
		},
	}
}

// recordOf returns the Record of a step.
func recordOf(step selection.Step) selection.Record {
	switch v := step.(type) {
	case selection.Motion:
		return v.Record
	case selection.Recommendation:
		return v.Record
	case selection.Inspection:
		return v.Record
	case selection.Deliberation:
		return v.Record
	case selection.Decision:
		return v.Record
	case selection.Publicity:
		return v.Record
	case selection.Appointment:
		return v.Record
	case selection.ProbationReview:
		return v.Record
	}
	return selection.Record{}
}

// withoutObjections drops a publicity's objections from what is stored as
// its detail: they have rows of their own, recorded and resolved one by one.
func withoutObjections(step selection.Step) selection.Step {
	if p, ok := step.(selection.Publicity); ok {
		p.Objections = nil
		return p
	}
	return step
}
