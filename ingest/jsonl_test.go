package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"verbatim"
)

func TestJSONL(t *testing.T) {
	evalLine := `{"id": "polnear/dev/1", "corpus": "polnear", "split": "dev", "lang": "en", "title": "Bridge", "publisher": "Courier", "date": "2016-09-12", ` +
		`"text": "\"We will reopen it,\" Holm said.", "quotes": [{"kind": "direct", "content": {"start": 0, "end": 20, "text": "\"We will reopen it,\""}, ` +
		`"cue": {"start": 26, "end": 30, "text": "said"}, "speaker": {"start": 21, "end": 25, "text": "Holm"}, "speaker_ref": null}]}`
	lines := []string{
		evalLine,
		`{"id": "a2", "text": "Dahl said the money would be found.", "url": "https://courier.example/2", "published": "2026-03-05T07:00:00Z", "extra": [1, 2]}`,
		``,
		`{"text": "No id here, \"but a quote,\" she said."}`,
		`{"id": "bad-json", "text": "unterminated`,
		`{"id": "no-text", "title": "Only a title"}`,
		`{"id": "empty", "text": "  "}`,
		`{"id": "nul", "text": "a\u0000b"}`,
		`["not", "an", "object"]`,
		`{"id": "gold-off", "text": "Short.", "quotes": [{"kind": "direct", "content": {"start": 0, "end": 50, "text": "x"}}]}`,
		"{\"id\": \"latin1\", \"text\": \"caf\xe9\"}",
		`{"id": "long", "text": "` + strings.Repeat("x", 600) + `"}`,
		`{"id": 42, "text": "Numeric id.", "published": 1772611800}`,
		`{"url": "https://courier.example/3", "maintext": "A news-please export.", "authors": ["Ida Scott", "Paul Ekberg"], "date_publish": "2026-03-04 09:30:00", "language": "en", "source_domain": "courier.example", "title": null}`,
		`{"id": "last", "text": "The last line has no newline."}`,
	}
	path := write(t, t.TempDir(), "docs.jsonl", []byte("\xef\xbb\xbf"+strings.Join(lines, "\n")))
	r, err := Open(path, WithMaxText(500))
	if err != nil {
		t.Fatal(err)
	}
	ins := readAll(t, r)
	want := []string{
		"polnear/dev/1",
		"a2",
		path + ":4",
		"ERR " + path + ":5: invalid JSON: unexpected end of JSON input",
		"ERR " + path + `:6: no "text" field`,
		"ERR " + path + ":7: empty text",
		"ERR " + path + ":8: text contains NUL bytes",
		"ERR " + path + ":9: invalid JSON: json: cannot unmarshal array into Go value of type ingest.jsonlDoc",
		"ERR " + path + ":10: gold quotes do not match the text: quote 0 content: span [0,50) outside text of 6 bytes",
		"ERR " + path + ":11: invalid UTF-8 at byte 29 of the line",
		"ERR " + path + ":12: line longer than 500 bytes, skipped",
		"42",
		path + ":14",
		"last",
	}
	if got := summary(ins); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	first := ins[0]
	if first.Lang != "en" || first.Title != "Bridge" || first.SiteName != "Courier" || len(first.Gold) != 1 ||
		!first.Published.Equal(time.Date(2016, 9, 12, 0, 0, 0, 0, time.UTC)) || first.Origin.Line != 1 || first.Origin.Kind != verbatim.OriginJSONL {
		t.Errorf("eval line read as %+v", first)
	}
	if ins[1].URL != "https://courier.example/2" || ins[1].Published.IsZero() {
		t.Errorf("plain line read as %+v", ins[1])
	}
	if in := ins[11]; !in.Published.Equal(time.Date(2026, 3, 4, 8, 10, 0, 0, time.UTC)) {
		t.Errorf("Unix time read as %v", in.Published)
	}
	if in := ins[12]; in.Author != "Ida Scott, Paul Ekberg" || in.Lang != "en" || in.SiteName != "courier.example" ||
		in.Published.IsZero() || in.URL != "https://courier.example/3" || in.Title != "" {
		t.Errorf("news-please line read as %+v", in)
	}
}

// TestEvalFiles reads the project's eval files, when they are there: every
// line must come through, gold spans checked against the text.
func TestEvalFiles(t *testing.T) {
	files, _ := filepath.Glob("../../shared/eval/*-dev.jsonl")
	if len(files) == 0 {
		t.Skip("no eval files")
	}
	for _, f := range files {
		r, err := Open(f)
		if err != nil {
			t.Fatal(err)
		}
		n, gold := 0, 0
		for _, in := range readAll(t, r) {
			if in.Err != nil {
				t.Error(in.Err)
				continue
			}
			n++
			gold += len(in.Gold)
		}
		t.Logf("%s: %d articles, %d gold quotes", filepath.Base(f), n, gold)
		if n == 0 {
			t.Errorf("%s: no articles", f)
		}
	}
}

func TestText(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, content, want string
	}{
		{"plain.txt", "\"It works,\" she said.\n", "\"It works,\" she said.\n"},
		{"bom.txt", "\xef\xbb\xbfHallo „Welt“, sagte er.", "Hallo „Welt“, sagte er."},
		{"crlf.txt", "Line one.\r\nLine two.\r\n", "Line one.\r\nLine two.\r\n"},
		{"binary.txt", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", "ERR binary data, not text"},
		{"latin1.txt", "Caf\xe9 au lait.", "ERR invalid UTF-8 at byte 3 (convert the file to UTF-8)"},
		{"empty.txt", " \n\t", "ERR empty file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := write(t, dir, tc.name, []byte(tc.content))
			r, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			ins := readAll(t, r)
			if len(ins) != 1 {
				t.Fatalf("%d inputs", len(ins))
			}
			got := ins[0].Text
			if ins[0].Err != nil {
				got = "ERR " + strings.TrimPrefix(ins[0].Err.Error(), path+": ")
				if !strings.HasPrefix(ins[0].Err.Error(), path+": ") {
					t.Errorf("error %q does not name the file", ins[0].Err)
				}
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	// Larger than the limit.
	path := write(t, dir, "big.txt", []byte(strings.Repeat("word ", 100)))
	r, _ := Open(path, WithMaxText(100))
	if ins := readAll(t, r); len(ins) != 1 || ins[0].Err == nil || !strings.Contains(ins[0].Err.Error(), "over the limit") {
		t.Errorf("big file: %s", summary(ins))
	}
	_ = os.Remove(path)
}
