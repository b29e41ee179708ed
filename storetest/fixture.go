package storetest

import (
	"fmt"
	"strings"
	"time"

	"verbatim"
)

// fixtureEntity describes an entity of a fixture article; its mentions
// are found in the text by string search.
type fixtureEntity struct {
	Name     string
	Type     verbatim.EntityType
	Aliases  []string
	Roles    []string
	Mentions []string
}

// fixtureQuote describes a quote of a fixture article by the strings of
// its content, cue and speaker mention, which must occur in the text.
type fixtureQuote struct {
	Kind    verbatim.QuoteKind
	Content string
	Cue     string
	Lemma   string
	Speaker string
	// Entity is the index of the speaking entity, or -1 with Ref and Type.
	Entity int
	Ref    string
	Type   verbatim.SpeakerType
}

// fixture describes a fixture article.
type fixture struct {
	URL, Outlet string
	Published   time.Time
	Text        string
	Ents        []fixtureEntity
	Quotes      []fixtureQuote
}

// article builds the stored article of a fixture. It panics on a fixture
// whose strings are not in its text: that is a bug in the test.
func (d fixture) article() *verbatim.StoredArticle {
	span := func(s string, from int) verbatim.Span {
		i := strings.Index(d.Text[from:], s)
		if i < 0 {
			panic(fmt.Sprintf("storetest: %q not in text %q", s, d.Text))
		}
		return verbatim.NewSpan(d.Text, from+i, from+i+len(s))
	}
	an := &verbatim.Analysis{ID: d.URL, Lang: "en"}
	an.Article = verbatim.Article{Title: firstSentence(d.Text), Publisher: d.Outlet,
		Paragraphs: []verbatim.Span{verbatim.NewSpan(d.Text, 0, len(d.Text))}}
	for i, e := range d.Ents {
		ent := verbatim.Entity{ID: i, Name: e.Name, Type: e.Type, Aliases: e.Aliases, Roles: e.Roles}
		for _, m := range e.Mentions {
			ent.Mentions = append(ent.Mentions, span(m, 0))
		}
		an.Entities = append(an.Entities, ent)
	}
	for _, q := range d.Quotes {
		c := span(q.Content, 0)
		quote := verbatim.Quote{Kind: q.Kind, Content: c, CueLemma: q.Lemma, Entity: q.Entity, SpeakerRef: q.Ref, SpeakerType: q.Type}
		if q.Cue != "" {
			s := span(q.Cue, 0)
			quote.Cue = &s
		}
		if q.Speaker != "" {
			s := span(q.Speaker, 0)
			quote.Speaker = &s
		}
		if q.Entity >= 0 {
			e := d.Ents[q.Entity]
			quote.SpeakerRef = e.Name
			quote.SpeakerType = verbatim.SpeakerType(e.Type)
			an.Entities[q.Entity].Quotes++
		}
		an.Quotes = append(an.Quotes, quote)
	}
	return &verbatim.StoredArticle{
		URL: d.URL, Outlet: d.Outlet, Title: an.Article.Title, Lang: "en", Published: d.Published,
		Text: d.Text, Analysis: an,
		Origin: verbatim.Origin{Kind: verbatim.OriginJSONL, Path: "fixtures.jsonl", Line: 1},
	}
}

func firstSentence(s string) string {
	if i := strings.IndexAny(s, ".!?"); i > 0 {
		return s[:i]
	}
	return s
}

func day(d int) time.Time { return time.Date(2024, 3, d, 9, 30, 0, 0, time.UTC) }

const (
	person = verbatim.EntityPerson
	org    = verbatim.EntityOrganization
)

