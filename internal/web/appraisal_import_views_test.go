package web

// evidenceImportSampleViews fills the evidence import page: the form with
// its file error and the problems of an upload, one of them beyond the
// sheet's columns.
func evidenceImportSampleViews(page func(string) Page) map[string]viewer {
	form := invalidForm("file")
	return map[string]viewer{
		pageEvidenceImport: &EvidenceImportView{Page: page("evidence_import.title"), MaxUploadText: "10 MB", Form: form, ProblemCount: 1200,
			Problems: []ImportProblem{
				{Row: 3, Column: "E", Header: "日期", Value: "2025-13-01", Reason: Message{Key: "sheet.cell.date"}},
				{Row: 4, Column: "A", Header: "姓名", Value: "王建民", Reason: Message{Key: "appraisal.import.name_mismatch", Args: []any{"王建国"}}},
				{Row: 5, Header: "文号", Reason: Message{Key: "appraisal.evidence.proof_required"}},
			}},
	}
}

// evidenceImportZeroViews is the evidence import page with nothing but the
// Page.
func evidenceImportZeroViews() map[string]viewer {
	return map[string]viewer{pageEvidenceImport: &EvidenceImportView{}}
}
