package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestPages requests every page and checks its status and what it shows.
func TestPages(t *testing.T) {
	f := newFixture(t, Config{})
	holt, reyes := f.speakerID("Anna Holt"), f.speakerID("Omar Reyes")
	gazette := f.outletID("Portville Gazette")
	qid, aid := f.quoteID("We promised this city")
	tests := []struct {
		name, path string
		status     int
		want       []string
		not        []string
	}{
		{"home", "/", 200, []string{"Latest quotes", "Most quoted this week", `action="/analyze"`, "Anna Holt",
			`name="token"`}, nil},
		{"search", "/search?q=promised", 200, []string{`id="result-count"`, "1 quote", "We promised this city a safe bridge",
			fmt.Sprintf(`href="/articles/%d#quote-%d"`, aid, qid), fmt.Sprintf(`href="/speakers/%d"`, holt)}, nil},
		{"search no match", "/search?q=zeppelin", 200, []string{"0 quotes", "No quotes match"}, nil},
		{"search by speaker", "/search?speaker=Reyes&sort=newest", 200, []string{"4 quotes", "Nobody should expect miracles"},
			[]string{"We promised"}},
		{"search by speaker id", fmt.Sprintf("/search?speaker_id=%d", holt), 200, []string{"4 quotes"}, nil},
		{"search by outlet and kind", "/search?outlet=North+Shore+Herald&kind=direct", 200,
			[]string{"2 quotes", "Nobody should expect miracles"}, []string{"the council would watch"}},
		{"search by dates", "/search?since=2025-05-01&until=2025-05-02", 200, []string{"3 quotes"}, []string{"Ferry"}},
		{"search bad date", "/search?since=yesterday", 400, []string{"dates are YYYY-MM-DD"}, nil},
		{"search bad kind", "/search?kind=shouted", 400, []string{"kind must be"}, nil},
		{"search bad cursor", "/search?q=bridge&cursor=%21%21", 400, []string{"invalid cursor"}, nil},
		{"article", fmt.Sprintf("/articles/%d", f.ids[0]), 200, []string{
			`<h1 class="headline">`, `class="byline"`, fmt.Sprintf(`id="quote-%d"`, qid), `<u class="cue"`,
			`class="q c`, "Speakers", fmt.Sprintf(`<a href="/speakers/%d">Anna Holt</a>`, holt),
			"“Holt” → Anna Holt", fmt.Sprintf(`href="/outlets/%d"`, gazette), `href="https://gazette.example/bridge"`}, nil},
		{"article missing", "/articles/999999", 404, []string{"not found"}, nil},
		{"article bad id", "/articles/abc", 400, []string{"positive integer"}, nil},
		{"quote redirect", fmt.Sprintf("/quotes/%d", qid), 302, nil, nil},
		{"quote missing", "/quotes/999999", 404, nil, nil},
		{"speakers", "/speakers", 200, []string{"Omar Reyes", "Anna Holt", "Marta Quist"}, nil},
		{"speakers by type", "/speakers?type=organization", 200, []string{"No speakers found"}, nil},
		{"speakers bad type", "/speakers?type=robot", 400, []string{"type must be"}, nil},
		{"speaker", fmt.Sprintf("/speakers/%d", holt), 200, []string{`<h1 class="speaker-name">Anna Holt</h1>`,
			`id="quote-count">4<`, "Holt", "Mayor", `class="chart-svg"`, `<rect class="bar"`, "Quoted alongside",
			fmt.Sprintf(`<a href="/speakers/%d">Omar Reyes</a>`, reyes), "Portville Gazette", "North Shore Herald",
			"March 2025: 2 quotes"}, nil},
		{"speaker missing", "/speakers/999999", 404, nil, nil},
		{"outlets", "/outlets", 200, []string{"Portville Gazette", "North Shore Herald", "gazette.example"}, nil},
		{"outlet", fmt.Sprintf("/outlets/%d", gazette), 200, []string{"Whom it quotes", `<rect class="t0"`,
			"anonymous", "Ferry crews walk out", "Harbor bridge to reopen in spring"}, []string{"Tram line"}},
		{"outlet missing", "/outlets/999999", 404, nil, nil},
		{"stylesheet", "/static/style.css", 200, []string{"mark.q"}, nil},
		{"script", "/static/app.js", 200, []string{"attribution"}, nil},
		{"health", "/healthz", 200, []string{`"status":"ok"`, `"stats":"ready"`}, nil},
		{"no such page", "/nowhere", 404, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rr := f.do("GET", tc.path, "")
			if rr.Code != tc.status {
				t.Fatalf("GET %s: %d, want %d\n%s", tc.path, rr.Code, tc.status, rr.Body)
			}
			body := rr.Body.String()
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: missing %q", tc.path, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(body, w) {
					t.Errorf("GET %s: should not show %q", tc.path, w)
				}
			}
			if csp := rr.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("GET %s: CSP %q", tc.path, csp)
			}
		})
	}
}

