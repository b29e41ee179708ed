package verbatim

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestQuoteJSON(t *testing.T) {
	text := "“Yes,” she said."
	cue := NewSpan(text, 15, 19)
	q := Quote{Kind: Direct, Content: NewSpan(text, 0, 10), Cue: &cue, CueLemma: "say", Entity: -1}
	b, err := json.Marshal(q)
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{`"kind":"direct"`, `"speaker":null`, `"speaker_ref":null`, `"cue_lemma":"say"`, `"text":"said"`} {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %s", got, want)
		}
	}
	if strings.Contains(got, "speaker_entity") {
		t.Errorf("%s: speaker_entity for an unresolved speaker", got)
	}
	var back Quote
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Kind != q.Kind || back.Content.Text != q.Content.Text || back.Content.Start != q.Content.Start || back.CueLemma != "say" || back.Entity != -1 {
		t.Errorf("round trip: %+v, want %+v", back, q)
	}
}

func TestSpanValidate(t *testing.T) {
	text := "Ein „Zitat“ hier."
	cases := []struct {
		span Span
		ok   bool
	}{
		{NewSpan(text, 4, 17), true},
		{Span{Start: 4, End: 17, Text: "wrong"}, false},
		{Span{Start: -1, End: 2, Text: ""}, false},
		{Span{Start: 0, End: 99, Text: ""}, false},
		{Span{Start: 0, End: 21, Text: text[:21], Segments: []Span{NewSpan(text, 0, 3), NewSpan(text, 4, 17)}}, true},
		{Span{Start: 4, End: 17, Text: text[4:17], Segments: []Span{NewSpan(text, 0, 3)}}, false},
	}
	for i, c := range cases {
		if err := c.span.Validate(text); (err == nil) != c.ok {
			t.Errorf("case %d: Validate = %v, want ok=%v", i, err, c.ok)
		}
	}
	if got := NewSpan(text, 0, 10).Overlap(NewSpan(text, 5, 20)); got != 5 {
		t.Errorf("overlap = %d, want 5", got)
	}
}
