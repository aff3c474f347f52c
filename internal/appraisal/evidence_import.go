package appraisal

// ImportRow is an evidence record as an imported file names its cadre: by
// citizen ID number and name, which is what staff have, rather than by
// registry ID. The import finds the person by the ID number within the
// importer's scope and checks the name against the registry; the record's
// PersonID is set from what it finds.
type ImportRow struct {
	IDNumber string
	Name     string
	Evidence Evidence
}