// TestAPI requests every read endpoint; TestOpenAPI checks the same
// responses against the document.
func TestAPI(t *testing.T) {
	f := newFixture(t, Config{})
	for _, tc := range apiCases(f) {
		t.Run(tc.name, func(t *testing.T) {
			rr := f.do(tc.method, tc.path, tc.body, tc.header...)
			if rr.Code != tc.status {
				t.Fatalf("%s %s: %d, want %d\n%s", tc.method, tc.path, rr.Code, tc.status, rr.Body)
			}
			if ct := rr.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			var v any
			if err := json.Unmarshal(rr.Body.Bytes(), &v); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, rr.Body)
			}
			if tc.check != nil {
				tc.check(t, rr.Body.Bytes())
			}
		})
	}
}

type apiCase struct {
	name, method, path, body string
	header                   []string
	status                   int
	check                    func(t *testing.T, body []byte)
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	return v
}

func apiCases(f *fixture) []apiCase {
	holt := f.speakerID("Anna Holt")
	gazette := f.outletID("Portville Gazette")
	qid, aid := f.quoteID("We promised this city")
	auth := []string{"Authorization", "Bearer " + testToken, "Content-Type", "application/json"}
	return []apiCase{
		{name: "home", method: "GET", path: "/api/home", status: 200, check: func(t *testing.T, b []byte) {
			h := decode[apiHome](t, b)
			if h.Articles != 4 || h.Quotes != 15 || len(h.Latest) != 10 {
				t.Errorf("home: %d articles, %d quotes, %d latest", h.Articles, h.Quotes, len(h.Latest))
			}
			// The fixture's clock is 22 May 2025: the ferry article and the
			// tram article are within the week before? Only the ferry one.
			if len(h.TopSpeakersWeek) == 0 || h.TopSpeakersWeek[0].Quotes != 1 {
				t.Errorf("top speakers this week: %+v", h.TopSpeakersWeek)
			}
		}},
		{name: "search", method: "GET", path: "/api/search?q=promised", status: 200, check: func(t *testing.T, b []byte) {
			r := decode[apiSearch](t, b)
			if r.Count != 1 || !r.CountExact || len(r.Hits) != 1 || r.Hits[0].ID != qid || r.Next != nil {
				t.Errorf("search: %+v", r)
			}
			if int64(r.Hits[0].SpeakerID) != holt || time.Time(r.Hits[0].Published).IsZero() {
				t.Errorf("hit: %+v", r.Hits[0])
			}
		}},
		{name: "search filters", method: "GET", status: 200,
			path: fmt.Sprintf("/api/search?speaker_id=%d&since=2025-05-01&kind=direct&sort=newest&limit=5", holt),
			check: func(t *testing.T, b []byte) {
				r := decode[apiSearch](t, b)
				if r.Count != 1 || !strings.Contains(r.Hits[0].Text, "tram") {
					t.Errorf("search: %+v", r)
				}
			}},
		{name: "search paged", method: "GET", path: "/api/search?limit=2", status: 200, check: func(t *testing.T, b []byte) {
			r := decode[apiSearch](t, b)
			if r.Count != 15 || !r.CountExact || len(r.Hits) != 2 || r.Next == nil {
				t.Errorf("search: count %d exact %v hits %d next %v", r.Count, r.CountExact, len(r.Hits), r.Next)
			}
		}},
		{name: "search bad limit", method: "GET", path: "/api/search?limit=1000", status: 400},
		{name: "search bad cursor", method: "GET", path: "/api/search?cursor=bm9wZQ", status: 400},
		{name: "quote", method: "GET", path: fmt.Sprintf("/api/quotes/%d", qid), status: 200, check: func(t *testing.T, b []byte) {
			r := decode[apiQuoteResult](t, b)
			if int64(r.Quote.ID) != qid || r.Article.ID != aid || int64(r.Quote.SpeakerID) != holt || r.Quote.Cue.Text != "told" {
				t.Errorf("quote: %+v", r)
			}
		}},
		{name: "quote missing", method: "GET", path: "/api/quotes/999999", status: 404},
		{name: "articles", method: "GET", path: "/api/articles?limit=2", status: 200, check: func(t *testing.T, b []byte) {
			r := decode[struct {
				Articles []apiArticleSummary
				Next     *string
			}](t, b)
			if len(r.Articles) != 2 || r.Next == nil || r.Articles[0].ID != f.ids[3] {
				t.Errorf("articles: %+v", r)
			}
		}},
		{name: "articles of outlet", method: "GET", path: fmt.Sprintf("/api/articles?outlet_id=%d", gazette), status: 200,
			check: func(t *testing.T, b []byte) {
				r := decode[struct{ Articles []apiArticleSummary }](t, b)
				if len(r.Articles) != 2 || r.Articles[0].Title != "Ferry crews walk out" {
					t.Errorf("articles: %+v", r)
				}
			}},
		{name: "article", method: "GET", path: fmt.Sprintf("/api/articles/%d", aid), status: 200, check: func(t *testing.T, b []byte) {
			r := decode[struct {
				ID     int64
				Text   string
				Quotes []struct {
					ID        int64
					SpeakerID int64 `json:"speaker_id"`
					Content   struct{ Start, End int }
				}
				Structure struct{ Byline *struct{ Text string } }
			}](t, b)
			if r.ID != aid || len(r.Quotes) != 6 || r.Structure.Byline == nil || r.Structure.Byline.Text != "By Nora Lindqvist" {
				t.Fatalf("article: %+v", r)
			}
			q := r.Quotes[2]
			if q.ID != qid || q.SpeakerID != holt || !strings.HasPrefix(r.Text[q.Content.Start:q.Content.End], "“We promised") {
				t.Errorf("quote 2: %+v", q)
			}
		}},
		{name: "article missing", method: "GET", path: "/api/articles/999999", status: 404},
		{name: "speakers", method: "GET", path: "/api/speakers?limit=2", status: 200, check: func(t *testing.T, b []byte) {
			r := decode[struct {
				Speakers []apiSpeaker
				Next     *string
			}](t, b)
			if len(r.Speakers) != 2 || r.Next == nil || r.Speakers[0].Name != "Anna Holt" {
				t.Errorf("speakers: %+v", r)
			}
		}},
		{name: "speakers by name", method: "GET", path: "/api/speakers?name=Holt&type=person", status: 200,
			check: func(t *testing.T, b []byte) {
				r := decode[struct{ Speakers []apiSpeaker }](t, b)
				if len(r.Speakers) != 1 || r.Speakers[0].ID != holt {
					t.Errorf("speakers: %+v", r)
				}
			}},
		{name: "speaker", method: "GET", path: fmt.Sprintf("/api/speakers/%d", holt), status: 200, check: func(t *testing.T, b []byte) {
			r := decode[apiSpeakerProfile](t, b)
			if r.Name != "Anna Holt" || r.Quotes != 4 || r.Stats != "ready" || len(r.Latest) != 4 || len(r.Outlets) != 2 {
				t.Errorf("speaker: %+v", r)
			}
			// March, April (none) and May 2025.
			if len(r.Months) != 3 || r.Months[0] != (apiMonth{"2025-03", 2}) || r.Months[1].Quotes != 0 || r.Months[2].Quotes != 2 {
				t.Errorf("months: %+v", r.Months)
			}
			if len(r.CoQuoted) == 0 || r.CoQuoted[0].Name != "Omar Reyes" || r.CoQuoted[0].Articles != 2 {
				t.Errorf("co-quoted: %+v", r.CoQuoted)
			}
		}},
		{name: "speaker missing", method: "GET", path: "/api/speakers/999999", status: 404},
		{name: "outlets", method: "GET", path: "/api/outlets", status: 200, check: func(t *testing.T, b []byte) {
			r := decode[struct{ Outlets []apiOutlet }](t, b)
			if len(r.Outlets) != 3 || r.Outlets[0].Name != "Portville Gazette" || r.Outlets[0].Quotes != 8 {
				t.Errorf("outlets: %+v", r)
			}
		}},
		{name: "outlet", method: "GET", path: fmt.Sprintf("/api/outlets/%d?limit=1", gazette), status: 200, check: func(t *testing.T, b []byte) {
			r := decode[apiOutletProfile](t, b)
			if r.Name != "Portville Gazette" || len(r.Articles) != 1 || r.Next == nil || len(r.SpeakerTypes) != 3 {
				t.Fatalf("outlet: %+v", r)
			}
			march := r.SpeakerTypes[0]
			if march.Month != "2025-03" || march.Person != 5 || march.Anonymous != 1 {
				t.Errorf("March mix: %+v", march)
			}
		}},
		{name: "outlet missing", method: "GET", path: "/api/outlets/999999", status: 404},
		{name: "openapi", method: "GET", path: "/api/openapi.json", status: 200},
		{name: "no such endpoint", method: "GET", path: "/api/nothing", status: 404},
		{name: "analyze", method: "POST", path: "/api/analyze", status: 200,
			header: []string{"Content-Type", "application/json"},
			body:   `{"text":"“It is done,” Mayor Anna Holt said.\n","title":"Done","lang":"en"}`,
			check: func(t *testing.T, b []byte) {
				r := decode[struct {
					ID     *int64
					Stored bool
					Title  string
					Quotes []struct {
						SpeakerRef string `json:"speaker_ref"`
					}
				}](t, b)
				if r.ID != nil || r.Stored || r.Title != "Done" || len(r.Quotes) != 1 || r.Quotes[0].SpeakerRef != "Anna Holt" {
					t.Errorf("analysis: %+v", r)
				}
			}},
		{name: "analyze nothing", method: "POST", path: "/api/analyze", status: 400,
			header: []string{"Content-Type", "application/json"}, body: `{}`},
		{name: "analyze not JSON", method: "POST", path: "/api/analyze", status: 400,
			header: []string{"Content-Type", "text/plain"}, body: `hello`},
		{name: "analyze unknown field", method: "POST", path: "/api/analyze", status: 400,
			header: []string{"Content-Type", "application/json"}, body: `{"txt":"a"}`},
		{name: "ingest without token", method: "POST", path: "/api/articles", status: 401,
			header: []string{"Content-Type", "application/json"}, body: `{"text":"x"}`},
		{name: "ingest", method: "POST", path: "/api/articles", status: 201, header: auth,
			body: `{"text":"“We ingest,” Omar Reyes said.\n","lang":"en","url":"https://herald.example/ingest","outlet":"North Shore Herald","published":"2025-05-21"}`,
			check: func(t *testing.T, b []byte) {
				r := decode[apiIngestResult](t, b)
				if r.Status != "inserted" || r.ID == 0 || r.Page != fmt.Sprintf("/articles/%d", r.ID) {
					t.Errorf("ingest: %+v", r)
				}
			}},
		{name: "ingest again", method: "POST", path: "/api/articles", status: 200, header: auth,
			body: `{"text":"“We ingest,” Omar Reyes said.\n","lang":"en","url":"https://herald.example/ingest","outlet":"North Shore Herald","published":"2025-05-21"}`,
			check: func(t *testing.T, b []byte) {
				if r := decode[apiIngestResult](t, b); r.Status != "unchanged" {
					t.Errorf("ingest again: %+v", r)
				}
			}},
		{name: "ingest bad URL", method: "POST", path: "/api/articles", status: 400, header: auth,
			body: `{"text":"a","url":"javascript:alert(1)"}`},
		{name: "ingest private URL", method: "POST", path: "/api/articles", status: 422, header: auth,
			body: `{"url":"http://127.0.0.1:1/article"}`},
	}
}

