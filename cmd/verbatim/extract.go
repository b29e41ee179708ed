package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"verbatim"
	"verbatim/extract"
)

// maxLine bounds one JSONL input line.
const maxLine = 256 << 20

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	input := fs.String("input", "text", "input format: text (one article per file), jsonl (one {\"id\",\"text\"} per line)")
	pretty := fs.Bool("pretty", false, "print a readable view, quotes grouped by speaker, instead of JSON")
	language := fs.String("lang", "auto", "article language (en, de); auto detects each article's")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: verbatim extract [--input text|jsonl] [--pretty] [FILE ...]\n\nReads articles from FILEs (standard input when none) and writes one JSON object per article per line.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	ex := extract.New(extract.WithLanguage(*language))
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	emit := func(id, text string) {
		a, err := ex.Extract(text)
		if err != nil {
			fmt.Fprintf(stderr, "verbatim extract: %s: %v\n", id, err)
			return
		}
		a.ID = id
		if *pretty {
			writePretty(out, a)
			return
		}
		if err := enc.Encode(a); err != nil {
			fmt.Fprintf(stderr, "verbatim extract: %s: %v\n", id, err)
		}
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	failed := 0
	for _, name := range files {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := readArticles(name, *input, emit); err != nil {
			fmt.Fprintf(stderr, "verbatim extract: %v\n", err)
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d inputs failed", failed, len(files))
	}
	return nil
}

// readArticles calls emit for each article in the named input ("-" is
// standard input). A bad JSONL line is reported with its line number and
// skipped.
func readArticles(name, format string, emit func(id, text string)) error {
	var r io.Reader = os.Stdin
	id := name
	if name == "-" {
		id = "stdin"
	} else {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	switch format {
	case "text", "html":
		b, err := io.ReadAll(io.LimitReader(r, extract.DefaultMaxBytes+1))
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		emit(id, string(b))
		return nil
	case "jsonl":
		return eachJSONL(id, r, func(doc verbatim.Document) { emit(doc.ID, doc.Text) })
	}
	return fmt.Errorf("unknown --input %q (text, jsonl)", format)
}

// eachJSONL decodes one Document per line; bad lines are reported on
// standard error naming the input and line, and skipped.
func eachJSONL(id string, r io.Reader, fn func(verbatim.Document)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	line := 0
	bad := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var doc verbatim.Document
		if err := json.Unmarshal(b, &doc); err != nil {
			fmt.Fprintf(os.Stderr, "verbatim: %s:%d: %v\n", id, line, err)
			bad++
			continue
		}
		if doc.ID == "" {
			doc.ID = fmt.Sprintf("%s:%d", id, line)
		}
		fn(doc)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", id, line+1, err)
	}
	if bad > 0 {
		return fmt.Errorf("%s: %d bad lines skipped", id, bad)
	}
	return nil
}

// writePretty prints an analysis for people: the article's parts, then
// each speaker with their quotes.
func writePretty(w io.Writer, a *verbatim.Analysis) {
	fmt.Fprintf(w, "== %s\n", a.ID)
	art := a.Article
	if art.Title != "" {
		fmt.Fprintf(w, "title:    %s\n", art.Title)
	}
	for _, s := range art.Subheads {
		fmt.Fprintf(w, "subhead:  %s\n", s.Text)
	}
	if art.Author != "" {
		fmt.Fprintf(w, "author:   %s\n", art.Author)
	}
	if art.SourceCredit != "" {
		fmt.Fprintf(w, "credit:   %s\n", art.SourceCredit)
	}
	if art.Bio != nil {
		fmt.Fprintf(w, "bio:      %s\n", clip(art.Bio.Text, 80))
	}
	for _, s := range art.Notes {
		fmt.Fprintf(w, "note:     %s\n", clip(s.Text, 80))
	}
	groups := map[string][]verbatim.Quote{}
	var order []string
	for _, q := range a.Quotes {
		k := q.SpeakerRef
		if k == "" && q.Speaker != nil {
			k = q.Speaker.Text
		}
		if k == "" {
			k = "(unattributed)"
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], q)
	}
	sort.SliceStable(order, func(i, j int) bool { return len(groups[order[i]]) > len(groups[order[j]]) })
	for _, k := range order {
		qs := groups[k]
		if t := qs[0].SpeakerType; t != verbatim.NoSpeaker {
			fmt.Fprintf(w, "\n%s (%s, %d)\n", k, t, len(qs))
		} else {
			fmt.Fprintf(w, "\n%s (%d)\n", k, len(qs))
		}
		for _, q := range qs {
			cue := ""
			if q.Cue != nil {
				cue = q.Cue.Text
			}
			spk := ""
			if q.Speaker != nil && q.Speaker.Text != k {
				spk = " as “" + q.Speaker.Text + "”"
			}
			fmt.Fprintf(w, "  [%s] %s  — %s%s\n", q.Kind, clip(q.Content.Text, 160), cue, spk)
		}
	}
	fmt.Fprintln(w)
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
