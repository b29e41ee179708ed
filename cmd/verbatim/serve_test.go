package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a buffer a command writes while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServe ingests the examples, serves them, reads a page and the API,
// and stops on cancellation.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	mustRun(t, "ingest", "--db", db, "../../examples/harbor-bridge.txt")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, []string{"--db", db, "--addr", "127.0.0.1:0", "--token", "t"}, &out, &errs)
	}()
	addr := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); {
		base = addr.FindString(out.String())
		time.Sleep(20 * time.Millisecond)
	}
	if base == "" {
		t.Fatalf("no address printed: %q %q", out.String(), errs.String())
	}
	for path, want := range map[string]string{
		"/":                    "Latest quotes",
		"/search?q=bridge":     "We promised this city a safe bridge",
		"/api/search?q=bridge": `"speaker":"Anna Holt"`,
		"/healthz":             `"status":"ok"`,
	} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("GET %s: %d, want %q in\n%s", path, resp.StatusCode, want, b)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve ended with %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestBenchServeDispatch checks that 'verbatim bench serve' reaches the
// load check and 'verbatim bench' without it still measures extraction.
func TestBenchServeDispatch(t *testing.T) {
	_, errs, err := run(t, "bench", "serve", "-h")
	if !errors.Is(err, errUsage) || !strings.Contains(errs, "usage: verbatim bench serve") {
		t.Errorf("bench serve -h: %v %q", err, errs)
	}
	_, errs, err = run(t, "serve", "extra-argument")
	if !errors.Is(err, errUsage) || !strings.Contains(errs, "usage: verbatim serve") {
		t.Errorf("serve with an argument: %v %q", err, errs)
	}
}
