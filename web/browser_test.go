package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The browser tests drive a real headless Chromium (Debian's chromium
// package; scripts/test installs it when run as root) with chromedp. They
// skip when none is found.

// screenshotDir is where the browser tests write the screenshots the
// README shows.
const screenshotDir = "../docs/screenshots"

func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("VERBATIM_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found: install Debian's chromium package (scripts/test does as root) or set VERBATIM_CHROMIUM")
	return ""
}

// browser starts Chromium for one test, with a fresh profile and nothing
// that reaches the network, and fails the test if a JavaScript dialog
// opens or a script throws.
func browser(t *testing.T) (context.Context, *atomic.Int32) {
	t.Helper()
	// A fresh profile, removed after Chromium has exited (its last
	// writes may race t.TempDir's removal).
	profile, err := os.MkdirTemp("", "verbatim-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(findChromium(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 1000),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	dialogs := &atomic.Int32{}
	chromedp.ListenTarget(bctx, func(ev any) {
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			dialogs.Add(1)
			t.Errorf("a JavaScript dialog opened: %q", ev.Message)
			go chromedp.Run(bctx, page.HandleJavaScriptDialog(false))
		case *runtime.EventExceptionThrown:
			t.Errorf("a script threw: %s", ev.ExceptionDetails.Error())
		}
	})
	if err := chromedp.Run(bctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return bctx, dialogs
}

// TestBrowserJourney searches for a quote, opens its article, sees the
// quote highlighted and its cue underlined, opens the speaker page and sees
// the chart, taking the README's screenshots on the way.
func TestBrowserJourney(t *testing.T) {
	f := newFixture(t, Config{})
	ctx, _ := browser(t)
	site := httptest.NewServer(f.srv)
	defer site.Close()
	qid, _ := f.quoteID("We promised this city")
	holt := f.speakerID("Anna Holt")

	var count, activeID, background, decoration, attribution string
	var bars int
	var articleShot, speakerShot []byte
	err := chromedp.Run(ctx,
		chromedp.Navigate(site.URL+"/"),
		chromedp.SendKeys(`.bigsearch input[name=q]`, "promised", chromedp.ByQuery),
		chromedp.Submit(`.bigsearch input[name=q]`, chromedp.ByQuery),
		chromedp.WaitVisible(`li.hit`, chromedp.ByQuery),
		chromedp.Text(`#result-count`, &count, chromedp.ByQuery),
		chromedp.Click(`li.hit a.article-link`, chromedp.ByQuery),
		chromedp.WaitVisible(`mark.q.active`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("mark.q.active").id`, &activeID),
		chromedp.Evaluate(`getComputedStyle(document.querySelector("mark.q.active")).backgroundColor`, &background),
		chromedp.Evaluate(`getComputedStyle(document.querySelector(".cue")).textDecorationLine`, &decoration),
		chromedp.Click(`a.jump[data-q="3"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#attribution`, chromedp.ByQuery),
		chromedp.Text(`#attribution`, &attribution, chromedp.ByQuery),
		chromedp.Evaluate(`window.scrollTo(0, 0)`, nil),
		chromedp.FullScreenshot(&articleShot, 100),
		chromedp.Click(fmt.Sprintf(`.speaker-box a[href="/speakers/%d"]`, holt), chromedp.ByQuery),
		chromedp.WaitVisible(`svg.chart-svg`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("svg.chart-svg rect.bar").length`, &bars),
		chromedp.FullScreenshot(&speakerShot, 100),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(count, "1 quote") {
		t.Errorf("result count %q", count)
	}
	if activeID != fmt.Sprintf("quote-%d", qid) {
		t.Errorf("the highlighted quote is %q, want quote-%d", activeID, qid)
	}
	if background == "" || background == "rgba(0, 0, 0, 0)" || background == "transparent" {
		t.Errorf("the quote has no highlight colour: %q", background)
	}
	if !strings.Contains(decoration, "underline") {
		t.Errorf("the cue is not underlined: %q", decoration)
	}
	if !strings.Contains(attribution, "→ Omar Reyes") {
		t.Errorf("attribution box: %q", attribution)
	}
	if bars < 2 {
		t.Errorf("the speaker chart has %d bars", bars)
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"article.png": articleShot, "speaker.png": speakerShot} {
		if len(b) < 1000 {
			t.Errorf("%s: %d bytes", name, len(b))
			continue
		}
		if err := os.WriteFile(filepath.Join(screenshotDir, name), b, 0o644); err != nil {
			t.Error(err)
		}
	}
}

// TestBrowserXSS opens every page that shows the hostile article in a real
// browser, clicks its quotes, and checks that none of its payloads ran: no
// dialog opened and no payload set its marker.
func TestBrowserXSS(t *testing.T) {
	f := newFixture(t, Config{})
	ctx, dialogs := browser(t)
	site := httptest.NewServer(f.srv)
	defer site.Close()
	pages := []string{
		fmt.Sprintf("/articles/%d", f.ids[3]),
		"/search?q=script",
		"/search?q=" + `%22%3E%3Cimg+src%3Dx+onerror%3D%22window.__xss%3D9%3Balert(9)%22%3E`,
		fmt.Sprintf("/speakers/%d", f.speakerID("Eve Mallory")),
		fmt.Sprintf("/outlets/%d", f.outletID(`<b onmouseover=alert(7)>Evil Outlet</b>`)),
		"/outlets",
		"/",
	}
	for _, p := range pages {
		var marker string
		var images, scripts int
		err := chromedp.Run(ctx,
			chromedp.Navigate(site.URL+p),
			chromedp.WaitReady(`footer`, chromedp.ByQuery),
			// Click every quote and every panel entry: the script shows
			// attributions, and must do so as text.
			chromedp.Evaluate(`document.querySelectorAll("mark.q, a.jump").forEach(e => e.dispatchEvent(new MouseEvent("click", {bubbles: true})))`, nil),
			chromedp.Evaluate(`document.querySelectorAll("b, span.who").forEach(e => e.dispatchEvent(new MouseEvent("mouseover", {bubbles: true})))`, nil),
			chromedp.Sleep(100*time.Millisecond),
			chromedp.Evaluate(`String(window.__xss)`, &marker),
			chromedp.Evaluate(`document.images.length`, &images),
			chromedp.Evaluate(`document.scripts.length`, &scripts),
		)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if marker != "undefined" {
			t.Errorf("%s: a payload ran (window.__xss = %s)", p, marker)
		}
		if images != 0 || scripts != 1 {
			t.Errorf("%s: %d images and %d scripts in the page, want none and app.js", p, images, scripts)
		}
	}
	if n := dialogs.Load(); n > 0 {
		t.Errorf("%d dialogs opened", n)
	}
}
