// Package selection is the workflow of selecting and appointing a leader
// under the 党政领导干部选拔任用工作条例 (2019), and the cases of leaders
// stepping down under the 2022 rules (能上能下).
//
// A Selection is one selection for a post. It records its steps in order,
// each a plain struct embedding a Record of the meeting held or document
// issued and who did it:
//
//	动议 Motion → 民主推荐 Recommendation → 考察 Inspection → 酝酿 Deliberation →
//	讨论决定 Decision → 任前公示 Publicity → 任职 Appointment →
//	试用期满考核 ProbationReview (confirm or remove)
//
// Selection.Apply is the only way a selection moves. It refuses a step that
// is not the next one (fault.Conflict "selection.out_of_order"), then
// checks the step's own fields (fault.Fields), then the rules tying it to
// the steps before (fault.Conflict). A selection whose candidates all fail
// or are deferred at the decision simply ends there.
//
// Where each rule lives:
//
//	order of the steps, dates not going backwards   selection.go, check.go
//	posts within the approved number (职数)           motion.go       applyMotion
//	more candidates than posts (差额)                 recommendation.go applyRecommendation
//	recommendation valid one year (考察 to 决定)       recommendation.go checkFresh
//	inspection complete; dossier findings resolved  inspection.go   applyInspection
//	record of the consultation                      deliberation.go applyDeliberation
//	quorum of two thirds; majority of all due;
//	  ties fail; 缓议                                 decision.go     Quorate, Ballot.Outcome
//	publicity after the decision, ≥ 5 working days  publicity.go    PublicityEnd, applyPublicity
//	objections recorded and resolved                publicity.go    Object, Resolve
//	appointment after publicity, no open or upheld
//	  objection; probation one year                 appointment.go  applyAppointment, Appointee.ProbationApplies
//	probation confirmed or removed after its end    probation.go    applyProbation
//	能下: which routes each reason allows           stepdown.go     Routes, Stepdown.Validate
//	the 任前公示 notice's wording                     notice.go       Notice.Text
//
// Working days come from workday.Calendar, so a publicity spanning a
// holiday week lasts as long as the holiday schedule says, and a year
// without a published schedule is refused rather than guessed.
//
// The types hold IDs of people and organisations, not the records
// themselves, and civil.Date dates, so that a store can persist a selection
// as it is; nothing here reads or writes a database.
package selection
