package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/workday"
)

// Calendar is the working-day calendar as the HTML surface uses it; the
// store's CalendarService implements it.
type Calendar interface {
	// Load returns the calendar in force: shipped years, added and replaced.
	Load(ctx context.Context) (workday.Calendar, error)
	// Uploaded returns the schedules administrators saved.
	Uploaded(ctx context.Context) ([]workday.Schedule, error)
	Save(ctx context.Context, sc workday.Schedule) error
}

// pageCalendar is the working-day calendar's page.
const pageCalendar = "calendar"

// CalendarView shows which years the calendar holds, where each schedule
// comes from, one year's holidays and make-up working days, and the form
// to upload a newly published year.
type CalendarView struct {
	Page
	Years []YearRow
	// Year is the year shown; Missing that it has no schedule.
	Year    int
	Missing bool
	Days    []DayRow
	// Flags name the years that working days cannot be counted in yet.
	Flags     []int
	Form      Form
	Problems  []LineProblem
	CanManage bool
}

// YearRow is one year of the calendar and where its schedule comes from.
type YearRow struct {
	Year      int
	StatusKey string
	Missing   bool
	URL       string
	Current   bool
}

// DayRow is one listed day of a schedule.
type DayRow struct {
	Date       civil.Date
	WeekdayKey string
	KindKey    string
	Name       string
}

// LineProblem is a problem of an uploaded file, by line.
type LineProblem struct {
	Where   string
	Message Message
}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) error {
	year := civil.Today(shanghai).Year
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y > 0 {
		year = y
	}
	return s.renderCalendar(w, r, http.StatusOK, year, formOf(url.Values{"year": {strconv.Itoa(year)}}), nil)
}

func (s *Server) renderCalendar(w http.ResponseWriter, r *http.Request, status, year int, f Form, problems []LineProblem) error {
	ctx := r.Context()
	cal, err := s.calendar.Load(ctx)
	if err != nil {
		return err
	}
	uploaded, err := s.calendar.Uploaded(ctx)
	if err != nil {
		return err
	}
	shipped, err := workday.Published()
	if err != nil {
		return err
	}
	v := &CalendarView{Page: s.page(w, r, "workday.page.title"), Year: year, Form: f, Problems: problems,
		CanManage: access.From(ctx).Has(access.CalendarManage)}
	today := civil.Today(shanghai)
	held := cal.Years()
	first, last := today.Year, today.Year+1
	if len(held) > 0 {
		first, last = min(first, held[0]), max(last, held[len(held)-1])
	}
	has := func(list []workday.Schedule, y int) bool {
		return slices.ContainsFunc(list, func(sc workday.Schedule) bool { return sc.Year == y })
	}
	for y := first; y <= last; y++ {
		row := YearRow{Year: y, URL: "/calendar?year=" + strconv.Itoa(y), Current: y == year}
		switch {
		case has(uploaded, y) && has(shipped, y):
			row.StatusKey = "workday.status.replaced"
		case has(uploaded, y):
			row.StatusKey = "workday.status.uploaded"
		case has(shipped, y):
			row.StatusKey = "workday.status.shipped"
		default:
			row.StatusKey, row.Missing = "workday.status.missing", true
			if y >= today.Year {
				v.Flags = append(v.Flags, y)
			}
		}
		v.Years = append(v.Years, row)
	}
	sc, ok := cal.Schedule(year)
	v.Missing = !ok
	for _, d := range sc.Days {
		v.Days = append(v.Days, DayRow{Date: d.Date, WeekdayKey: "workday.weekday." + strconv.Itoa(int(d.Date.Time().Weekday())),
			KindKey: "workday.kind." + string(d.Kind), Name: d.Name})
	}
	sort.Slice(v.Days, func(i, j int) bool { return v.Days[i].Date.Before(v.Days[j].Date) })
	return s.render(w, status, pageCalendar, v)
}

// maxScheduleBytes bounds the file of one year's schedule.
const maxScheduleBytes = 64 << 10

// calendarUpload reads a year's schedule from the uploaded CSV
// (workday.ParseSchedule) and saves it. Problems of the file are listed by
// line; the form keeps the year typed.
func (s *Server) calendarUpload(w http.ResponseWriter, r *http.Request) error {
	if err := parseUpload(r); err != nil {
		return err
	}
	f := Form{Values: r.PostForm}
	year := intField(&f, "year")
	if f.Get("year") == "" {
		f.Add("year", "field.required")
	}
	shown := civil.Today(shanghai).Year
	if year > 0 {
		shown = year
	}
	var file []byte
	if r.MultipartForm != nil && len(r.MultipartForm.File["file"]) > 0 {
		fh := r.MultipartForm.File["file"][0]
		rd, err := fh.Open()
		if err != nil {
			return err
		}
		defer rd.Close()
		// A year's schedule is a few dozen lines; anything longer is not one.
		if file, err = io.ReadAll(io.LimitReader(rd, maxScheduleBytes)); err != nil {
			return err
		}
	} else {
		f.Add("file", "field.required")
	}
	if !f.OK() {
		return s.renderCalendar(w, r, http.StatusUnprocessableEntity, shown, f, nil)
	}
	sc, err := workday.ParseSchedule(year, bytes.NewReader(file))
	if err == nil {
		err = s.calendar.Save(r.Context(), sc)
	}
	if err != nil {
		e, ok := fault.As(err)
		if !ok || (e.Code != fault.Invalid && e.Code != fault.Conflict) {
			return err
		}
		return s.renderCalendar(w, r, http.StatusUnprocessableEntity, shown, f, lineProblems(e))
	}
	s.setFlash(w, "flash.calendar_saved")
	return redirect(w, r, "/calendar?year="+strconv.Itoa(year))
}

// lineProblems lists the problems of an upload in the order of the file:
// whole-file problems first, then by line.
func lineProblems(e *fault.Error) []LineProblem {
	if len(e.Fields) == 0 {
		return []LineProblem{{Message: Message{Key: e.Key, Args: e.Args}}}
	}
	var out []LineProblem
	for where, fe := range e.Fields {
		// A duplicate names the row it repeats as a field ("line 3"):
		// the message says "line" in the reader's words.
		args := slices.Clone(fe.Args)
		for i, a := range args {
			if s, ok := a.(string); ok {
				args[i] = strings.TrimPrefix(strings.TrimPrefix(s, "line "), "row ")
			}
		}
		out = append(out, LineProblem{Where: where, Message: Message{Key: fe.Key, Args: args}})
	}
	line := func(where string) int {
		n, _ := strconv.Atoi(strings.TrimPrefix(where, "line "))
		return n
	}
	sort.Slice(out, func(i, j int) bool { return line(out[i].Where) < line(out[j].Where) })
	for i := range out {
		if n := line(out[i].Where); n > 0 {
			out[i].Where = strconv.Itoa(n)
		} else {
			out[i].Where = ""
		}
	}
	return out
}
