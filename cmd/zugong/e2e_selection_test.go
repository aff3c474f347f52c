package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserSelectionFromMotionToAppointment takes one post of the demo
// county from 动议 to 任职 through the pages, as the county's organisation
// department would: the motion, a recommendation of two cadres of the
// registry, their inspection (with the registry's dossier audit), the
// deliberation, the decision, a 任前公示 across the 2025 National Day and
// Mid-Autumn holidays, and the appointment.
func TestBrowserSelectionFromMotionToAppointment(t *testing.T) {
	base, printed := startDemo(t)
	ctx := browserAs(t, base, printed, "county.staff")
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/selections/new"),
		chromedp.WaitVisible(chromedp.CSS(`form.selection-new`)),
	); err != nil {
		t.Fatalf("the motion form: %v", err)
	}

	unit := evaluate[string](t, ctx, `[...document.querySelectorAll('#units option')].find(o => o.label === '真阳镇').value`)
	organ := evaluate[string](t, ctx, `document.querySelector('#organ').options[1].value`)
	fill(t, ctx, "form.selection-new", map[string]string{"org_id": unit, "post": "真阳镇党委书记", "work_plan": "关于真阳镇党委书记人选的选拔任用工作方案",
		"posts": "1", "approved": "3", "occupied": "2", "date": "2025-03-03", "organ": organ, "reference": "正组〔2025〕1号"})
	submit(t, ctx, "form.selection-new button[type=submit]", "recommendation")

	cadres := evaluate[[]string](t, ctx, `[...document.querySelectorAll('#cadres option')].slice(0, 2).map(o => o.value)`)
	if len(cadres) != 2 {
		t.Fatalf("the recommendation form offers %d cadres, want at least 2", len(cadres))
	}
	fill(t, ctx, "form.step-form", map[string]string{"date": "2025-03-10", "reference": "正组〔2025〕2号", "participants": "40",
		"nominees.0.person_id": cadres[0], "nominees.0.votes": "30", "nominees.1.person_id": cadres[1], "nominees.1.votes": "25"})
	submit(t, ctx, "button.record-step", "inspection")

	inspection := map[string]string{"date": "2025-04-01", "reference": "正组〔2025〕3号", "notice_date": "2025-03-25"}
	for _, n := range []string{"0", "1"} {
		p := "subjects." + n + "."
		inspection[p+"findings"] = "政治立场坚定，工作实绩突出。"
		inspection[p+"personal_matters_checked"] = "1"
		inspection[p+"discipline_opinion"] = "未发现影响使用的问题。"
		inspection[p+"integrity_signed"] = "1"
		inspection[p+"integrity_signer"] = "县纪委监委"
	}
	fill(t, ctx, "form.step-form", inspection)
	// Whatever the registry's data-quality check found is resolved.
	evaluate[bool](t, ctx, `document.querySelectorAll('input[name$=".resolved"]').forEach(e => e.checked = true);
		document.querySelectorAll('input[name$=".note"]').forEach(e => e.value = '已据档案核实更正。'); true`)
	submit(t, ctx, "button.record-step", "deliberation")

	fill(t, ctx, "form.step-form", map[string]string{"date": "2025-09-10", "reference": "正组〔2025〕4号", "consultation": "与县委书记、县长酝酿，均无不同意见。"})
	submit(t, ctx, "button.record-step", "decision")

	fill(t, ctx, "form.step-form", map[string]string{"date": "2025-09-25", "reference": "正组〔2025〕9号", "due": "9", "present": "7",
		"ballots.0.agree": "6", "ballots.0.disagree": "1", "ballots.1.agree": "1", "ballots.1.disagree": "5", "ballots.1.defer": "1"})
	submit(t, ctx, "button.record-step", "publicity")

	fill(t, ctx, "form.step-form", map[string]string{"date": "2025-09-25", "reference": "正组〔2025〕5号", "start": "2025-09-26",
		"phone": "0396-8911234", "address": "正阳县真阳街道县委大院"})
	submit(t, ctx, "button.record-step", "appointment")
	notice := evaluate[string](t, ctx, `document.querySelector('.notice-text').innerText`)
	if !strings.Contains(notice, "2025年9月26日至2025年10月9日") || !strings.Contains(notice, "拟任真阳镇党委书记") {
		t.Errorf("the 任前公示 notice does not run through 10-09 for the post:\n%s", notice)
	}

	fill(t, ctx, "form.step-form", map[string]string{"date": "2025-10-10", "reference": "正组〔2025〕6号",
		"appointees.0.talk_date": "2025-10-10", "appointees.0.talk_by": "县委书记"})
	submit(t, ctx, "button.record-step", "probation")

	if got := evaluate[string](t, ctx, `document.querySelector('.current-stage').innerText`); got != "任职" {
		t.Errorf("stage after the appointment: got %q, want 任职", got)
	}
	if got := evaluate[int](t, ctx, `document.querySelectorAll('ol.steps > li').length`); got != 7 {
		t.Errorf("steps on the timeline: got %d, want 7 (动议 to 任职)", got)
	}
	if by := evaluate[string](t, ctx, `document.querySelector('ol.steps > li:last-child .by').innerText`); by != "county.staff" {
		t.Errorf("the appointment was recorded by %q, want county.staff", by)
	}
}

// evaluate runs a script in the page and returns its result.
func evaluate[T any](t *testing.T, ctx context.Context, script string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script))
	if err != nil {
		t.Fatalf("evaluate %s: %v", script, err)
	}
	return v
}

// fill sets the fields of the form by name: a checkbox is ticked by "1",
// any other field takes the value as typed.
func fill(t *testing.T, ctx context.Context, form string, values map[string]string) {
	t.Helper()
	b, err := json.Marshal(values)
	if err != nil {
		t.Fatal(err)
	}
	sel, _ := json.Marshal(form)
	evaluate[bool](t, ctx, `(() => {
		const form = document.querySelector(`+string(sel)+`);
		for (const [name, value] of Object.entries(`+string(b)+`)) {
			const el = form.querySelector('[name="' + name + '"]');
			if (!el) throw new Error('no field ' + name);
			if (el.type === 'checkbox') el.checked = value === '1'; else el.value = value;
		}
		return true;
	})()`)
}

// submit clicks the button and waits for the form of the next stage; when
// it does not come, the test fails with what the page says is wrong.
func submit(t *testing.T, ctx context.Context, button, next string) {
	t.Helper()
	wait, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Do(wait,
		chromedp.Click(chromedp.CSS(button)),
		chromedp.WaitVisible(chromedp.CSS(`form.step-form[data-stage="`+next+`"]`)),
	)
	if err != nil {
		problems, _ := chromedp.Run(ctx, chromedp.Evaluate[string](
			`[...document.querySelectorAll('.alert, .field-error')].map(e => e.innerText).join(' | ')`))
		t.Fatalf("waiting for the %s form: %v; the page says: %s", next, err, problems)
	}
}
