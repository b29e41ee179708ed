package extract

import (
	"verbatim/lang"
	"verbatim/segment"
)

// quoteSpan is a stretch of text between quotation marks.
type quoteSpan struct {
	// open and close are token indexes of the marks; close is -1 when the
	// quote was never closed and ends at a boundary the scanner chose.
	open, close int32
	// last is the token index after the quote's last token.
	last int32
	// start and end are byte offsets, marks included.
	start, end int
	para       int32
	// single marks a quote in single marks (‘…’), which in English is mostly
	// a scare quote or a headline convention.
	single bool
	// continued marks a quote left open at the end of its paragraph whose
	// next paragraph reopens it: the same statement goes on.
	continued bool
	// continues marks the paragraph that reopens a continued quote.
	continues bool
	// dash marks a turn opened by a dialogue dash rather than a mark.
	dash bool
	// split marks the first part of a quotation that an attribution
	// inserted inside its marks interrupts («A —dijo él—, B»): it ends
	// at the dash or comma before the attribution, not at a mark.
	split bool
}

// quoteScanner pairs quotation marks paragraph by paragraph.
type quoteScanner struct {
	doc    *segment.Doc
	marks  *lang.QuoteMarks
	quotes []quoteSpan
	// dialogueDash is set when a paragraph-opening dash opens a turn.
	dialogueDash bool
	// insertedAttribution is set when an attribution may stand inside
	// one pair of marks.
	insertedAttribution bool
	lang                *lang.Language
	// sentenceEnd finds, in a paragraph, the first sentence before the
	// last that ends in an attribution after a comma: the comma and the
	// next sentence's first token, or -1s.
	sentenceEnd func(p *segment.Paragraph) (int32, int32)
}

// role of a mark given what stands around it.
const (
	roleNone = iota
	roleOpen
	roleClose
	roleEither
)

func (s *quoteScanner) role(i int32, first, last int32) int {
	t := &s.doc.Tokens[i]
	before := t.Flags&segment.SpaceBefore != 0 || i == first || isOpeningContext(&s.doc.Tokens[i-1])
	after := t.Flags&segment.SpaceAfter != 0 || i+1 == last || isClosingContext(&s.doc.Tokens[i+1])
	m := t.Mark
	opens, closes := s.marks.Opens(m), s.marks.Closes(m)
	switch {
	case m == '’' || m == '\'':
		// Mostly an apostrophe ("voters’", "’90s", "don't"): it opens or
		// closes only where the spacing says so.
		switch {
		case opens && before && !after:
			return roleOpen
		case closes && !before && after:
			return roleClose
		}
		return roleNone
	case opens && closes:
		// A mark of both roles in this language („…“ and “…” in German,
		// the straight "): the spacing decides.
		switch {
		case before && !after:
			return roleOpen
		case after && !before:
			return roleClose
		case s.marks.Symmetric(m):
			return roleEither
		}
		return roleOpen
	case opens:
		return roleOpen
	case closes:
		// A closing-only double mark set before a word after a blank or
		// at a paragraph's start is a mistyped opening mark ("”Fear. I am
		// afraid …”"): nothing could be closed there.
		if isDoubleMark(m) && before && !after {
			return roleOpen
		}
		return roleClose
	}
	return roleNone
}

func isOpeningContext(t *segment.Token) bool {
	switch t.Mark {
	case '(', '[', '—', '–', '-', ':':
		return t.Kind != segment.Word
	}
	return t.Kind == segment.Dash
}

func isClosingContext(t *segment.Token) bool {
	if t.Kind != segment.Punct && t.Kind != segment.Dash {
		return false
	}
	return true
}

func isDoubleMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '`':
		return true
	}
	return false
}

// scan finds the quotes of every paragraph of doc.
func (s *quoteScanner) scan(doc *segment.Doc, unclosedEnd func(q *quoteSpan, p *segment.Paragraph) int32) {
	s.doc = doc
	s.quotes = s.quotes[:0]
	for pi := range doc.Paragraphs {
		p := &doc.Paragraphs[pi]
		s.scanParagraph(int32(pi), p, unclosedEnd)
	}
}

