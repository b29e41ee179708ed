package web

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"verbatim"
	"verbatim/extract"
	"verbatim/sqlite"
)

// testToken is the write token of the test servers.
const testToken = "s3cret-token"

// The test articles: two outlets, a speaker quoted in three articles, an
// anonymous source, and one article of hostile text.
var testArticles = []struct {
	url, outlet, title string
	published          time.Time
	text               string
}{
	{"https://gazette.example/bridge", "Portville Gazette", "Harbor bridge to reopen in spring",
		time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC),
		`Harbor bridge to reopen in spring, mayor says
By Nora Lindqvist

PORTVILLE — The Harbor Bridge will reopen to traffic in April, Mayor Anna Holt said on Tuesday.
“We promised this city a safe bridge, and we will deliver it by spring,” Holt told reporters at city hall.
Council member Omar Reyes said that the final bill had not yet been approved. “The numbers do not add up yet,” he said.
According to officials, two of the main cables had corroded faster than expected.
`},
	{"https://herald.example/tram", "North Shore Herald", "Tram line gets the green light",
		time.Date(2025, 5, 2, 15, 30, 0, 0, time.UTC),
		`Tram line to the airport gets the green light

The council approved the tram line on Monday after a long debate.
“We have talked about this tram for twenty years, and now we will build it,” Mayor Anna Holt said.
Omar Reyes, who chairs the budget committee, said the council would watch the costs closely.
“Nobody should expect miracles from one tram line,” Reyes told the Herald.
`},
	{"https://gazette.example/ferry", "Portville Gazette", "Ferry crews walk out",
		time.Date(2025, 5, 20, 7, 0, 0, 0, time.UTC),
		`Ferry crews walk out over night shifts

Ferry crews stopped work on Friday in a dispute over night shifts.
“We will not sail another winter without a proper rota,” union leader Marta Quist said.
Mayor Anna Holt said the city would ask both sides to meet on Monday.
`},
	{"javascript:alert(document.domain)", `<b onmouseover=alert(7)>Evil Outlet</b>`, `<script>alert("title")</script>`,
		time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC),
		`Hostile text <script>window.__xss=1;alert(1)</script> in the headline

“<script>window.__xss=4;alert(4)</script> is what we sent,” Eve Mallory told reporters.
Mallory said that "><img src=x onerror="window.__xss=2;alert(2)"> was harmless, adding that <svg onload=alert(5)> was next.
“Visit javascript:window.__xss=3 for more,” Mallory said.
`},
}

// fixture is a server over a SQLite store holding the test articles.
type fixture struct {
	t     testing.TB
	store *sqlite.Store
	srv   *Server
	// ids are the stored articles' ids, in the order of testArticles.
	ids []int64
}

func newFixture(t testing.TB, cfg Config) *fixture {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	ex := extract.New()
	var as []*verbatim.StoredArticle
	for _, ta := range testArticles {
		an, err := ex.Extract(ta.text)
		if err != nil {
			t.Fatal(err)
		}
		an.ID = ta.url
		as = append(as, &verbatim.StoredArticle{URL: ta.url, Outlet: ta.outlet, Title: ta.title, Lang: "en",
			Published: ta.published, Text: ta.text, Analysis: an,
			Origin: verbatim.Origin{Kind: verbatim.OriginText, Path: ta.url}})
	}
	res, err := store.SaveArticles(ctx, as)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, store: store}
	for _, r := range res {
		f.ids = append(f.ids, r.ID)
	}
	if cfg.Token == "" {
		cfg.Token = testToken
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return time.Date(2025, 5, 22, 12, 0, 0, 0, time.UTC) }
	}
	f.srv, err = New(store, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.srv.Close() })
	// The articles were saved before the server started: its first
	// statistics build has them.
	select {
	case <-f.srv.firstBuild:
	case <-time.After(30 * time.Second):
		t.Fatal("no statistics after 30 s")
	}
	if f.srv.stats.Load() == nil {
		t.Fatal("the first statistics build failed")
	}
	return f
}

// do serves one request in process.
func (f *fixture) do(method, target, body string, header ...string) *httptest.ResponseRecorder {
	f.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rr := httptest.NewRecorder()
	f.srv.ServeHTTP(rr, req)
	return rr
}

// speakerID finds a speaker identity by name.
func (f *fixture) speakerID(name string) int64 {
	f.t.Helper()
	sps, err := f.store.Speakers(context.Background(), verbatim.SpeakerQuery{Name: name})
	if err != nil || len(sps) == 0 {
		f.t.Fatalf("speaker %q: %v %v", name, sps, err)
	}
	return sps[0].ID
}

// outletID finds an outlet by name.
func (f *fixture) outletID(name string) int64 {
	f.t.Helper()
	os, err := f.store.Outlets(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	for _, o := range os {
		if o.Name == name {
			return o.ID
		}
	}
	f.t.Fatalf("no outlet %q in %v", name, os)
	return 0
}

// quoteID returns the id of a stored quote whose text contains s.
func (f *fixture) quoteID(s string) (quote, article int64) {
	f.t.Helper()
	for h, err := range f.store.Export(context.Background(), verbatim.SearchQuery{}) {
		if err != nil {
			f.t.Fatal(err)
		}
		if strings.Contains(h.Text, s) {
			return h.QuoteID, h.ArticleID
		}
	}
	f.t.Fatalf("no quote contains %q", s)
	return 0, 0
}
