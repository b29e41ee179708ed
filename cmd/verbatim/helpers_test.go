package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"verbatim/storetest"
)

// TestMain lets the tests run the command as a process of its own: the
// crash test starts this test binary with VERBATIM_RUN_MAIN set, and it then
// is the verbatim command, main and all, so that it can be killed.
func TestMain(m *testing.M) {
	if os.Getenv("VERBATIM_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	code := m.Run()
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// run runs a command in process and returns what it wrote.
func run(t testing.TB, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	for _, c := range commands {
		if c.name == args[0] {
			err = c.run(context.Background(), args[1:], &out, &errb)
			return out.String(), errb.String(), err
		}
	}
	t.Fatalf("no command %q", args[0])
	return
}

// mustRun runs a command that must succeed.
func mustRun(t testing.TB, args ...string) string {
	t.Helper()
	out, errs, err := run(t, args...)
	if err != nil {
		t.Fatalf("verbatim %s: %v\n%s", strings.Join(args, " "), err, errs)
	}
	return out
}

// records parses JSON lines of quote records.
func records(t testing.TB, out string) []quoteRecord {
	t.Helper()
	var rs []quoteRecord
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r quoteRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		rs = append(rs, r)
	}
	return rs
}

// postgresDSN returns the URL of a fresh schema on the test server, or
// skips the test.
func postgresDSN(t testing.TB) string { return storetest.PostgresDSN(t) }

// story is a news story written for these tests: its page, and the quote
// that search must find under its speaker.
type story struct {
	path, title, author, date string
	speaker, surname, quote   string
	paras                     []string
}

// html renders the story as a news page with the chrome real pages have.
func (s story) html(base string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | Lakeside Ledger</title>`, s.title)
	fmt.Fprintf(&b, `<meta name="author" content="%s"><meta property="article:published_time" content="%s">`, s.author, s.date)
	b.WriteString(`<meta property="og:site_name" content="Lakeside Ledger">`)
	fmt.Fprintf(&b, `<link rel="canonical" href="%s%s">`, base, s.path)
	b.WriteString(`</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>`)
	fmt.Fprintf(&b, "<h1>%s</h1>", s.title)
	for _, p := range s.paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString(`</article><footer><p>© 2026 Lakeside Ledger. All rights reserved.</p></footer></body></html>`)
	return b.String()
}

// newStory writes a story in which speaker says quote.
func newStory(path, title, date, role, speaker, quote string) story {
	surname := speaker[strings.LastIndex(speaker, " ")+1:]
	return story{
		path: path, title: title, author: "Vera Okonkwo", date: date,
		speaker: speaker, surname: surname, quote: quote,
		paras: []string{
			"The town council met on Monday evening to discuss " + strings.ToLower(title) + ", and the public gallery was full long before the session began.",
			"“" + quote + ",” said " + speaker + ", the " + role + ", who has followed the matter for three years.",
			"Several residents spoke after the debate and asked the council to publish the figures behind the plan before any final vote is taken.",
			"The council will return to the question at its next meeting in April, when the committee reports are due.",
		},
	}
}

// warcFile builds a .warc.gz of the stories' pages, archived under base,
// with the records a reader must pass over around them.
func warcFile(base string, stories []story) []byte {
	var f bytes.Buffer
	f.Write(warcRecord("warcinfo", "00000000-0000-4000-8000-000000000000", "", []byte("software: verbatim tests\r\n")))
	for i, s := range stories {
		f.Write(warcRecord("request", fmt.Sprintf("00000000-0000-4000-8000-%012d", 2*i+1), base+s.path,
			[]byte("GET "+s.path+" HTTP/1.1\r\nHost: ledger.example\r\n\r\n")))
		f.Write(warcRecord("response", fmt.Sprintf("00000000-0000-4000-8000-%012d", 2*i+2), base+s.path,
			httpResponse(200, "text/html; charset=utf-8", s.html(base))))
	}
	f.Write(warcRecord("response", "00000000-0000-4000-8000-000000000999", base+"/missing",
		httpResponse(404, "text/html", "<html><body>Not found</body></html>")))
	return f.Bytes()
}

// sharedDir is a temporary folder for fixtures shared by several tests,
// removed when the test binary ends.
var sharedDir string

// tempDirOutlivingTest returns sharedDir, creating it on first use.
func tempDirOutlivingTest() (string, error) {
	if sharedDir != "" {
		return sharedDir, nil
	}
	d, err := os.MkdirTemp("", "verbatim-cmd-test")
	sharedDir = d
	return d, err
}
