package score

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"verbatim"
)

// find returns the span of the only occurrence of sub in text; tests use it so
// that offsets are written as the words they cover.
func find(t testing.TB, text, sub string) *verbatim.Span {
	t.Helper()
	if strings.Count(text, sub) != 1 {
		t.Fatalf("%q occurs %d times in %q, want once", sub, strings.Count(text, sub), text)
	}
	start := strings.Index(text, sub)
	s := verbatim.NewSpan(text, start, start+len(sub))
	return &s
}

// quote builds a quote from substrings of text; empty strings leave a part out.
func quote(t testing.TB, text string, kind verbatim.QuoteKind, content, speaker, ref, cue string) verbatim.Quote {
	t.Helper()
	q := verbatim.Quote{Kind: kind, Content: *find(t, text, content), SpeakerRef: ref, Entity: -1}
	if speaker != "" {
		q.Speaker = find(t, text, speaker)
	}
	if cue != "" {
		q.Cue = find(t, text, cue)
	}
	return q
}

// segmented builds a quote whose content is made of the given pieces of text.
func segmented(t testing.TB, text string, kind verbatim.QuoteKind, pieces ...string) verbatim.Quote {
	t.Helper()
	var segments []verbatim.Span
	for _, p := range pieces {
		segments = append(segments, *find(t, text, p))
	}
	first, last := segments[0], segments[len(segments)-1]
	content := verbatim.NewSpan(text, first.Start, last.End)
	content.Segments = segments
	return verbatim.Quote{Kind: kind, Content: content, Entity: -1}
}

// at builds a quote of the given kind over bytes [start, end) of text.
func at(text string, kind verbatim.QuoteKind, start, end int) verbatim.Quote {
	return verbatim.Quote{Kind: kind, Content: verbatim.NewSpan(text, start, end), Entity: -1}
}

func scoreOne(text string, gold, pred []verbatim.Quote) Result {
	s := New()
	s.Add(text, gold, pred)
	return s.Result()
}

func TestTrimSpan(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"plain", "Taxes will rise", "Taxes will rise"},
		{"curly marks and stop", "“Taxes will rise.”", "Taxes will rise"},
		{"stop outside marks", "\"Taxes will rise\".", "Taxes will rise"},
		{"ascii doubled marks", "``Taxes will rise,''", "Taxes will rise"},
		{"guillemets and spanish", "«¿Subirán los impuestos?»", "Subirán los impuestos"},
		{"german low mark", "„Die Steuern steigen“", "Die Steuern steigen"},
		{"single marks", "‚Ja‘ ", "Ja"},
		{"unicode blanks", "\u00a0\u2003 “No” \n", "No"},
		{"dashes and ellipsis", "— and then… –", "and then"},
		{"inner punctuation kept", "“Yes. No.”", "Yes. No"},
		{"apostrophe inside kept", "'it's fine'", "it's fine"},
		{"only punctuation", " “…!” ", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Embed the span in an article so that offsets are not zero-based.
			article := "Lead. " + tt.text + " Tail."
			span := verbatim.NewSpan(article, 6, 6+len(tt.text))
			start, end := trimSpan(article, span)
			if got := article[start:end]; got != tt.want {
				t.Errorf("trim %q = %q, want %q", tt.text, got, tt.want)
			}
			if tt.want != "" && start != 6+strings.Index(tt.text, tt.want) {
				t.Errorf("trim %q starts at %d, want %d", tt.text, start, 6+strings.Index(tt.text, tt.want))
			}
		})
	}
}

func TestTrimmingLetsMarksDisagree(t *testing.T) {
	text := `The mayor said: “The bridge opens in May.” Then she left.`
	gold := []verbatim.Quote{quote(t, text, verbatim.Direct, `“The bridge opens in May.”`, "", "", "")}
	pred := []verbatim.Quote{quote(t, text, verbatim.Direct, ` “The bridge opens in May`, "", "", "")}
	// Identical after trimming, so even a threshold of 1 matches.
	s := NewAt(1)
	s.Add(text, gold, pred)
	if got := s.Result().F1(All, 1); got != 1 {
		t.Errorf("F1 at τ=1 = %v, want 1", got)
	}
}

