package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/gate"
	"zugong/internal/i18n"
	"zugong/internal/org"
	"zugong/internal/quality"
)

// pageQuality is the data-quality report (三龄两历一身份).
const pageQuality = "quality"

// qualitySizes are the page sizes of the report.
var qualitySizes = []int{20, 50, 100}

// QualityView is the data-quality report of a subtree: the findings of
// the audit, filtered by rule, a page at a time, with the count of each
// rule.
type QualityView struct {
	Page
	Filter Form
	Rules  []RuleCount
	Rows   []FindingRow
	Pager  Pager
	// Under is the organisation whose subtree was audited; UnderClear is
	// the report without that limit.
	Under      *org.Org
	UnderClear string
	// People counts the people audited, Total the findings of every rule.
	People    int
	Total     int
	CheckedAt time.Time
	// ExportURL downloads the findings shown; RecheckURL runs the audit
	// again rather than showing the last run.
	ExportURL  string
	RecheckURL string
}

// RuleCount is a rule of the audit with the number of its findings; URL
// filters the report by it.
type RuleCount struct {
	ID      string
	NameKey string
	Count   int
	URL     string
	Current bool
}

// FindingRow is a finding in words.
type FindingRow struct {
	PersonID   string
	PersonName string
	OrgID      string
	OrgName    string
	RuleID     string
	RuleKey    string
	Values     []ValueText
	Why        Message
}

// ValueText is a value a finding compared: the catalog key of its label
// and the value, codes in words.
type ValueText struct {
	Key  string
	Text string
}

// qualityFilter reads the report's filters: a subtree and a rule.
func qualityFilter(q url.Values) (under, rule string, f Form) {
	f = formOf(q)
	under, rule = f.Get("under"), f.Get("rule")
	if rule != "" {
		if _, ok := quality.RuleByID(rule); !ok {
			f.Add("rule", "field.invalid_choice")
		}
	}
	return under, rule, f
}

// qualityQuery is the report's query without the request to run the audit
// again, so that links to other pages show the same run.
func qualityQuery(path string, q url.Values) listQuery {
	lq := newListQuery(path, q)
	lq.q.Del("fresh")
	return lq
}

func (s *Server) qualityReport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	page, size := pageParams(q, qualitySizes)
	under, rule, f := qualityFilter(q)
	lq := qualityQuery("/people/quality", q)
	v := &QualityView{Page: s.page(w, r, "qualityui.title")}
	if under != "" {
		o, err := s.orgs.Get(ctx, under)
		switch {
		case err == nil:
			v.Under, v.UnderClear = o, lq.with("under", "", "page", "")
		case fault.CodeOf(err) == fault.NotFound:
			f.Add("under", "error.not_found")
		default:
			return err
		}
	}
	var run *qualityResult
	if f.OK() {
		var err error
		run, err = s.qualityRun(ctx, under, q.Get("fresh") != "")
		switch c := fault.CodeOf(err); {
		case c == fault.NotFound || c == fault.Forbidden:
			f.Add("under", "error.not_found")
		case err != nil:
			return err
		}
	}
	v.Filter = f
	if !f.OK() {
		v.Rules = ruleCounts(lq, nil, rule)
		v.Pager = newPager(lq, 1, size, 0, nil)
		return s.render(w, http.StatusUnprocessableEntity, pageQuality, v)
	}
	v.People, v.Total, v.CheckedAt = run.people, len(run.findings), run.at
	v.Rules = ruleCounts(lq, run.findings, rule)
	shown := filterFindings(run.findings, rule)
	v.Pager = newPager(lq, page, size, len(shown), qualitySizes)
	names := s.orgNames(ctx)
	for _, fd := range shown[min((page-1)*size, len(shown)):min(page*size, len(shown))] {
		v.Rows = append(v.Rows, findingRow(fd, names(fd.OrgID), v.Locale))
	}
	export := qualityQuery("/people/quality/export", q)
	export.q.Del("page")
	export.q.Del("size")
	v.ExportURL = export.with()
	v.RecheckURL = lq.with("fresh", "1", "page", "")
	return s.render(w, http.StatusOK, pageQuality, v)
}

