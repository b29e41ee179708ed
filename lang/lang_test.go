package lang

import "testing"

func TestInflect(t *testing.T) {
	cases := []struct {
		lemma string
		want  []string
	}{
		{"say", []string{"say", "says", "sayed", "saying"}},
		{"note", []string{"note", "notes", "noted", "noting"}},
		{"deny", []string{"deny", "denies", "denied", "denying"}},
		{"stress", []string{"stress", "stresses", "stressed", "stressing"}},
		{"warn", []string{"warn", "warns", "warned", "warning"}},
	}
	for _, c := range cases {
		got := inflect(c.lemma)
		if len(got) != len(c.want) {
			t.Fatalf("inflect(%q) = %q, want %q", c.lemma, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("inflect(%q)[%d] = %q, want %q", c.lemma, i, got[i], c.want[i])
			}
		}
	}
}

func TestEnglishLookup(t *testing.T) {
	cases := []struct {
		word  string
		class Class
		lemma string
	}{
		{"said", Cue, "say"},
		{"told", Cue | ObjectCue, "tell"},
		{"emphasizes", Cue, "emphasize"},
		{"believes", Cue | WeakCue, "believe"},
		{"states", Cue | NounlikeCue, "state"},
		{"according", PrepCueStart, ""},
		{"spokesman", Title, ""},
		{"sen", Title | Abbreviation, ""},
		{"she", PronounShe, ""},
		{"ministry", OrgWord, ""},
		{"insiders", AnonymousNoun, ""},
		{"that", Complementizer | ClauseOpener, ""},
	}
	for _, c := range cases {
		w := English.Lookup(c.word)
		if w.Class&c.class != c.class {
			t.Errorf("%q: class %b lacks %b", c.word, w.Class, c.class)
		}
		if w.Lemma != c.lemma {
			t.Errorf("%q: lemma %q, want %q", c.word, w.Lemma, c.lemma)
		}
	}
	if English.Lookup("bridge").Class != 0 {
		t.Error("a common noun has classes")
	}
	if got := English.Particles["call"]; len(got) == 0 {
		t.Error("no particles for call")
	}
}

// The hashed table must agree with the map it was built from for every word.
func TestHashedTableAgrees(t *testing.T) {
	for _, l := range languages {
		for w, want := range l.words {
			h := HashString(w)
			if got := l.LookupHashed(h, []byte(w)); got != want {
				t.Errorf("%s %q: hashed %+v, map %+v", l.Code, w, got, want)
			}
		}
		if got := l.LookupHashed(HashString("zzzqqq"), []byte("zzzqqq")); got != (Word{}) {
			t.Errorf("unknown word found: %+v", got)
		}
	}
}

func TestSuffixes(t *testing.T) {
	l := English
	if !l.IsParticiple("saying") || l.IsParticiple("sing") {
		t.Error("participle")
	}
	if !l.IsPast("warned") || !l.IsAdverb("sarcastically") || l.IsAdverb("fly") {
		t.Error("past or adverb")
	}
}

func TestInflectGermanEpenthesis(t *testing.T) {
	for lemma, want := range map[string]string{
		"bezeichnen": "bezeichnete", // consonant + n takes an e
		"leugnen":    "leugnete",
		"warnen":     "warnte", // r + n does not
		"sagen":      "sagte",
		"berichten":  "berichtete",
	} {
		found := false
		for _, f := range inflectGerman(lemma) {
			found = found || f == want
		}
		if !found {
			t.Errorf("inflectGerman(%q) = %q, want %q among them", lemma, inflectGerman(lemma), want)
		}
	}
	if w := German.Lookup("bezeichnete"); w.Class&NamingCue == 0 || w.Lemma != "bezeichnen" {
		t.Errorf("bezeichnete = %+v, want a naming cue of bezeichnen", w)
	}
}

func TestGermanSeparable(t *testing.T) {
	if w := German.Lookup("angegeben"); w.Class&Cue == 0 || w.Lemma != "angeben" {
		t.Errorf("angegeben = %+v, want a cue of angeben", w)
	}
	if w := German.Lookup("gab"); w.Class&Cue != 0 || w.Class&SeparatedCue == 0 {
		t.Errorf("gab = %+v, want a separated stem only", w)
	}
	found := false
	for _, sc := range German.Separated["teilte"] {
		found = found || sc.Particle == "mit" && sc.Lemma == "mitteilen"
	}
	if !found {
		t.Errorf("Separated[teilte] = %+v, want mit → mitteilen", German.Separated["teilte"])
	}
}