func TestSegments(t *testing.T) {
	text := `“The roads are full,” the minister said, “and the trains are late.” He added: “ — ”`
	gold := []verbatim.Quote{
		segmented(t, text, verbatim.Direct, `“The roads are full,”`, `“and the trains are late.”`),
		// Both pieces of this one trim to nothing, so it yields no unit.
		segmented(t, text, verbatim.Direct, `“ — ”`),
	}
	tests := []struct {
		name    string
		pred    []verbatim.Quote
		matched int
	}{
		{"both pieces", []verbatim.Quote{
			segmented(t, text, verbatim.Direct, `The roads are full`, `and the trains are late`)}, 2},
		{"one piece", []verbatim.Quote{
			quote(t, text, verbatim.Direct, `and the trains are late`, "", "", "")}, 1},
		// A prediction over the whole stretch covers the attribution too, so
		// at τ=0.8 it is too long for either piece.
		{"whole stretch", []verbatim.Quote{
			quote(t, text, verbatim.Direct, `The roads are full,” the minister said, “and the trains are late`, "", "", "")}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := scoreOne(text, gold, tt.pred).Counts(Direct, Strict)
			if n.Gold != 2 || n.Matched != tt.matched {
				t.Errorf("gold %d matched %d, want 2 and %d", n.Gold, n.Matched, tt.matched)
			}
		})
	}
}

func TestThresholds(t *testing.T) {
	text := "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ"
	gold := []verbatim.Quote{at(text, verbatim.Direct, 0, 10)}
	tests := []struct {
		name          string
		start, end    int
		loose, strict bool
	}{
		{"same", 0, 10, true, true},
		{"30 percent of both", 7, 17, true, false},
		{"just under 30 percent", 8, 18, false, false},
		{"80 percent of both", 2, 12, true, true},
		{"just under 80 percent", 3, 13, true, false},
		{"inside, long enough", 1, 9, true, true},
		{"inside, too short", 0, 2, false, false},
		// Covers all of the gold unit but gold is under 30% of it.
		{"covers gold, 33 bytes", 0, 33, true, false},
		{"covers gold, 34 bytes", 0, 34, false, false},
		{"disjoint", 20, 30, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := scoreOne(text, gold, []verbatim.Quote{at(text, verbatim.Direct, tt.start, tt.end)})
			for _, c := range []struct {
				tau  float64
				want bool
			}{{Loose, tt.loose}, {Strict, tt.strict}} {
				if got := r.Counts(All, c.tau).Matched == 1; got != c.want {
					t.Errorf("τ=%v: matched %v, want %v", c.tau, got, c.want)
				}
			}
		})
	}
}

func TestGreedyPairing(t *testing.T) {
	text := "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ"
	tests := []struct {
		name string
		gold []verbatim.Quote
		pred []verbatim.Quote
		// wantPred is the text of the prediction the greedy pass pairs first.
		matched  int
		wantPred string
	}{
		{
			name:     "one gold, two predictions: one-to-one",
			gold:     []verbatim.Quote{at(text, verbatim.Direct, 0, 10)},
			pred:     []verbatim.Quote{at(text, verbatim.Direct, 0, 9), at(text, verbatim.Direct, 1, 10)},
			matched:  1,
			wantPred: "abcdefghi", // first of two equal overlaps
		},
		{
			name:     "largest overlap wins",
			gold:     []verbatim.Quote{at(text, verbatim.Direct, 0, 10)},
			pred:     []verbatim.Quote{at(text, verbatim.Direct, 5, 15), at(text, verbatim.Direct, 0, 8)},
			matched:  1,
			wantPred: "abcdefgh",
		},
		{
			name:     "two gold, one prediction",
			gold:     []verbatim.Quote{at(text, verbatim.Direct, 0, 10), at(text, verbatim.Direct, 10, 20)},
			pred:     []verbatim.Quote{at(text, verbatim.Direct, 4, 18)},
			matched:  1,
			wantPred: "efghijklmnopqr",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Name each prediction by its own text so the test can see which
			// one the greedy pass chose.
			for i := range tt.pred {
				tt.pred[i].SpeakerRef = tt.pred[i].Content.Text
			}
			n := scoreOne(text, tt.gold, tt.pred).Counts(All, Loose)
			if n.Matched != tt.matched {
				t.Fatalf("matched %d, want %d", n.Matched, tt.matched)
			}
			gold, pred := quoteUnits(text, tt.gold), quoteUnits(text, tt.pred)
			pairs := overlappingPairs(gold, pred)
			if got := pred[pairs[0].pred].speakerRef; got != tt.wantPred {
				t.Errorf("first pair takes prediction %q, want %q", got, tt.wantPred)
			}
		})
	}
}