func (s *quoteScanner) scanParagraph(pi int32, p *segment.Paragraph, unclosedEnd func(q *quoteSpan, p *segment.Paragraph) int32) {
	toks := s.doc.Tokens
	if s.dialogueDash && p.FirstTok < p.LastTok && toks[p.FirstTok].Kind == segment.Dash {
		s.dashTurn(pi, p, unclosedEnd)
		return
	}
	open := int32(-1)  // token of the open top-level mark
	inner := int32(-1) // token of an open nested mark
	var innerMark rune
	var openMark rune
	for i := p.FirstTok; i < p.LastTok; i++ {
		t := &toks[i]
		if t.Kind != segment.QuoteMark {
			continue
		}
		role := s.role(i, p.FirstTok, p.LastTok)
		if role == roleNone {
			continue
		}
		if open < 0 {
			if role == roleOpen || role == roleEither {
				open, openMark = i, t.Mark
			}
			continue
		}
		// Inside a quote: a mark of the other level nests; a closing mark
		// of this level closes.
		double := isDoubleMark(openMark)
		// The closing mark of a nested pair of the same level (the ” of
		// “…” inside «…») closes the nested quote, not the open one.
		if inner >= 0 && role != roleOpen && s.otherPair(openMark, innerMark) && s.closesPair(innerMark, t.Mark) {
			inner = -1
			continue
		}
		if (isDoubleMark(t.Mark) != double || s.otherPair(openMark, t.Mark)) && t.Mark != '`' {
			if role == roleOpen && inner < 0 {
				inner, innerMark = i, t.Mark
			} else if role == roleClose && inner >= 0 {
				inner = -1
			}
			continue
		}
		if role == roleClose || role == roleEither {
			q := quoteSpan{
				open: open, close: i, last: i + 1,
				start: int(toks[open].Start), end: int(t.End), para: pi, single: !double,
			}
			// «A —dijo el portavoz—, B» and « A, a-t-il précisé, B »: an
			// attribution inserted inside the marks splits the quotation.
			if a, b := s.inserted(open, i); s.insertedAttribution && a > open {
				first := q
				first.close, first.last, first.end = -1, a, int(toks[a-1].End)
				first.split = true
				second := q
				second.open, second.start = b, int(toks[b].Start)
				s.quotes = append(s.quotes, first, second)
			} else {
				s.quotes = append(s.quotes, q)
			}
			open, inner = -1, -1
			continue
		}
		// A second opening mark of the same level while a quote is open:
		// the first was never closed (or was a stray mark). Close the first
		// at a boundary before this one and start again here.
		q := quoteSpan{open: open, close: -1, para: pi, single: !double, start: int(toks[open].Start)}
		q.last = s.boundedEnd(&q, p, i, unclosedEnd)
		if q.last > q.open+1 {
			q.end = int(toks[q.last-1].End)
			s.quotes = append(s.quotes, q)
		}
		open, openMark, inner = i, t.Mark, -1
	}
	if open >= 0 {
		q := quoteSpan{open: open, close: -1, para: pi, single: !isDoubleMark(openMark), start: int(toks[open].Start)}
		// The convention of reopening a quote at the next paragraph
		// without closing it: the quote runs to this paragraph's end.
		if next := pi + 1; int(next) < len(s.doc.Paragraphs) {
			np := &s.doc.Paragraphs[next]
			if np.FirstTok < np.LastTok && toks[np.FirstTok].Kind == segment.QuoteMark && s.role(np.FirstTok, np.FirstTok, np.LastTok) != roleClose {
				q.continued = true
				q.last = p.LastTok
			}
		}
		if !q.continued {
			q.last = s.boundedEnd(&q, p, p.LastTok, unclosedEnd)
		}
		if q.last > q.open+1 && !q.single {
			q.end = int(toks[q.last-1].End)
			s.quotes = append(s.quotes, q)
		}
	}
}

// otherPair reports whether mark m opens a pair other than the open one's
// and cannot close it: “…” nested in «…», as Spanish and French nest.
func (s *quoteScanner) otherPair(open, m rune) bool {
	closers, ok := s.marks.Openers[open]
	if m == open || !ok || !s.marks.Opens(m) {
		return false
	}
	for _, c := range closers {
		if c == m {
			return false
		}
	}
	return true
}

// closesPair reports whether mark m closes a quotation opened by open.
func (s *quoteScanner) closesPair(open, m rune) bool {
	if m == open {
		return s.marks.Symmetric(m)
	}
	for _, c := range s.marks.Openers[open] {
		if c == m {
			return true
		}
	}
	return false
}

// boundedEnd chooses where an unclosed quote ends: never past limit, and
// where the caller's rule says the quoted speech stops.
func (s *quoteScanner) boundedEnd(q *quoteSpan, p *segment.Paragraph, limit int32, unclosedEnd func(q *quoteSpan, p *segment.Paragraph) int32) int32 {
	end := unclosedEnd(q, p)
	if end > limit {
		end = limit
	}
	return end
}

// markContinuations flags quotes that reopen a quote continued from the
// previous paragraph.
func (s *quoteScanner) markContinuations() {
	for i := 1; i < len(s.quotes); i++ {
		prev, q := &s.quotes[i-1], &s.quotes[i]
		if prev.continued && q.para == prev.para+1 && q.open == s.doc.Paragraphs[q.para].FirstTok {
			q.continues = true
		}
	}
}

