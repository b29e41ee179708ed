package segment

import (
	"strings"
	"testing"

	"verbatim/lang"
)

func segmentText(text string) *Doc {
	var d Doc
	d.Segment(text, []Span{{0, len(text)}}, lang.English)
	return &d
}

func words(d *Doc) []string {
	var out []string
	for _, t := range d.Tokens {
		out = append(out, d.Text[t.Start:t.End])
	}
	return out
}

func TestTokens(t *testing.T) {
	cases := []struct {
		text string
		want string // tokens joined by |
	}{
		{"Kiev’s allies", "Kiev|’s|allies"},
		{"the U.S. and the U.K.", "the|U.S.|and|the|U.K."},
		{"It rose 3.5 percent to 1,200.", "It|rose|3.5|percent|to|1,200|."},
		{"Kiev-controlled areas", "Kiev-controlled|areas"},
		{"“Yes,” she said — twice.", "“|Yes|,|”|she|said|—|twice|."},
		{"''No,'' he said.", "''|No|,|''|he|said|."},
		{"don't", "don't"},
		{"Dr. Smith", "Dr|.|Smith"},
	}
	for _, c := range cases {
		if got := strings.Join(words(segmentText(c.text)), "|"); got != c.want {
			t.Errorf("%q: tokens %q, want %q", c.text, got, c.want)
		}
	}
}

func TestSentences(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"He arrived. She left.", []string{"He arrived.", "She left."}},
		{"Sen. Warren spoke. Dr. Jones agreed.", []string{"Sen. Warren spoke.", "Dr. Jones agreed."}},
		{"John F. Kennedy spoke.", []string{"John F. Kennedy spoke."}},
		{"“We will win. We must,” he said.", []string{"“We will win.", "We must,” he said."}},
		{"“Are you sure?” she asked.", []string{"“Are you sure?” she asked."}},
		{"It costs 3.5 million. Nobody paid.", []string{"It costs 3.5 million.", "Nobody paid."}},
	}
	for _, c := range cases {
		d := segmentText(c.text)
		var got []string
		for _, s := range d.Sentences {
			got = append(got, c.text[s.Start:s.End])
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: sentences %q, want %q", c.text, got, c.want)
		}
	}
}

func TestWordTable(t *testing.T) {
	d := segmentText("The spokesman said")
	if !d.Tokens[1].Has(lang.Title) || d.Tokens[2].Word.Lemma != "say" || !d.Tokens[0].Has(lang.Determiner) {
		t.Errorf("table entries not attached: %+v", d.Tokens)
	}
	if d.Tokens[0].Hash != lang.HashString("the") {
		t.Error("hash is not of the lower-case form")
	}
}

func TestLongSentenceIsCut(t *testing.T) {
	d := segmentText(strings.Repeat("word ", 3*MaxSentenceTokens))
	for _, s := range d.Sentences {
		if s.Last-s.First > MaxSentenceTokens {
			t.Fatalf("sentence of %d tokens", s.Last-s.First)
		}
	}
}

// FuzzSegment checks that tokens and sentences stay inside the text, in
// order and without overlap, whatever the bytes.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{"“A,” he said. B.", "U.S. Dr. 3.5 ’s '' ``", "\xff\x00 — –", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := segmentText(text)
		prev := int32(0)
		for _, tk := range d.Tokens {
			if tk.Start < prev || tk.End <= tk.Start || int(tk.End) > len(text) {
				t.Fatalf("token [%d,%d) after %d in %d bytes", tk.Start, tk.End, prev, len(text))
			}
			prev = tk.End
		}
		next := int32(0)
		for _, s := range d.Sentences {
			if s.First != next || s.Last <= s.First {
				t.Fatalf("sentence tokens [%d,%d), want start %d", s.First, s.Last, next)
			}
			next = s.Last
		}
		if int(next) != len(d.Tokens) {
			t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
		}
	})
}

func BenchmarkSegment(b *testing.B) {
	text := strings.Repeat("“We will rebuild the bridge by spring,” Mayor Anna Holt told reporters on Tuesday. ", 2000)
	var d Doc
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		d.Segment(text, []Span{{0, len(text)}}, lang.English)
	}
}
