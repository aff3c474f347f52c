package selection

// StepdownListed is a 能下 case as a listing shows it, with the names of
// the leader and of the leader's organisation.
type StepdownListed struct {
	Stepdown
	PersonName string
	OrgName    string
}
