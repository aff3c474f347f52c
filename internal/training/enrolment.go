package training

import (
	"zugong/internal/civil"
	"zugong/internal/fault"
)

// EnrolStatus is where a trainee stands in a programme.
type EnrolStatus string

// The statuses. An invitation (调训) becomes an enrolment when accepted; an
// enrolment ends completed (结业) or failed (未结业), or is withdrawn.
const (
	Invited   EnrolStatus = "invited"
	Enrolled  EnrolStatus = "enrolled"
	Completed EnrolStatus = "completed"
	Failed    EnrolStatus = "failed"
	Withdrawn EnrolStatus = "withdrawn"
)

// EnrolStatuses lists the statuses in display order.
var EnrolStatuses = []EnrolStatus{Invited, Enrolled, Completed, Failed, Withdrawn}

// Presence is a trainee's attendance at one session.
type Presence string

// The presences. Leave (请假) is approved absence; Absent is absence without
// leave. Both count as hours missed.
const (
	Present Presence = "present"
	Leave   Presence = "leave"
	Absent  Presence = "absent"
)

// Presences lists the presences in display order.
var Presences = []Presence{Present, Leave, Absent}

// Enrolment is one person's record in one programme.
type Enrolment struct {
	JurisdictionID string
	ID             string
	ProgrammeID    string
	PersonID       string
	Status         EnrolStatus
	// Attendance holds one entry per programme session, in session order;
	// "" means not yet recorded.
	Attendance []Presence
	// OnlineDone is the online hours the trainee completed.
	OnlineDone  Hours
	Result      string
	Certificate string
	// CompletedOn is the day the enrolment was closed (completed or failed).
	CompletedOn civil.Date
	Version     int
}

// Missed is the offline hours of the sessions the trainee was on leave from
// or absent at.
func (e *Enrolment) Missed(p *Programme) Hours {
	var h Hours
	for i, s := range p.Sessions {
		if i < len(e.Attendance) && (e.Attendance[i] == Leave || e.Attendance[i] == Absent) {
			h += s.Hours
		}
	}
	return h
}

// Attended is the offline hours of the sessions the trainee was present at.
func (e *Enrolment) Attended(p *Programme) Hours {
	var h Hours
	for i, s := range p.Sessions {
		if i < len(e.Attendance) && e.Attendance[i] == Present {
			h += s.Hours
		}
	}
	return h
}

// AttendedDays is the number of distinct session days the trainee was
// present at: full-time programmes also count toward the quota in days.
func (e *Enrolment) AttendedDays(p *Programme) int {
	days := map[civil.Date]bool{}
	for i, s := range p.Sessions {
		if i < len(e.Attendance) && e.Attendance[i] == Present {
			days[s.Date] = true
		}
	}
	return len(days)
}

// LeaveExceeded reports the leave rule of 干部教育培训工作条例: a trainee who
// misses more than one seventh of a programme's classroom hours does not
// complete it. Exactly one seventh is still allowed.
func LeaveExceeded(missed, offline Hours) bool { return missed*7 > offline }

// Invite records an invitation to a programme.
func Invite(p *Programme, personID string) Enrolment {
	return Enrolment{ProgrammeID: p.ID, PersonID: personID, Status: Invited, Attendance: make([]Presence, len(p.Sessions))}
}

// Enrol admits a person at level into p, given how many places are taken
// (enrolled or completed). An invitee accepting counts the same.
func Enrol(p *Programme, e *Enrolment, level Level, taken int) error {
	if e.Status != "" && e.Status != Invited {
		return fault.New(fault.Conflict, "training.already_enrolled")
	}
	if !p.Admits(level) {
		return fault.New(fault.Conflict, "training.level_not_admitted")
	}
	if p.Capacity > 0 && taken >= p.Capacity {
		return fault.New(fault.Conflict, "training.full", p.Capacity)
	}
	e.ProgrammeID, e.Status = p.ID, Enrolled
	if len(e.Attendance) != len(p.Sessions) {
		e.Attendance = make([]Presence, len(p.Sessions))
	}
	return nil
}

// Withdraw takes an invitee or trainee out of the programme.
func Withdraw(e *Enrolment) error {
	if e.Status != Invited && e.Status != Enrolled {
		return fault.New(fault.Conflict, "training.closed")
	}
	e.Status = Withdrawn
	return nil
}

// Mark records presence at session i (counting from 0).
func Mark(p *Programme, e *Enrolment, i int, presence Presence) error {
	if e.Status != Enrolled {
		return fault.New(fault.Conflict, "training.not_enrolled")
	}
	var f fault.Fields
	if i < 0 || i >= len(p.Sessions) {
		f.Add("session", "training.no_such_session")
	}
	if !oneOf(presence, Presences) {
		f.Add("presence", "field.invalid_choice")
	}
	if err := f.Err(); err != nil {
		return err
	}
	if len(e.Attendance) != len(p.Sessions) {
		grown := make([]Presence, len(p.Sessions))
		copy(grown, e.Attendance)
		e.Attendance = grown
	}
	e.Attendance[i] = presence
	return nil
}

// Close ends an enrolment on day on (not after today: a credit is earned
// when the training is over): it completes when every session is recorded,
// the online hours are done and the leave rule holds, and fails when the
// leave rule is broken. It returns the credit a completion earns (zero
// Credit for a failure).
func Close(p *Programme, e *Enrolment, onlineDone Hours, result, certificate string, on, today civil.Date) (Credit, error) {
	if e.Status != Enrolled {
		return Credit{}, fault.New(fault.Conflict, "training.not_enrolled")
	}
	var f fault.Fields
	for i := range p.Sessions {
		if i >= len(e.Attendance) || e.Attendance[i] == "" {
			f.Add("attendance", "training.attendance_incomplete", i+1)
			break
		}
	}
	if onlineDone < 0 {
		f.Add("online_done", "training.hours_negative")
	} else if onlineDone > p.OnlineHours {
		f.Add("online_done", "training.online_over", p.OnlineHours.String())
	}
	if on.IsZero() {
		f.Add("completed_on", "field.required")
	} else if on.Before(p.Start) {
		f.Add("completed_on", "training.closed_before_start")
	} else if on.After(today) {
		f.Add("completed_on", "training.in_future")
	}
	if err := f.Err(); err != nil {
		return Credit{}, err
	}
	e.OnlineDone, e.Result, e.Certificate, e.CompletedOn = onlineDone, result, certificate, on
	if LeaveExceeded(e.Missed(p), p.OfflineHours()) {
		e.Status, e.Certificate = Failed, ""
		return Credit{}, nil
	}
	e.Status = Completed
	return Credit{
		PersonID: e.PersonID, On: on, Source: SourceProgramme, SourceID: e.ID,
		Hours: e.Attended(p) + onlineDone, Online: onlineDone, Days: e.AttendedDays(p),
		Counts: p.CountsTowardQuota, Mode: p.Mode, Themes: p.Themes,
	}, nil
}
