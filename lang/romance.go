package lang

import "strings"

// French is the table for French.
var French = register((&Language{
	Code: "fr",
	Name: "French",
	Quotes: QuoteMarks{
		// « … » with (non-breaking) spaces inside, “ … ” as a second level
		// or in online copy.
		Openers: map[rune][]rune{
			'«': {'»'},
			'“': {'”'},
			'‹': {'›'},
			'‘': {'’'},
		},
		SymmetricMarks: []rune{'"'},
	},
	Structure: romanceStructure([]string{"Source :", "Source:", "Sources :"}, []string{"Par "}, []string{"Je suis "}, []string{"Rectificatif", "Note de la rédaction", "NDLR"}),
	Suffixes: Suffixes{
		// The participle of -er verbs ("rappelé"): without an auxiliary
		// it is not a finite cue ("rappelé des retraités").
		Past: []string{"é", "ée", "és", "ées"},
	},
	Inflect:             inflectFrench,
	Enclitics:           []string{"-t-il", "-t-elle", "-t-on", "-t-ils", "-t-elles", "-il", "-elle", "-ils", "-elles", "-on"},
	DialogueDash:        true,
	InsertedAttribution: true,
}).load("fr-words.txt", "fr-cues.txt"))

// Spanish is the table for Spanish.
var Spanish = register((&Language{
	Code: "es",
	Name: "Spanish",
	Quotes: QuoteMarks{
		Openers: map[rune][]rune{
			'«': {'»'},
			'“': {'”'},
			'‘': {'’'},
		},
		SymmetricMarks: []rune{'"'},
	},
	Structure: romanceStructure([]string{"Fuente:", "Fuentes:"}, []string{"Por "}, []string{"Soy "}, []string{"Fe de erratas", "Nota del editor", "Nota de la redacción", "Corrección:"}),
	Suffixes: Suffixes{
		Past: []string{"ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas"},
	},
	Inflect:             inflectSpanish,
	DialogueDash:        true,
	InsertedAttribution: true,
}).load("es-words.txt", "es-cues.txt"))

func romanceStructure(credit, byline, bio, notes []string) StructureWords {
	w := englishStructure
	w.CreditPrefixes = append(credit, w.CreditPrefixes...)
	w.BylinePrefixes = append(byline, w.BylinePrefixes...)
	w.BioOpeners = append(bio, w.BioOpeners...)
	w.NotePrefixes = append(notes, w.NotePrefixes...)
	return w
}

// inflectFrench derives the forms of a regular -er verb that news uses:
// present (déclare, déclarent), imperfect (déclarait), simple past
// (déclara, déclarèrent), participles (déclaré, déclarée, déclarant).
// Other verbs list their forms in the cue file.
func inflectFrench(lemma string) []string {
	stem, ok := strings.CutSuffix(lemma, "er")
	if !ok {
		return []string{lemma}
	}
	return []string{lemma, stem + "e", stem + "es", stem + "ent", stem + "ait", stem + "aient",
		stem + "a", stem + "èrent", stem + "é", stem + "ée", stem + "és", stem + "ées", stem + "ant", stem + "era"}
}

// inflectSpanish derives the forms of a regular verb that news uses:
// present (afirma, afirman), preterite (afirmó, afirmaron), imperfect
// (afirmaba), participles (afirmado, afirmando).
func inflectSpanish(lemma string) []string {
	if stem, ok := strings.CutSuffix(lemma, "ar"); ok {
		return []string{lemma, stem + "a", stem + "an", stem + "ó", stem + "aron", stem + "aba", stem + "aban", stem + "ado", stem + "ando", stem + "ará"}
	}
	for _, end := range []string{"er", "ir"} {
		if stem, ok := strings.CutSuffix(lemma, end); ok {
			return []string{lemma, stem + "e", stem + "en", stem + "ió", stem + "ieron", stem + "ía", stem + "ían", stem + "ido", stem + "iendo"}
		}
	}
	return []string{lemma}
}