// TestGreedyPrefersTwins checks that duplicated gold quotes pair with their
// own duplicates, so that each keeps its own speaker.
func TestGreedyPrefersTwins(t *testing.T) {
	text := "Ann said and Bob said: “We agree.”"
	gold := []verbatim.Quote{
		quote(t, text, verbatim.Direct, "“We agree.”", "Ann", "", ""),
		quote(t, text, verbatim.Direct, "“We agree.”", "Bob", "", ""),
	}
	r := scoreOne(text, gold, gold)
	if n := r.Counts(All, Strict); n.Matched != 2 || n.SpeakerCorrect != 2 {
		t.Errorf("matched %d, speaker correct %d; want 2 and 2", n.Matched, n.SpeakerCorrect)
	}
}

func TestClasses(t *testing.T) {
	text := "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ"
	type want struct{ gold, pred, matched int }
	tests := []struct {
		name           string
		goldKind       verbatim.QuoteKind
		predKind       verbatim.QuoteKind
		direct, dm, in want
		all            want
	}{
		{"direct/direct", verbatim.Direct, verbatim.Direct, want{1, 1, 1}, want{1, 1, 1}, want{0, 0, 0}, want{1, 1, 1}},
		{"direct/mixed", verbatim.Direct, verbatim.Mixed, want{1, 0, 0}, want{1, 1, 1}, want{0, 0, 0}, want{1, 1, 1}},
		{"direct/indirect", verbatim.Direct, verbatim.Indirect, want{1, 0, 0}, want{1, 0, 0}, want{0, 1, 0}, want{1, 1, 1}},
		{"mixed/indirect", verbatim.Mixed, verbatim.Indirect, want{0, 0, 0}, want{1, 0, 0}, want{0, 1, 0}, want{1, 1, 1}},
		{"reported/indirect", "reported", verbatim.Indirect, want{0, 0, 0}, want{0, 0, 0}, want{1, 1, 1}, want{1, 1, 1}},
		{"kind case ignored", "Direct", verbatim.Direct, want{1, 1, 1}, want{1, 1, 1}, want{0, 0, 0}, want{1, 1, 1}},
		{"unknown kind only in all", "rumour", verbatim.Indirect, want{0, 0, 0}, want{0, 0, 0}, want{0, 1, 0}, want{1, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := scoreOne(text, []verbatim.Quote{at(text, tt.goldKind, 0, 10)},
				[]verbatim.Quote{at(text, tt.predKind, 0, 10)})
			for _, c := range []struct {
				class Class
				want  want
			}{{Direct, tt.direct}, {DirectMixed, tt.dm}, {Indirect, tt.in}, {All, tt.all}} {
				n := r.Counts(c.class, Loose)
				if got := (want{n.Gold, n.Predicted, n.Matched}); got != c.want {
					t.Errorf("%v: gold/pred/matched = %v, want %v", c.class, got, c.want)
				}
			}
		})
	}
}

func TestPrecisionRecallF1(t *testing.T) {
	text := "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ"
	gold := []verbatim.Quote{at(text, verbatim.Direct, 0, 10), at(text, verbatim.Direct, 20, 30)}
	pred := []verbatim.Quote{at(text, verbatim.Direct, 0, 10), at(text, verbatim.Direct, 12, 18),
		at(text, verbatim.Direct, 36, 40), at(text, verbatim.Direct, 40, 44)}
	r := scoreOne(text, gold, pred)
	p, rec, f1 := r.Precision(Direct, Loose), r.Recall(Direct, Loose), r.F1(Direct, Loose)
	if p != 0.25 || rec != 0.5 || math.Abs(f1-1.0/3) > 1e-12 {
		t.Errorf("P, R, F1 = %v, %v, %v; want 0.25, 0.5, 1/3", p, rec, f1)
	}
	empty := scoreOne(text, nil, nil)
	if empty.Precision(All, Loose) != 0 || empty.F1(All, Loose) != 0 {
		t.Errorf("empty article: P %v F1 %v, want 0", empty.Precision(All, Loose), empty.F1(All, Loose))
	}
}

