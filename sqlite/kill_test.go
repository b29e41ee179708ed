package sqlite

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"verbatim"
)

const killArticles = 300

// TestKillAndResume kills a process that is saving articles at random
// moments, runs it again to the end, and checks that nothing was lost or
// duplicated and that every counter and the full-text index agree with the
// rows: what the issue means by resumable.
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
	run := func(kill time.Duration) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillAndResume$", "-test.count=1")
		cmd.Env = append(os.Environ(), "VERBATIM_KILL_CHILD="+path)
		out, err := os.CreateTemp(t.TempDir(), "child")
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if kill > 0 {
			time.Sleep(kill)
			cmd.Process.Kill()
			cmd.Wait()
			t.Logf("killed after %v: %d articles saved", kill, countArticles(t, path))
			return
		}
		if err := cmd.Wait(); err != nil {
			b, _ := os.ReadFile(out.Name())
			t.Fatalf("final run: %v\n%s", err, b)
		}
	}
	for range 4 {
		run(time.Duration(200+rng.IntN(1500)) * time.Millisecond)
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
	for i := 0; i < killArticles; i += 7 {
		var as []*verbatim.StoredArticle
		for j := i; j < min(i+7, killArticles); j++ {
			as = append(as, g.article(j))
		}
		if _, err := s.SaveArticles(context.Background(), as); err != nil {
			t.Fatal(err)
		}
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
