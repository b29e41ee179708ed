package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"syscall"
	"time"

	"verbatim"
	"verbatim/extract"
)

// runBench dispatches to the benchmarks. A first argument that names none
// is a file of the extract benchmark, which "verbatim bench FILE.jsonl"
// has always meant.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "extract":
			return benchExtract(ctx, args[1:], stdout, stderr)
		case "ingest":
			return benchIngest(ctx, args[1:], stdout, stderr)
		case "search":
			return benchSearch(ctx, args[1:], stdout, stderr)
		case "serve":
			return runBenchServe(ctx, args[1:], stdout, stderr)
		}
	}
	return benchExtract(ctx, args, stdout, stderr)
}

func benchExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rounds := fs.Int("rounds", 3, "passes over the input")
	language := fs.String("lang", "auto", "article language; auto detects each article's (and measures detection too)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: verbatim bench [extract] [--rounds N] FILE.jsonl ...\n       verbatim bench ingest [flags]\n       verbatim bench search [flags]\n       verbatim bench serve [flags]\n\nRuns the whole extraction pipeline over the texts of JSONL files on one core and reports MB/s, articles/s and allocation per article.\nSee 'verbatim bench ingest -h', 'verbatim bench search -h' and 'verbatim bench serve -h' for the others.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	var texts []string
	var size int
	for _, name := range fs.Args() {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		err = eachJSONL(name, f, func(d verbatim.Document) {
			texts = append(texts, d.Text)
			size += len(d.Text)
		})
		f.Close()
		if err != nil {
			return err
		}
	}
	if len(texts) == 0 {
		return fmt.Errorf("no articles")
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	ex := extract.New(extract.WithLanguage(*language))
	for _, t := range texts { // warm the pools
		if _, err := ex.Extract(t); err != nil {
			return err
		}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	cpuStart := cpuTime()
	start := time.Now()
	quotes := 0
	for r := 0; r < *rounds; r++ {
		for _, t := range texts {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			a, _ := ex.Extract(t)
			quotes += len(a.Quotes)
		}
	}
	elapsed := time.Since(start)
	cpu := cpuTime() - cpuStart
	runtime.ReadMemStats(&after)
	n := len(texts) * *rounds
	mb := float64(size**rounds) / 1e6
	fmt.Fprintf(stdout, "articles     %d x %d rounds (%.1f MB of text)\n", len(texts), *rounds, float64(size)/1e6)
	fmt.Fprintf(stdout, "throughput   %.1f MB/s, %.0f articles/s on 1 core (wall clock)\n", mb/elapsed.Seconds(), float64(n)/elapsed.Seconds())
	if cpu > 0 {
		// CPU time is what a core spent, whatever else the machine ran.
		fmt.Fprintf(stdout, "per CPU      %.1f MB/s, %.0f articles/s per CPU-second (GC included)\n", mb/cpu.Seconds(), float64(n)/cpu.Seconds())
	}
	fmt.Fprintf(stdout, "allocation   %.1f KB, %.0f allocs per article\n", float64(after.TotalAlloc-before.TotalAlloc)/float64(n)/1024, float64(after.Mallocs-before.Mallocs)/float64(n))
	fmt.Fprintf(stdout, "quotes       %.1f per article\n", float64(quotes)/float64(n))
	return nil
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
