package web

import (
	"net/http"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/gate"
	"zugong/internal/secondment"
)

// exportBatch is how many secondments one read of the export takes.
const exportBatch = 500

// secondmentColumns are the headers of the exported list.
var secondmentColumns = []string{"secondment.person", "secondment.kind", "secondment.home_unit", "secondment.host_unit",
	"secondment.host_post", "secondment.start", "secondment.end", "secondment.returned_on", "secondment.status",
	"secondment.full_time", "secondment.extensions", "secondment.mid_term", "secondment.end_of_term",
	"secondment.decision_doc", "secondment.expiring_column"}

// secondmentExport downloads the listing, with the same filters, as an
// Excel workbook in the user's language.
func (s *Server) secondmentExport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	today := civil.Today(shanghai)
	sf, f, _, err := s.secondmentFilter(ctx, r.URL.Query(), today)
	if err != nil {
		return err
	}
	if !f.OK() {
		return f.Errors.Err()
	}
	loc := gate.Locale(r)
	t := func(key string, args ...any) string { return s.catalog.T(loc, key, args...) }
	yesNo := func(b bool) string {
		if b {
			return t("common.yes")
		}
		return t("common.no")
	}
	grade := func(a *secondment.Assessment) string {
		if a == nil {
			return ""
		}
		return t(secondmentGradeKeys[a.Grade])
	}
	var rows [][]any
	for sf.Limit, sf.Offset = exportBatch, 0; ; sf.Offset += exportBatch {
		list, err := s.secondments.List(ctx, sf)
		if err != nil {
			return err
		}
		for _, l := range list {
			row := secondmentRow(l, today, s.warnDays)
			var returned string
			if l.Return != nil {
				returned = l.Return.On.String()
			}
			rows = append(rows, []any{l.PersonName, t(row.KindKey), l.HomeOrg, l.HostUnit, l.HostPost, l.Start.String(),
				l.End.String(), returned, t(row.StatusKey), yesNo(l.FullTime), len(l.Extensions), grade(l.MidTerm),
				grade(l.EndOfTerm), l.DecisionDoc, yesNo(row.Expiring)})
		}
		if len(list) < exportBatch {
			break
		}
	}
	if len(rows) == 0 {
		return fault.New(fault.Invalid, "secondment.export_empty")
	}
	headers := make([]string, len(secondmentColumns))
	for i, k := range secondmentColumns {
		headers[i] = t(k)
	}
	stem := s.exportStem(ctx, loc, "secondment.export_file", sf.Under)
	return writeWorkbook(w, r, stem+".xlsx", t("secondment.title"), headers, rows)
}
