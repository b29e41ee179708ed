package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"verbatim"
)

// TestIngestURL posts a URL: the server fetches the page through ingest's
// fetcher (allowed to reach the loopback test server here) and stores its
// main text.
func TestIngestURL(t *testing.T) {
	page := `<!doctype html><html lang="en"><head><title>Pier repairs start</title>
<meta property="og:site_name" content="Bay Courier"></head><body><article><h1>Pier repairs start</h1>
<p>Work on the old pier began on Monday, after years of delays that frustrated the fishing fleet and the town's shopkeepers alike.</p>
<p>“The pier is the heart of this town, and now it will beat again,” harbour master Lena Marsh told the Courier on the quay.</p>
<p>The council expects the work to take six months, and the pier will stay open for fishing boats throughout the summer season.</p>
</article></body></html>`
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	defer site.Close()
	f := newFixture(t, Config{AllowPrivate: true})
	rr := f.do("POST", "/api/articles", `{"url":"`+site.URL+`/pier","lang":"en"}`,
		"Content-Type", "application/json", "Authorization", "Bearer "+testToken)
	if rr.Code != 201 {
		t.Fatalf("ingest URL: %d %s", rr.Code, rr.Body)
	}
	r := decode[apiSearch](t, f.do("GET", "/api/search?q=heart", "").Body.Bytes())
	if r.Count != 1 || r.Hits[0].Speaker != "Lena Marsh" || r.Hits[0].URL != site.URL+"/pier" {
		t.Errorf("the fetched article's quote: %+v", r)
	}

	// Without --allow-private the same URL is refused.
	g := newFixture(t, Config{})
	rr = g.do("POST", "/api/analyze", `{"url":"`+site.URL+`/pier"}`, "Content-Type", "application/json")
	if rr.Code != 422 || !strings.Contains(rr.Body.String(), "loopback") {
		t.Errorf("private URL: %d %s", rr.Code, rr.Body)
	}
}

func TestArticleLayout(t *testing.T) {
	text := "Title line\n\n“A,” she said, “B.” Then more.\n"
	span := func(s string) verbatim.Span {
		i := strings.Index(text, s)
		return verbatim.Span{Start: i, End: i + len(s), Text: s}
	}
	a1, b1, cue, she := span("“A,”"), span("“B.”"), span("said"), span("she")
	q := verbatim.Quote{Kind: verbatim.Direct, Entity: -1,
		Content: verbatim.Span{Start: a1.Start, End: b1.End, Text: text[a1.Start:b1.End], Segments: []verbatim.Span{a1, b1}},
		Cue:     &cue, Speaker: &she, SpeakerRef: "Ann"}
	a := &verbatim.StoredArticle{Text: text, Analysis: &verbatim.Analysis{
		Article: verbatim.Article{TitleSpan: &verbatim.Span{Start: 0, End: 10, Text: "Title line"},
			Paragraphs: []verbatim.Span{{Start: 12, End: len(text) - 1, Text: text[12 : len(text)-1]}}},
		Quotes: []verbatim.Quote{q}}}
	v := newArticleView(a, nil, nil)
	if len(v.Blocks) != 2 || v.Blocks[0].Kind != "headline" || v.Blocks[1].Kind != "paragraph" {
		t.Fatalf("blocks: %+v", v.Blocks)
	}
	var got []string
	for _, p := range v.Blocks[1].Pieces {
		kind := "text"
		switch {
		case p.Quote >= 0:
			kind = "quote"
		case p.Cue:
			kind = "cue"
		case p.Who:
			kind = "who"
		}
		got = append(got, kind+":"+p.Text)
	}
	want := []string{"quote:“A,”", "text: ", "who:she", "text: ", "cue:said", "text:, ", "quote:“B.”", "text: Then more."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("pieces\n got %q\nwant %q", got, want)
	}
	if v.Blocks[1].Pieces[0].Anchor != "q0" || v.Blocks[1].Pieces[6].Anchor != "" {
		t.Errorf("anchors: %+v", v.Blocks[1].Pieces)
	}
}

// TestArticleLayoutLinear lays out an article with many quotes: the sweep
// must not be quadratic.
func TestArticleLayoutLinear(t *testing.T) {
	var b strings.Builder
	an := &verbatim.Analysis{}
	for i := range 20000 {
		start := b.Len()
		b.WriteString("“Quote number ")
		fmt.Fprint(&b, i)
		b.WriteString(",” ")
		an.Quotes = append(an.Quotes, verbatim.Quote{Kind: verbatim.Direct, Entity: -1,
			Content: verbatim.Span{Start: start, End: b.Len() - 1}})
		b.WriteString("she said.\n")
	}
	text := b.String()
	for i := range an.Quotes {
		c := &an.Quotes[i].Content
		c.Text = text[c.Start:c.End]
	}
	start := time.Now()
	v := newArticleView(&verbatim.StoredArticle{Text: text, Analysis: an}, nil, nil)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("20,000 quotes laid out in %v", d)
	}
	if len(v.Quotes) != 20000 {
		t.Errorf("%d quotes", len(v.Quotes))
	}
}

