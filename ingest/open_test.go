package ingest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"verbatim/ingest/internal/warctest"
)

func TestDetect(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		src  string
		want Kind
	}{
		{"https://courier.example/rss", KindURL},
		{"HTTP://courier.example/", KindURL},
		{dir, KindDir},
		{"a.txt", KindText},
		{"a.JSONL", KindJSONL},
		{"a.ndjson", KindJSONL},
		{"a.htm", KindHTML},
		{"a.html", KindHTML},
		{"feed.xml", KindFeed},
		{"feed.rss", KindFeed},
		{"feed.atom", KindFeed},
		{"CC-NEWS-20260301.warc.gz", KindWARC},
		{"crawl.warc", KindWARC},
		{"notes.gz", KindUnknown},
		{"README", KindUnknown},
	} {
		if got := Detect(tc.src); got != tc.want {
			t.Errorf("Detect(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		head string
		want Kind
	}{
		{"\x1f\x8b\x08\x00", KindWARC},
		{"WARC/1.1\r\n", KindWARC},
		{"\xef\xbb\xbf{\"id\": 1}", KindJSONL},
		{"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", KindFeed},
		{"<feed xmlns=\"http://www.w3.org/2005/Atom\">", KindFeed},
		{"<!DOCTYPE html><html>", KindHTML},
		{"  <html lang=en>", KindHTML},
		{"\"We will,\" she said.", KindText},
	} {
		if got := sniff([]byte(tc.head)); got != tc.want {
			t.Errorf("sniff(%q) = %q, want %q", tc.head, got, tc.want)
		}
	}
}

// TestDirectory walks a directory of every kind of input, bad ones among
// them, and checks that each good article comes out, each bad input gives
// one error naming it, and the rest is skipped.
func TestDirectory(t *testing.T) {
	dir := t.TempDir()
	var f warctest.File
	f.Add(warctest.Response(1, "https://courier.example/news/0", warctest.HTTP(200, "text/html", stories[0].html(""))), true)
	warcData := f.Bytes()

	write(t, dir, "a.txt", []byte(`"We will find the money," Dahl said.`))
	write(t, dir, "b.jsonl", []byte(`{"id": "b1", "text": "One."}`+"\n"+`{"id": "b2", "text": "Two."}`+"\n"))
	write(t, dir, "c.html", []byte(stories[1].html("https://courier.example/news/1")))
	write(t, dir, "sub/d.warc.gz", warcData)
	write(t, dir, "sub/e.warc.gz", warcData[:len(warcData)-20]) // truncated
	write(t, dir, "sub/f.xml", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</ti`))
	write(t, dir, "g.txt", []byte("\x00\x01\x02binary\x00"))
	write(t, dir, "h.txt", []byte("na\xefve text"))
	write(t, dir, "i.jsonl", append([]byte{0x89, 'P', 'N', 'G', 0, 0}, bytes.Repeat([]byte{0}, 100)...))
	write(t, dir, "j.html", []byte("\x00\x00\x00\x00binary html"))
	write(t, dir, "logo.png", []byte{0x89, 'P', 'N', 'G'})
	write(t, dir, ".git/config.txt", []byte("hidden"))
	write(t, dir, ".notes.txt", []byte("hidden"))

	p := func(name string) string { return filepath.Join(dir, name) }
	want := []string{
		p("a.txt"),
		"b1",
		"b2",
		"https://courier.example/news/1",
		"ERR " + p("g.txt") + ": binary data, not text",
		"ERR " + p("h.txt") + ": invalid UTF-8 at byte 2 (convert the file to UTF-8)",
		"ERR " + p("i.jsonl") + ": binary data, not text",
		"ERR " + p("j.html") + ": binary data, not text",
		"https://courier.example/news/0",
		"ERR " + p("sub/e.warc.gz") + " record " + warctest.ID(1) + " at offset 0: unexpected EOF",
		"ERR " + p("sub/f.xml") + ": parsing feed: ",
	}
	// Workers read the text and HTML files ahead; the order stays.
	for _, workers := range []int{1, 2, 4} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			r, err := Open(dir, WithWorkers(workers))
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Split(summary(readAll(t, r)), "\n")
			if len(got) != len(want) {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			for i := range want {
				if !strings.HasPrefix(got[i], want[i]) {
					t.Errorf("input %d: got %q, want %q...", i, got[i], want[i])
				}
			}
		})
	}
}

// TestReadAheadOrder reads a folder of many HTML and text files with
// workers and checks that they come out in the folder's order, and that a
// reader closed halfway stops its workers.
func TestReadAheadOrder(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 40 {
		name := fmt.Sprintf("%02d.txt", i)
		if i%3 == 0 {
			name = fmt.Sprintf("%02d.html", i)
			write(t, dir, name, []byte(stories[i%len(stories)].html(fmt.Sprintf("https://courier.example/news/%d", i))))
			want = append(want, fmt.Sprintf("https://courier.example/news/%d", i))
		} else {
			write(t, dir, name, []byte(fmt.Sprintf("Story %d. \"Yes,\" she said.", i)))
			want = append(want, filepath.Join(dir, name))
		}
	}
	r, err := Open(dir, WithWorkers(4))
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(readAll(t, r)); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	r, err = Open(dir, WithWorkers(4))
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if _, err := r.Next(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestOpenAll reads sources of every kind in one run, with ones that do
// not exist among them.
func TestOpenAll(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.txt", []byte("Text."))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("not a warc"))
	zw.Close()
	b := write(t, dir, "b.warc.gz", gz.Bytes())
	c := write(t, dir, "noext", []byte(`{"id": "c1", "text": "Sniffed as JSONL."}`))
	missing := filepath.Join(dir, "missing.txt")
	for _, workers := range []int{1, 3} {
		r := OpenAll([]string{missing, a, b, c, dir}, WithWorkers(workers))
		got := summary(readAll(t, r))
		want := []string{"ERR " + missing, a, "ERR " + b + ": not a WARC record", "c1", a, "ERR " + b + ": not a WARC record"}
		if lines := strings.Split(got, "\n"); len(lines) != len(want) {
			t.Errorf("workers=%d: got\n%s\nwant\n%s", workers, got, strings.Join(want, "\n"))
		} else {
			for i, w := range want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("workers=%d: input %d is %q, want %q", workers, i, lines[i], w)
				}
			}
		}
	}
	if _, err := Open(missing); !os.IsNotExist(err) {
		t.Errorf("Open(missing) = %v", err)
	}
}
