package extract

import (
	"fmt"
	"strings"
	"testing"

	"verbatim"
)

// TestMixedLanguages reads articles with paragraphs in another language:
// each paragraph is attributed with its own language's tables, the
// article keeps its language, and a speaker named in both is one entity.
func TestMixedLanguages(t *testing.T) {
	for _, tt := range []struct {
		name, lang, text string
		// want are cue, speaker mention and a word of the content of
		// quotes that must be found.
		want [][3]string
	}{
		{
			name: "German paragraphs in English news", lang: "en",
			text: "City council approves new tram line\n\n" +
				"The city council on Tuesday approved a new tram line to the harbour, after months of debate about its cost.\n\n" +
				"Mayor Anna Holt said the line would open in 2027 and carry 40,000 passengers a day.\n\n" +
				"„Wir haben lange auf diesen Tag gewartet“, sagte der Vorsitzende des Fahrgastverbands, Peter Brandt, nach der Abstimmung im Rathaus.\n\n" +
				"Die Bürgermeisterin betonte, die neue Linie sei ein wichtiger Schritt für die Stadt und werde den Verkehr im Zentrum entlasten.\n",
			want: [][3]string{
				{"said", "Mayor Anna Holt", "2027"},
				{"sagte", "Peter Brandt", "gewartet"},
				{"betonte", "Bürgermeisterin", "Schritt"},
			},
		},
		{
			name: "an English paragraph in French news", lang: "fr",
			text: "Le gouvernement présente son budget\n\n" +
				"Le ministre des Finances a présenté mercredi un budget qui prévoit une baisse des dépenses publiques dans la plupart des ministères.\n\n" +
				"« Nous devons faire des choix difficiles », a déclaré le ministre devant les députés de la commission des finances.\n\n" +
				"\"The budget is a step in the right direction, but the cuts to research are a mistake,\" said Jane Miller, an economist at the University of Oxford, in a statement to the press.\n",
			want: [][3]string{
				{"déclaré", "le ministre", "choix"},
				{"said", "Jane Miller", "mistake"},
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New().Extract(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if a.Lang != tt.lang {
				t.Errorf("article language %q; want %q", a.Lang, tt.lang)
			}
			for _, w := range tt.want {
				found := false
				for _, q := range a.Quotes {
					if q.Cue != nil && q.Cue.Text == w[0] && q.Speaker != nil && strings.Contains(q.Speaker.Text, w[1]) &&
						strings.Contains(q.Content.Text, w[2]) {
						found = true
					}
				}
				if !found {
					t.Errorf("no quote with cue %q, speaker %q, content with %q in %s", w[0], w[1], w[2], dumpQuotes(a.Quotes))
				}
			}
			names := map[string]int{}
			for _, e := range a.Entities {
				names[e.Name]++
				if e.ID < 0 || e.ID >= len(a.Entities) || a.Entities[e.ID].Name != e.Name {
					t.Errorf("entity %q has id %d", e.Name, e.ID)
				}
			}
			for n, c := range names {
				if c > 1 {
					t.Errorf("entity %q listed %d times", n, c)
				}
			}
			for _, q := range a.Quotes {
				if q.Entity >= len(a.Entities) {
					t.Errorf("quote %q names entity %d of %d", q.Content.Text, q.Entity, len(a.Entities))
				}
			}
		})
	}
}

func dumpQuotes(qs []verbatim.Quote) string {
	var b strings.Builder
	for _, q := range qs {
		cue, spk := "", ""
		if q.Cue != nil {
			cue = q.Cue.Text
		}
		if q.Speaker != nil {
			spk = q.Speaker.Text
		}
		fmt.Fprintf(&b, "\n  %s %q cue %q speaker %q → %q", q.Kind, q.Content.Text, cue, spk, q.SpeakerRef)
	}
	return b.String()
}
