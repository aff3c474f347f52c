package selection

import "zugong/internal/fault"

// Deliberation is the 酝酿: the consultation of the leaders concerned on the
// proposed appointment before the decision meeting.
type Deliberation struct {
	Record
	// Consultation records who was consulted and what they said.
	Consultation string
}

// Stage returns StageDeliberation.
func (Deliberation) Stage() Stage { return StageDeliberation }

// applyDeliberation requires the consultation's record and a
// recommendation still valid on its date.
func (s *Selection) applyDeliberation(d Deliberation, f fault.Fields) error {
	required(&f, "consultation", d.Consultation)
	if err := f.Err(); err != nil {
		return err
	}
	if err := s.checkFresh(d.Date); err != nil {
		return err
	}
	s.Deliberation = &d
	return nil
}
