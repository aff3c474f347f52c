package main

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserTrainingCountsTowardCompliance takes a cadre of the demo
// county through a new programme in headless Chromium — create the
// programme, enrol the cadre, record attendance at both sessions, close the
// enrolment — and sees the hours done on the cadre's training record rise
// by the programme's fourteen hours.
func TestBrowserTrainingCountsTowardCompliance(t *testing.T) {
	base, printed := startDemo(t)
	ctx := browserAs(t, base, printed, "county.staff")

	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/people?facet=cadre"),
		chromedp.WaitVisible(chromedp.CSS(`tr.person-row`)),
	); err != nil {
		t.Fatalf("list cadres: %v", err)
	}
	id, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`tr.person-row`), "data-id"))
	if err != nil || id.Value == "" {
		t.Fatalf("read the first cadre's id: %+v, %v", id, err)
	}
	personID := id.Value
	name, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`tr.person-row td.name a`)))
	if err != nil {
		t.Fatalf("read the first cadre's name: %v", err)
	}
	start := time.Now().AddDate(0, 0, -10)
	end := start.AddDate(0, 0, 1)
	record := fmt.Sprintf("%s/people/%s/training?year=%d", base, personID, end.Year())
	doneHours := func() string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(record), chromedp.WaitVisible(chromedp.CSS(`#done-hours`))); err != nil {
			t.Fatalf("open the training record: %v", err)
		}
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#done-hours`)))
		if err != nil {
			t.Fatalf("read the training record: %v", err)
		}
		return strings.TrimSpace(s)
	}
	before := doneHours()

	sessions := start.Format(time.DateOnly) + ",7,开班式暨专题辅导\n" + end.Format(time.DateOnly) + ",7,现场教学"
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/training/programmes/new"),
		chromedp.WaitVisible(chromedp.CSS(`#programme-form`)),
		chromedp.SendKeys(chromedp.CSS(`#title`), "端到端测试培训班"),
		chromedp.SetValue(chromedp.CSS(`#kind`), "rotation"),
		chromedp.SetValue(chromedp.CSS(`#start`), start.Format(time.DateOnly)),
		chromedp.SetValue(chromedp.CSS(`#end`), end.Format(time.DateOnly)),
		chromedp.SetValue(chromedp.CSS(`#sessions`), sessions),
		chromedp.Submit(chromedp.CSS(`#title`)),
		chromedp.WaitVisible(chromedp.CSS(`#roster`)),
	); err != nil {
		t.Fatalf("create the programme: %v", err)
	}
	programmeURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	programmeURL = regexp.MustCompile(`\?.*$`).ReplaceAllString(programmeURL, "")
	if err := chromedp.Do(ctx,
		chromedp.Navigate(programmeURL+"?q="+url.QueryEscape(name)),
		chromedp.Click(chromedp.CSS(`#candidates button.enrol`)),
		chromedp.WaitVisible(chromedp.CSS(`#roster form.close-form`)),
	); err != nil {
		t.Fatalf("enrol the cadre: %v", err)
	}
	for _, session := range []string{"1", "2"} {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(programmeURL+"?session="+session),
			chromedp.Submit(chromedp.CSS(`#attendance-form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`#roster`)),
		); err != nil {
			t.Fatalf("record attendance at session %s: %v", session, err)
		}
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(programmeURL),
		chromedp.Submit(chromedp.CSS(`#roster form.close-form button`)),
		chromedp.WaitVisible(chromedp.CSS(`#roster td.credit`)),
	); err != nil {
		t.Fatalf("close the enrolment: %v", err)
	}
	credit, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#roster td.credit`)))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(credit) != "14" {
		t.Fatalf("credited %q hours, want 14", credit)
	}
	after := doneHours()
	if got, want := hoursValue(t, after), hoursValue(t, before)+14; got != want {
		t.Fatalf("hours done went from %s to %s, want %v", before, after, want)
	}
}

func hoursValue(t *testing.T, s string) float64 {
	t.Helper()
	var v float64
	if _, err := fmt.Sscan(s, &v); err != nil {
		t.Fatalf("hours %q: %v", s, err)
	}
	return v
}