// TestWriteAuth checks that writes need the token: none and a wrong one
// get 401, the right one stores; a server without a token refuses writes.
func TestWriteAuth(t *testing.T) {
	f := newFixture(t, Config{})
	body := `{"text":"“Tokens matter,” Marta Quist said.\n","lang":"en"}`
	for _, tc := range []struct {
		name   string
		header []string
		status int
	}{
		{"no token", []string{"Content-Type", "application/json"}, 401},
		{"wrong token", []string{"Content-Type", "application/json", "Authorization", "Bearer nope"}, 401},
		{"token as prefix", []string{"Content-Type", "application/json", "Authorization", "Bearer " + testToken[:5]}, 401},
		{"token longer", []string{"Content-Type", "application/json", "Authorization", "Bearer " + testToken + "x"}, 401},
		{"basic auth", []string{"Content-Type", "application/json", "Authorization", "Basic " + testToken}, 401},
		{"right token", []string{"Content-Type", "application/json", "Authorization", "Bearer " + testToken}, 201},
		{"right token again", []string{"Content-Type", "application/json", "Authorization", "bearer " + testToken}, 200},
	} {
		rr := f.do("POST", "/api/articles", body, tc.header...)
		if rr.Code != tc.status {
			t.Errorf("%s: %d, want %d: %s", tc.name, rr.Code, tc.status, rr.Body)
		}
		if rr.Code == 401 && rr.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("%s: 401 without WWW-Authenticate", tc.name)
		}
	}
	// The stored article is searchable at once.
	rr := f.do("GET", "/api/search?q=tokens", "")
	if r := decode[apiSearch](t, rr.Body.Bytes()); r.Count != 1 {
		t.Errorf("search after ingest: %s", rr.Body)
	}

	open := newFixture(t, Config{Token: "unused"})
	open.srv.cfg.Token = ""
	rr = open.do("POST", "/api/articles", body, "Content-Type", "application/json", "Authorization", "Bearer ")
	if rr.Code != 403 {
		t.Errorf("server without token: %d %s", rr.Code, rr.Body)
	}
}

