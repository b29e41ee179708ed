package lang

import "strings"

// German is the table for German.
var German = register((&Language{
	Code: "de",
	Name: "German",
	Quotes: QuoteMarks{
		// „…“ is the rule, »…« the book style, “…” and «…» (Swiss) occur;
		// ‚…‘ and ›…‹ nest inside.
		Openers: map[rune][]rune{
			'„': {'“', '”', '"'},
			'»': {'«'},
			'«': {'»'},
			'“': {'”'},
			'‚': {'‘', '’'},
			'›': {'‹'},
		},
		SymmetricMarks: []rune{'"', '\''},
	},
	Structure:        germanStructure,
	Inflect:          inflectGerman,
	VerbSecond:       true,
	CapitalizedNouns: true,
	OrdinalDot:       true,
	FragmentDirect:   true,
	CompoundNouns:    true,
}).load("de-words.txt", "de-cues.txt"))

// germanStructure marks credits, bylines and bios in German articles.
var germanStructure = func() StructureWords {
	w := englishStructure
	w.CreditPrefixes = append([]string{"Quelle:", "Quellen:"}, w.CreditPrefixes...)
	w.BylinePrefixes = append([]string{"Von "}, w.BylinePrefixes...)
	w.BioOpeners = append([]string{"Ich bin "}, w.BioOpeners...)
	w.NotePrefixes = append([]string{"Korrektur:", "Korrekturhinweis:", "Anmerkung der Redaktion:", "Hinweis der Redaktion:"}, w.NotePrefixes...)
	return w
}()

// inflectGerman derives the forms of a weak German verb: "sagen" → sage,
// sagst, sagt, sagte, sagten, sagtet, gesagt. Strong and separable verbs
// list their forms in the cue file.
func inflectGerman(lemma string) []string {
	stem := strings.TrimSuffix(lemma, "en")
	if stem == lemma {
		stem = strings.TrimSuffix(lemma, "n") // erläutern → erläuter
	}
	e := ""
	if strings.HasSuffix(stem, "t") || strings.HasSuffix(stem, "d") {
		e = "e" // berichten → berichtet, berichtete
	}
	// A stem ending in m or n after another consonant (but l or r)
	// takes an e too: bezeichnen → bezeichnete, leugnen → leugnete;
	// warnen → warnte does not.
	if n := len(stem); n >= 2 && (stem[n-1] == 'm' || stem[n-1] == 'n') && !strings.ContainsRune("aeiouäöüylrmn", rune(stem[n-2])) {
		e = "e"
	}
	forms := []string{lemma, stem + "e", stem + e + "st", stem + e + "t", stem + e + "te", stem + e + "ten", stem + e + "tet"}
	participle := "ge" + stem + e + "t"
	for _, p := range []string{"be", "emp", "ent", "er", "ge", "miss", "ver", "zer"} {
		if strings.HasPrefix(lemma, p) {
			participle = stem + e + "t"
		}
	}
	if strings.HasSuffix(lemma, "ieren") {
		participle = stem + "t"
	}
	return append(forms, participle)
}
