package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserTalentFiguresAndMarket walks the demo county's talent work in
// headless Chromium as the county staff: the figure of talents taking part
// drills down to a pool listing of exactly that many talents, and an open
// project's best-matched talent, invited from the project page, shows
// among its pending invitations.
func TestBrowserTalentFiguresAndMarket(t *testing.T) {
	base, printed := startDemo(t)
	ctx := browserAs(t, base, printed, "county.staff")

	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/talent"),
		chromedp.WaitVisible(chromedp.CSS(`#fig-taking-part`)),
	); err != nil {
		t.Fatalf("open the talent dashboard: %v", err)
	}
	figure, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#fig-taking-part`)))
	if err != nil {
		t.Fatal(err)
	}
	if figure = strings.TrimSpace(figure); figure == "0" || figure == "" {
		t.Fatalf("talents taking part = %q, want the demo's year of talent work", figure)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#fig-taking-part`)),
		chromedp.WaitVisible(chromedp.CSS(`tr.talent-row`)),
	); err != nil {
		t.Fatalf("drill down from the figure: %v", err)
	}
	pager, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.pager .range`)))
	if err != nil {
		t.Fatal(err)
	}
	numbers := regexp.MustCompile(`\d+`).FindAllString(pager, -1)
	if len(numbers) == 0 || numbers[len(numbers)-1] != figure {
		t.Fatalf("the drill-down lists %q, want %s talents", pager, figure)
	}

	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/talent/projects?status=open"),
		chromedp.WaitVisible(chromedp.CSS(`tr.project-row`)),
	); err != nil {
		t.Fatalf("list open projects: %v", err)
	}
	project, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`tr.project-row`), "data-id"))
	if err != nil || project.Value == "" {
		t.Fatalf("read the first open project: %+v, %v", project, err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/talent/projects/"+project.Value),
		chromedp.WaitVisible(chromedp.CSS(`#matches article.match`)),
	); err != nil {
		t.Fatalf("open the project's matches: %v", err)
	}
	// The best-ranked talent not yet asked: the demo has applications and
	// invitations of its own.
	person, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const asked = new Set([...document.querySelectorAll('tr.application-row')].map(r => r.dataset.talent));
		const m = [...document.querySelectorAll('#matches article.match')].find(a => !asked.has(a.dataset.person));
		return m ? m.dataset.person : '';
	})()`))
	if err != nil || person == "" {
		t.Fatalf("find a matched talent not yet asked: %q, %v", person, err)
	}
	match := `#matches article.match[data-person="` + person + `"] `
	form, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(match+`select[name=form] option:nth-child(2)`), "value"))
	if err != nil || form.Value == "" {
		t.Fatalf("read a form the project allows: %+v, %v", form, err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(match+`select[name=form]`), form.Value),
		chromedp.Click(chromedp.CSS(match+`input[name=factors][value=technology]`)),
		chromedp.Submit(chromedp.CSS(match+`form.invite-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`tr.application-row[data-talent="`+person+`"][data-status="pending"]`)),
	); err != nil {
		t.Fatalf("invite the matched talent: %v", err)
	}
}
