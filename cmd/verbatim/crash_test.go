package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "verbatim/sqlite" // registers the "sqlite" database/sql driver
)

// crashArticles is the size of the crash test's corpus: enough that a run
// takes a few seconds, so that kills land in the middle of it.
const crashArticles = 3000

// syntheticCorpus writes n short generated articles (see synthText) as
// JSONL. Two in three have a URL and the others are known by their text
// only; every 250th repeats the text of the one before under another URL, a
// duplicate the store must recognise.
func syntheticCorpus(t testing.TB, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	prev := ""
	for i := range n {
		text := synthText(i, 4)
		if i%250 == 249 {
			text = prev
		}
		prev = text
		line := map[string]any{"id": fmt.Sprintf("a%d", i), "text": text, "published": fmt.Sprintf("2026-01-%02dT10:00:00Z", 1+i%28)}
		if i%3 != 2 {
			line["url"] = fmt.Sprintf("https://ledger.example/news/%d", i)
		}
		if err := enc.Encode(line); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCrashResume kills `verbatim ingest` with SIGKILL at several moments
// of a run over thousands of articles, runs it again to the end, and checks
// that the store holds exactly what a clean run stores: as many articles
// and quotes, per article, and no duplicates.
func TestCrashResume(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes; skipped with -short")
	}
	dir := t.TempDir()
	input := filepath.Join(dir, "articles.jsonl")
	syntheticCorpus(t, input, crashArticles)
	clean := filepath.Join(dir, "clean.db")
	crashed := filepath.Join(dir, "crashed.db")
	args := func(db string) []string {
		return []string{"ingest", "--db", db, "--batch", "50", "--workers", "2", input}
	}

	cleanOut := mustRun(t, args(clean)...)
	t.Logf("clean run: %s", strings.TrimSpace(cleanOut))

	// The test binary is the verbatim command when VERBATIM_RUN_MAIN is
	// set (see TestMain): a real process, with main's signal handling.
	start := func() (*exec.Cmd, *strings.Builder) {
		cmd := exec.Command(os.Args[0], args(crashed)...)
		cmd.Env = append(os.Environ(), "VERBATIM_RUN_MAIN=1")
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &out
	}
	// Kills land at points of progress, not of time, so that they fall
	// inside a run however fast or loaded the machine is: the first just
	// after the start (before any commit), the others once the stored
	// articles have grown past a fifth, two fifths, ... of the corpus.
	interrupted := 0
	for k := 0; k < 5; k++ {
		target := k * crashArticles / 5
		cmd, out := start()
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		var err error
		done := false
		if target == 0 {
			time.Sleep(50 * time.Millisecond)
		}
		for deadline := time.Now().Add(2 * time.Minute); target > 0 && time.Now().Before(deadline); {
			select {
			case err = <-exited:
				done = true
			case <-time.After(5 * time.Millisecond):
			}
			if done || storedArticles(crashed) >= target {
				break
			}
		}
		if !done {
			cmd.Process.Signal(syscall.SIGKILL)
			err = <-exited
		}
		t.Logf("killed at %d stored articles (%v): %d articles stored", target, err, tableCount(t, crashed, "articles"))
		if err == nil {
			t.Logf("the run ended before the kill: %s", out)
		} else {
			interrupted++
		}
	}
	if interrupted < 3 {
		t.Errorf("only %d of 5 kills interrupted a run: the test no longer tests a crash", interrupted)
	}
	cmd, out := start()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	t.Logf("final run: %s", lines[len(lines)-1])

	for _, table := range []string{"articles", "quotes", "speakers", "sources"} {
		if c, k := tableCount(t, clean, table), tableCount(t, crashed, table); c != k {
			t.Errorf("%s: %d after the kills, %d in a clean run", table, k, c)
		}
	}
	want, got := quotesPerArticle(t, clean), quotesPerArticle(t, crashed)
	if !maps.Equal(want, got) {
		var diff []string
		for k, n := range want {
			if got[k] != n {
				diff = append(diff, fmt.Sprintf("%s: %d quotes, want %d", k, got[k], n))
			}
		}
		slices.Sort(diff)
		t.Errorf("quotes per article differ from a clean run (%d articles vs %d):\n%s", len(got), len(want), strings.Join(diff[:min(len(diff), 10)], "\n"))
	}
	dups := queryInt(t, crashed, `SELECT count(*) FROM (SELECT article_id, content_start, content_end FROM quotes
		GROUP BY article_id, content_start, content_end HAVING count(*) > 1)`)
	if dups != 0 {
		t.Errorf("%d quotes stored twice", dups)
	}
	// The export, what a user takes away, is the same line for line.
	if a, b := mustRun(t, "export", "--db", clean, "--format", "csv"), mustRun(t, "export", "--db", crashed, "--format", "csv"); exportKey(a) != exportKey(b) {
		t.Error("the export after the kills differs from a clean run's")
	}
}

// exportKey is a CSV export without the ids, which depend on the order in
// which runs stored things.
func exportKey(csv string) string {
	var lines []string
	for _, l := range strings.Split(csv, "\n") {
		if i := strings.Index(l, ","); i >= 0 {
			l = l[i+1:]
		}
		lines = append(lines, l)
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func openDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryInt(t testing.TB, path, query string) int {
	t.Helper()
	var n int
	if err := openDB(t, path).QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %s: %v", path, query, err)
	}
	return n
}

// storedArticles counts the articles in the store at path while another
// process writes it, or -1 when it cannot be read yet.
func storedArticles(path string) int {
	if _, err := os.Stat(path); err != nil {
		return -1
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(1000)")
	if err != nil {
		return -1
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM articles").Scan(&n); err != nil {
		return -1
	}
	return n
}

func tableCount(t testing.TB, path, table string) int {
	if _, err := os.Stat(path); err != nil {
		return 0 // killed before it created the file
	}
	return queryInt(t, path, "SELECT count(*) FROM "+table)
}

// quotesPerArticle maps each article, by its key, to its number of quotes.
func quotesPerArticle(t testing.TB, path string) map[string]int {
	t.Helper()
	rows, err := openDB(t, path).Query(`SELECT a.doc_key, count(q.id) FROM articles a LEFT JOIN quotes q ON q.article_id = a.id GROUP BY a.doc_key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			t.Fatal(err)
		}
		m[k] = n
	}
	return m
}
