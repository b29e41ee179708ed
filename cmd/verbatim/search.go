package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"verbatim"
)

// filterFlags are the flags that select quotes, shared by search and export.
type filterFlags struct {
	db, speaker, outlet, since, until, kind string
	limit                                   int
}

func addFilterFlags(fs *flag.FlagSet, limit int, limitHelp string) *filterFlags {
	f := &filterFlags{}
	fs.StringVar(&f.db, "db", defaultDB, "store: a SQLite file path, or a postgres:// URL")
	fs.StringVar(&f.speaker, "speaker", "", "only quotes by this speaker (name, alias, or surname)")
	fs.StringVar(&f.outlet, "outlet", "", "only quotes published by this outlet (name or domain)")
	fs.StringVar(&f.since, "since", "", "only articles published on or after this date (YYYY-MM-DD or RFC 3339)")
	fs.StringVar(&f.until, "until", "", "only articles published before this time; a date alone includes that day")
	fs.StringVar(&f.kind, "kind", "", "only quotes of this kind: direct, mixed or indirect")
	fs.IntVar(&f.limit, "limit", limit, limitHelp)
	return f
}

// query turns the flags and the query words into a search query.
func (f *filterFlags) query(words []string) (verbatim.SearchQuery, error) {
	q := verbatim.SearchQuery{
		Text:    strings.TrimSpace(strings.Join(words, " ")),
		Speaker: f.speaker,
		Outlet:  f.outlet,
		Limit:   f.limit,
	}
	var err error
	if q.Since, _, err = parseDate(f.since); err != nil {
		return q, fmt.Errorf("--since: %w", err)
	}
	var dateOnly bool
	if q.Until, dateOnly, err = parseDate(f.until); err != nil {
		return q, fmt.Errorf("--until: %w", err)
	}
	if dateOnly {
		// "--until 2026-03-05" reads as "up to that day", not "up to its
		// first instant": the store's bound is exclusive.
		q.Until = q.Until.AddDate(0, 0, 1)
	}
	switch k := verbatim.QuoteKind(strings.ToLower(f.kind)); k {
	case "", verbatim.Direct, verbatim.Mixed, verbatim.Indirect:
		q.Kind = k
	default:
		return q, fmt.Errorf("--kind %q: want direct, mixed or indirect", f.kind)
	}
	if f.limit < 0 {
		return q, fmt.Errorf("--limit %d: want 0 or more", f.limit)
	}
	return q, nil
}

// parseDate reads a date or a time; dateOnly says it had no time of day.
// Dates are UTC days.
func parseDate(s string) (t time.Time, dateOnly bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, true, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, false, nil
	}
	return time.Time{}, false, fmt.Errorf("%q is neither YYYY-MM-DD nor an RFC 3339 time", s)
}

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	f := addFilterFlags(fs, verbatim.DefaultLimit, fmt.Sprintf("hits to show, at most %d", verbatim.MaxLimit))
	asJSON := fs.Bool("json", false, "print one JSON object per hit per line")
	sort := fs.String("sort", "relevance", "order of a text query's hits: relevance or newest")
	cursor := fs.String("cursor", "", "continue from the page that printed this cursor")
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: verbatim search [--db DSN] [--speaker S] [--outlet O] [--since DATE] [--until DATE]
                       [--kind K] [--limit N] [--json] [QUERY]

Finds stored quotes. QUERY is in web-search syntax: words that must all occur,
"exact phrases", OR between alternatives, -word to exclude. Without QUERY the
filters alone select quotes, newest first.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	q, err := f.query(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "verbatim search: %v\n", err)
		fs.Usage()
		return errUsage
	}
	if q.Text == "" && q.Speaker == "" && q.Outlet == "" && q.Kind == "" && q.Since.IsZero() && q.Until.IsZero() {
		fmt.Fprintln(stderr, "verbatim search: give a QUERY or a filter")
		fs.Usage()
		return errUsage
	}
	switch s := verbatim.SortOrder(*sort); s {
	case verbatim.ByRelevance, verbatim.ByNewest:
		q.Sort = s
	default:
		fmt.Fprintf(stderr, "verbatim search: --sort %q: want relevance or newest\n", *sort)
		return errUsage
	}
	q.Cursor = *cursor
	store, err := openStore(ctx, f.db)
	if err != nil {
		return err
	}
	defer store.Close()
	page, err := store.Search(ctx, q)
	if err != nil {
		return fmt.Errorf("search %q: %w", q.Text, err)
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		for _, h := range page.Hits {
			if err := enc.Encode(hitJSON(h)); err != nil {
				return err
			}
		}
		return nil
	}
	if len(page.Hits) == 0 {
		fmt.Fprintln(out, "no quotes found")
		return nil
	}
	for i, h := range page.Hits {
		writeHit(out, i+1, h)
	}
	if page.Next != "" {
		fmt.Fprintf(out, "more: add --cursor %s\n", page.Next)
	}
	return nil
}

// writeHit prints a hit for reading: the quote, then who said it, where
// and when, then the link.
func writeHit(w io.Writer, n int, h verbatim.QuoteHit) {
	text := strings.Join(strings.Fields(h.Text), " ")
	fmt.Fprintf(w, "%d. %s\n", n, text)
	who := h.Speaker
	if who == "" {
		who = "(no speaker)"
	}
	if h.SpeakerMention != "" && h.SpeakerMention != h.Speaker {
		who += " (as “" + h.SpeakerMention + "”)"
	}
	line := []string{"   — " + who, string(h.Kind)}
	if h.Outlet != "" {
		line = append(line, h.Outlet)
	}
	if !h.Published.IsZero() {
		line = append(line, h.Published.UTC().Format("2006-01-02"))
	}
	fmt.Fprintln(w, strings.Join(line, " · "))
	switch {
	case h.URL != "":
		fmt.Fprintf(w, "   %s\n", h.URL)
	case h.Title != "":
		fmt.Fprintf(w, "   %s\n", h.Title)
	}
	fmt.Fprintln(w)
}

// quoteRecord is a quote as search --json and export write it: flat, with
// its speaker and article, one per line.
type quoteRecord struct {
	QuoteID        int64              `json:"quote_id"`
	Kind           verbatim.QuoteKind `json:"kind"`
	Text           string             `json:"text"`
	Speaker        string             `json:"speaker"`
	SpeakerID      int64              `json:"speaker_id,omitempty"`
	SpeakerMention string             `json:"speaker_mention,omitempty"`
	SpeakerType    string             `json:"speaker_type,omitempty"`
	Cue            string             `json:"cue,omitempty"`
	CueLemma       string             `json:"cue_lemma,omitempty"`
	ArticleID      int64              `json:"article_id"`
	URL            string             `json:"url,omitempty"`
	Title          string             `json:"title,omitempty"`
	Outlet         string             `json:"outlet"`
	Published      string             `json:"published,omitempty"`
	Score          float64            `json:"score,omitempty"`
}

func hitJSON(h verbatim.QuoteHit) quoteRecord {
	r := quoteRecord{
		QuoteID: h.QuoteID, Kind: h.Kind, Text: h.Text,
		Speaker: h.Speaker, SpeakerID: h.SpeakerID, SpeakerMention: h.SpeakerMention, SpeakerType: string(h.SpeakerType),
		Cue: h.Cue, CueLemma: h.CueLemma,
		ArticleID: h.ArticleID, URL: h.URL, Title: h.Title, Outlet: h.Outlet, Score: h.Score,
	}
	if !h.Published.IsZero() {
		r.Published = h.Published.UTC().Format(time.RFC3339)
	}
	return r
}
