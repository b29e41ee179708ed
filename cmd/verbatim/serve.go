package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"verbatim/sqlite"
	"verbatim/web"
)

// runServe serves the web app and the JSON API (package web) from a store.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	token := fs.String("token", "", "bearer token that writes require (default $VERBATIM_TOKEN); without one, writes are disabled")
	allowPrivate := fs.Bool("allow-private", false, "let URL fetches reach loopback and private addresses")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: verbatim serve [--db DSN] [--addr 127.0.0.1:8080] [--token T] [--allow-private]\n\n"+
			"Serves the web app (search, articles, speakers, outlets) and the JSON API under /api/\n"+
			"(documented at /api/openapi.json), /healthz and /metrics.\n\n"+
			"The load check of the server is 'verbatim bench serve'.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage // the flag package has printed the usage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	if *token == "" {
		*token = os.Getenv("VERBATIM_TOKEN")
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	store, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	srv, err := web.New(store, web.Config{Token: *token, AllowPrivate: *allowPrivate})
	if err != nil {
		return err
	}
	defer srv.Close()
	return srv.ListenAndServe(ctx, *addr, func(a net.Addr) {
		writes := "writes need the bearer token"
		if *token == "" {
			writes = "writes disabled (no --token)"
		}
		fmt.Fprintf(stdout, "verbatim serve: http://%s (%s; %s)\n", a, redact(*db), writes)
	})
}

// benchDB is where the load check keeps its generated store: outside the
// repository, reused by the next run.
var benchDB = filepath.Join(os.TempDir(), "verbatim-bench.db")

// quotesPerBenchArticle is how many quotes sqlite.BenchSearch's synthetic
// articles carry; the check below catches a change.
const quotesPerBenchArticle = 20

// runBenchServe builds (or reuses) a large store, starts 'verbatim serve'
// on it as a separate process, and loads it from concurrent clients.
func runBenchServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", benchDB, "SQLite store to serve")
	articles := fs.Int("articles", 100000, "top the store up to this many synthetic articles first (0: use it as it is)")
	duration := fs.Duration("duration", 30*time.Second, "how long to load the server")
	clients := fs.Int("clients", 32, "concurrent clients")
	addr := fs.String("addr", "", "load a server already running at this URL instead of starting one")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: verbatim bench serve [--db FILE] [--articles N] [--duration 30s] [--clients 32] [--addr URL]\n\n"+
			"Runs a mix of search, article and speaker requests against 'verbatim serve' on loopback\n"+
			"and reports throughput, latency percentiles and the server's memory.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage // the flag package has printed the usage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	base := strings.TrimRight(*addr, "/")
	pid := 0
	if base == "" {
		if *articles > 0 {
			if err := ensureBenchStore(ctx, *db, *articles, stdout); err != nil {
				return err
			}
		}
		port, err := freePort()
		if err != nil {
			return err
		}
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		listen := "127.0.0.1:" + strconv.Itoa(port)
		cmd := exec.Command(exe, "serve", "--db", *db, "--addr", listen)
		cmd.Stdout, cmd.Stderr = stderr, stderr
		if err := cmd.Start(); err != nil {
			return err
		}
		defer func() {
			cmd.Process.Signal(os.Interrupt)
			cmd.Wait()
		}()
		pid, base = cmd.Process.Pid, "http://"+listen
		fmt.Fprintf(stdout, "server       pid %d at %s, building its statistics...\n", pid, base)
		start := time.Now()
		if err := waitReady(ctx, base, 10*time.Minute); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "ready        after %v\n", time.Since(start).Round(100*time.Millisecond))
	}
	r, err := web.Bench(ctx, web.BenchConfig{BaseURL: base, Clients: *clients, Duration: *duration, ServerPID: pid, Seed: 1})
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, r)
	if r.Errors > 0 {
		return fmt.Errorf("%d of %d requests failed", r.Errors, r.Requests)
	}
	return nil
}

// ensureBenchStore tops a SQLite store up to n synthetic articles with the
// sqlite package's deterministic corpus generator. It refuses to add them
// to a store that holds other articles.
func ensureBenchStore(ctx context.Context, path string, n int, stdout io.Writer) error {
	if isPostgres(path) {
		return errors.New("the load check generates SQLite stores only; use --articles 0 to serve another store as it is")
	}
	if _, err := os.Stat(path); err == nil {
		s, err := sqlite.Open(ctx, path)
		if err != nil {
			return err
		}
		os, err := s.Outlets(ctx)
		s.Close()
		if err != nil {
			return err
		}
		have := 0
		for _, o := range os {
			have += o.Articles
			if !strings.HasPrefix(o.Name, "Outlet ") {
				return fmt.Errorf("%s holds articles that are not synthetic (outlet %q): use --articles 0 to serve it as it is", path, o.Name)
			}
		}
		if have >= n {
			return nil
		}
	}
	fmt.Fprintf(stdout, "generating   %d synthetic articles in %s (once; later runs reuse it)...\n", n, path)
	r, err := sqlite.BenchSearch(ctx, path, n*quotesPerBenchArticle, 0)
	if err != nil {
		return err
	}
	if r.Articles < n {
		return fmt.Errorf("generated %d articles, wanted %d", r.Articles, n)
	}
	fmt.Fprintf(stdout, "generated    %d articles, %d quotes, %.0f MB\n", r.Articles, r.Quotes, float64(r.FileBytes)/1e6)
	return nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls /healthz until the server answers with its statistics
// built.
func waitReady(ctx context.Context, base string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && strings.Contains(string(b), `"stats":"ready"`) {
				return nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("the server at %s was not ready within %v", base, limit)
}
