package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
)

// csvHeader names the columns of export --format csv, in order.
var csvHeader = []string{"quote_id", "kind", "text", "speaker", "speaker_id", "speaker_mention", "speaker_type",
	"cue", "cue_lemma", "article_id", "url", "title", "outlet", "published"}

func (r quoteRecord) csvRow() []string {
	id := ""
	if r.SpeakerID != 0 {
		id = strconv.FormatInt(r.SpeakerID, 10)
	}
	return []string{strconv.FormatInt(r.QuoteID, 10), string(r.Kind), r.Text, r.Speaker, id, r.SpeakerMention, r.SpeakerType,
		r.Cue, r.CueLemma, strconv.FormatInt(r.ArticleID, 10), r.URL, r.Title, r.Outlet, r.Published}
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	f := addFilterFlags(fs, 0, "quotes to export at most; 0 exports all")
	format := fs.String("format", "jsonl", "output format: jsonl or csv")
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: verbatim export [--db DSN] --format jsonl|csv [--speaker S] [--outlet O] [--since DATE]
                       [--until DATE] [--kind K] [--limit N] [QUERY]

Writes the stored quotes that match QUERY and the filters (all of them when
none is given) to standard output, in the order they were stored, each with
its speaker, article URL, outlet and date.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	q, err := f.query(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "verbatim export: %v\n", err)
		fs.Usage()
		return errUsage
	}
	var write func(quoteRecord) error
	out := bufio.NewWriterSize(stdout, 64<<10)
	switch *format {
	case "jsonl":
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		write = func(r quoteRecord) error { return enc.Encode(r) }
	case "csv":
		cw := csv.NewWriter(out)
		if err := cw.Write(csvHeader); err != nil {
			return err
		}
		write = func(r quoteRecord) error {
			if err := cw.Write(r.csvRow()); err != nil {
				return err
			}
			// csv.Writer buffers on its own; flushing it into out per row
			// keeps one buffer and lets errors surface where they happen.
			cw.Flush()
			return cw.Error()
		}
	default:
		fmt.Fprintf(stderr, "verbatim export: --format %q: want jsonl or csv\n", *format)
		return errUsage
	}
	store, err := openStore(ctx, f.db)
	if err != nil {
		return err
	}
	defer store.Close()
	n := 0
	for h, err := range store.Export(ctx, q) {
		if err != nil {
			out.Flush()
			return fmt.Errorf("export after %d quotes: %w", n, err)
		}
		if err := write(hitJSON(h)); err != nil {
			return fmt.Errorf("writing quote %d: %w", h.QuoteID, err)
		}
		n++
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("writing: %w", err)
	}
	return nil
}
