package extract

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sync"
	"unicode/utf8"

	"verbatim"
	"verbatim/lang"
	"verbatim/langdetect"
	"verbatim/segment"
	"verbatim/structure"
)

// DefaultMaxBytes is the largest article Extract accepts unless told
// otherwise: far above any real article, low enough to bound time and memory.
const DefaultMaxBytes = 64 << 20

// ErrTooLarge is returned for a text over the size limit.
var ErrTooLarge = errors.New("article too large")

// Option configures an Extractor.
type Option func(*config)

type config struct {
	// lang is the forced language, or nil to detect each article's.
	lang     *lang.Language
	maxBytes int
}

// WithLanguage sets the article language by ISO 639-1 code instead of
// detecting it. "" or "auto" detects; an unsupported code falls back to
// detection (use lang.Get to check first).
func WithLanguage(code string) Option {
	return func(c *config) {
		c.lang = nil
		if l, ok := lang.Get(code); ok {
			c.lang = l
		}
	}
}

// WithMaxBytes sets the size limit of one article's text.
func WithMaxBytes(n int) Option { return func(c *config) { c.maxBytes = n } }

// Extractor runs the pipeline. It is safe for concurrent use; the scratch
// state of each run is pooled and reused.
type Extractor struct {
	cfg    config
	pool   sync.Pool
	detect *langdetect.Detector
}

// state is the reusable scratch of one extraction.
type state struct {
	doc    segment.Doc
	quotes quoteScanner
	ents   entityFinder
	attr   attributor
	res    resolver
	paras  []segment.Span
	// resolved holds the speaker of each of attr's statements.
	resolved []resolution
	nest     nestFolder
}

// New returns an Extractor.
func New(opts ...Option) *Extractor {
	e := &Extractor{cfg: config{maxBytes: DefaultMaxBytes}}
	for _, o := range opts {
		o(&e.cfg)
	}
	if e.cfg.lang == nil {
		e.detect = langdetect.New(lang.English.Code)
	}
	e.pool.New = func() any { return new(state) }
	return e
}

// Extract analyses one article's text. Invalid UTF-8 and NUL bytes are read
// as spaces (offsets stay byte offsets into text as given); a text over the
// size limit is an error.
func (e *Extractor) Extract(text string) (*verbatim.Analysis, error) {
	if len(text) > e.cfg.maxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(text), e.cfg.maxBytes)
	}
	st := e.pool.Get().(*state)
	defer func() {
		st.doc.Release()
		st.attr.release()
		e.pool.Put(st)
	}()
	l := e.cfg.lang
	if l == nil {
		l, _ = lang.Get(e.detect.Detect(text))
	}

	a := &verbatim.Analysis{Lang: l.Code, Quotes: []verbatim.Quote{}, Entities: []verbatim.Entity{}}
	a.Article = structure.Parse(text, &l.Structure)
	st.paras = st.paras[:0]
	// A headline can carry a statement ("Pence: Trump was ‘mocking’ ...");
	// it is read like a paragraph.
	titled := a.Article.TitleSpan != nil
	if titled {
		t := a.Article.TitleSpan
		st.paras = append(st.paras, segment.Span{Start: t.Start, End: t.End})
	}
	for _, p := range a.Article.Paragraphs {
		sp := segment.Span{Start: p.Start, End: p.End}
		// A dateline ("WASHINGTON (AP) —") is not part of any sentence.
		if d := a.Article.Dateline; d != nil && d.Start >= p.Start && d.End <= p.End {
			sp.Start = skipDash(text, d.End, p.End)
		}
		st.paras = append(st.paras, sp)
	}
	st.doc.Segment(text, st.paras, l)
	var langs []*lang.Language
	if e.detect != nil {
		langs = st.paragraphLanguages(e.detect, l)
	}
	if langs == nil {
		st.analyse(l, titled)
		st.emit(a, nil)
		return a, nil
	}
	// An article that mixes languages is read a run of paragraphs of one
	// language at a time, each with its own language's tables; entities
	// named in several runs are one.
	paras := slices.Clone(st.paras)
	merged := map[string]int{}
	for from := 0; from < len(paras); {
		to := from + 1
		for to < len(paras) && langs[to] == langs[from] {
			to++
		}
		st.doc.Segment(text, paras[from:to], langs[from])
		st.analyse(langs[from], titled && from == 0)
		st.emit(a, merged)
		from = to
	}
	return a, nil
}

