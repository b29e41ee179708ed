package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"verbatim"
)

// story is a short news story written for these tests.
type story struct {
	title, author, date string
	paras               []string
}

var stories = []story{
	{"Harbour bridge to close for repairs", "Ida Scott", "2026-03-04T09:30:00Z", []string{
		"The harbour bridge will close for six weeks from May while engineers replace its worn bearings, the city council announced on Wednesday.",
		`"We know this will be hard for people who cross it every day, but the bearings cannot wait another winter," said council leader Marta Holm.`,
		"Holm said a free ferry would run every fifteen minutes during the closure and that buses would be rerouted over the northern crossing.",
		`Shop owners on the quay were less convinced. "Six weeks in spring is our busiest time. Nobody asked us," said Jonas Berg, who runs a bakery near the bridge.`,
	}},
	{"School meals to go organic", "Paul Ekberg", "2026-03-05T07:00:00Z", []string{
		"All primary schools in the district will serve organic lunches from August, the education board decided on Thursday after a long debate.",
		`"Children eat one meal a day with us, and it should be the best we can give them," board chair Lena Dahl told reporters.`,
		"Parents' groups welcomed the decision but asked how the higher cost would be met without cutting other parts of the school budget.",
		`The finance office said the change would add about eight percent to the meal budget. "We will find the money," Dahl said.`,
	}},
	{"Storm warning for the coast", "Ida Scott", "2026-03-06T18:45:00Z", []string{
		"The weather service issued a storm warning for the whole coast on Friday, with gusts of up to 120 kilometres an hour expected overnight.",
		`"Stay indoors and keep away from the piers," said duty forecaster Omar Said, adding that the peak would come just before dawn.`,
		"Ferries to the islands were cancelled until Saturday afternoon and the coastal railway will run a reduced timetable.",
		`Harbour master Eva Lind said boats should be tied up by six. "We have seen what these storms do," she said.`,
	}},
}

// html renders the story as a news page with the chrome real pages have.
func (s story) html(canonical string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | Riverside Courier</title>`, s.title)
	fmt.Fprintf(&b, `<meta name="author" content="%s"><meta property="article:published_time" content="%s">`, s.author, s.date)
	fmt.Fprintf(&b, `<meta property="og:site_name" content="Riverside Courier">`)
	if canonical != "" {
		fmt.Fprintf(&b, `<link rel="canonical" href="%s">`, canonical)
	}
	b.WriteString(`</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>`)
	fmt.Fprintf(&b, "<h1>%s</h1>", s.title)
	for _, p := range s.paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString(`</article><footer><p>© 2026 Riverside Courier. All rights reserved.</p></footer></body></html>`)
	return b.String()
}

// quote is a sentence of the story that must come out whole.
func (s story) quote() string { return s.paras[1] }

// readAll drains a reader, failing the test on a fatal error.
func readAll(t testing.TB, r verbatim.Reader) []*verbatim.Input {
	t.Helper()
	defer r.Close()
	var out []*verbatim.Input
	for range 10000 {
		in, err := r.Next(context.Background())
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if in.Err == nil && in.Text == "" {
			t.Errorf("input %s has no text and no error", in.Origin)
		}
		out = append(out, in)
	}
	t.Fatal("reader does not end")
	return nil
}

// summary is one line per input: its ID, or "ERR" and its error.
func summary(ins []*verbatim.Input) string {
	var lines []string
	for _, in := range ins {
		if in.Err != nil {
			lines = append(lines, "ERR "+in.Err.Error())
		} else {
			lines = append(lines, in.ID)
		}
	}
	return strings.Join(lines, "\n")
}

// write creates a file under dir with the given content.
func write(t testing.TB, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
