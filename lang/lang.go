package lang

// Language is the table of one language.
type Language struct {
	// Code is the ISO 639-1 code ("en").
	Code string
	// Name is the language's English name.
	Name string
	// Structure marks credits, bylines and bios.
	Structure StructureWords
}

var languages = map[string]*Language{}

func register(l *Language) *Language {
	languages[l.Code] = l
	return l
}

// Get returns the table for code, and false when the language is not supported.
func Get(code string) (*Language, bool) {
	l, ok := languages[code]
	return l, ok
}

// English is the table for English.
var English = register(&Language{
	Code:      "en",
	Name:      "English",
	Structure: englishStructure,
})
