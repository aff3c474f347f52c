package web

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"zugong/internal/audit"
	"zugong/internal/civil"
	"zugong/internal/gate"
)

// auditPageSize is the fixed page size of the audit viewer.
const auditPageSize = 50

var auditOutcomes = []audit.Outcome{audit.Success, audit.Failure, audit.Denied}

// AuditView is the audit viewer: newest events first, filtered by actor,
// action, outcome and a range of days in China Standard Time.
type AuditView struct {
	Page
	Filter    Form
	Rows      []audit.Event
	Pager     Pager
	Outcomes  []audit.Outcome
	ExportURL string
}

// auditQuery reads the filters of the viewer and the export. The days are
// whole days in Asia/Shanghai: "to" includes its day.
func auditQuery(q url.Values) (audit.Query, Form) {
	f := formOf(q)
	aq := audit.Query{ActorLogin: f.Get("actor"), Action: f.Get("action")}
	for _, o := range auditOutcomes {
		if string(o) == f.Get("outcome") {
			aq.Outcome = o
		}
	}
	day := func(field string) time.Time {
		d, err := civil.Parse(f.Get(field))
		if err != nil {
			f.Add(field, "field.date")
			return time.Time{}
		}
		if d.IsZero() {
			return time.Time{}
		}
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, shanghai)
	}
	aq.From = day("from")
	if to := day("to"); !to.IsZero() {
		aq.To = to.AddDate(0, 0, 1)
	}
	return aq, f
}

func (s *Server) auditList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	aq, f := auditQuery(q)
	page, _ := pageParams(q, []int{auditPageSize})
	lq := newListQuery("/audit", q)
	v := &AuditView{Page: s.page(w, r, "page.audit"), Filter: f, Outcomes: auditOutcomes}
	if !f.OK() {
		v.Pager = newPager(lq, 1, auditPageSize, 0, nil)
		return s.render(w, http.StatusUnprocessableEntity, pageAudit, v)
	}
	aq.Offset, aq.Limit = (page-1)*auditPageSize, auditPageSize
	res, err := s.audit.List(r.Context(), aq)
	if err != nil {
		return err
	}
	v.Rows = res.Items
	v.Pager = newPager(lq, page, auditPageSize, res.Total, nil)
	export := newListQuery("/audit/export", q)
	export.q.Del("page")
	v.ExportURL = export.with()
	return s.render(w, http.StatusOK, pageAudit, v)
}

// auditExport streams the matching events as JSON Lines, oldest first. The
// headers are written with the first event, so an error before it still
// becomes an error page; an error after it can only end the download, and
// is logged.
func (s *Server) auditExport(w http.ResponseWriter, r *http.Request) error {
	aq, f := auditQuery(r.URL.Query())
	if !f.OK() {
		return f.Errors.Err()
	}
	aq.Oldest = true
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	started := false
	start := func() {
		if started {
			return
		}
		started = true
		name := "audit-" + time.Now().In(shanghai).Format("20060102-150405") + ".jsonl"
		h := w.Header()
		h.Set("Content-Type", "application/jsonl; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
	}
	err := s.audit.Export(r.Context(), aq, func(e audit.Event) error {
		start()
		return enc.Encode(e.Record())
	})
	if err != nil && !started {
		return err
	}
	if err != nil {
		gate.Logger(r.Context()).Error("audit export cut short", "err", err)
		bw.Flush()
		panic(http.ErrAbortHandler)
	}
	start()
	return bw.Flush()
}
