package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"verbatim"
)

const (
	killArticles = 300
	killBatch    = 7
)

// TestKillAndResume kills a process that is saving articles at random
// moments, runs it again to the end, and checks that nothing was lost or
// duplicated and that every counter and the full-text index agree with the
// rows: what the issue means by resumable.
//
// The moments are counted in batches, not in time, so that the kills land
// during the run however fast saving is: the child reports each commit,
// and the parent kills it a random few milliseconds after a random one,
// in the middle of the next transaction or between two.
func TestKillAndResume(t *testing.T) {
	if path := os.Getenv("VERBATIM_KILL_CHILD"); path != "" {
		saveCorpus(t, path)
		return
	}
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "kill.db")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	batches := (killArticles + killBatch - 1) / killBatch
	run := func(after int) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillAndResume$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "VERBATIM_KILL_CHILD="+path)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		sc := bufio.NewScanner(stdout)
		commits := 0
		for sc.Scan() {
			out.WriteString(sc.Text() + "\n")
			if !strings.HasPrefix(sc.Text(), "committed ") {
				continue
			}
			if commits++; after > 0 && commits == after {
				time.Sleep(time.Duration(rng.IntN(4000)) * time.Microsecond)
				cmd.Process.Kill()
				break
			}
		}
		io.Copy(io.Discard, stdout)
		err = cmd.Wait()
		if after > 0 {
			t.Logf("killed after commit %d of this run (%v): %d articles saved", after, err, countArticles(t, path))
			return
		}
		if err != nil {
			t.Fatalf("final run: %v\n%s%s", err, out.String(), stderr.String())
		}
	}
	// Each rerun starts from the first article, and finds the committed
	// batches unchanged: kill it later each time, to get further.
	for i := range 4 {
		run(1 + (i*batches)/4 + rng.IntN(batches/4))
	}
	run(0)

	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := t.Context()
	checks := []struct {
		what  string
		query string
		want  int
	}{
		{"articles", `SELECT count(*) FROM articles`, killArticles},
		{"quotes", `SELECT count(*) FROM quotes`, killArticles * quotesPerArticle},
		{"articles without all their quotes", `SELECT count(*) FROM (SELECT article_id FROM quotes
			GROUP BY article_id HAVING count(*) != ` + strconv.Itoa(quotesPerArticle) + `)`, 0},
		{"speaker counts off", `SELECT count(*) FROM speakers s
			WHERE quotes != (SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id)`, 0},
		{"outlet counts off", `SELECT count(*) FROM sources s
			WHERE quotes != (SELECT count(*) FROM quotes q WHERE q.source_id = s.id)
			OR articles != (SELECT count(*) FROM articles a WHERE a.source_id = s.id)`, 0},
		{"speaker-outlet counts off", `SELECT count(*) FROM speaker_outlets so WHERE quotes !=
			(SELECT count(*) FROM quotes q WHERE q.speaker_id = so.speaker_id AND q.source_id = so.source_id)`, 0},
		{"speakers with one name twice", `SELECT count(*) FROM (SELECT name FROM speakers GROUP BY name HAVING count(*) > 1)`, 0},
	}
	for _, c := range checks {
		if n, err := s.count(ctx, c.query); err != nil || n != c.want {
			t.Errorf("%s: %d, %v; want %d", c.what, n, err, c.want)
		}
	}
	var ok string
	if err := s.r.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity check: %q, %v", ok, err)
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("full-text index out of step with the quotes: %v", err)
	}
}

// saveCorpus is the child process: it saves the synthetic articles in small
// batches, as an ingest would, starting again from the first each time.
func saveCorpus(t *testing.T, path string) {
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	g := newCorpus()
	for i := 0; i < killArticles; i += killBatch {
		var as []*verbatim.StoredArticle
		for j := i; j < min(i+killBatch, killArticles); j++ {
			as = append(as, g.article(j))
		}
		if _, err := s.SaveArticles(context.Background(), as); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("committed %d\n", i/killBatch+1)
	}
}

func countArticles(t *testing.T, path string) int {
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.count(t.Context(), `SELECT count(*) FROM articles`)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
