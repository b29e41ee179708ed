package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"verbatim"
)

// newsServer serves an RSS feed of teasers whose pages must be fetched.
// Setting revised makes the first page a new version with another quote.
type newsServer struct {
	*httptest.Server
	stories []story
	revised atomic.Bool
	revise  story
}

func newNewsServer(t *testing.T, stories []story, revise story) *newsServer {
	s := &newsServer{stories: stories, revise: revise}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Lakeside Ledger</title>`)
		fmt.Fprintf(w, `<link>%s/</link><language>en</language>`, s.URL)
		for _, st := range s.stories {
			// A teaser: the reader must fetch the page.
			fmt.Fprintf(w, `<item><title>%s</title><link>%s%s</link><guid>%s</guid><description>%s…</description></item>`,
				st.title, s.URL, st.path, st.path, st.title)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/news/", func(w http.ResponseWriter, r *http.Request) {
		for i, st := range s.stories {
			if st.path == r.URL.Path {
				if i == 0 && s.revised.Load() {
					st = s.revise
				}
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				fmt.Fprint(w, st.html(s.URL))
				return
			}
		}
		http.NotFound(w, r)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// corpus writes the inputs of the end-to-end test: HTML files in a folder,
// a WARC file, and a feed served over HTTP, each with stories of its own.
func corpus(t *testing.T) (srcs []string, all []story, srv *newsServer) {
	dir := t.TempDir()
	htmlStories := []story{
		newStory("/news/ferry-timetable", "The new ferry timetable", "2026-03-02T08:00:00Z", "harbour master", "Elsa Brandt",
			"The early boat will leave at six from next month, whatever the weather"),
		newStory("/news/school-roof", "The school roof repairs", "2026-03-03T09:00:00Z", "head teacher", "Marcus Quinn",
			"Our pupils have studied under buckets for two winters and that ends now"),
	}
	for i, s := range htmlStories {
		p := filepath.Join(dir, "pages", fmt.Sprintf("page%d.html", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s.html("https://ledger.example")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	warcStories := []story{
		newStory("/news/market-square", "The market square plan", "2026-03-04T10:00:00Z", "planning officer", "Hannah Weiss",
			"The square will belong to people on foot, not to parked cars"),
		newStory("/news/bus-depot", "The bus depot move", "2026-03-05T11:00:00Z", "transport director", "Tobias Lund",
			"Moving the depot saves four hundred empty kilometres every single day"),
	}
	warc := filepath.Join(dir, "crawl.warc.gz")
	if err := os.WriteFile(warc, warcFile("https://ledger.example", warcStories), 0o644); err != nil {
		t.Fatal(err)
	}
	feedStories := []story{
		newStory("/news/library-hours", "The library opening hours", "2026-03-06T12:00:00Z", "head librarian", "Greta Novak",
			"Opening on Sundays costs us less than closing on Mondays ever saved"),
		newStory("/news/park-lights", "The park lighting", "2026-03-07T13:00:00Z", "park warden", "Felix Moreau",
			"Every path in the park will be lit before the autumn comes"),
	}
	revise := newStory("/news/library-hours", "The library opening hours", "2026-03-06T12:00:00Z", "head librarian", "Greta Novak",
		"We will open on Sundays from May and keep the Monday hours as they are")
	srv = newNewsServer(t, feedStories, revise)
	srcs = []string{filepath.Join(dir, "pages"), warc, srv.URL + "/feed.xml"}
	all = append(append(append(all, htmlStories...), warcStories...), feedStories...)
	return srcs, all, srv
}

// TestIngestEndToEnd ingests HTML files, a WARC file and a feed served over
// HTTP, finds every story's quote by its speaker, runs again to see that
// nothing changes, and sees a revised page replace its quotes.
func TestIngestEndToEnd(t *testing.T) {
	stores := []struct {
		name string
		db   func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "verbatim.db") }},
		{"postgres", func(t *testing.T) string { return postgresDSN(t) }},
	}
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			db := st.db(t)
			srcs, stories, srv := corpus(t)
			ingestArgs := append([]string{"ingest", "--db", db, "--allow-private", "--workers", "2"}, srcs...)

			out := mustRun(t, ingestArgs...)
			if want := fmt.Sprintf("%d articles (%d inserted, 0 updated, 0 unchanged, 0 duplicate), 0 failed", len(stories), len(stories)); !strings.HasPrefix(out, want) {
				t.Fatalf("first run: %s\nwant %s", out, want)
			}
			for _, s := range stories {
				for _, who := range []string{s.speaker, s.surname} {
					hits := records(t, mustRun(t, "search", "--db", db, "--json", "--speaker", who))
					if !hasQuote(hits, s.quote, s.speaker, "https://ledger.example"+s.path, srv.URL+s.path) {
						t.Errorf("search --speaker %q: %s not found in %+v", who, s.quote, hits)
					}
				}
			}
			// Text search finds a quote by its words, and names the outlet.
			hits := records(t, mustRun(t, "search", "--db", db, "--json", "buckets"))
			if len(hits) != 1 || hits[0].Speaker != "Marcus Quinn" || hits[0].Outlet != "Lakeside Ledger" || hits[0].Published != "2026-03-03T09:00:00Z" {
				t.Errorf("search buckets: %+v", hits)
			}

			out = mustRun(t, ingestArgs...)
			if want := fmt.Sprintf("%d articles (0 inserted, 0 updated, %d unchanged, 0 duplicate), 0 failed", len(stories), len(stories)); !strings.HasPrefix(out, want) {
				t.Errorf("second run changed the store: %s\nwant %s", out, want)
			}

			srv.revised.Store(true)
			out = mustRun(t, ingestArgs...)
			if want := fmt.Sprintf("%d articles (0 inserted, 1 updated, %d unchanged, 0 duplicate), 0 failed", len(stories), len(stories)-1); !strings.HasPrefix(out, want) {
				t.Errorf("run after a revision: %s\nwant %s", out, want)
			}
			hits = records(t, mustRun(t, "search", "--db", db, "--json", "--speaker", "Greta Novak"))
			if len(hits) == 0 || !hasQuote(hits, srv.revise.quote, "Greta Novak", srv.URL+srv.revise.path) {
				t.Errorf("revised quote not found: %+v", hits)
			}
			if hasQuote(hits, stories[4].quote, "Greta Novak", srv.URL+stories[4].path) {
				t.Errorf("the revised page's old quote is still stored: %+v", hits)
			}
		})
	}
}

// hasQuote reports whether a hit holds quote, said by speaker, in an
// article at one of urls.
func hasQuote(hits []quoteRecord, quote, speaker string, urls ...string) bool {
	for _, h := range hits {
		if strings.Contains(h.Text, quote) && h.Speaker == speaker {
			for _, u := range urls {
				if h.URL == u {
					return true
				}
			}
		}
	}
	return false
}

// TestIngestBadInputs: bad inputs are reported with their origin and
// skipped; the run fails only when nothing could be ingested.
func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("Council approves budget\n\n“We balanced it without new debt,” said treasurer Ada Lind on Monday.\n"), 0o644)
	binary := filepath.Join(dir, "binary.txt")
	os.WriteFile(binary, []byte("\x00\x01\x02\x03\xff\xfe"+strings.Repeat("\x00", 600)), 0o644)
	jsonl := filepath.Join(dir, "lines.jsonl")
	os.WriteFile(jsonl, []byte("{\"id\":\"a\",\"text\":\"“It works,” said engineer Bo Falk.\"}\n{not json\n"), 0o644)
	missing := filepath.Join(dir, "missing.txt")

	for _, tc := range []struct {
		name     string
		srcs     []string
		wantErr  bool
		summary  string
		mentions []string
	}{
		{"good and bad", []string{good, binary, missing, jsonl}, false,
			"2 articles (2 inserted, 0 updated, 0 unchanged, 0 duplicate), 3 failed", []string{binary, missing, jsonl + ":2"}},
		{"only bad", []string{binary, missing}, true,
			"0 articles (0 inserted, 0 updated, 0 unchanged, 0 duplicate), 2 failed", []string{binary, missing}},
		{"nothing", []string{t.TempDir()}, true, "0 articles", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "v.db")
			out, errs, err := run(t, append([]string{"ingest", "--db", db}, tc.srcs...)...)
			if (err != nil) != tc.wantErr {
				t.Errorf("error %v, want error %v", err, tc.wantErr)
			}
			if !strings.HasPrefix(out, tc.summary) {
				t.Errorf("summary %q, want %q", out, tc.summary)
			}
			for _, m := range tc.mentions {
				if !strings.Contains(errs, "input skipped") || !strings.Contains(errs, m) {
					t.Errorf("the log does not report %s:\n%s", m, errs)
				}
			}
		})
	}
}

// TestStoredArticle checks what an input and its analysis become in the
// store: the reader's metadata first, the text's as a fallback.
func TestStoredArticle(t *testing.T) {
	when := time.Date(2026, 3, 4, 9, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		in   verbatim.Input
		art  verbatim.Article
		want verbatim.StoredArticle
	}{
		{"page metadata wins",
			verbatim.Input{URL: "https://a.example/x", Title: "Page title", Author: "Page Author", SiteName: "Site", Published: when, Lang: "en"},
			verbatim.Article{Title: "Text title", Author: "Text Author", Publisher: "Credit", Date: "2020-01-01"},
			verbatim.StoredArticle{URL: "https://a.example/x", Title: "Page title", Author: "Page Author", Outlet: "Site", Published: when, Lang: "en"}},
		{"text metadata fills in",
			verbatim.Input{},
			verbatim.Article{Title: "Text title", Author: "Text Author", Publisher: "Gazette", Date: "2026-03-04"},
			verbatim.StoredArticle{Title: "Text title", Author: "Text Author", Outlet: "Gazette", Published: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), Lang: "xx"}},
		{"source credit as the last resort",
			verbatim.Input{},
			verbatim.Article{SourceCredit: "Wire Service", Date: "March 4, 2026"},
			verbatim.StoredArticle{Outlet: "Wire Service", Published: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), Lang: "xx"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			an := &verbatim.Analysis{ID: "from the reader", Lang: "xx", Article: tc.art}
			a := storedArticle(&tc.in, an)
			got := verbatim.StoredArticle{URL: a.URL, Title: a.Title, Author: a.Author, Outlet: a.Outlet, Published: a.Published, Lang: a.Lang}
			if !got.Published.Equal(tc.want.Published) || got.URL != tc.want.URL || got.Title != tc.want.Title ||
				got.Author != tc.want.Author || got.Outlet != tc.want.Outlet || got.Lang != tc.want.Lang {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
			if an.ID != tc.in.URL {
				t.Errorf("analysis ID %q, want the URL %q", an.ID, tc.in.URL)
			}
		})
	}
}
