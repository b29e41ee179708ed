package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"verbatim"
)

// Hostile inputs must give a valid result or a clear error, never a panic
// or a hang. The large cases are skipped with -short.
func TestHostileInput(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		large bool
	}{
		{"empty", "", false},
		{"invalid UTF-8", "He said \xff\xfe “that \xc3\x28 is fine,” the official added.\n", false},
		{"NUL bytes", "“A\x00B,” she said.\x00\x00\n\nIt\x00 is.", false},
		{"only quote marks", strings.Repeat("“", 5000) + strings.Repeat("”", 5000), false},
		{"nested quote marks", strings.Repeat("“‘«", 3000) + "said Smith" + strings.Repeat("»’”", 3000), false},
		{"unbalanced quote marks", strings.Repeat("\"He said ", 10000), false},
		{"attribution repeated", strings.Repeat("“No,” said Smith. ", 20000), false},
		{"20 MB single line", strings.Repeat("Officials said the Ministry of Finance told reporters “it is fine,” Smith said. ", 20<<20/80), true},
		{"20 MB without punctuation", strings.Repeat("word ", 4<<20), true},
	}
	e := New()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.large && testing.Short() {
				t.Skip("large input")
			}
			a, err := e.Extract(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if err := a.Validate(tc.text); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestConcurrentUse(t *testing.T) {
	e := New()
	texts := []string{
		"Budget talks.\n\n“We will rebuild the bridge,” said Mayor Anna Holt.\n",
		"Budget talks.\n\nAccording to officials, the deficit has doubled.\n",
		"Budget talks.\n\nHolt said the repairs were “long overdue” and costly.\n",
	}
	want := make([]int, len(texts))
	for i, text := range texts {
		a, _ := e.Extract(text)
		want[i] = len(a.Quotes)
	}
	done := make(chan error)
	for g := 0; g < 8; g++ {
		go func(g int) {
			for i := 0; i < 200; i++ {
				k := (g + i) % len(texts)
				a, err := e.Extract(texts[k])
				if err == nil && len(a.Quotes) != want[k] {
					err = errCount
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}(g)
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

var errCount = &countError{}

type countError struct{}

func (*countError) Error() string { return "concurrent extraction gave a different number of quotes" }

// FuzzExtract feeds arbitrary text to the whole pipeline: it must not
// panic and every span it returns must point at the text it claims.
func FuzzExtract(f *testing.F) {
	for _, tc := range extractCases {
		f.Add(tc.text)
	}
	f.Add("“A,” said B. “C\n\n“D” E: F\xff \"G said 'H' ''I'' «J» „K“")
	e := New()
	f.Fuzz(func(t *testing.T, text string) {
		a, err := e.Extract(text)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Validate(text); err != nil {
			t.Fatal(err)
		}
		for _, q := range a.Quotes {
			if q.Kind != verbatim.Direct && q.Kind != verbatim.Mixed && q.Kind != verbatim.Indirect {
				t.Fatalf("kind %q", q.Kind)
			}
			if q.Content.Empty() {
				t.Fatalf("empty content %+v", q)
			}
			if utf8.ValidString(text) && !utf8.ValidString(q.Content.Text) {
				t.Fatalf("content splits a character: %q", q.Content.Text)
			}
		}
	})
}
