package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"verbatim"
	"verbatim/extract"
	"verbatim/ingest"
)

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "articles extracted in parallel")
	batch := fs.Int("batch", defaultBatch, "articles saved per transaction")
	allowPrivate := fs.Bool("allow-private", false, "let feeds and URLs reach loopback and private addresses")
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: verbatim ingest [--db DSN] [--workers N] [--batch N] [--allow-private] PATH|URL ...

Reads articles from text, JSONL, HTML and WARC files, folders of them, RSS and
Atom feeds and web pages, extracts who said what and saves it in the store.
Running it again on the same inputs changes nothing, and a run that was killed
continues where it stopped: saves are idempotent, one transaction per batch.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	store, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	opts := ingestOptions{
		Workers: *workers,
		Batch:   *batch,
		Reader:  []ingest.Option{ingest.WithAllowPrivate(*allowPrivate)},
		Report:  newReporter(stderr),
	}
	st, err := ingestAll(ctx, store, fs.Args(), opts)
	fmt.Fprintln(stdout, st.summary())
	if err != nil {
		return err
	}
	if st.Saved() == 0 && st.Failed > 0 {
		return fmt.Errorf("none of %d inputs could be ingested", st.Failed)
	}
	if st.Saved() == 0 {
		return fmt.Errorf("no articles found in %s", strings.Join(fs.Args(), ", "))
	}
	return nil
}

// defaultBatch is the number of articles saved in one transaction. A commit
// costs a WAL sync; a hundred articles make it a small share of the batch's
// time, and a killed run loses at most one batch of work, redone on rerun.
const defaultBatch = 100

// flushEvery bounds how long an extracted article waits for its batch to
// fill, so that slow sources (feeds fetched page by page) are saved as they
// come instead of all at the end.
const flushEvery = time.Second

// ingestOptions configures ingestAll.
type ingestOptions struct {
	// Workers extract articles in parallel; at least 1.
	Workers int
	// Batch is the number of articles per transaction; at least 1.
	Batch int
	// Reader options for ingest.OpenAll.
	Reader []ingest.Option
	// Report receives progress and skipped inputs; nil reports nothing.
	Report reporter
}

// ingestStats counts what an ingest did. Every input read ends up in
// exactly one of Inserted, Updated, Unchanged, Duplicate and Failed.
type ingestStats struct {
	Inserted, Updated, Unchanged, Duplicate, Failed int64
	// Quotes counts the quotes of every article saved or found unchanged.
	Quotes  int64
	Elapsed time.Duration
	// Saving is the time spent in the store's saves, which run one at a
	// time: the share of Elapsed that more workers cannot shorten.
	Saving time.Duration
}

// Saved counts the articles that are in the store after the run.
func (s ingestStats) Saved() int64 { return s.Inserted + s.Updated + s.Unchanged + s.Duplicate }

// Rate is articles processed per second.
func (s ingestStats) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Saved()+s.Failed) / s.Elapsed.Seconds()
}

func (s ingestStats) summary() string {
	return fmt.Sprintf("%d articles (%d inserted, %d updated, %d unchanged, %d duplicate), %d failed, %d quotes in %v (%.0f articles/s)",
		s.Saved(), s.Inserted, s.Updated, s.Unchanged, s.Duplicate, s.Failed, s.Quotes, s.Elapsed.Round(time.Millisecond), s.Rate())
}

// counters are the live counts that the reporter shows while a run goes.
type counters struct {
	articles, quotes, failed atomic.Int64
}

// job is one input read, numbered in reading order.
type job struct {
	seq int
	in  *verbatim.Input
}

// done is a job's outcome: the article to save, or why there is none.
type done struct {
	seq int
	in  *verbatim.Input
	art *verbatim.StoredArticle
	err error
}