func TestSpeaker(t *testing.T) {
	text := `Prime Minister Mark Rutte of the Netherlands said on Monday “the talks are over” and left; Brutte agreed, said The Ministry.`
	content := "“the talks are over”"
	gold := func(speaker, ref string) []verbatim.Quote {
		return []verbatim.Quote{quote(t, text, verbatim.Direct, content, speaker, ref, "")}
	}
	tests := []struct {
		name                  string
		goldSpeaker, goldRef  string
		predSpeaker, predRef  string
		wantTotal, wantRightN int
	}{
		{"same span", "Mark Rutte", "", "Mark Rutte", "", 1, 1},
		{"overlapping span", "Mark Rutte", "", "Rutte of the", "", 1, 1},
		// 2 × 10 + 3 = 23 bytes is the longest a prediction may be.
		{"at length limit", "Mark Rutte", "", "inister Mark Rutte of t", "", 1, 1},
		{"one byte over length limit", "Mark Rutte", "", "Minister Mark Rutte of t", "", 1, 0},
		{"over length limit, saved by ref", "Mark Rutte", "", "Prime Minister Mark Rutte of the Netherlands", "Mark Rutte", 1, 1},
		{"over length limit, saved by text suffix", "Rutte", "", "Prime Minister Mark Rutte", "", 1, 1},
		{"disjoint span, same surname", "Rutte", "", "Prime Minister Mark", "Mark Rutte", 1, 1},
		{"ref ends with gold text", "Rutte", "", "Brutte", "Prime Minister Mark Rutte", 1, 1},
		{"suffix not at word boundary", "Rutte", "", "Brutte", "", 1, 0},
		{"gold ref beats gold text", "Brutte", "Mark Rutte", "Prime Minister Mark", "RUTTE", 1, 1},
		{"leading the and case", "The Ministry", "", "Netherlands", "ministry.", 1, 1},
		{"no prediction", "Mark Rutte", "", "", "", 1, 0},
		{"no gold speaker: not counted", "", "", "Mark Rutte", "", 0, 0},
		{"gold ref only: not counted", "", "Mark Rutte", "", "Mark Rutte", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pred := []verbatim.Quote{quote(t, text, verbatim.Direct, content, tt.predSpeaker, tt.predRef, "")}
			n := scoreOne(text, gold(tt.goldSpeaker, tt.goldRef), pred).Counts(All, Strict)
			if n.SpeakerTotal != tt.wantTotal || n.SpeakerCorrect != tt.wantRightN {
				t.Errorf("speaker %d/%d, want %d/%d", n.SpeakerCorrect, n.SpeakerTotal, tt.wantRightN, tt.wantTotal)
			}
		})
	}
}

