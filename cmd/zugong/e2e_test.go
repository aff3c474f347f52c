package main

import (
	"bytes"
	"context"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"zugong/internal/app"
	"zugong/internal/app/apptest"
	"zugong/internal/auth"
)

// syncBuffer is an output the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// browserAs opens headless Chromium and signs the demo account login in
// with its password and TOTP key (read from the demo's printed accounts).
// The returned context drives the browser until the test ends.
func browserAs(t *testing.T, base, printed, login string) context.Context {
	t.Helper()
	browser := apptest.Chromium(t)
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(login) + `\s+\S+\s+\S+\s+\S+\s+([A-Z2-7]+)\s*$`).FindStringSubmatch(printed)
	if m == nil {
		t.Fatalf("no TOTP key for %s in:\n%s", login, printed)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.Flag("accept-lang", "zh-CN,zh"),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/signin"),
		chromedp.WaitVisible(chromedp.CSS(`#login`)),
		chromedp.SendKeys(chromedp.CSS(`#login`), login),
		chromedp.SendKeys(chromedp.CSS(`#password`), app.DemoPassword),
		chromedp.Submit(chromedp.CSS(`#password`)),
		chromedp.WaitVisible(chromedp.CSS(`#code`)),
	); err != nil {
		t.Fatalf("sign in with password: %v", err)
	}
	code, err := auth.Code(m[1], time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#code`), code),
		chromedp.Submit(chromedp.CSS(`#code`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#code`)),
	); err != nil {
		t.Fatalf("second factor: %v", err)
	}
	return ctx
}

// startDemo runs "zugong serve --demo" on a free port and returns its
// address and printed output.
func startDemo(t *testing.T) (string, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	dbPath := filepath.Join(t.TempDir(), "z.db")
	go func() {
		done <- run(ctx, []string{"serve", "--demo", "--people", "1000", "--db", dbPath, "--addr", "127.0.0.1:0"}, func(string) string { return "" }, out, out)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	addr := regexp.MustCompile(`serving on (http://127\.0\.0\.1:\d+)`)
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			return m[1], out.String()
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, out.String())
		default:
		}
	}
	t.Fatalf("serve printed no address:\n%s", out.String())
	return "", ""
}

// TestBrowserSignInWithTOTPAndBrowseTree starts the real server with the
// demo county, signs the county staff in with password and TOTP in headless
// Chromium, and browses from the organisation list into a township.
func TestBrowserSignInWithTOTPAndBrowseTree(t *testing.T) {
	base, printed := startDemo(t)
	ctx := browserAs(t, base, printed, "county.staff")
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/orgs"),
		chromedp.WaitVisible(chromedp.CSS(`table.orgs`)),
	); err != nil {
		t.Fatalf("organisation list: %v", err)
	}
	list, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`table.orgs`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(list, "正阳县") {
		t.Fatalf("the organisation list does not show the county:\n%s", list)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/orgs?q="+url.QueryEscape("真阳镇")),
		chromedp.WaitVisible(chromedp.CSS(`table.orgs`)),
		chromedp.Click(chromedp.Search(`//table[contains(@class,"orgs")]//a[normalize-space(text())="真阳镇"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.children`)),
	); err != nil {
		t.Fatalf("open the township: %v", err)
	}
	crumbs, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`nav.crumbs`)))
	if err != nil {
		t.Fatal(err)
	}
	children, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`table.children`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(crumbs, "正阳县") || !strings.Contains(crumbs, "真阳镇") {
		t.Fatalf("breadcrumb %q does not lead from the county to the township", crumbs)
	}
	if !strings.Contains(children, "村") || !strings.Contains(children, "行政村") {
		t.Fatalf("the township's children are not its villages, in Chinese:\n%s", children)
	}
}