// ingestAll reads the sources, extracts every article on opts.Workers
// goroutines and saves them in batches, in reading order.
//
// Order matters for two reasons: the same text under two URLs is stored
// under the first one read, and a later version of a URL replaces an
// earlier one; keeping reading order makes a run's outcome the same however
// the workers were scheduled, so that a rerun after a kill agrees with a
// clean run. Resuming needs no bookkeeping of its own: an article already
// stored with the same fingerprint is skipped by the store without a write,
// and a batch is one transaction, so a kill loses at most the batches not
// yet committed, which the rerun saves.
func ingestAll(ctx context.Context, store verbatim.Store, srcs []string, opts ingestOptions) (ingestStats, error) {
	start := time.Now()
	workers := max(opts.Workers, 1)
	batchSize := max(opts.Batch, 1)
	rep := opts.Report
	if rep == nil {
		rep = nopReporter{}
	}
	var live counters
	stopReport := rep.start(&live)
	defer stopReport()

	// The reader extracts HTML on the workers' count of goroutines itself,
	// ahead of this loop and in order: WARC pages, and text and HTML files
	// (pages fetched from feeds and URLs are extracted as they come).
	readerOpts := append([]ingest.Option{ingest.WithWorkers(workers)}, opts.Reader...)
	r := ingest.OpenAll(srcs, readerOpts...)
	defer r.Close()
	// readCtx stops the reader when the store fails.
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()

	// window bounds the articles between reading and saving, so that one
	// slow article holds back at most this many finished ones in memory.
	window := make(chan struct{}, workers*4+batchSize)
	jobs := make(chan job, workers)
	results := make(chan done, workers)
	ex := extract.New()

	var readErr error
	go func() {
		defer close(jobs)
		for seq := 0; ; seq++ {
			select {
			case window <- struct{}{}:
			case <-readCtx.Done():
				readErr = readCtx.Err()
				return
			}
			in, err := r.Next(readCtx)
			if err != nil {
				if !errors.Is(err, io.EOF) {
					readErr = err
				}
				<-window
				return
			}
			jobs <- job{seq, in}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				results <- prepare(ctx, store, ex, j)
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	// Saves run to completion even once ctx is cancelled (Ctrl-C): what
	// was extracted is kept, and the run stops after it.
	saveCtx := context.WithoutCancel(ctx)
	var (
		st      ingestStats
		batch   []done
		pending = map[int]done{}
		next    int
		saveErr error
	)
	flush := func() {
		if len(batch) == 0 || saveErr != nil {
			batch = batch[:0]
			return
		}
		t0 := time.Now()
		saveErr = saveBatch(saveCtx, store, batch, &st, &live, rep)
		st.Saving += time.Since(t0)
		batch = batch[:0]
	}
	ticker := time.NewTicker(flushEvery)
	defer ticker.Stop()
	for results != nil {
		select {
		case d, ok := <-results:
			if !ok {
				results = nil
				break
			}
			pending[d.seq] = d
			for {
				d, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				<-window
				if d.err != nil {
					st.Failed++
					live.failed.Add(1)
					rep.skipped(d.in.Origin, d.err)
					continue
				}
				batch = append(batch, d)
				if len(batch) >= batchSize {
					flush()
				}
			}
		case <-ticker.C:
			flush()
		}
		if saveErr != nil {
			// The store failed: stop reading, let the workers drain.
			break
		}
	}
	flush()
	if saveErr != nil {
		// Stop reading and wait for the reader and workers to end, so that
		// none of them still uses r when it is closed.
		stopReading()
		for range results {
		}
	}
	st.Elapsed = time.Since(start)
	switch {
	case saveErr != nil:
		return st, saveErr
	case readErr != nil && ctx.Err() != nil:
		return st, fmt.Errorf("interrupted: %w", ctx.Err())
	case readErr != nil:
		return st, fmt.Errorf("reading inputs: %w", readErr)
	}
	return st, nil
}

// prepare extracts one input and builds the article to store. A panic in
// extraction is turned into an error naming the input, so that one
// pathological article does not end a long run.
func prepare(ctx context.Context, store verbatim.Store, ex *extract.Extractor, j job) (d done) {
	d = done{seq: j.seq, in: j.in}
	if j.in.Err != nil {
		d.err = j.in.Err
		return d
	}
	defer func() {
		if p := recover(); p != nil {
			d.art, d.err = nil, fmt.Errorf("%s: extraction panicked: %v", j.in.Origin, p)
		}
	}()
	an, err := ex.Extract(j.in.Text)
	if err != nil {
		d.err = fmt.Errorf("%s: %w", j.in.Origin, err)
		return d
	}
	a := storedArticle(j.in, an)
	keepFetched(ctx, store, a)
	// Prepare is what the store checks first; failing here skips the one
	// article instead of failing its batch.
	if err := a.Prepare(); err != nil {
		d.err = fmt.Errorf("%s: %w", j.in.Origin, err)
		return d
	}
	d.art = a
	return d
}

// storedArticle is what the store keeps of an input and its analysis. The
// reader's metadata (from the page's markup or the feed) wins over what the
// extractor found in the text, which is a guess from plain lines.
func storedArticle(in *verbatim.Input, an *verbatim.Analysis) *verbatim.StoredArticle {
	// The analysis ID is part of the article's fingerprint; the URL keeps
	// it the same however the article was found (a file name or a JSONL id
	// would make two copies of one text differ and rewrite each other).
	an.ID = in.URL
	a := &verbatim.StoredArticle{
		URL: in.URL,
		// A source credit names where the story came from, which is the
		// outlet to file it under when nothing better is known.
		Outlet:    firstNonEmpty(in.SiteName, an.Article.Publisher, an.Article.SourceCredit),
		Title:     firstNonEmpty(in.Title, an.Article.Title),
		Author:    firstNonEmpty(in.Author, an.Article.Author),
		Lang:      firstNonEmpty(in.Lang, an.Lang),
		Published: in.Published,
		Fetched:   in.Fetched,
		Origin:    in.Origin,
		Text:      in.Text,
		Analysis:  an,
	}
	if a.Published.IsZero() {
		a.Published = parseArticleDate(an.Article.Date)
	}
	return a
}

// keepFetched gives a page fetched again the fetch time of the stored copy
// when its text has not changed. The fetch time is part of what is stored,
// so without this every run over a live feed would rewrite every article;
// with it, the fetch time says when this version was first seen.
func keepFetched(ctx context.Context, store verbatim.Store, a *verbatim.StoredArticle) {
	if a.URL == "" || a.Fetched.IsZero() || (a.Origin.Kind != verbatim.OriginPage && a.Origin.Kind != verbatim.OriginFeed) {
		return
	}
	old, err := store.ArticleByURL(ctx, a.URL)
	if err != nil || old.ContentHash != verbatim.ContentHash(a.Text) {
		return
	}
	a.Fetched = old.Fetched
}

// articleDateLayouts are the forms of a date line the extractor may return.
var articleDateLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02", "January 2, 2006", "Jan. 2, 2006", "Jan 2, 2006", "2 January 2006"}

// parseArticleDate reads the date the extractor found in the text, or
// returns the zero time.
func parseArticleDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, l := range articleDateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// saveBatch saves a batch in one transaction and counts the outcomes. When
// the transaction fails, the articles are saved one by one so that one
// article the store rejects is skipped and the others are kept; when every
// one of them fails, the store itself is failing and the error is returned.
func saveBatch(ctx context.Context, store verbatim.Store, batch []done, st *ingestStats, live *counters, rep reporter) error {
	arts := make([]*verbatim.StoredArticle, len(batch))
	for i, d := range batch {
		arts[i] = d.art
	}
	results, err := store.SaveArticles(ctx, arts)
	if err == nil {
		for i, r := range results {
			count(st, live, r.Status, arts[i])
		}
		return nil
	}
	batchErr := err
	var firstErr error
	failed := 0
	for i, a := range arts {
		r, err := store.SaveArticle(ctx, a)
		if err != nil {
			failed++
			if firstErr == nil {
				firstErr = err
			}
			st.Failed++
			live.failed.Add(1)
			rep.skipped(batch[i].in.Origin, fmt.Errorf("%s: saving: %w", batch[i].in.Origin, err))
			continue
		}
		count(st, live, r.Status, a)
	}
	if failed == len(arts) {
		return fmt.Errorf("saving a batch of %d articles: %w", len(arts), errors.Join(batchErr, firstErr))
	}
	return nil
}

func count(st *ingestStats, live *counters, s verbatim.SaveStatus, a *verbatim.StoredArticle) {
	switch s {
	case verbatim.Inserted:
		st.Inserted++
	case verbatim.Updated:
		st.Updated++
	case verbatim.Unchanged:
		st.Unchanged++
	case verbatim.Duplicate:
		st.Duplicate++
	}
	q := int64(len(a.Analysis.Quotes))
	st.Quotes += q
	live.articles.Add(1)
	live.quotes.Add(q)
}

// reporter shows an ingest's progress and the inputs it skipped.
type reporter interface {
	// start begins showing the counters; the function it returns stops.
	start(c *counters) (stop func())
	// skipped reports an input that was not stored; err names its origin.
	skipped(o verbatim.Origin, err error)
}

type nopReporter struct{}

func (nopReporter) start(*counters) func()         { return func() {} }
func (nopReporter) skipped(verbatim.Origin, error) {}

// newReporter shows a progress bar when w is a terminal and log lines
// otherwise, where a bar's carriage returns would garble a log file.
func newReporter(w io.Writer) reporter {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return &barReporter{w: w}
	}
	return logReporter{log: newTextLogger(w), every: logEvery}
}

func newTextLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

// logEvery is how often a run that is not on a terminal logs its progress.
const logEvery = 5 * time.Second

// logReporter writes log/slog lines.
type logReporter struct {
	log   *slog.Logger
	every time.Duration
}

func (l logReporter) start(c *counters) func() {
	t0 := time.Now()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(l.every)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				n := c.articles.Load()
				l.log.Info("ingest progress", "articles", n, "quotes", c.quotes.Load(), "failed", c.failed.Load(),
					"articles_per_s", fmt.Sprintf("%.0f", float64(n)/time.Since(t0).Seconds()))
			}
		}
	})
	return func() { close(stop); wg.Wait() }
}

func (l logReporter) skipped(o verbatim.Origin, err error) {
	l.log.Warn("input skipped", "origin", o.String(), "err", err)
}

// barReporter draws a progressbar spinner with the counts on a terminal.
type barReporter struct {
	w   io.Writer
	mu  sync.Mutex
	bar *progressbar.ProgressBar
}

func (b *barReporter) start(c *counters) func() {
	b.bar = progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(b.w),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionShowIts(),
		progressbar.OptionShowCount(),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionClearOnFinish(),
	)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			b.mu.Lock()
			b.bar.Describe(fmt.Sprintf("ingesting: %d quotes, %d errors", c.quotes.Load(), c.failed.Load()))
			b.bar.Set64(c.articles.Load())
			b.mu.Unlock()
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	return func() {
		close(stop)
		wg.Wait()
		b.mu.Lock()
		b.bar.Finish()
		b.mu.Unlock()
	}
}

func (b *barReporter) skipped(o verbatim.Origin, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil {
		b.bar.Clear()
	}
	fmt.Fprintf(b.w, "skipped %v\n", err)
}