func TestNamesAgree(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Rutte", "Mark Rutte", true},
		{"Mark Rutte", "rutte", true},
		{"Rutte", "Brutte", false},
		{"the White House", "White House", true},
		{"“The New York Times,”", "new york times", true},
		{"Mark\n  Rutte", "mark rutte", true},
		{"Mark Rutte", "Mark", false},
		{"Jean-Claude Juncker", "Claude Juncker", true}, // a hyphen is a word boundary
		{"", "", false},
		{"the", "Rutte", false},
		{"Müller", "Hans Müller", true},
		{"Müller", "Hansmüller", false},
	}
	for _, tt := range tests {
		if got := namesAgree(tt.a, tt.b); got != tt.want {
			t.Errorf("namesAgree(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestCue(t *testing.T) {
	text := `“Prices will fall,” the economist told reporters in a statement.`
	content := "“Prices will fall,”"
	tests := []struct {
		name               string
		goldCue, predCue   string
		wantTotal, wantHit int
	}{
		{"same", "told", "told", 1, 1},
		{"overlap", "told reporters", "told", 1, 1},
		{"disjoint", "told", "statement", 1, 0},
		{"missing", "told", "", 1, 0},
		{"no gold cue", "", "told", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gold := []verbatim.Quote{quote(t, text, verbatim.Direct, content, "", "", tt.goldCue)}
			pred := []verbatim.Quote{quote(t, text, verbatim.Direct, content, "", "", tt.predCue)}
			n := scoreOne(text, gold, pred).Counts(Direct, Loose)
			if n.CueTotal != tt.wantTotal || n.CueCorrect != tt.wantHit {
				t.Errorf("cue %d/%d, want %d/%d", n.CueCorrect, n.CueTotal, tt.wantHit, tt.wantTotal)
			}
		})
	}
}

func TestResultIsSnapshotAndMerge(t *testing.T) {
	text := "abcdefghijklmnopqrstuvwxyz"
	one := []verbatim.Quote{at(text, verbatim.Direct, 0, 10)}
	s := New()
	s.Add(text, one, one)
	first := s.Result()
	s.Add(text, one, nil)
	if n := first.Counts(All, Loose); n.Gold != 1 || first.Articles != 1 {
		t.Errorf("snapshot changed: %+v, %d articles", n, first.Articles)
	}
	other := New()
	other.Add(text, nil, one)
	s.Merge(other)
	r := s.Result()
	if n := r.Counts(All, Loose); r.Articles != 3 || n.Gold != 2 || n.Predicted != 2 || n.Matched != 1 {
		t.Errorf("after merge: %+v, %d articles", n, r.Articles)
	}
}

func TestUnknownThresholdPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Counts at an unscored threshold did not panic")
		}
	}()
	New().Result().F1(All, 0.5)
}

func TestWriteText(t *testing.T) {
	text := "abcdefghijklmnopqrstuvwxyz"
	s := New()
	s.Add(text, []verbatim.Quote{at(text, verbatim.Direct, 0, 10)}, []verbatim.Quote{at(text, verbatim.Direct, 0, 10)})
	var out bytes.Buffer
	if err := s.Result().WriteText(&out, "sample"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	if want := 2 + len(Classes)*2; len(lines) != want {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), want, out.String())
	}
	if lines[0] != "sample (1 article)" {
		t.Errorf("title %q", lines[0])
	}
	direct := strings.Fields(lines[2])
	if want := []string{"direct", "0.3", "1", "1", "1", "1.000", "1.000", "1.000", "-", "-"}; strings.Join(direct, " ") != strings.Join(want, " ") {
		t.Errorf("direct row %q, want %q", direct, want)
	}
	indirect := strings.Fields(lines[6])
	if indirect[0] != "indirect" || indirect[5] != "-" {
		t.Errorf("indirect row %q should show - for an empty class", indirect)
	}
}

