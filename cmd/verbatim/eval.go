package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"verbatim"
	"verbatim/extract"
	"verbatim/score"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	language := fs.String("lang", "", "article language (default: each document's lang field, else detected)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: verbatim eval FILE.jsonl ...\n\nRuns extraction on annotated files and prints precision, recall and F1 of quote spans, speaker and cue accuracy, per file and in total.")
		fmt.Fprint(stderr, "\n"+score.Rules)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	extractors := map[string]*extract.Extractor{}
	extractorFor := func(code string) *extract.Extractor {
		if *language != "" {
			code = *language
		}
		if code == "" {
			code = "auto"
		}
		if e, ok := extractors[code]; ok {
			return e
		}
		e := extract.New(extract.WithLanguage(code))
		extractors[code] = e
		return e
	}
	total := score.New()
	for _, name := range fs.Args() {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		file := score.New()
		err = eachJSONL(name, f, func(doc verbatim.Document) {
			a, err := extractorFor(doc.Lang).Extract(doc.Text)
			if err != nil {
				fmt.Fprintf(stderr, "verbatim eval: %s: %v\n", doc.ID, err)
				return
			}
			file.Add(doc.Text, doc.Quotes, a.Quotes)
		})
		f.Close()
		if err != nil {
			return err
		}
		if err := file.Result().WriteText(stdout, name); err != nil {
			return err
		}
		fmt.Fprintln(stdout)
		total.Merge(file)
	}
	if fs.NArg() > 1 {
		return total.Result().WriteText(stdout, "total")
	}
	return nil
}
