// Command verbatim reads news and answers who said what.
//
//	verbatim extract [--input text|html|jsonl] [--pretty] [FILE ...]
//	verbatim eval FILE.jsonl ...
//	verbatim bench [FILE.jsonl ...]
//
// It only wires the packages together; the work is in verbatim/extract and
// its stages.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
)

type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands []command

func init() {
	commands = []command{
		{"extract", "extract quotes, speakers and entities from articles", runExtract},
		{"eval", "score extraction against annotated JSONL files", runEval},
		{"ingest", "read articles from files, feeds, pages and WARCs into a store", runIngest},
		{"search", "find stored quotes by text, speaker, outlet, date and kind", runSearch},
		{"export", "write stored quotes as JSONL or CSV", runExport},
		{"serve", "serve the web app and JSON API over a store", runServe},
		{"bench", "measure extraction, ingest and search speed", runBench},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: verbatim COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'verbatim COMMAND -h' for a command's flags.")
}

// errUsage marks an error already explained to the user.
var errUsage = errors.New("usage")

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	if len(os.Args) < 2 {
		usage(os.Stderr)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	name := os.Args[1]
	for _, c := range commands {
		if c.name == name {
			if err := c.run(ctx, os.Args[2:], os.Stdout, os.Stderr); err != nil {
				if !errors.Is(err, errUsage) {
					fmt.Fprintf(os.Stderr, "verbatim %s: %v\n", name, err)
				}
				os.Exit(1)
			}
			return
		}
	}
	if name == "-h" || name == "--help" || name == "help" {
		usage(os.Stdout)
		return
	}
	fmt.Fprintf(os.Stderr, "verbatim: unknown command %q\n", name)
	usage(os.Stderr)
	os.Exit(2)
}