// analyse runs the pipeline after segmentation over the paragraphs of
// st.doc in language l; titled says the first of them is the headline.
func (st *state) analyse(l *lang.Language, titled bool) {
	st.attr.prepare(&st.doc, l, nil)
	st.quotes.marks = &l.Quotes
	st.quotes.dialogueDash = l.DialogueDash
	st.quotes.insertedAttribution = l.InsertedAttribution
	st.quotes.lang = l
	st.quotes.sentenceEnd = st.attributionEndingSentence
	st.quotes.scan(&st.doc, func(q *quoteSpan, p *segment.Paragraph) int32 {
		return st.unclosedEnd(q, p)
	})
	st.quotes.markContinuations()
	st.ents.find(&st.doc, l)
	st.attr.prepare(&st.doc, l, st.quotes.quotes)
	st.attr.ents = &st.ents
	st.attr.titlePara = -1
	if titled {
		st.attr.titlePara = 0 // the headline is read as the first paragraph
	}
	st.attr.attribute()
	st.res.doc, st.res.ents, st.res.lang = &st.doc, &st.ents, l
	st.resolved = st.res.resolve(st.attr.stmts)
}

// emit appends the quotes and entities that analyse found to a. With
// merged (the index in a.Entities of each entity already emitted, by type
// and name), an entity found again is merged into the earlier one.
func (st *state) emit(a *verbatim.Analysis, merged map[string]int) {
	index := make([]int, len(st.ents.entities))
	for i := range st.ents.entities {
		ent := st.ents.entities[i]
		ent.Quotes = 0 // counted below, from the quotes attributed
		if ent.Aliases == nil {
			ent.Aliases = []string{}
		}
		if ent.Roles == nil {
			ent.Roles = []string{}
		}
		key := string(ent.Type) + "|" + ent.Name
		if j, ok := merged[key]; ok && merged != nil {
			into := &a.Entities[j]
			into.Mentions = append(into.Mentions, ent.Mentions...)
			for _, al := range ent.Aliases {
				if !slices.Contains(into.Aliases, al) {
					into.Aliases = append(into.Aliases, al)
				}
			}
			for _, r := range ent.Roles {
				if !slices.Contains(into.Roles, r) {
					into.Roles = append(into.Roles, r)
				}
			}
			index[i] = j
			continue
		}
		index[i] = len(a.Entities)
		ent.ID = index[i]
		if merged != nil {
			merged[key] = index[i]
		}
		a.Entities = append(a.Entities, ent)
	}
	folded := st.nest.fold(st.attr.stmts, st.doc.Tokens)
	for i := range st.attr.stmts {
		if folded[i] {
			continue
		}
		q := st.quote(&st.attr.stmts[i], st.resolved[i])
		if q.Entity >= 0 {
			q.Entity = index[q.Entity]
			a.Entities[q.Entity].Quotes++
		}
		a.Quotes = append(a.Quotes, q)
	}
}

// nestFolder finds statements nested in others; its slices are reused.
type nestFolder struct {
	segs, queries []nestRange
	folded        []bool
}

// nestRange is a content range and the statement it belongs to.
type nestRange struct {
	from, to int
	stmt     int
}

// fold marks each statement that repeats an earlier one's content, and each
// reported statement whose content lies inside one segment of another
// statement's content. In "Sullivan says he instructed staff to check
// whether anyone disclosed the information" the instruction and the
// disclosure are what Sullivan says, not statements of their own; annotated
// corpora fold them into the outer statement the same way. Direct
// quotations are folded only as repeats: their marks make them statements
// wherever they stand.
func (f *nestFolder) fold(stmts []statement, toks []segment.Token) []bool {
	f.folded = growBool(f.folded, len(stmts))
	segs, queries := f.segs[:0], f.queries[:0]
	for i := range stmts {
		st := &stmts[i]
		for _, s := range st.segs {
			segs = append(segs, nestRange{s[0], s[1], i})
		}
		queries = append(queries, nestRange{st.segs[0][0], st.segs[len(st.segs)-1][1], i})
	}
	// One sweep by start: a range lies inside another segment when a segment
	// starting before it ends at or after its end, or one starting with it
	// ends after it. A statement's own segments never start before its range.
	byStart := func(a, b nestRange) int {
		return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(b.to, a.to), cmp.Compare(a.stmt, b.stmt))
	}
	slices.SortFunc(segs, byStart)
	slices.SortFunc(queries, byStart)
	next, reach := 0, -1
	for _, q := range queries {
		for next < len(segs) && segs[next].from < q.from {
			reach = max(reach, segs[next].to)
			next++
		}
		st := &stmts[q.stmt]
		// A statement whose attribution stands inside its own content
		// ("das seiner Meinung nach zu einem Kartell führe") names its
		// source where it is said, and is kept.
		nested := st.kind != verbatim.Direct && !(st.cue >= 0 && q.from <= int(toks[st.cue].Start) && int(toks[st.cue].End) <= q.to)
		folded := nested && reach >= q.to
		for k := next; !folded && k < len(segs) && segs[k].from == q.from; k++ {
			other := segs[k].stmt
			if other == q.stmt {
				continue
			}
			folded = nested && segs[k].to > q.to ||
				other < q.stmt && slices.Equal(stmts[other].segs, st.segs)
		}
		f.folded[q.stmt] = folded
	}
	f.segs, f.queries = segs, queries
	return f.folded
}

