package main

import (
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	examplesOnce sync.Once
	examplesDB   string
	examplesErr  error
)

// examplesStore is a SQLite store holding the bundled examples, ingested
// once for all the tests that read it.
func examplesStore(t *testing.T) string {
	t.Helper()
	examplesOnce.Do(func() {
		dir, err := tempDirOutlivingTest()
		if err != nil {
			examplesErr = err
			return
		}
		examplesDB = filepath.Join(dir, "examples.db")
		_, errs, err := run(t, "ingest", "--db", examplesDB, "../../examples")
		if err != nil {
			examplesErr = errors.New(err.Error() + "\n" + errs)
		}
	})
	if examplesErr != nil {
		t.Fatal(examplesErr)
	}
	return examplesDB
}

func TestSearchFlags(t *testing.T) {
	db := examplesStore(t)
	for _, tc := range []struct {
		name string
		args []string
		// check is called on every hit; n is the least number of hits.
		check func(r quoteRecord) bool
		n     int
	}{
		{"speaker full name", []string{"--speaker", "Anna Holt"}, func(r quoteRecord) bool { return r.Speaker == "Anna Holt" }, 10},
		{"speaker surname", []string{"--speaker", "holt"}, func(r quoteRecord) bool { return r.Speaker == "Anna Holt" }, 10},
		{"outlet", []string{"--outlet", "North Shore Herald"}, func(r quoteRecord) bool { return r.Outlet == "North Shore Herald" }, 3},
		{"outlet by domain", []string{"--outlet", "northshore-herald.example"}, func(r quoteRecord) bool { return r.Outlet == "North Shore Herald" }, 3},
		{"kind", []string{"--kind", "direct", "--limit", "100"}, func(r quoteRecord) bool { return r.Kind == "direct" }, 20},
		{"since", []string{"--since", "2026-03-16"}, func(r quoteRecord) bool { return r.Published >= "2026-03-16" }, 5},
		{"until a day includes the day", []string{"--until", "2026-03-12"}, func(r quoteRecord) bool { return r.Published >= "2026-03-12" && r.Published < "2026-03-13" }, 2},
		{"until a time", []string{"--until", "2026-03-12T16:00:00Z", "--since", "2026-03-01"}, func(r quoteRecord) bool { return false }, 0},
		{"text", []string{"tram"}, func(r quoteRecord) bool { return strings.Contains(strings.ToLower(r.Text), "tram") }, 1},
		{"phrase and speaker", []string{"--speaker", "Haddad", `"ear infection"`}, func(r quoteRecord) bool { return r.Speaker == "Amira Haddad" }, 1},
		{"limit", []string{"--speaker", "Holt", "--limit", "2"}, func(r quoteRecord) bool { return true }, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hits := records(t, mustRun(t, append([]string{"search", "--db", db, "--json"}, tc.args...)...))
			if len(hits) < tc.n {
				t.Errorf("%d hits, want at least %d", len(hits), tc.n)
			}
			for _, h := range hits {
				if !tc.check(h) {
					t.Errorf("hit does not match: %+v", h)
				}
				if h.QuoteID == 0 || h.ArticleID == 0 || h.Text == "" || h.Outlet == "" {
					t.Errorf("hit lacks fields: %+v", h)
				}
			}
			if tc.name == "limit" && len(hits) != 2 {
				t.Errorf("--limit 2 gave %d hits", len(hits))
			}
		})
	}
}

