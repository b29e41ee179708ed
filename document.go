package verbatim

// Document is one article as the eval files and JSONL inputs carry it. Only
// ID and Text are needed for extraction; Quotes holds gold annotations when
// the document comes from an annotated file.
type Document struct {
	ID        string  `json:"id"`
	Corpus    string  `json:"corpus,omitempty"`
	Split     string  `json:"split,omitempty"`
	Lang      string  `json:"lang,omitempty"`
	Title     string  `json:"title,omitempty"`
	Publisher string  `json:"publisher,omitempty"`
	Date      string  `json:"date,omitempty"`
	Text      string  `json:"text"`
	Quotes    []Quote `json:"quotes,omitempty"`
}

// Extractor turns one article's text into who-said-what. Implementations are
// safe for concurrent use.
type Extractor interface {
	Extract(text string) (*Analysis, error)
}
