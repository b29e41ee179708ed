package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"verbatim"
	"verbatim/sqlite"
)

// TestBenchCommands runs the bench commands on tiny inputs: they must run
// and report every measurement. Their numbers are not checked.
func TestBenchCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("generates corpora")
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"bench", "ingest", "--texts", "40", "--pages", "4", "--warc", "8"}, []string{"text ", "articles/s", "HTML ", "pages/s", "WARC ", "heap in use"}},
		{[]string{"bench", "search", "--n", "600", "--queries", "20", "--db", filepath.Join(t.TempDir(), "s.db")}, []string{"p99"}},
	} {
		t.Run(tc.args[1], func(t *testing.T) {
			out := mustRun(t, tc.args...)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
	jsonl := filepath.Join(t.TempDir(), "a.jsonl")
	syntheticCorpus(t, jsonl, 5)
	if out := mustRun(t, "bench", jsonl); !strings.Contains(out, "throughput") {
		t.Errorf("bench FILE.jsonl is no longer the extract benchmark:\n%s", out)
	}
}

// TestReporters: the log reporter writes slog lines with the counts, the
// bar reporter draws them, and both report skipped inputs by origin.
func TestReporters(t *testing.T) {
	var logs, bar bytes.Buffer
	for _, tc := range []struct {
		r    reporter
		out  *bytes.Buffer
		want []string
	}{
		{logReporter{log: newTextLogger(&logs), every: 10 * time.Millisecond}, &logs, []string{"msg=\"ingest progress\" articles=7 quotes=21 failed=1", "input skipped", `origin="feed.xml item 3"`}},
		{&barReporter{w: &bar}, &bar, []string{"21 quotes, 1 errors", "skipped feed.xml item 3: gone"}},
	} {
		var c counters
		c.articles.Store(7)
		c.quotes.Store(21)
		c.failed.Store(1)
		stop := tc.r.start(&c)
		time.Sleep(50 * time.Millisecond)
		tc.r.skipped(verbatim.Origin{Kind: verbatim.OriginFeed, Path: "feed.xml", Item: "3"}, errors.New("feed.xml item 3: gone"))
		stop()
		for _, w := range tc.want {
			if !strings.Contains(tc.out.String(), w) {
				t.Errorf("%T output lacks %q:\n%s", tc.r, w, tc.out)
			}
		}
	}
}

// BenchmarkIngestText ingests generated plain-text articles into a fresh
// SQLite store per iteration and reports articles/s.
func BenchmarkIngestText(b *testing.B) {
	dir := b.TempDir()
	const n = 1000
	if _, err := writeFiles(filepath.Join(dir, "texts"), n, ".txt", func(i int) string { return synthText(i, 10) }); err != nil {
		b.Fatal(err)
	}
	var total time.Duration
	for i := 0; b.Loop(); i++ {
		db := filepath.Join(dir, "b.db")
		os.Remove(db)
		s, err := sqlite.Open(context.Background(), db)
		if err != nil {
			b.Fatal(err)
		}
		st, err := ingestAll(context.Background(), s, []string{filepath.Join(dir, "texts")}, ingestOptions{Workers: 2, Batch: defaultBatch})
		s.Close()
		if err != nil || st.Failed > 0 {
			b.Fatal(err, st.summary())
		}
		total += st.Elapsed
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "articles/s")
}