// corpus is a small news corpus with one speaker under several names across
// outlets, a namesake, an organisation under its name and its acronym, and
// anonymous speakers.
func corpus() []fixture {
	return []fixture{
		{
			URL: "https://www.reuters.example/world/nato-spending", Outlet: "Reuters", Published: day(1),
			Text: `NATO Secretary General Mark Rutte said the alliance must spend more on defence. ` +
				`"We cannot wait for another crisis," Rutte told reporters in Brussels. ` +
				`Officials said the summit would run late. NATO said in a statement that air defence was the priority.`,
			Ents: []fixtureEntity{
				{Name: "Mark Rutte", Type: person, Aliases: []string{"Rutte"}, Roles: []string{"NATO Secretary General"},
					Mentions: []string{"Mark Rutte", "Rutte told"}},
				{Name: "NATO", Type: org, Mentions: []string{"NATO"}},
			},
			Quotes: []fixtureQuote{
				{Kind: verbatim.Indirect, Content: "the alliance must spend more on defence", Cue: "said", Lemma: "say",
					Speaker: "NATO Secretary General Mark Rutte", Entity: 0},
				{Kind: verbatim.Direct, Content: `We cannot wait for another crisis,`, Cue: "told", Lemma: "tell",
					Speaker: "Rutte", Entity: 0},
				{Kind: verbatim.Indirect, Content: "the summit would run late", Cue: "said", Lemma: "say",
					Speaker: "Officials", Entity: -1, Ref: "Officials", Type: verbatim.Anonymous},
				{Kind: verbatim.Indirect, Content: "air defence was the priority", Cue: "said", Lemma: "say",
					Speaker: "NATO", Entity: 1},
			},
		},
		{
			URL: "https://apnews.example/article/tariffs", Outlet: "AP", Published: day(5),
			Text: `NATO Secretary General Mark Rutte warned that tariffs would hurt allies. ` +
				`"Trade wars have no winners," he said.`,
			Ents: []fixtureEntity{
				{Name: "NATO Secretary General Mark Rutte", Type: person, Mentions: []string{"Mark Rutte"}},
			},
			Quotes: []fixtureQuote{
				{Kind: verbatim.Indirect, Content: "tariffs would hurt allies", Cue: "warned", Lemma: "warn",
					Speaker: "NATO Secretary General Mark Rutte", Entity: 0},
				{Kind: verbatim.Direct, Content: `Trade wars have no winners,`, Cue: "said", Lemma: "say", Speaker: "he", Entity: 0},
			},
		},
		{
			URL: "https://www.reuters.example/world/rutte-ukraine", Outlet: "Reuters", Published: day(9),
			Text: `Rutte said support for Ukraine would continue through the winter.`,
			Ents: []fixtureEntity{{Name: "Rutte", Type: person, Mentions: []string{"Rutte"}}},
			Quotes: []fixtureQuote{
				{Kind: verbatim.Indirect, Content: "support for Ukraine would continue through the winter", Cue: "said",
					Lemma: "say", Speaker: "Rutte", Entity: 0},
			},
		},
		{
			URL: "https://apnews.example/article/football", Outlet: "AP", Published: day(12),
			Text: `Anna Rutte, the Dutch striker, said: "We played well against Norway and the defence held." ` +
				`The North Atlantic Treaty Organization said it would not comment on football.`,
			Ents: []fixtureEntity{
				{Name: "Anna Rutte", Type: person, Roles: []string{"striker"}, Mentions: []string{"Anna Rutte"}},
				{Name: "North Atlantic Treaty Organization", Type: org, Mentions: []string{"North Atlantic Treaty Organization"}},
			},
			Quotes: []fixtureQuote{
				{Kind: verbatim.Direct, Content: "We played well against Norway and the defence held.", Cue: "said",
					Lemma: "say", Speaker: "Anna Rutte", Entity: 0},
				{Kind: verbatim.Indirect, Content: "it would not comment on football", Cue: "said", Lemma: "say",
					Speaker: "The North Atlantic Treaty Organization", Entity: 1},
			},
		},
		{
			URL: "https://bbc.example/news/hague", Outlet: "BBC", Published: day(20),
			Text: `Rutte, speaking in The Hague, said the government had fallen. ` +
				`Sources close to the cabinet said talks had "completely broken down".`,
			Ents: []fixtureEntity{{Name: "Rutte", Type: person, Mentions: []string{"Rutte"}}},
			Quotes: []fixtureQuote{
				{Kind: verbatim.Indirect, Content: "the government had fallen", Cue: "said", Lemma: "say",
					Speaker: "Rutte", Entity: 0},
				{Kind: verbatim.Mixed, Content: `talks had "completely broken down"`, Cue: "said", Lemma: "say",
					Speaker: "Sources close to the cabinet", Entity: -1, Ref: "Sources close to the cabinet", Type: verbatim.Anonymous},
			},
		},
	}
}
