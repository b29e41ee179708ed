package sqlite

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"verbatim"
	"verbatim/storetest"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "verbatim.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) verbatim.Store { return openTemp(t) })
}

func TestBenchSearch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bench.db")
	r, err := BenchSearch(t.Context(), path, 2000, 200)
	if err != nil {
		t.Fatal(err)
	}
	if r.Quotes != 2000 || r.Articles != 100 || r.Generated != 2000 || r.Queries != 200 || r.P99 == 0 || r.MeanHits == 0 {
		t.Errorf("report %+v", r)
	}
	t.Log(r)
	// A second run reuses the corpus, and topping it up adds only what is missing.
	r, err = BenchSearch(t.Context(), path, 3000, 50)
	if err != nil {
		t.Fatal(err)
	}
	if r.Quotes != 3000 || r.Generated != 1000 {
		t.Errorf("top-up report %+v", r)
	}
}

// BenchmarkSearch measures searches over a synthetic corpus of
// VERBATIM_BENCH_QUOTES quotes (20,000 by default) kept in
// VERBATIM_BENCH_DB (a temporary file by default): set both to measure the
// million-quote case on a file that outlives the run.
func BenchmarkSearch(b *testing.B) {
	n := 20000
	if v := os.Getenv("VERBATIM_BENCH_QUOTES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("VERBATIM_BENCH_QUOTES: %v", err)
		}
	}
	path := os.Getenv("VERBATIM_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	if _, err := BenchSearch(b.Context(), path, n, 1); err != nil {
		b.Fatal(err)
	}
	s, err := Open(b.Context(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	g := newCorpus()
	rng := rand.New(rand.NewPCG(1, 2))
	var lat []time.Duration
	for b.Loop() {
		q := g.query(rng, n/quotesPerArticle)
		t := time.Now()
		if _, err := s.Search(b.Context(), q); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	b.ReportMetric(float64(percentile(lat, 0.99).Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(percentile(lat, 0.50).Microseconds())/1000, "p50-ms")
}

// TestRankWindow checks that a relevance search ranks only the most
// recently stored matches, exactly, and pages through them.
func TestRankWindow(t *testing.T) {
	defer func(w int) { RankWindow = w }(RankWindow)
	RankWindow = 3
	s, g := corpusStore(t, 3)
	word := g.words[0] // in nearly every quote
	all, err := s.count(t.Context(), `SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH '"`+word+`"'`)
	if err != nil || all <= RankWindow {
		t.Fatalf("%d matches, %v; the test needs more than the window", all, err)
	}
	window := map[int64]bool{}
	rows, err := s.r.Query(`SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH '"`+word+`"' ORDER BY rowid DESC LIMIT ?`, RankWindow)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		window[id] = true
	}
	rows.Close()
	var got []verbatim.QuoteHit
	q := verbatim.SearchQuery{Text: word, Limit: 2}
	for {
		page, err := s.Search(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page.Hits...)
		if q.Cursor = page.Next; q.Cursor == "" {
			break
		}
	}
	if len(got) != RankWindow {
		t.Fatalf("%d hits; want the window of %d", len(got), RankWindow)
	}
	for i, h := range got {
		if !window[h.QuoteID] {
			t.Errorf("hit %d is quote %d, not among the newest %d matches", i, h.QuoteID, RankWindow)
		}
		if i > 0 && h.Score > got[i-1].Score {
			t.Errorf("hit %d scores %v after %v", i, h.Score, got[i-1].Score)
		}
	}
	// Newest first goes beyond the window.
	page, err := s.Search(t.Context(), verbatim.SearchQuery{Text: word, Sort: verbatim.ByNewest, Limit: verbatim.MaxLimit})
	if err != nil || len(page.Hits) != all {
		t.Errorf("newest first: %d hits, %v; want all %d", len(page.Hits), err, all)
	}
}
