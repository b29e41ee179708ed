package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"

	"verbatim/ingest"
	"verbatim/sqlite"
)

func benchIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	texts := fs.Int("texts", 5000, "plain-text articles to ingest")
	paras := fs.Int("paras", 10, "paragraphs per generated article")
	pages := fs.Int("pages", 300, "HTML pages to ingest")
	pageKB := fs.Int("page-kb", 80, "size a generated page is padded to with menus, scripts and teasers; 0 for bare pages")
	warcPages := fs.Int("warc", 2000, "pages in the larger WARC file (the smaller has a quarter)")
	cores := fs.Int("cores", runtime.GOMAXPROCS(0), "cores to use (GOMAXPROCS)")
	batch := fs.Int("batch", defaultBatch, "articles per transaction")
	keep := fs.Bool("keep", false, "keep the temporary folder and print its path")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole benchmark to this file")
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: verbatim bench ingest [--texts N] [--pages N] [--warc N] [--cores N]

Generates articles and ingests them into a temporary SQLite store, as
'verbatim ingest' does: plain-text files (articles/s), HTML pages (pages/s,
next to the HTML extractor's own speed on the same pages) and WARC files of
two sizes (heap in use before, at most during, and after, to show that it
does not grow with the file).

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	prev := runtime.GOMAXPROCS(*cores)
	defer runtime.GOMAXPROCS(prev)
	workers := runtime.GOMAXPROCS(0)
	dir, err := os.MkdirTemp("", "verbatim-bench-ingest")
	if err != nil {
		return err
	}
	if *keep {
		fmt.Fprintf(stdout, "folder       %s\n", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	run := func(name string, srcs ...string) (ingestStats, error) {
		db := filepath.Join(dir, name+".db")
		s, err := sqlite.Open(ctx, db)
		if err != nil {
			return ingestStats{}, err
		}
		defer s.Close()
		st, err := ingestAll(ctx, s, srcs, ingestOptions{Workers: workers, Batch: *batch})
		if err == nil && st.Failed > 0 {
			err = fmt.Errorf("%s: %d inputs failed", name, st.Failed)
		}
		return st, err
	}
	fmt.Fprintf(stdout, "cores        %d (GOMAXPROCS), %d workers, batches of %d, SQLite in %s\n", workers, workers, *batch, dir)

	// Plain text: a folder of files, the quick start's path.
	if *texts > 0 {
		textDir := filepath.Join(dir, "texts")
		size, err := writeFiles(textDir, *texts, ".txt", func(i int) string { return synthText(i, *paras) })
		if err != nil {
			return err
		}
		st, err := run("texts", textDir)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "text         %d articles (%.1f KB each, %.1f quotes) in %v: %.0f articles/s, %.1f MB/s; saving took %.0f%% of the time\n",
			st.Saved(), float64(size)/float64(*texts)/1024, float64(st.Quotes)/float64(st.Saved()),
			st.Elapsed.Round(time.Millisecond), st.Rate(), float64(size)/1e6/st.Elapsed.Seconds(), 100*st.Saving.Seconds()/st.Elapsed.Seconds())
		// The same command again finds every article stored: what a
		// rerun after a crash costs for the part that was done.
		st, err = run("texts", textDir)
		if err != nil {
			return err
		}
		if st.Unchanged != int64(*texts) {
			return fmt.Errorf("rerun: %d of %d articles unchanged", st.Unchanged, *texts)
		}
		fmt.Fprintf(stdout, "text rerun   %d articles, all stored and unchanged, in %v: %.0f articles/s\n",
			st.Saved(), st.Elapsed.Round(time.Millisecond), st.Rate())
	}

	// HTML: the HTML extractor alone on the same pages, then ingest.
	if *pages > 0 {
		htmlDir := filepath.Join(dir, "pages")
		size, err := writeFiles(htmlDir, *pages, ".html", func(i int) string {
			return synthHTML(i, *paras, fmt.Sprintf("https://ledger.example/news/%d", i), *pageKB)
		})
		if err != nil {
			return err
		}
		one, all, err := htmlExtractorRate(htmlDir, *pages, workers)
		if err != nil {
			return err
		}
		st, err := run("pages", htmlDir)
		if err != nil {
			return err
		}
		// HTML files are read and extracted ahead on the workers, so the
		// extractor's speed on as many goroutines is what ingest can reach;
		// the ratio is what reading, quote extraction and saving add.
		fmt.Fprintf(stdout, "HTML         %d pages (%.1f KB each) in %v: %.0f pages/s; the HTML extractor alone: %.0f pages/s on 1 core, %.0f on %d, %.2fx ingest's rate; saving took %.0f%% of the time\n",
			st.Saved(), float64(size)/float64(*pages)/1024, st.Elapsed.Round(time.Millisecond), st.Rate(), one, all, workers, all/st.Rate(), 100*st.Saving.Seconds()/st.Elapsed.Seconds())
	}

	// WARC: the same pages in files of two sizes, the heap sampled while
	// they stream.
	if *warcPages > 0 {
		for _, n := range []int{*warcPages / 4, *warcPages} {
			path := filepath.Join(dir, fmt.Sprintf("crawl-%d.warc.gz", n))
			size, err := writeWARC(path, n, *paras, *pageKB)
			if err != nil {
				return err
			}
			var st ingestStats
			before, peak, after, err := heapDuring(func() error {
				var err error
				st, err = run(fmt.Sprintf("warc-%d", n), path)
				return err
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "WARC         %d pages (%.1f MB compressed) in %v: %.0f pages/s; heap in use %.1f MB before, %.1f MB at most, %.1f MB after\n",
				st.Saved(), float64(size)/1e6, st.Elapsed.Round(time.Millisecond), st.Rate(), mb(before), mb(peak), mb(after))
		}
	}
	return nil
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

// writeFiles writes n generated files into dir and returns their total size.
func writeFiles(dir string, n int, ext string, content func(i int) string) (int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	var size int64
	for i := range n {
		c := content(i)
		size += int64(len(c))
		// Names sort in generation order, as the folder is walked.
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%07d%s", i, ext)), []byte(c), 0o644); err != nil {
			return 0, err
		}
	}
	return size, nil
}

// writeWARC writes a gzip-per-record WARC of n pages, each with the
// request record crawlers keep beside it, and returns its size.
func writeWARC(path string, n, paras, pageKB int) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriter(f)
	for i := range n {
		uri := fmt.Sprintf("https://ledger.example/news/%d", i)
		w.Write(warcRecord("request", warcID(2*i), uri, []byte("GET /news/"+fmt.Sprint(i)+" HTTP/1.1\r\nHost: ledger.example\r\n\r\n")))
		w.Write(warcRecord("response", warcID(2*i+1), uri, httpResponse(200, "text/html; charset=utf-8", synthHTML(i, paras, "", pageKB))))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return 0, err
	}
	return st.Size(), f.Close()
}

// htmlExtractorRate is the speed of ingest.ExtractHTML alone on the pages
// of dir, on one goroutine and on workers goroutines, in pages/s.
func htmlExtractorRate(dir string, n, workers int) (one, all float64, err error) {
	bodies := make([][]byte, n)
	for i := range n {
		if bodies[i], err = os.ReadFile(filepath.Join(dir, fmt.Sprintf("%07d.html", i))); err != nil {
			return 0, 0, err
		}
	}
	rate := func(g int) (float64, error) {
		var next atomic.Int64
		var firstErr atomic.Value
		start := time.Now()
		var wg sync.WaitGroup
		for range g {
			wg.Go(func() {
				for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
					if _, err := ingest.ExtractHTML(bodies[i], "", "text/html; charset=utf-8"); err != nil {
						firstErr.CompareAndSwap(nil, err)
					}
				}
			})
		}
		wg.Wait()
		if err, _ := firstErr.Load().(error); err != nil {
			return 0, err
		}
		return float64(n) / time.Since(start).Seconds(), nil
	}
	if one, err = rate(1); err != nil {
		return 0, 0, err
	}
	all, err = rate(workers)
	return one, all, err
}

// heapDuring runs f and reports the heap in use before it (after a
// collection), the most seen while it ran, and after it (after a
// collection).
func heapDuring(f func() error) (before, peak, after uint64, err error) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before = ms.HeapInuse
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var top atomic.Uint64
	wg.Go(func() {
		var ms runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > top.Load() {
				top.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	err = f()
	close(stop)
	wg.Wait()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return before, top.Load(), ms.HeapInuse, err
}

func benchSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1_000_000, "quotes in the corpus")
	queries := fs.Int("queries", 2000, "queries to time")
	db := fs.String("db", filepath.Join(os.TempDir(), "verbatim-bench-search.db"), "SQLite file of the corpus; kept, and topped up when it has fewer quotes")
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: verbatim bench search [--n 1000000] [--queries N] [--db FILE]

Generates a synthetic corpus of n quotes in a SQLite file (once; later runs
reuse it) and times a mix of searches on it: p50, p90 and p99 latency of a
first page of 20 hits.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	r, err := sqlite.BenchSearch(ctx, *db, *n, *queries)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, r.String())
	return nil
}