func TestSearchReadable(t *testing.T) {
	db := examplesStore(t)
	out := mustRun(t, "search", "--db", db, "--speaker", "Lindgren")
	for _, want := range []string{
		"1. “We will open the doors to schools on every weekday,”",
		"— Sofia Lindgren (as “Lindgren”) · direct · Portville Gazette · 2026-03-12",
		"https://portville-gazette.example/news/2026/03/stadium-plan-passes",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if out := mustRun(t, "search", "--db", db, "zeppelin"); out != "no quotes found\n" {
		t.Errorf("no hits: %q", out)
	}
	out = mustRun(t, "search", "--db", db, "--speaker", "Holt", "--limit", "1")
	if !strings.Contains(out, "more: add --cursor ") {
		t.Errorf("a first page does not show its cursor:\n%s", out)
	}
}

func TestExportFormats(t *testing.T) {
	db := examplesStore(t)
	all := records(t, mustRun(t, "export", "--db", db, "--format", "jsonl"))
	if len(all) < 40 {
		t.Fatalf("exported %d quotes", len(all))
	}
	for _, tc := range []struct {
		name string
		args []string
		want func(r quoteRecord) bool
	}{
		{"all", nil, func(quoteRecord) bool { return true }},
		{"speaker", []string{"--speaker", "Reyes"}, func(r quoteRecord) bool { return r.Speaker == "Omar Reyes" }},
		{"outlet and kind", []string{"--outlet", "Portville Gazette", "--kind", "direct"}, func(r quoteRecord) bool {
			return r.Outlet == "Portville Gazette" && r.Kind == "direct"
		}},
		{"text", []string{"bridge"}, func(r quoteRecord) bool { return strings.Contains(strings.ToLower(r.Text), "bridge") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := 0
			for _, r := range all {
				if tc.want(r) {
					want++
				}
			}
			jsonl := records(t, mustRun(t, append([]string{"export", "--db", db, "--format", "jsonl"}, tc.args...)...))
			rows, err := csv.NewReader(strings.NewReader(mustRun(t, append([]string{"export", "--db", db, "--format", "csv"}, tc.args...)...))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
				t.Errorf("CSV header %v", rows[0])
			}
			if len(jsonl) != want || len(rows)-1 != want {
				t.Errorf("%d JSONL and %d CSV records, want %d", len(jsonl), len(rows)-1, want)
			}
			for i, r := range jsonl {
				if !tc.want(r) {
					t.Errorf("record does not match: %+v", r)
				}
				if strings.Join(rows[i+1], "\x00") != strings.Join(r.csvRow(), "\x00") {
					t.Errorf("CSV row %v differs from JSONL %+v", rows[i+1], r)
				}
			}
		})
	}
	if got := records(t, mustRun(t, "export", "--db", db, "--format", "jsonl", "--limit", "3")); len(got) != 3 {
		t.Errorf("--limit 3 exported %d", len(got))
	}
}

// TestBadFlags: a wrong flag value is a usage error, said before the store
// is touched.
func TestBadFlags(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "never-created.db")
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"search", "--db", missing}, "give a QUERY or a filter"},
		{[]string{"search", "--db", missing, "--kind", "rumour", "x"}, `--kind "rumour"`},
		{[]string{"search", "--db", missing, "--since", "yesterday", "x"}, `--since: "yesterday"`},
		{[]string{"search", "--db", missing, "--until", "2026-13-01", "x"}, "--until"},
		{[]string{"search", "--db", missing, "--sort", "loudest", "x"}, `--sort "loudest"`},
		{[]string{"search", "--db", missing, "--limit", "-1", "x"}, "--limit -1"},
		{[]string{"export", "--db", missing, "--format", "xml"}, `--format "xml"`},
		{[]string{"ingest", "--db", missing}, "usage: verbatim ingest"},
	} {
		t.Run(strings.Join(tc.args[3:], " "), func(t *testing.T) {
			_, errs, err := run(t, tc.args...)
			if !errors.Is(err, errUsage) || !strings.Contains(errs, tc.msg) {
				t.Errorf("error %v, stderr %q; want a usage error saying %q", err, errs, tc.msg)
			}
			if _, err := os.Stat(missing); err == nil {
				t.Errorf("the store was created")
			}
		})
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:secret@db:5432/v":      "postgres://u:xxxxx@db:5432/v",
		"postgres://u@db/v":                  "postgres://u@db/v",
		"verbatim.db":                        "verbatim.db",
		"postgresql://u:p@ss@db/v?sslmode=x": "postgresql://u:xxxxx@db/v?sslmode=x",
	} {
		if got := redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}
