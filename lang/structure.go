package lang

// StructureWords are the words that mark the parts of an article around the
// story: credit lines, bylines and author bios.
type StructureWords struct {
	// CreditPrefixes start a source-credit line ("Source:").
	CreditPrefixes []string
	// BylinePrefixes start a byline ("By").
	BylinePrefixes []string
	// BioOpeners start a first-person author bio ("I am").
	BioOpeners []string
}

var englishStructure = StructureWords{
	CreditPrefixes: []string{"Source:", "Sources:"},
	BylinePrefixes: []string{"By "},
	BioOpeners:     []string{"I am ", "I'm ", "I’m "},
}