// ruleCounts counts the findings of each rule, in the order of the rules.
func ruleCounts(lq listQuery, fs []quality.Finding, current string) []RuleCount {
	n := map[string]int{}
	for _, f := range fs {
		n[f.Rule]++
	}
	out := make([]RuleCount, 0, len(quality.Rules))
	for _, r := range quality.Rules {
		out = append(out, RuleCount{ID: r.ID, NameKey: r.NameKey(), Count: n[r.ID], URL: lq.with("rule", r.ID, "page", ""),
			Current: r.ID == current})
	}
	return out
}

// filterFindings keeps the findings of rule; every finding when rule is "".
func filterFindings(fs []quality.Finding, rule string) []quality.Finding {
	if rule == "" {
		return fs
	}
	var out []quality.Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// findingRow puts a finding in the words of loc.
func findingRow(f quality.Finding, orgName string, loc i18n.Locale) FindingRow {
	row := FindingRow{PersonID: f.PersonID, PersonName: f.PersonName, OrgID: f.OrgID, OrgName: orgName, RuleID: f.Rule,
		Why: Message{Key: f.Why, Args: f.Args}}
	if rule, ok := quality.RuleByID(f.Rule); ok {
		row.RuleKey = rule.NameKey()
	}
	for _, val := range f.Values {
		text := val.Text
		if val.Table != "" {
			text = codeLabel(val.Table, val.Text, loc)
		}
		row.Values = append(row.Values, ValueText{Key: val.Key, Text: text})
	}
	return row
}

// orgNames returns a look-up of organisation names that remembers its
// answers; an organisation the principal may not see has no name.
func (s *Server) orgNames(ctx context.Context) func(string) string {
	known := map[string]string{}
	return func(id string) string {
		if id == "" {
			return ""
		}
		n, ok := known[id]
		if !ok {
			if o, err := s.orgs.Get(ctx, id); err == nil {
				n = o.Name
			}
			known[id] = n
		}
		return n
	}
}

// qualityExport downloads the findings of the report as a workbook: one
// row per finding with the organisation, the person, the rule, the values
// and why, in the user's language.
func (s *Server) qualityExport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	under, rule, f := qualityFilter(r.URL.Query())
	if !f.OK() {
		return f.Errors.Err()
	}
	run, err := s.qualityRun(ctx, under, false)
	if err != nil {
		return err
	}
	loc := gate.Locale(r)
	d := newDownload(w, s.exportStem(ctx, loc, "qualityui.file", under)+".xlsx", xlsxType)
	return d.finish(r, s.findingsWorkbook(d, filterFindings(run.findings, rule), s.orgNames(ctx), loc))
}

// findingsWorkbook writes findings as a one-sheet workbook, streaming.
func (s *Server) findingsWorkbook(w io.Writer, fs []quality.Finding, orgName func(string) string, loc i18n.Locale) error {
	t := func(key string, args ...any) string { return s.catalog.T(loc, key, args...) }
	x := excelize.NewFile()
	defer x.Close()
	name := t("qualityui.sheet")
	if err := x.SetSheetName("Sheet1", name); err != nil {
		return fmt.Errorf("findings workbook: %w", err)
	}
	sw, err := x.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("findings workbook: %w", err)
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("findings workbook: %w", err)
	}
	for i, width := range []float64{24, 10, 26, 60, 70} {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return fmt.Errorf("findings workbook: %w", err)
		}
	}
	head := []any{}
	for _, k := range []string{"qualityui.col.org", "qualityui.col.person", "qualityui.col.rule", "qualityui.col.values", "qualityui.col.why"} {
		head = append(head, excelize.Cell{StyleID: bold, Value: t(k)})
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fmt.Errorf("findings workbook: %w", err)
	}
	for i, f := range fs {
		row := findingRow(f, orgName(f.OrgID), loc)
		values := make([]string, len(row.Values))
		for j, v := range row.Values {
			values[j] = t("qualityui.value_pair", t(v.Key), v.Text)
		}
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return fmt.Errorf("findings workbook: %w", err)
		}
		err = sw.SetRow(cell, []any{row.OrgName, row.PersonName, t(row.RuleKey), strings.Join(values, t("qualityui.value_sep")),
			t(row.Why.Key, row.Why.Args...)})
		if err != nil {
			return fmt.Errorf("findings workbook: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("findings workbook: %w", err)
	}
	if err := x.Write(w); err != nil {
		return fmt.Errorf("findings workbook: %w", err)
	}
	return nil
}

