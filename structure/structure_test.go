package structure

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"verbatim"
	"verbatim/lang"
)

var en = &lang.English.Structure

// want is what a test expects of an article. Empty fields are not checked
// unless the test sets the matching "no" flag.
type want struct {
	title      string
	noTitle    bool
	subheads   []string
	author     string
	byline     string
	credit     string
	creditSpan string
	bioPrefix  string
	noBio      bool
	dateline   string
	date       string
	publisher  string
	notes      []string
	paragraphs []string
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		text string
		want want
	}{
		{
			name: "headline byline dateline subhead separator",
			text: "Harbor Council Delays Vote on Ferry Fares\n\n" +
				"By Marta Quillon and Ben Adeyemi\n\n" +
				"PORT ELLIS (AP) — The harbor council postponed its vote on ferry fares on Tuesday.\n" +
				"“We are not voting on numbers we have not seen,” council chair Odile Brandt said.\n" +
				"Riders push back\n" +
				"Commuters packed the public gallery. Several held signs.\n" +
				"Some asked: “Who pays for the new docks?”\n" +
				"___\n" +
				"Staff writer Lena Voss contributed to this report.\n",
			want: want{
				title:      "Harbor Council Delays Vote on Ferry Fares",
				subheads:   []string{"Riders push back"},
				author:     "Marta Quillon and Ben Adeyemi",
				byline:     "By Marta Quillon and Ben Adeyemi",
				credit:     "AP",
				creditSpan: "(AP)",
				dateline:   "PORT ELLIS (AP) —",
				noBio:      true,
				paragraphs: []string{
					"PORT ELLIS (AP) — The harbor council postponed its vote on ferry fares on Tuesday.",
					"“We are not voting on numbers we have not seen,” council chair Odile Brandt said.",
					"Commuters packed the public gallery. Several held signs.",
					"Some asked: “Who pays for the new docks?”",
					"Staff writer Lena Voss contributed to this report.",
				},
			},
		},
		{
			name: "subheads, source credit and first-person bio",
			text: "The town of Wexmoor will close its old bridge for repairs next month, the mayor announced.\n" +
				"Drivers will have to take a detour of about twelve kilometres. “It is a nuisance, but it is necessary,” Mayor Pia Holt said.\n" +
				"Mayor: repairs cannot wait\n" +
				"Holt said inspectors had found cracks in two supporting beams. The work is expected to last six weeks.\n" +
				"Shops fear ‘lost summer’\n" +
				"Shop owners on the bridge road are worried. “We live from people driving through,” one baker said.\n" +
				"Source: Wexmoor Gazette\n" +
				"\n" +
				"I'm Nora Vance, a reporter for the Riverside Courier. I have covered local politics since 2019.\n" +
				"Follow my work online.\n",
			want: want{
				noTitle:    true,
				subheads:   []string{"Mayor: repairs cannot wait", "Shops fear ‘lost summer’"},
				credit:     "Wexmoor Gazette",
				creditSpan: "Source: Wexmoor Gazette",
				bioPrefix:  "I'm Nora Vance, a reporter",
				author:     "Nora Vance",
				byline:     "Nora Vance",
				publisher:  "Riverside Courier",
				paragraphs: []string{
					"The town of Wexmoor will close its old bridge for repairs next month, the mayor announced.",
					"Drivers will have to take a detour of about twelve kilometres. “It is a nuisance, but it is necessary,” Mayor Pia Holt said.",
					"Holt said inspectors had found cracks in two supporting beams. The work is expected to last six weeks.",
					"Shop owners on the bridge road are worried. “We live from people driving through,” one baker said.",
				},
			},
		},
		{
			name: "live blog with a period-ended headline and time stamps",
			text: "The Latest: Storm reaches the coast.\n\n" +
				"COASTVILLE (AP) — The latest on the storm (all times local):\n\n" +
				"3:15 p.m.\n\n" +
				"The mayor says all shelters are open.\n\n" +
				"11 a.m.:\n\n" +
				"“Stay home tonight,” the governor told reporters.\n\n" +
				"Noon.\n\n" +
				"Power is out in parts of the city.\n",
			want: want{
				title:    "The Latest: Storm reaches the coast.",
				dateline: "COASTVILLE (AP) —",
				credit:   "AP",
				paragraphs: []string{
					"COASTVILLE (AP) — The latest on the storm (all times local):",
					"The mayor says all shelters are open.",
					"“Stay home tonight,” the governor told reporters.",
					"Power is out in parts of the city.",
				},
			},
		},
		{
			name: "trailing agency credit is cut from the last paragraph",
			text: "Grain prices rose sharply on Monday after a dry spring, traders said.\n" +
				"“The market is nervous,” one broker said. (Reuters)\n",
			want: want{
				noTitle:    true,
				credit:     "Reuters",
				creditSpan: "(Reuters)",
				paragraphs: []string{
					"Grain prices rose sharply on Monday after a dry spring, traders said.",
					"“The market is nervous,” one broker said.",
				},
			},
		},
		{
			name: "dash agency credit line and date line",
			text: "Museum reopens after flood\n" +
				"Published: March 4, 2024\n" +
				"\n" +
				"The city museum reopened its doors on Sunday.\n" +
				"Visitors queued for an hour. \"It was worth it,\" one said.\n" +
				"— AP\n",
			want: want{
				title:      "Museum reopens after flood",
				date:       "March 4, 2024",
				credit:     "AP",
				creditSpan: "— AP",
				paragraphs: []string{
					"The city museum reopened its doors on Sunday.",
					"Visitors queued for an hour. \"It was worth it,\" one said.",
				},
			},
		},
		{
			name: "byline with an agency in its tail",
			text: "BY TOMAS REYES, Associated Press\n" +
				"Lawmakers approved the budget late on Thursday.\n" +
				"The vote was 61 to 38.\n",
			want: want{
				noTitle:    true,
				author:     "TOMAS REYES",
				byline:     "BY TOMAS REYES, Associated Press",
				credit:     "Associated Press",
				paragraphs: []string{"Lawmakers approved the budget late on Thursday.", "The vote was 61 to 38."},
			},
		},
		{
			name: "byline with a date in its tail",
			text: "By Ines Varga | March 4, 2024\n" +
				"The strike ended after nine days.\n",
			want: want{
				noTitle:    true,
				author:     "Ines Varga",
				date:       "March 4, 2024",
				paragraphs: []string{"The strike ended after nine days."},
			},
		},
		{
			name: "sentences that look like structure stay story",
			text: "Budget fight drags on\n\n" +
				"By winning the vote on Tuesday, the coalition bought itself time.\n" +
				"By Monday, the deal was dead.\n" +
				"Source: a person familiar with the talks said the numbers had changed twice.\n" +
				"He said:\n" +
				"\n" +
				"Nobody wants an election\n" +
				"\n" +
				"“We will not back down”\n" +
				"The finance minister added that talks would resume.\n" +
				"The list of demands was short:\n" +
				"Lower taxes\n" +
				"More teachers\n" +
				"Cheaper trains\n" +
				"Critics called the plan a bluff.\n" +
				"The plan was first floated by the opposition\n" +
				"leader in a speech in May.\n" +
				"I am Carl Ostrow, and I approve this budget, the minister joked.\n" +
				"Talks continue",
			want: want{
				title:    "Budget fight drags on",
				subheads: []string{},
				noBio:    true,
				paragraphs: []string{
					"By winning the vote on Tuesday, the coalition bought itself time.",
					"By Monday, the deal was dead.",
					"Source: a person familiar with the talks said the numbers had changed twice.",
					"He said:",
					"Nobody wants an election",
					"“We will not back down”",
					"The finance minister added that talks would resume.",
					"The list of demands was short:",
					"Lower taxes",
					"More teachers",
					"Cheaper trains",
					"Critics called the plan a bluff.",
					"The plan was first floated by the opposition",
					"leader in a speech in May.",
					"I am Carl Ostrow, and I approve this budget, the minister joked.",
					"Talks continue",
				},
			},
		},
		{
			name: "lead sentence followed by a blank line is not a title",
			text: "In the northern province of Velden more than two hundred houses were flooded overnight after heavy rain.\n\n" +
				"Rescue teams worked through the night.\n",
			want: want{
				noTitle: true,
				paragraphs: []string{
					"In the northern province of Velden more than two hundred houses were flooded overnight after heavy rain.",
					"Rescue teams worked through the night.",
				},
			},
		},
		{
			name: "CRLF line ends, padding and a bio heading",
			text: "\ufeffRail strike called off\r\n\r\n" +
				"  Unions and the rail operator reached a deal late on Friday.  \r\n" +
				"\u00a0Trains will run normally on Monday.\r\n" +
				"* * *\r\n" +
				"About the author\r\n" +
				"Jo Park writes about transport.\r\n",
			want: want{
				title:     "Rail strike called off",
				bioPrefix: "About the author",
				paragraphs: []string{
					"Unions and the rail operator reached a deal late on Friday.",
					"Trains will run normally on Monday.",
				},
			},
		},
		{
			name: "empty text",
			text: "",
			want: want{noTitle: true, noBio: true, paragraphs: []string{}},
		},
		{
			name: "corrections, editor's notes and wire credits are notes, not story",
			text: "Ferry Fares Rise\n\n" +
				"Editor’s note: This story contains strong language.\n\n" +
				"The harbor council raised ferry fares on Tuesday.\n\n" +
				"(Reporting by Lena Voss; Editing by Ben Adeyemi)\n\n" +
				"Correction: An earlier version of this article misstated the date of the vote.\n",
			want: want{
				title: "Ferry Fares Rise",
				notes: []string{
					"Editor’s note: This story contains strong language.",
					"(Reporting by Lena Voss; Editing by Ben Adeyemi)",
					"Correction: An earlier version of this article misstated the date of the vote.",
				},
				paragraphs: []string{"The harbor council raised ferry fares on Tuesday."},
			},
		},
		{
			name: "a single line is a paragraph",
			text: "Short note without a period",
			want: want{noTitle: true, paragraphs: []string{"Short note without a period"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Parse(tc.text, en)
			if err := validate(tc.text, a); err != nil {
				t.Fatal(err)
			}
			w := tc.want
			if w.title != "" || w.noTitle {
				if a.Title != w.title {
					t.Errorf("title = %q, want %q", a.Title, w.title)
				}
			}
			if w.subheads != nil {
				if got := texts(a.Subheads); strings.Join(got, "|") != strings.Join(w.subheads, "|") {
					t.Errorf("subheads = %q, want %q", got, w.subheads)
				}
			}
			check := func(what, got, want string) {
				if want != "" && got != want {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("author", a.Author, w.author)
			check("byline", spanText(a.Byline), w.byline)
			check("credit", a.SourceCredit, w.credit)
			check("credit span", spanText(a.CreditSpan), w.creditSpan)
			check("dateline", spanText(a.Dateline), w.dateline)
			check("date", a.Date, w.date)
			check("publisher", a.Publisher, w.publisher)
			if w.bioPrefix != "" && !strings.HasPrefix(spanText(a.Bio), w.bioPrefix) {
				t.Errorf("bio = %q, want it to start with %q", spanText(a.Bio), w.bioPrefix)
			}
			if w.noBio && a.Bio != nil {
				t.Errorf("bio = %q, want none", a.Bio.Text)
			}
			if w.notes != nil {
				if got := texts(a.Notes); strings.Join(got, "|") != strings.Join(w.notes, "|") {
					t.Errorf("notes = %q, want %q", got, w.notes)
				}
			}
			if w.paragraphs != nil {
				if got := texts(a.Paragraphs); strings.Join(got, "\n") != strings.Join(w.paragraphs, "\n") {
					t.Errorf("paragraphs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(w.paragraphs, "\n"))
				}
			}
		})
	}
}

func TestNilWords(t *testing.T) {
	text := "Headline here\n\nFirst paragraph.\nSecond paragraph.\n"
	a := Parse(text, nil)
	if a.Title != "Headline here" || len(a.Paragraphs) != 2 {
		t.Errorf("got title %q and %d paragraphs", a.Title, len(a.Paragraphs))
	}
}

func texts(spans []verbatim.Span) []string {
	out := []string{}
	for _, s := range spans {
		out = append(out, s.Text)
	}
	return out
}

func spanText(s *verbatim.Span) string {
	if s == nil {
		return ""
	}
	return s.Text
}

// validate checks the invariants every parse must keep: valid spans,
// paragraphs in order, not overlapping each other nor any structure that is
// not story, and without surrounding spaces.
func validate(text string, a verbatim.Article) error {
	an := verbatim.Analysis{Article: a}
	if err := an.Validate(text); err != nil {
		return err
	}
	for i := range a.Paragraphs {
		if err := a.Paragraphs[i].Validate(text); err != nil {
			return err
		}
	}
	nonStory := append([]verbatim.Span{}, a.Subheads...)
	for _, s := range []*verbatim.Span{a.TitleSpan, a.Bio, a.CreditSpan} {
		// A dateline's "(AP)" credit stays in its paragraph.
		inDateline := s == a.CreditSpan && a.Dateline != nil && s != nil && s.Overlap(*a.Dateline) == s.Len()
		if s != nil && !inDateline {
			nonStory = append(nonStory, *s)
		}
	}
	if a.Byline != nil && (a.Bio == nil || a.Byline.Overlap(*a.Bio) == 0) {
		nonStory = append(nonStory, *a.Byline)
	}
	prev := -1
	for _, p := range a.Paragraphs {
		if p.Empty() {
			return errors.New("empty paragraph")
		}
		if p.Start < prev {
			return errors.New("paragraphs out of order or overlapping")
		}
		prev = p.End
		if s, e := trim(text, p.Start, p.End); s != p.Start || e != p.End {
			return errors.New("paragraph with surrounding spaces: " + p.Text)
		}
		for _, s := range nonStory {
			if p.Overlap(s) > 0 {
				return errors.New("paragraph " + p.Text + " overlaps structure " + s.Text)
			}
		}
	}
	return nil
}

func TestSeedArticle(t *testing.T) {
	b, err := os.ReadFile("../../shared/seed/article.txt")
	if err != nil {
		t.Skip("seed article not present:", err)
	}
	text := string(b)
	a := Parse(text, en)
	if err := validate(text, a); err != nil {
		t.Fatal(err)
	}
	wantSub := []string{
		"Rutte wants more weapons for Ukraine",
		"Rutte: Putin has no interest in peace",
		"Kiev recalls in the Budapest memorandum",
		"Kremlin sees NATO membership as ‘threat’",
	}
	if got := texts(a.Subheads); strings.Join(got, "|") != strings.Join(wantSub, "|") {
		t.Errorf("subheads = %q, want %q", got, wantSub)
	}
	if a.SourceCredit != "Krone" {
		t.Errorf("credit = %q, want Krone", a.SourceCredit)
	}
	if a.Bio == nil || !strings.HasPrefix(a.Bio.Text, "I am Ida Scott") {
		t.Errorf("bio = %q, want it to start with %q", spanText(a.Bio), "I am Ida Scott")
	}
	if a.Title != "" {
		t.Errorf("title = %q, want none: the article opens with a paragraph", a.Title)
	}
	t.Logf("author %q, publisher %q, %d paragraphs", a.Author, a.Publisher, len(a.Paragraphs))
}

// TestPolNeARCoverage checks that the story paragraphs hold the quotations:
// the gold quote content bytes that fall inside Paragraphs. PolNeAR also
// annotates quotations in headlines, which are not story text; those bytes
// are counted apart, and the 99% floor is on paragraphs and headline
// together.
func TestPolNeARCoverage(t *testing.T) {
	f, err := os.Open("../../shared/eval/polnear-dev.jsonl")
	if err != nil {
		t.Skip("eval data not present:", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	total, inPara, inTitle, articles := 0, 0, 0, 0
	for sc.Scan() {
		var d struct {
			ID     string           `json:"id"`
			Text   string           `json:"text"`
			Quotes []verbatim.Quote `json:"quotes"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		articles++
		a := Parse(d.Text, en)
		if err := validate(d.Text, a); err != nil {
			t.Fatalf("%s: %v", d.ID, err)
		}
		where := make([]byte, len(d.Text))
		for _, p := range a.Paragraphs {
			for i := p.Start; i < p.End; i++ {
				where[i] = 'p'
			}
		}
		if a.TitleSpan != nil {
			for i := a.TitleSpan.Start; i < a.TitleSpan.End; i++ {
				where[i] = 't'
			}
		}
		for _, q := range d.Quotes {
			for _, s := range q.Content.Pieces() {
				for i := s.Start; i < s.End && i < len(where); i++ {
					total++
					switch where[i] {
					case 'p':
						inPara++
					case 't':
						inTitle++
					}
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if total == 0 {
		t.Fatal("no quotes read")
	}
	para := float64(inPara) / float64(total)
	both := float64(inPara+inTitle) / float64(total)
	t.Logf("%d articles, %d gold quote bytes: %.3f%% in paragraphs, %.3f%% in headlines, %.3f%% in either",
		articles, total, 100*para, 100*float64(inTitle)/float64(total), 100*both)
	if both < 0.99 {
		t.Errorf("only %.3f%% of quote bytes in paragraphs or headline, want >= 99%%", 100*both)
	}
	if para < 0.985 {
		t.Errorf("only %.3f%% of quote bytes in paragraphs, want >= 98.5%%", 100*para)
	}
}

func TestLargeInputs(t *testing.T) {
	inputs := map[string]string{
		"one long line":    strings.Repeat("word “quote ", 400_000),
		"many short lines": strings.Repeat("Short line\n", 200_000),
		"newlines only":    strings.Repeat("\n", 1_000_000),
		"separators":       strings.Repeat("___\n", 200_000),
		"invalid bytes":    strings.Repeat("\xff\x00\xc3\n(", 200_000),
	}
	for name, text := range inputs {
		a := Parse(text, en)
		if err := validate(text, a); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "\n", "Title\n\nBody.\nSub head\nMore text.\nSource: X\n\nI am A B, a journalist for C D.",
		"WASHINGTON (AP) — Text.", "2:45 p.m.\n", "By A B, Reuters\nText.", "x (Reuters", "A (",
		"NEW YORK, March 3 (UPI) —", "Text. — AP", "\xff\xfe\x00", "I'm A, a writer for the",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a := Parse(text, en)
		if err := validate(text, a); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Council Approves New Harbor Plan\n\nBy Ana Ruiz\n\nPORT ELLIS (AP) — The council approved the plan on Tuesday.\n")
	for i := 0; i < 200; i++ {
		sb.WriteString("“We have waited long enough for this,” the chair said, adding that work would start in spring and end next year.\n")
		if i%20 == 0 {
			sb.WriteString("Work starts in spring\n")
		}
		sb.WriteString("Residents have raised concerns about noise, traffic and the cost of the project, which is estimated at twelve million.\n")
	}
	sb.WriteString("Source: Harbor Daily\n\nI am Ana Ruiz, a reporter for the Harbor Daily.\n")
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(text, en)
	}
}