// maxUnclosedSentences is how far an unclosed quote may run.
const maxUnclosedSentences = 12

// unclosedEnd ends a quote whose closing mark is missing: at the end of the
// last sentence before one that carries its own attribution after a comma,
// and at the latest at the paragraph's end.
func (st *state) unclosedEnd(q *quoteSpan, p *segment.Paragraph) int32 {
	si := st.attr.sentenceOf(q.open)
	end := p.LastTok
	// A dash turn ends before the attribution that closes its paragraph
	// ("..., soupire Hervé Lambert, le gérant.").
	if q.dash {
		if b := st.attr.trailingAttributionAt(p.LastSentence - 1); b > q.open {
			return b
		}
		return end
	}
	// Quoted speech that runs on unclosed for more than a few sentences is
	// ended there: the bound keeps unbalanced marks from costing more.
	for k := si + 1; k < p.LastSentence && k <= si+maxUnclosedSentences; k++ {
		if st.attr.trailingAttribution(k) {
			end = st.doc.Sentences[k].First
			break
		}
	}
	if lim := si + maxUnclosedSentences + 1; lim < p.LastSentence {
		end = min(end, st.doc.Sentences[lim].First)
	}
	return end
}

// attributionEndingSentence returns, for the first sentence of p before its
// last that ends in an attribution after a comma, that comma and the first
// token of the next sentence; or -1s.
func (st *state) attributionEndingSentence(p *segment.Paragraph) (int32, int32) {
	for si := p.FirstSentence; si+1 < p.LastSentence; si++ {
		if b := st.attr.trailingAttributionAt(si); b >= 0 {
			return b, st.doc.Sentences[si+1].First
		}
	}
	return -1, -1
}

// quote turns a statement into the output record.
func (st *state) quote(s *statement, r resolution) verbatim.Quote {
	text := st.doc.Text
	q := verbatim.Quote{Kind: s.kind, Entity: r.entity, SpeakerRef: r.ref, SpeakerType: r.typ, CueLemma: s.lemma}
	first, last := s.segs[0], s.segs[len(s.segs)-1]
	q.Content = verbatim.NewSpan(text, first[0], last[1])
	if len(s.segs) > 1 {
		for _, seg := range s.segs {
			q.Content.Segments = append(q.Content.Segments, verbatim.NewSpan(text, seg[0], seg[1]))
		}
	}
	if s.cue >= 0 {
		c := verbatim.NewSpan(text, int(st.doc.Tokens[s.cue].Start), int(st.doc.Tokens[s.cueEnd-1].End))
		q.Cue = &c
	}
	spk, spkEnd := s.spk, s.spkEnd
	if spk < 0 && s.from >= 0 {
		from := &st.attr.stmts[s.from]
		// Continuations point to earlier statements; the bound guards the
		// invariant rather than trusting it.
		for hops := 0; from.spk < 0 && from.from >= 0 && hops < len(st.attr.stmts); hops++ {
			from = &st.attr.stmts[from.from]
		}
		spk, spkEnd = from.spk, from.spkEnd
		// A quotation that continues an attributed one is marked by the
		// same cue.
		if q.Cue == nil && from.cue >= 0 {
			c := verbatim.NewSpan(text, int(st.doc.Tokens[from.cue].Start), int(st.doc.Tokens[from.cueEnd-1].End))
			q.Cue, q.CueLemma = &c, from.lemma
		}
	}
	if spk >= 0 {
		sp := verbatim.NewSpan(text, int(st.doc.Tokens[spk].Start), int(st.doc.Tokens[spkEnd-1].End))
		q.Speaker = &sp
	}
	if q.SpeakerType == verbatim.NoSpeaker && q.Speaker != nil {
		q.SpeakerType = verbatim.OtherSpeaker
	}
	return q
}

// skipDash returns the offset after the dashes and spaces that follow a
// dateline at i, not past end.
func skipDash(text string, i, end int) int {
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r != ' ' && r != '-' && r != '—' && r != '–' && r != 0xA0 && r != ':' {
			break
		}
		i += size
	}
	return i
}
