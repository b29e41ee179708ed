package ingest

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"verbatim"
	"verbatim/ingest/internal/warctest"
)

// checkInput holds every Input to the promises the Reader makes.
func checkInput(t *testing.T, in *verbatim.Input) {
	if in.Err != nil {
		return
	}
	if !utf8.ValidString(in.Text) || strings.IndexByte(in.Text, 0) >= 0 {
		t.Fatalf("text is not clean UTF-8: %q", in.Text)
	}
	if in.Text == "" {
		t.Fatal("input without text or error")
	}
}

func FuzzJSONLLine(f *testing.F) {
	f.Add([]byte(`{"id": "a", "text": "\"Yes,\" she said.", "quotes": [{"kind": "direct", "content": {"start": 0, "end": 7, "text": "\"Yes,\""}}]}`))
	f.Add([]byte(`{"text": "x", "date": "2026-01-02"}`))
	f.Add([]byte(`{"text": "a\u0000"}`))
	f.Add([]byte("{\"text\": \"\xff\"}"))
	f.Add([]byte(`{"text": "x", "quotes": [{"content": {"start": 1, "end": 0, "segments": [{"start": -1}]}}]}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		in, err := parseJSONLLine(line)
		if err != nil {
			return
		}
		checkInput(t, in)
		for _, q := range in.Gold {
			if err := q.Content.Validate(in.Text); err != nil {
				t.Fatalf("accepted a gold span that does not fit: %v", err)
			}
		}
	})
}

func FuzzFeed(f *testing.F) {
	f.Add([]byte(rssFeed("https://courier.example")))
	f.Add([]byte(atomFeed("https://courier.example")))
	f.Add([]byte(`{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": "1", "content_html": "<p>Hi</p>"}]}`))
	f.Add([]byte(`<rss><channel><item><description>&lt;p&gt;a</description></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := parseFeed(data)
		if err != nil {
			return
		}
		// Items are read from their own content only: a fuzzed feed must
		// not make the test fetch.
		r := &feedReader{src: "fuzz.xml", cfg: newConfig([]Option{WithFeedContent(FeedContentAlways)}), feed: feed, loaded: true}
		for {
			in, err := r.Next(context.Background())
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			checkInput(t, in)
		}
	})
}

func FuzzExtractHTML(f *testing.F) {
	for _, name := range []string{"article.html", "latin1.html"} {
		b, _ := os.ReadFile("testdata/" + name)
		f.Add(b, "")
	}
	f.Add([]byte(stories[2].html("https://courier.example/x")), "text/html; charset=iso-8859-1")
	f.Add([]byte("<p>\xff\xfe broken \x00 bytes</p>"), "text/html; charset=utf-8")
	f.Add([]byte("<table><tr><td><p>cell</td></p></table><script>x</script>"), "")
	f.Fuzz(func(t *testing.T, body []byte, ctype string) {
		in, err := extractHTML(body, "https://courier.example/page", ctype, false)
		if err != nil {
			return
		}
		checkInput(t, in)
	})
}

func FuzzWARCInputs(f *testing.F) {
	data, _ := crawlWARC(f)
	f.Add(data)
	var plain warctest.File
	plain.Add(warctest.Response(1, "https://courier.example/1", warctest.HTTP(200, "text/html", stories[0].html(""))), false)
	plain.Add(warctest.Response(2, "https://courier.example/2", []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: deflate\r\n\r\n5\r\nhello\r\n0\r\n\r\n")), false)
	f.Add(plain.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := newWARCReader("fuzz.warc", io.NopCloser(bytes.NewReader(data)), newConfig(nil))
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; ; i++ {
			if i > len(data)+2 {
				t.Fatal("reader does not end")
			}
			in, err := r.Next(context.Background())
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			checkInput(t, in)
		}
	})
}