func TestCharts(t *testing.T) {
	if got := []int{niceStep(3), niceStep(7), niceStep(23), niceStep(480)}; fmt.Sprint(got) != "[1 2 5 100]" {
		t.Errorf("niceStep: %v", got)
	}
	var months []monthCount
	for m := range 120 {
		months = append(months, monthCount{Month: time.Date(2015, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC), Quotes: m % 7})
	}
	c := quotesChart(months)
	if len(c.Bars) != 10 || c.Label != "Quotes per year" {
		t.Errorf("ten years of months: %d bars, %q", len(c.Bars), c.Label)
	}
	for _, b := range c.Bars {
		if b.Y < 0 || b.Y+b.H > float64(c.Base)+0.01 || b.X < float64(chartLeft) || b.X+b.W > float64(chartW) {
			t.Errorf("bar outside the plot: %+v", b)
		}
	}
	m := mixChart([]typeMix{{Month: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Counts: [4]int{3, 1, 0, 0}}})
	if len(m.Bars) != 2 || m.Bars[0].Class != "t0" || m.Bars[0].H != 3*m.Bars[1].H {
		t.Errorf("mix bars: %+v", m.Bars)
	}
	if quotesChart(nil) != nil || mixChart(nil) != nil {
		t.Error("charts of nothing")
	}
}

func TestChartSVG(t *testing.T) {
	c := quotesChart([]monthCount{{Month: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Quotes: 4}})
	c.Label = `<script>alert(1)</script> & "x"`
	c.Bars[0].Title = `"><img src=x onerror=alert(1)>`
	svg := string(c.SVG())
	for _, bad := range []string{"<script", "<img", `"><img`, `& "`} {
		if strings.Contains(svg, bad) {
			t.Errorf("unescaped %q in %s", bad, svg)
		}
	}
	if !strings.HasPrefix(svg, "<svg ") || !strings.HasSuffix(svg, "</svg>") || strings.Count(svg, "<rect ") != 1 {
		t.Errorf("chart markup: %s", svg)
	}
}

// TestSearchCacheAdmission checks the door keeper: an answer is kept from
// the second time its key is put, and one-off keys do not evict it.
func TestSearchCacheAdmission(t *testing.T) {
	c := newTTLCache[int](3, time.Minute)
	c.put("popular", 1, 1)
	if _, ok := c.get("popular"); ok {
		t.Fatal("kept at the first put")
	}
	c.put("popular", 1, 1)
	for i := range 100 {
		c.put(fmt.Sprint("once", i), i, 1)
	}
	if v, ok := c.get("popular"); !ok || v != 1 {
		t.Errorf("popular key evicted by one-off keys: %v %v", v, ok)
	}
	for i := range 4 {
		c.put(fmt.Sprint("twice", i), i, 1)
		c.put(fmt.Sprint("twice", i), i, 1)
	}
	if _, ok := c.get("popular"); ok || c.cost > 3 {
		t.Errorf("cost %d over the bound of 3, or the oldest entry kept", c.cost)
	}
}

func TestShorten(t *testing.T) {
	if s := shorten("one two three four", 9); s != "one two…" {
		t.Errorf("shorten: %q", s)
	}
	if s := shorten("  a\n b ", 10); s != "a b" {
		t.Errorf("shorten: %q", s)
	}
}

func TestProcCPU(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc")
	}
	before := procCPU(os.Getpid())
	for x, start := 0, time.Now(); time.Since(start) < 50*time.Millisecond; x++ {
		_ = x * x
	}
	if after := procCPU(os.Getpid()); before <= 0 || after <= before {
		t.Errorf("CPU time %v, then %v after spinning", before, after)
	}
	if procCPU(0) != 0 || procCPU(-1) != 0 {
		t.Error("CPU time of no process")
	}
}

// TestAdmission checks that reads wait for a free slot, that a read whose
// time runs out while waiting gets 503, and that health checks and writes
// are never held.
func TestAdmission(t *testing.T) {
	f := newFixture(t, Config{MaxReads: 1, RequestTimeout: 100 * time.Millisecond})
	f.srv.reads <- struct{}{} // the one slot is taken
	if rr := f.do("GET", "/search?q=tram", ""); rr.Code != 503 {
		t.Errorf("read while the slot is taken: %d, want 503", rr.Code)
	}
	if rr := f.do("GET", "/healthz", ""); rr.Code != 200 {
		t.Errorf("health check while the slot is taken: %d", rr.Code)
	}
	if rr := f.do("POST", "/api/articles", `{"text":"x"}`); rr.Code == 503 {
		t.Error("a write waited for a read slot")
	}
	done := make(chan int)
	go func() { done <- f.do("GET", "/search?q=tram", "").Code }()
	time.Sleep(20 * time.Millisecond)
	<-f.srv.reads // the slot is freed: the waiting read goes on
	if code := <-done; code != 200 {
		t.Errorf("read after the slot was freed: %d", code)
	}
}