// dashTurn records a speaker's turn opened by a dash at the start of a
// paragraph. The turn runs to a dash before an inserted attribution
// ("—No vamos a rendirnos —dijo el portavoz—"), or to the comma before an
// attribution that ends a sentence ("— On a tout perdu, soupire le
// gérant"), or to the paragraph's end. When the paragraph goes on after the
// attribution ("—A —relató Julián Prieto—. B", "— A, lui lance sa voisine.
// B"), the turn resumes there: a second part, as with an attribution
// inserted in one pair of marks.
func (s *quoteScanner) dashTurn(pi int32, p *segment.Paragraph, unclosedEnd func(q *quoteSpan, p *segment.Paragraph) int32) {
	toks := s.doc.Tokens
	first := p.FirstTok
	end, resume := p.LastTok, int32(-1)
	for k := first + 1; k+1 < p.LastTok; k++ {
		if toks[k].Kind == segment.Dash && toks[k+1].Kind == segment.Word && toks[k+1].Flags&segment.Upper == 0 && toks[k+1].Has(lang.Cue) {
			end = k
			// The dash that closes the attribution, then what follows.
			for m := k + 2; m < p.LastTok && m-k <= maxInserted; m++ {
				if toks[m].Kind == segment.Dash {
					b := m + 1
					for b < p.LastTok && toks[b].Kind == segment.Punct && (toks[b].Mark == '.' || toks[b].Mark == ',') {
						b++
					}
					if b+1 < p.LastTok {
						resume = b
					}
					break
				}
			}
			break
		}
	}
	q := quoteSpan{open: first, close: -1, para: pi, start: int(toks[first].Start), dash: true}
	if end == p.LastTok {
		end = unclosedEnd(&q, p)
		// An attribution that ends a sentence before the last.
		if end == p.LastTok && s.sentenceEnd != nil {
			if b, next := s.sentenceEnd(p); b > first+1 && next+1 < p.LastTok {
				end, resume = b, next
			}
		}
	}
	if end <= first+1 {
		return
	}
	q.last = end
	q.end = int(toks[end-1].End)
	if resume < 0 {
		s.quotes = append(s.quotes, q)
		return
	}
	q.split = true
	rest := quoteSpan{open: resume, close: -1, last: p.LastTok, start: int(toks[resume].Start), end: int(toks[p.LastTok-1].End), para: pi, dash: true}
	s.quotes = append(s.quotes, q, rest)
}

// maxInserted bounds the attribution inserted in a quotation.
const maxInserted = 14

// inserted finds an attribution set off inside the quotation between the
// marks at open and close: a dash or comma, a cue verb (after auxiliaries
// and with an enclitic pronoun), its speaker, and a closing dash or comma.
// It returns the first token of the insertion and the first token of the
// quotation after it, or open, open.
func (s *quoteScanner) inserted(open, close int32) (int32, int32) {
	toks := s.doc.Tokens
	for k := open + 1; k+2 < close; k++ {
		if !isInsertMark(&toks[k]) {
			continue
		}
		j := k + 1
		for j < close && toks[j].Kind == segment.Word && betweenVerb(&toks[j]) {
			j++
		}
		// "a-t-il précisé": the enclitic pronoun joined to the auxiliary.
		if j > k+1 && j+1 < close && toks[j].Kind == segment.Punct && toks[j].Mark == '-' && toks[j+1].Has(lang.Pronoun) {
			j += 2
		}
		if j >= close || toks[j].Kind != segment.Word || toks[j].Flags&segment.Upper != 0 {
			continue
		}
		// The pronoun of "a-t-il" stands between the auxiliary and the verb.
		if toks[j].Has(lang.Pronoun) && j+1 < close && !toks[j].Has(lang.Cue) {
			j++
		}
		if !toks[j].Has(lang.Cue) && !(j > k+1 && toks[j-1].Kind == segment.Punct && toks[j-1].Mark == '-' && toks[j+1-1].Has(lang.Pronoun)) {
			continue
		}
		// A participle without its auxiliary lists what was done ("nous
		// avons fait appel à des intérimaires, rappelé des retraités"):
		// it is not an attribution.
		if j == k+1 && s.lang != nil && s.lang.IsPast(s.doc.Text[toks[j].Start:toks[j].End]) {
			continue
		}
		// An insertion opened by a dash closes with a dash ("—dijo el
		// portavoz del comité, Rubén Ortega—,"): a comma inside it is
		// part of the speaker's phrase.
		dash := toks[k].Kind == segment.Dash
		// A comma before a capitalised word may set off the speaker's
		// name ("a reconnu la directrice, Carole Maillard. …"): the
		// insertion then ends at the next mark, if there is one.
		apposed := int32(-1)
		for m := j + 1; m < close && m-k <= maxInserted; m++ {
			// « A, a reconnu la directrice. B »: an insertion opened by a
			// comma may end the sentence.
			if !dash && toks[m].Kind == segment.Punct && toks[m].Mark == '.' && m+1 < close && toks[m+1].Flags&segment.SentenceStart != 0 {
				return k, m + 1
			}
			if isInsertMark(&toks[m]) && (!dash || toks[m].Kind == segment.Dash) {
				b := m + 1
				for b < close && toks[b].Kind == segment.Punct && toks[b].Mark == ',' {
					b++
				}
				if !dash && apposed < 0 && b+1 < close && toks[b].Kind == segment.Word && toks[b].Flags&segment.Upper != 0 && !toks[m-1].Has(lang.Pronoun) {
					apposed = b
					continue
				}
				if b < close {
					return k, b
				}
			}
			if toks[m].Kind == segment.QuoteMark {
				break
			}
		}
		if apposed >= 0 {
			return k, apposed
		}
	}
	return open, open
}

func isInsertMark(t *segment.Token) bool {
	return t.Kind == segment.Dash || t.Kind == segment.Punct && t.Mark == ','
}
