package web_test

import (
	"bytes"
	"context"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/gate"
	"zugong/internal/web"
)

// browser starts headless Chromium carrying the session of c, so that its
// pages are the pages c would get.
func browser(t *testing.T, c *apptest.Client) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(apptest.Chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.Flag("accept-lang", "zh-CN,zh"),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	u, err := url.Parse(c.Base)
	if err != nil {
		t.Fatal(err)
	}
	var session string
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == gate.SessionCookie {
			session = ck.Value
		}
	}
	if session == "" {
		t.Fatal("the client has no session cookie")
	}
	setCookie := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: gate.SessionCookie, Value: session,
			URL: c.Base, Path: "/"})
		return chromedp.Void{}, err
	}
	if err := chromedp.Do(ctx, setCookie); err != nil {
		t.Fatalf("set the session cookie: %v", err)
	}
	return ctx
}

// pdfPageRE matches a page object of a PDF (not the /Pages tree node).
// Chromium writes page objects uncompressed.
var pdfPageRE = regexp.MustCompile(`/Type\s*/Page[^s]`)

// pageSize reads the size of the first page in points.
func pageSize(t *testing.T, pdf []byte) (w, h float64) {
	m := regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("the PDF has no media box")
	}
	w, _ = strconv.ParseFloat(string(m[1]), 64)
	h, _ = strconv.ParseFloat(string(m[2]), 64)
	return w, h
}

// printPDF opens path and prints it as Chromium's print dialog would with
// the page's own @page size, returning the page's text and the PDF.
func printPDF(t *testing.T, ctx context.Context, base, path string) (string, []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+path),
		chromedp.WaitVisible(chromedp.CSS(`article.appform`)),
	); err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`div.forms`)))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatalf("print %s: %v", path, err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", pdf)
	}
	if dir := os.Getenv("ZUGONG_PRINT_DIR"); dir != "" {
		name := strings.NewReplacer("/", "_", "?", "_", "&", "_", "=", "_").Replace(path)
		if err := os.WriteFile(filepath.Join(dir, name[:min(len(name), 80)]+".pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return text, pdf
}

// TestPrintedFormInChromium prints the 干部任免审批表 through the real
// handlers in headless Chromium: one form is two A4 pages, a batch of three
// is six, and the form shows the dossier.
func TestPrintedFormInChromium(t *testing.T) {
	env := apptest.New(t)
	reg := newRegistry(t, env)
	c := reg.client(t, access.CountyStaff)
	ctx := browser(t, c)
	a := reg.inA.Person.ID

	text, pdf := printPDF(t, ctx, reg.base, "/people/"+a+"/form")
	if n := len(pdfPageRE.FindAll(pdf, -1)); n != 2 {
		t.Errorf("one form printed on %d pages, want 2", n)
	}
	for _, want := range []string{"王建国", "真阳镇党委书记", "正阳县农业农村局局长", "1996.09--2000.07", "郑州大学计算机科学与技术专业学习",
		"李秀英", "正阳县第一小学教师", "2023年度考核称职", "中共正阳县委组织部"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed form lacks %q:\n%s", want, text)
		}
	}
	if w, h := pageSize(t, pdf); math.Abs(w-595.3) > 1.5 || math.Abs(h-841.9) > 1.5 {
		t.Errorf("page size %.1f×%.1f points, want A4 (595.3×841.9)", w, h)
	}

	t.Run("a batch of three, English labels, an overlong dossier", func(t *testing.T) {
		ids := "id=" + a + "&id=" + reg.inA2.Person.ID + "&id=" + reg.inB.Person.ID
		_, pdf := printPDF(t, ctx, reg.base, "/people/forms?"+ids)
		if n := len(pdfPageRE.FindAll(pdf, -1)); n != 6 {
			t.Errorf("three forms printed on %d pages, want 6", n)
		}
		// Text that overflows its boxes is cut, never carried to a new
		// page: every box has a fixed height.
		long := overlongDossier(t, env, reg)
		for _, path := range []string{"/people/" + long + "/form", "/people/" + a + "/form?lang=en"} {
			_, pdf = printPDF(t, ctx, reg.base, path)
			if n := len(pdfPageRE.FindAll(pdf, -1)); n != 2 {
				t.Errorf("%s printed on %d pages, want 2", path, n)
			}
		}
	})
}

// overlongDossier saves a cadre whose every box holds more than it can
// show, and returns its ID.
func overlongDossier(t *testing.T, env *apptest.Env, reg *registry) string {
	t.Helper()
	d := web.SampleDossier(env.Tree.VillageA.ID, "欧阳娜娜", 6)
	d.Person.Gender = "2"
	d.Person.Specialties = strings.Repeat("农村经济管理与乡村振兴规划", 12)
	d.Cadre.CurrentPostText = strings.Repeat("真阳镇党委书记、人大主席、", 20)
	d.Cadre.Proposal.Reason = strings.Repeat("工作需要，经县委常委会研究决定。", 40)
	for i := range 60 {
		d.Cadre.Resume = append(d.Cadre.Resume, d.Cadre.Resume[i%4])
		d.Cadre.Resume[len(d.Cadre.Resume)-1].Text = strings.Repeat("正阳县真阳镇人民政府党政综合办公室", 1+i%3)
	}
	for range 20 {
		d.Cadre.Rewards = append(d.Cadre.Rewards, d.Cadre.Rewards[0])
		d.Cadre.Family = append(d.Cadre.Family, d.Cadre.Family[0])
	}
	saved, err := env.App.People.Save(env.Principal(t, access.CountyStaff), d)
	if err != nil {
		t.Fatal(err)
	}
	return saved.Person.ID
}
