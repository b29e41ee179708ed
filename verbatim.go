package verbatim

import (
	"encoding/json"
	"fmt"
)

// Span is a stretch of the article text. Start and End are UTF-8 byte offsets
// into the text, End exclusive; Text is text[Start:End]. A discontinuous span
// (a quotation interrupted by its attribution) runs from the start of its
// first segment to the end of its last and lists the pieces in Segments.
type Span struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Segments []Span `json:"segments,omitempty"`
}

// NewSpan returns the span [start, end) of text. It panics when the bounds are
// outside text, as slicing would: callers pass offsets they computed.
func NewSpan(text string, start, end int) Span {
	return Span{Start: start, End: end, Text: text[start:end]}
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Empty reports whether the span covers no text.
func (s Span) Empty() bool { return s.End <= s.Start }

// Contains reports whether offset lies inside the span.
func (s Span) Contains(offset int) bool { return offset >= s.Start && offset < s.End }

// Overlap is the number of bytes s and t share.
func (s Span) Overlap(t Span) int {
	lo, hi := max(s.Start, t.Start), min(s.End, t.End)
	if hi < lo {
		return 0
	}
	return hi - lo
}

// Pieces returns the segments of a discontinuous span, or the span itself.
func (s Span) Pieces() []Span {
	if len(s.Segments) > 0 {
		return s.Segments
	}
	return []Span{s}
}

// Validate checks that the span's offsets and text agree with the article text.
func (s Span) Validate(text string) error {
	if s.Start < 0 || s.End < s.Start || s.End > len(text) {
		return fmt.Errorf("span [%d,%d) outside text of %d bytes", s.Start, s.End, len(text))
	}
	if text[s.Start:s.End] != s.Text {
		return fmt.Errorf("span [%d,%d): text %q does not match %q", s.Start, s.End, s.Text, text[s.Start:s.End])
	}
	for _, seg := range s.Segments {
		if seg.Start < s.Start || seg.End > s.End {
			return fmt.Errorf("segment [%d,%d) outside span [%d,%d)", seg.Start, seg.End, s.Start, s.End)
		}
		if err := seg.Validate(text); err != nil {
			return err
		}
	}
	return nil
}

// QuoteKind says how a statement is reported.
type QuoteKind string

// The kinds of quotation. Mixed is reported speech that holds a quoted
// fragment; its content is the whole reported clause, not only the fragment.
const (
	Direct   QuoteKind = "direct"
	Mixed    QuoteKind = "mixed"
	Indirect QuoteKind = "indirect"
)

// SpeakerType classifies who a statement is attributed to.
type SpeakerType string

// The speaker types. Anonymous covers "insiders", "sources", "officials"
// without a name; Other covers documents, studies and polls that "show".
const (
	Person       SpeakerType = "person"
	Organization SpeakerType = "organization"
	Anonymous    SpeakerType = "anonymous"
	OtherSpeaker SpeakerType = "other"
	NoSpeaker    SpeakerType = ""
)

// Quote is one attributed statement: what was said (Content), the word that
// marks it as said (Cue, with its dictionary form CueLemma), who said it as
// the text names them at that place (Speaker), and the entity that mention
// resolves to (SpeakerRef, the fullest name of that person or organisation in
// the article).
type Quote struct {
	Kind        QuoteKind
	Content     Span
	Cue         *Span
	CueLemma    string
	Speaker     *Span
	SpeakerRef  string
	SpeakerType SpeakerType
	// Entity is the index into Analysis.Entities of the resolved speaker, or -1.
	Entity int
}

type quoteJSON struct {
	Kind        QuoteKind   `json:"kind"`
	Content     Span        `json:"content"`
	Cue         *Span       `json:"cue"`
	CueLemma    *string     `json:"cue_lemma"`
	Speaker     *Span       `json:"speaker"`
	SpeakerRef  *string     `json:"speaker_ref"`
	SpeakerType SpeakerType `json:"speaker_type"`
	Entity      *int        `json:"speaker_entity,omitempty"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// MarshalJSON writes the quote in the eval files' schema: absent values are null.
func (q Quote) MarshalJSON() ([]byte, error) {
	j := quoteJSON{Kind: q.Kind, Content: q.Content, Cue: q.Cue, CueLemma: nullable(q.CueLemma),
		Speaker: q.Speaker, SpeakerRef: nullable(q.SpeakerRef), SpeakerType: q.SpeakerType}
	if q.Entity >= 0 {
		e := q.Entity
		j.Entity = &e
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads a quote in the eval files' schema. The eval files'
// "reported" kind is read as it is; scoring treats it as indirect.
func (q *Quote) UnmarshalJSON(b []byte) error {
	var j quoteJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*q = Quote{Kind: j.Kind, Content: j.Content, Cue: j.Cue, Speaker: j.Speaker, SpeakerType: j.SpeakerType, Entity: -1}
	if j.CueLemma != nil {
		q.CueLemma = *j.CueLemma
	}
	if j.SpeakerRef != nil {
		q.SpeakerRef = *j.SpeakerRef
	}
	if j.Entity != nil {
		q.Entity = *j.Entity
	}
	return nil
}

// EntityType classifies an entity.
type EntityType string

// The entity types.
const (
	EntityPerson       EntityType = "person"
	EntityOrganization EntityType = "organization"
	EntityPlace        EntityType = "place"
)

// Entity is a person, organisation or place with every mention of it in the
// article. Name is its fullest name; Aliases are the other ways the article
// names it ("Rutte", "the NATO chief"); Roles are titles it is given ("NATO
// Secretary General", "Kremlin spokesman").
type Entity struct {
	ID       int        `json:"id"`
	Name     string     `json:"name"`
	Type     EntityType `json:"type"`
	Aliases  []string   `json:"aliases"`
	Roles    []string   `json:"roles"`
	Mentions []Span     `json:"mentions"`
	// Quotes counts the quotes attributed to the entity.
	Quotes int `json:"quotes"`
}

// Article is the structure of an article: what is story text and what is
// around it. Spans point into the text; the string fields are the values a
// reader wants ("Krone", "Ida Scott").
type Article struct {
	Title        string `json:"title"`
	TitleSpan    *Span  `json:"title_span"`
	Subheads     []Span `json:"subheads"`
	Author       string `json:"author"`
	Byline       *Span  `json:"byline"`
	Publisher    string `json:"publisher"`
	SourceCredit string `json:"source_credit"`
	CreditSpan   *Span  `json:"source_credit_span"`
	Bio          *Span  `json:"bio"`
	Dateline     *Span  `json:"dateline"`
	Date         string `json:"date"`
	// Notes are editorial notes outside the story: corrections,
	// clarifications, editor's notes, reporting and editing credits.
	Notes []Span `json:"notes"`
	// Paragraphs are the story's paragraphs, in order; quotes and entities
	// are taken from these only.
	Paragraphs []Span `json:"paragraphs"`
}

// Analysis is everything Verbatim extracts from one article.
type Analysis struct {
	ID       string   `json:"id"`
	Lang     string   `json:"lang"`
	Article  Article  `json:"article"`
	Quotes   []Quote  `json:"quotes"`
	Entities []Entity `json:"entities"`
}

// Validate checks every span of the analysis against the article text.
func (a *Analysis) Validate(text string) error {
	check := func(what string, s *Span) error {
		if s == nil {
			return nil
		}
		if err := s.Validate(text); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil
	}
	for i := range a.Quotes {
		q := &a.Quotes[i]
		for _, c := range []struct {
			what string
			s    *Span
		}{{"content", &q.Content}, {"cue", q.Cue}, {"speaker", q.Speaker}} {
			if err := check(fmt.Sprintf("quote %d %s", i, c.what), c.s); err != nil {
				return err
			}
		}
	}
	for _, s := range []struct {
		what string
		s    *Span
	}{{"title", a.Article.TitleSpan}, {"byline", a.Article.Byline}, {"credit", a.Article.CreditSpan},
		{"bio", a.Article.Bio}, {"dateline", a.Article.Dateline}} {
		if err := check(s.what, s.s); err != nil {
			return err
		}
	}
	for i := range a.Article.Notes {
		if err := check(fmt.Sprintf("note %d", i), &a.Article.Notes[i]); err != nil {
			return err
		}
	}
	for i := range a.Article.Subheads {
		if err := check(fmt.Sprintf("subhead %d", i), &a.Article.Subheads[i]); err != nil {
			return err
		}
	}
	for i := range a.Entities {
		for j := range a.Entities[i].Mentions {
			if err := check(fmt.Sprintf("entity %d mention %d", i, j), &a.Entities[i].Mentions[j]); err != nil {
				return err
			}
		}
	}
	return nil
}