// TestGoldAgainstItself scores the development file against itself: any
// count that is not perfect means the rules lose or mispair gold units.
func TestGoldAgainstItself(t *testing.T) {
	const path = "../../shared/eval/polnear-dev.jsonl"
	file, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("%s not present", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	s := New()
	lines := bufio.NewScanner(file)
	lines.Buffer(nil, 64<<20)
	for lines.Scan() {
		var doc verbatim.Document
		if err := json.Unmarshal(lines.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		s.Add(doc.Text, doc.Quotes, doc.Quotes)
	}
	if err := lines.Err(); err != nil {
		t.Fatal(err)
	}
	r := s.Result()
	if r.Articles == 0 {
		t.Fatal("no articles read")
	}
	for _, c := range Classes {
		for _, tau := range r.Thresholds() {
			n := r.Counts(c, tau)
			if n.Gold == 0 {
				t.Errorf("%v τ=%v: no gold units", c, tau)
			}
			if n.Matched != n.Gold || n.Matched != n.Predicted || n.SpeakerCorrect != n.SpeakerTotal || n.CueCorrect != n.CueTotal {
				t.Errorf("%v τ=%v: %+v, want everything matched and right", c, tau, n)
			}
			if r.F1(c, tau) != 1 || r.SpeakerAccuracy(c, tau) != 1 {
				t.Errorf("%v τ=%v: F1 %v speaker %v, want 1", c, tau, r.F1(c, tau), r.SpeakerAccuracy(c, tau))
			}
		}
	}
}

// syntheticArticle builds an article of n direct quotes with speakers and
// cues, and a prediction that shifts every boundary a little.
func syntheticArticle(n int) (text string, gold, pred []verbatim.Quote) {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Speaker Number%d said: “This is statement %d, and it goes on for a while.” ", i, i)
		if i%3 == 0 {
			fmt.Fprintf(&b, "Officials said that plan %d would be reviewed by the committee. ", i)
		}
	}
	text = b.String()
	offset := 0
	for i := range n {
		sentence := fmt.Sprintf("Speaker Number%d said: “This is statement %d, and it goes on for a while.” ", i, i)
		open := strings.Index(sentence, "“")
		speaker := verbatim.NewSpan(text, offset, offset+len(fmt.Sprintf("Speaker Number%d", i)))
		cue := verbatim.NewSpan(text, speaker.End+1, speaker.End+5)
		q := verbatim.Quote{Kind: verbatim.Direct, Content: verbatim.NewSpan(text, offset+open, offset+len(sentence)-1),
			Speaker: &speaker, Cue: &cue, Entity: -1}
		gold = append(gold, q)
		q.Content = verbatim.NewSpan(text, q.Content.Start+4, q.Content.End-6)
		pred = append(pred, q)
		offset += len(sentence)
		if i%3 == 0 {
			reported := fmt.Sprintf("Officials said that plan %d would be reviewed by the committee. ", i)
			q := verbatim.Quote{Kind: verbatim.Indirect, Content: verbatim.NewSpan(text, offset+20, offset+len(reported)-1), Entity: -1}
			gold = append(gold, q)
			pred = append(pred, q)
			offset += len(reported)
		}
	}
	return text, gold, pred
}

func TestSyntheticArticle(t *testing.T) {
	text, gold, pred := syntheticArticle(30)
	r := scoreOne(text, gold, pred)
	if f1 := r.F1(All, Strict); f1 != 1 {
		t.Errorf("F1 = %v, want 1\n%+v", f1, r.Counts(All, Strict))
	}
	if acc := r.SpeakerAccuracy(Direct, Loose); acc != 1 {
		t.Errorf("speaker accuracy = %v, want 1", acc)
	}
}

func BenchmarkAdd(b *testing.B) {
	text, gold, pred := syntheticArticle(150)
	s := New()
	b.ReportAllocs()
	for b.Loop() {
		s.Add(text, gold, pred)
	}
}

func ExampleResult_WriteText() {
	text := `“We will build it,” the mayor said. She said the budget was ready.`
	speaker := verbatim.NewSpan(text, strings.Index(text, "the mayor"), strings.Index(text, " said"))
	gold := []verbatim.Quote{
		{Kind: verbatim.Direct, Content: verbatim.NewSpan(text, 0, strings.Index(text, " the")), Speaker: &speaker},
		{Kind: verbatim.Indirect, Content: verbatim.NewSpan(text, strings.Index(text, "the budget"), len(text))},
	}
	pred := []verbatim.Quote{{Kind: verbatim.Direct, Content: verbatim.NewSpan(text, 3, 17), SpeakerRef: "Mayor"}}
	s := New()
	s.Add(text, gold, pred)
	s.Result().WriteText(os.Stdout, "example")
	// Output:
	// example (1 article)
	//   class           τ  gold  pred  match      P      R     F1  speaker  cue
	//   direct        0.3     1     1      1  1.000  1.000  1.000    1.000    -
	//   direct        0.8     1     1      1  1.000  1.000  1.000    1.000    -
	//   direct+mixed  0.3     1     1      1  1.000  1.000  1.000    1.000    -
	//   direct+mixed  0.8     1     1      1  1.000  1.000  1.000    1.000    -
	//   indirect      0.3     1     0      0      -  0.000  0.000        -    -
	//   indirect      0.8     1     0      0      -  0.000  0.000        -    -
	//   all           0.3     2     1      1  1.000  0.500  0.667    1.000    -
	//   all           0.8     2     1      1  1.000  0.500  0.667    1.000    -
}
