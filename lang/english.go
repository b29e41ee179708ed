package lang

import "strings"

// English is the table for English.
var English = register((&Language{
	Code: "en",
	Name: "English",
	Quotes: QuoteMarks{
		Openers: map[rune][]rune{
			'“': {'”', '"', '“'},
			'„': {'“', '”', '"'},
			'«': {'»'},
			'‘': {'’'},
			'‹': {'›'},
		},
		SymmetricMarks: []rune{'"', '\''},
	},
	Structure: englishStructure,
	Suffixes: Suffixes{
		Participle:  []string{"ing"},
		Past:        []string{"ed", "en"},
		Adverb:      []string{"ly"},
		ThirdPerson: []string{"s"},
		Plural:      []string{"s"},
	},
	Inflect:              inflect,
	BareFormNeedsSubject: true,
	AgentlessPassive:     true,
}).load("en-words.txt", "en-cues.txt"))

// inflect derives the regular English forms of a verb: the lemma, third
// person -s, past -ed and -ing.
func inflect(v string) []string {
	forms := []string{v}
	n := len(v)
	switch {
	case strings.HasSuffix(v, "e"):
		forms = append(forms, v+"s", v+"d", v[:n-1]+"ing")
	case n > 1 && v[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(v[n-2])):
		forms = append(forms, v[:n-1]+"ies", v[:n-1]+"ied", v+"ing")
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x"):
		forms = append(forms, v+"es", v+"ed", v+"ing")
	default:
		forms = append(forms, v+"s", v+"ed", v+"ing")
	}
	return forms
}