// qualityRun returns the audit of the subtree of under (the principal's
// whole scope when empty) as of today: the last run for the same principal
// and subtree when it is recent, else a new one.
func (s *Server) qualityRun(ctx context.Context, under string, fresh bool) (*qualityResult, error) {
	p := access.From(ctx)
	today := civil.Today(shanghai)
	key := strings.Join([]string{p.UserID, under, today.String(), strings.Join(p.Scopes(access.SensitiveReveal), ",")}, "\x00")
	return s.quality.get(ctx, key, fresh, func(ctx context.Context) (*qualityResult, error) {
		c := quality.NewChecker(quality.DefaultConfig(), today)
		n := 0
		for d, err := range s.dossiers.Dossiers(ctx, under) {
			if err != nil {
				return nil, err
			}
			c.Add(d)
			n++
		}
		return &qualityResult{people: n, findings: c.Findings()}, nil
	})
}

// The audit reads every dossier of a subtree — tens of seconds for a
// county — so a run is kept for qualityTTL: paging and filtering its
// findings, and their export, show the same run. The report says when it
// ran and offers to run it again; an import through this surface clears
// every run. Runs are kept per principal, subtree, day and scope, at most
// qualityRuns of them; a run goes on when the user who started it leaves,
// for at most qualityRunTimeout, so that coming back finds it done.
const (
	qualityTTL        = 10 * time.Minute
	qualityRuns       = 32
	qualityRunTimeout = 10 * time.Minute
)

// qualityResult is one run of the audit.
type qualityResult struct {
	at       time.Time
	people   int
	findings []quality.Finding
}

// qualityEntry is a run, done or under way.
type qualityEntry struct {
	done    chan struct{}
	started time.Time
	res     *qualityResult
	err     error
}

func (e *qualityEntry) finished() bool {
	select {
	case <-e.done:
		return true
	default:
		return false
	}
}

// qualityCache keeps the recent runs of the audit. Requests for a run under
// way wait for it rather than starting another.
type qualityCache struct {
	mu      sync.Mutex
	entries map[string]*qualityEntry
}

func newQualityCache() *qualityCache { return &qualityCache{entries: map[string]*qualityEntry{}} }

// get returns the run of key, starting one with run when there is none, it
// is older than qualityTTL, or fresh asks for a new one.
func (c *qualityCache) get(ctx context.Context, key string, fresh bool, run func(context.Context) (*qualityResult, error)) (*qualityResult, error) {
	c.mu.Lock()
	e := c.entries[key]
	if e != nil && e.finished() && (fresh || time.Since(e.started) > qualityTTL) {
		e = nil
	}
	if e == nil {
		e = &qualityEntry{done: make(chan struct{}), started: time.Now()}
		c.prune()
		c.entries[key] = e
		go c.run(ctx, key, e, run)
	}
	c.mu.Unlock()
	select {
	case <-e.done:
		return e.res, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// run runs the audit of e outside the request that asked for it.
func (c *qualityCache) run(ctx context.Context, key string, e *qualityEntry, run func(context.Context) (*qualityResult, error)) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), qualityRunTimeout)
	defer cancel()
	var res *qualityResult
	var err error
	func() {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("data-quality audit: panic: %v", p)
			}
		}()
		res, err = run(rctx)
	}()
	if err == nil {
		res.at = e.started
	}
	c.mu.Lock()
	e.res, e.err = res, err
	if err != nil && c.entries[key] == e {
		delete(c.entries, key)
	}
	c.mu.Unlock()
	close(e.done)
}

// prune drops runs past qualityTTL and, while too many are kept, the
// oldest finished one. c.mu is held.
func (c *qualityCache) prune() {
	for k, e := range c.entries {
		if e.finished() && time.Since(e.started) > qualityTTL {
			delete(c.entries, k)
		}
	}
	for len(c.entries) >= qualityRuns {
		oldest := ""
		for k, e := range c.entries {
			if e.finished() && (oldest == "" || e.started.Before(c.entries[oldest].started)) {
				oldest = k
			}
		}
		if oldest == "" {
			return
		}
		delete(c.entries, oldest)
	}
}

// clear forgets every run, after the registry changed.
func (c *qualityCache) clear() {
	c.mu.Lock()
	c.entries = map[string]*qualityEntry{}
	c.mu.Unlock()
}