// TestAnalyzeForm posts the home page's form: analysed and shown, not
// stored; stored only with the token.
func TestAnalyzeForm(t *testing.T) {
	f := newFixture(t, Config{})
	text := "Library hours to grow\n\n“We will open on Sundays,” librarian Ruth Adeyemi said.\n"
	form := url.Values{"text": {text}}
	rr := f.do("POST", "/analyze", form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	if rr.Code != 200 || !strings.Contains(rr.Body.String(), "This analysis was not stored") ||
		!strings.Contains(rr.Body.String(), `<mark class="q c0`) || !strings.Contains(rr.Body.String(), "Ruth Adeyemi") {
		t.Fatalf("analysis page: %d\n%s", rr.Code, rr.Body)
	}
	if r := decode[apiSearch](t, f.do("GET", "/api/search?q=sundays", "").Body.Bytes()); r.Count != 0 {
		t.Fatalf("an analysis was stored: %+v", r)
	}
	form.Set("store", "1")
	form.Set("token", "wrong")
	if rr := f.do("POST", "/analyze", form.Encode(), "Content-Type", "application/x-www-form-urlencoded"); rr.Code != 401 {
		t.Errorf("store with a wrong token: %d", rr.Code)
	}
	form.Set("token", testToken)
	rr = f.do("POST", "/analyze", form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	if rr.Code != http.StatusSeeOther || !strings.HasPrefix(rr.Header().Get("Location"), "/articles/") {
		t.Fatalf("store: %d %v", rr.Code, rr.Header())
	}
	if rr := f.do("GET", rr.Header().Get("Location"), ""); rr.Code != 200 || !strings.Contains(rr.Body.String(), "Sundays") {
		t.Errorf("stored article page: %d", rr.Code)
	}
}

// TestLimits checks the body size limit and the metrics.
func TestLimits(t *testing.T) {
	f := newFixture(t, Config{MaxBodyBytes: 1024})
	big := `{"text":"` + strings.Repeat("a", 4096) + `"}`
	rr := f.do("POST", "/api/analyze", big, "Content-Type", "application/json")
	if rr.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("large body: %d %s", rr.Code, rr.Body)
	}
	f.do("GET", fmt.Sprintf("/articles/%d", f.ids[0]), "")
	f.do("POST", "/api/articles", `{"text":"“Counted,” Marta Quist said.\n","lang":"en"}`,
		"Content-Type", "application/json", "Authorization", "Bearer "+testToken)
	m := f.do("GET", "/metrics", "").Body.String()
	for _, w := range []string{
		`verbatim_http_requests_total{route="GET /articles/{id}",code="200"} 1`,
		`verbatim_http_requests_total{route="POST /api/analyze",code="413"} 1`,
		`verbatim_http_request_duration_seconds_bucket{route="GET /articles/{id}",le="+Inf"} 1`,
		`verbatim_ingested_articles_total{status="inserted"} 1`,
		"# TYPE verbatim_http_request_duration_seconds histogram",
		"verbatim_stats_quotes 15",
	} {
		if !strings.Contains(m, w) {
			t.Errorf("metrics lack %q\n%s", w, m)
		}
	}
}

// TestSearchPaging pages through every quote one and three at a time,
// counted up to 4, and gets each quote once.
func TestSearchPaging(t *testing.T) {
	f := newFixture(t, Config{})
	defer func(n int) { searchCountUpTo = n }(searchCountUpTo)
	searchCountUpTo = 4
	for _, limit := range []int{1, 3} {
		seen := map[int64]bool{}
		cursor := ""
		for range 50 {
			rr := f.do("GET", fmt.Sprintf("/api/search?sort=newest&limit=%d&cursor=%s", limit, cursor), "")
			r := decode[apiSearch](t, rr.Body.Bytes())
			if r.Count != 4 || r.CountExact {
				t.Fatalf("count up to 4: %d %v", r.Count, r.CountExact)
			}
			for _, h := range r.Hits {
				if seen[h.ID] {
					t.Fatalf("limit %d: quote %d twice", limit, h.ID)
				}
				seen[h.ID] = true
			}
			if r.Next == nil {
				break
			}
			cursor = url.QueryEscape(*r.Next)
		}
		if len(seen) != 15 {
			t.Errorf("limit %d: %d quotes, want 15", limit, len(seen))
		}
	}
}

// TestStatsBuilding serves the pages before the statistics exist: they
// say so instead of failing.
func TestStatsBuilding(t *testing.T) {
	f := newFixture(t, Config{})
	f.srv.stats.Store(nil)
	for path, want := range map[string]string{
		"/": "Counting…",
		fmt.Sprintf("/speakers/%d", f.speakerID("Anna Holt")):       "The statistics are being computed",
		fmt.Sprintf("/outlets/%d", f.outletID("Portville Gazette")): "being computed",
		fmt.Sprintf("/articles/%d", f.ids[0]):                       "We promised this city",
		"/api/home":                                                 `"top_speakers_week":[]`,
		"/healthz":                                                  `"stats":"building"`,
	} {
		rr := f.do("GET", path, "")
		if rr.Code != 200 || !strings.Contains(rr.Body.String(), want) {
			t.Errorf("GET %s: %d, want %q", path, rr.Code, want)
		}
	}
	if rr := f.do("GET", "/quotes/1", ""); rr.Code != 404 {
		t.Errorf("quote before the statistics: %d", rr.Code)
	}
}

// TestRecordCache checks the article and speaker caches: a page asked for
// again is the same, and a change to the store shows once the statistics
// are rebuilt.
func TestRecordCache(t *testing.T) {
	f := newFixture(t, Config{})
	speaker := fmt.Sprintf("/speakers/%d", f.speakerID("Anna Holt"))
	article := fmt.Sprintf("/articles/%d", f.ids[0])
	for _, path := range []string{speaker, article, "/api" + speaker, "/api" + article} {
		first := f.do("GET", path, "").Body.String()
		for range 3 {
			if rr := f.do("GET", path, ""); rr.Code != 200 || rr.Body.String() != first {
				t.Errorf("GET %s again: %d, a different page", path, rr.Code)
			}
		}
	}
	if _, ok := f.srv.profiles.get(strings.TrimPrefix(speaker, "/speakers/")); !ok {
		t.Error("speaker profile not cached after repeated asks")
	}
	if _, ok := f.srv.articles.get(strings.TrimPrefix(article, "/articles/")); !ok {
		t.Error("article not cached after repeated asks")
	}
	rr := f.do("POST", "/api/articles", `{"text":"“The cache must forget,” Mayor Anna Holt said.\n","lang":"en"}`,
		"Content-Type", "application/json", "Authorization", "Bearer "+testToken)
	if rr.Code != 201 {
		t.Fatalf("ingest: %d %s", rr.Code, rr.Body)
	}
	if err := f.srv.RefreshStats(context.Background()); err != nil {
		t.Fatal(err)
	}
	if body := f.do("GET", speaker, "").Body.String(); !strings.Contains(body, `id="quote-count">5<`) ||
		!strings.Contains(body, "The cache must forget") {
		t.Errorf("speaker page after a new quote is stale:\n%s", body)
	}
}
