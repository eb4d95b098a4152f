package server

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/chromedp/chromedp"

	"github.com/hearth-registry/hearth/internal/auth"
	"github.com/hearth-registry/hearth/internal/config"
	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/seed"
	"github.com/hearth-registry/hearth/internal/store"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// The browser tests drive Debian's Chromium (apt-get install chromium)
// through chromedp against the demo service served on loopback. They skip
// where Chromium is missing, unless HEARTH_REQUIRE_CHROMIUM=1 (as in
// .ci/run). Screenshots go to HEARTH_SCREENSHOTS when set, a folder named
// from the repository's root (docs/screenshots keeps the ones a reader
// sees first), else to the test's temporary folder.

const (
	uiPassword  = "hearth-demo-only"
	uiMFASecret = "HEARTHDEMONLYNOTFORREALUSE234567"
)

// uiService is the demo registry served for a browser.
type uiService struct {
	base  string
	st    *store.Store
	shots string
}

// chromiumPath finds Chromium, or skips (fails, when it is required).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("HEARTH_REQUIRE_CHROMIUM") == "1" {
		t.Fatal("Chromium not found and HEARTH_REQUIRE_CHROMIUM=1 (apt-get install chromium)")
	}
	t.Skip("Chromium not found (apt-get install chromium); the browser tests need it")
	return ""
}

// newUIService seeds the demo service into a fresh SQLite database and
// serves it on loopback.
func newUIService(t *testing.T) *uiService {
	t.Helper()
	st := storetest.New(t, dialect.SQLite)
	hash, err := auth.HashPassword(uiPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Run(t.Context(), st.Client, seed.Options{Households: seed.DemoHouseholds, Seed: 1, Today: httpx.Today(),
		Demo: true, DemoPasswordHash: hash, DemoMFASecret: uiMFASecret}); err != nil {
		t.Fatal(err)
	}
	cfg, _ := config.Load(func(string) string { return "" })
	cfg.ServiceName = "Hearth demo fostering service"
	s, err := New(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), "test")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { _ = s.Serve(ctx, ln) }() // a failure shows as the pages failing to load
	t.Cleanup(cancel)
	shots := os.Getenv("HEARTH_SCREENSHOTS")
	switch {
	case shots == "":
		shots = t.TempDir()
	case !filepath.IsAbs(shots):
		shots = filepath.Join("..", "..", shots) // a folder named from the repository's root
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	return &uiService{base: "http://" + ln.Addr().String(), st: st, shots: shots}
}

// browse opens a fresh headless Chromium (its own profile, so its own
// cookies) with a window width × height. The browser starts on a context
// without a deadline, as chromedp asks; each step then gets its own.
func (u *uiService) browse(t *testing.T, width, height int) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// uiStepTimeout bounds each browser step, so a page that never comes fails
// the test instead of hanging it.
const uiStepTimeout = 30 * time.Second

// run performs steps in order, failing the test on the first error.
func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, uiStepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// get runs one step that returns a value, failing the test on error.
func get[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, uiStepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	return v
}

// signIn signs in through the pages as email, with the demo password and,
// for staff, a code from the demo authenticator key.
func (u *uiService) signIn(t *testing.T, ctx context.Context, email string, staff bool) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(u.base+"/sign-in"),
		chromedp.SendKeys(chromedp.ID("email"), email), chromedp.SendKeys(chromedp.ID("password"), uiPassword),
		chromedp.Submit(chromedp.ID("password")), chromedp.WaitReady(chromedp.CSS("h1")))
	if !staff {
		run(t, ctx, chromedp.WaitReady(chromedp.CSS(".moj-primary-navigation")))
		return
	}
	code, err := auth.TOTPCode(uiMFASecret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.WaitVisible(chromedp.ID("code")), chromedp.SendKeys(chromedp.ID("code"), code),
		chromedp.Submit(chromedp.ID("code")), chromedp.WaitReady(chromedp.CSS(".moj-primary-navigation")))
}

// open goes to path and waits for its heading.
func (u *uiService) open(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(u.base+path), chromedp.WaitReady(chromedp.CSS("h1")))
	if body := text(t, ctx, "main"); strings.Contains(body, "template: ") && strings.Contains(body, "executing") {
		t.Errorf("%s: a template failed: %.200s", path, body)
	}
}

// text is the visible text of the first element matching the CSS selector.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return strings.TrimSpace(get(t, ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible)))
}

// screenshot saves what the window shows of the page as name.png: the
// part a person sees first.
func (u *uiService) screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png := get(t, ctx, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join(u.shots, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// axeViolation is a serious or critical accessibility failure axe-core found.
type axeViolation struct {
	ID, Impact, Help string
	Nodes            []string
}

// checkAccessibility runs axe-core (WCAG 2.2 A and AA rules) on the page
// and fails on any serious or critical violation.
func checkAccessibility(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	source, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	get(t, ctx, chromedp.Evaluate[bool](string(source)+";true"))
	raw := get(t, ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
		.then(r => JSON.stringify(r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => ({ID: v.id, Impact: v.impact, Help: v.help, Nodes: v.nodes.map(n => n.target.join(" "))}))))`,
		chromedp.EvalAwaitPromise))
	var found []axeViolation
	if err := json.Unmarshal([]byte(raw), &found); err != nil {
		t.Fatalf("axe result %q: %v", raw, err)
	}
	for _, v := range found {
		t.Errorf("%s: %s accessibility violation %s (%s) at %v", page, v.Impact, v.ID, v.Help, v.Nodes)
	}
}

// fetchStatus asks the page to fetch path with its session, and returns
// the status and content type, as a download link would get them.
func fetchStatus(t *testing.T, ctx context.Context, path string) string {
	t.Helper()
	return get(t, ctx, chromedp.Evaluate[string](`fetch(`+strconv.Quote(path)+`).then(r => r.status + " " + (r.headers.get("content-type") || ""))`,
		chromedp.EvalAwaitPromise))
}

// chromedpCount counts the elements matching a CSS selector.
func chromedpCount(sel string) chromedp.Action[int] {
	return chromedp.Evaluate[int](`document.querySelectorAll(` + strconv.Quote(sel) + `).length`)
}

// chromedpAttrs reads one attribute of every element matching a CSS selector.
func chromedpAttrs(sel, name string) chromedp.Action[[]string] {
	return chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(` + strconv.Quote(sel) + `)).map(e => e.getAttribute(` + strconv.Quote(name) + `))`)
}

// clickAndLoad clicks what sel finds, which sends a form or follows a link,
// and waits until the next page has replaced this one: the old page is
// marked first, so a query never reads it by mistake.
func clickAndLoad(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	get(t, ctx, chromedp.Evaluate[bool](`document.documentElement.dataset.leaving = "1"; true`))
	run(t, ctx, chromedp.Click(chromedp.CSS(sel)), chromedp.WaitNotPresent(chromedp.CSS("html[data-leaving]")),
		chromedp.WaitReady(chromedp.CSS("h1")))
	if body := text(t, ctx, "main"); strings.Contains(body, "template: ") && strings.Contains(body, "executing") {
		t.Fatalf("after clicking %s a template failed: %.300s", sel, body)
	}
}
