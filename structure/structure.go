package structure

import (
	"strings"
	"unicode"

	"verbatim"
	"verbatim/lang"
)

// kind is what a line of the article is.
type kind uint8

const (
	story kind = iota
	title
	subhead
	bylineLine
	credit
	bio
	separator
	timeStamp
	dateLineKind
	note
)

// Shape limits. A headline ending in a period (PolNeAR appends one) is told
// from a lead sentence by length only, so its limit is tighter than that of a
// headline without final punctuation; German Wikinews leads, which are not
// headlines, are mostly longer than fifteen words.
const (
	maxTitleWords       = 25
	maxTitleBytes       = 300
	maxPeriodTitleWords = 15
	maxPeriodTitleBytes = 200
	maxSubheadWords     = 12
	maxSubheadBytes     = 120
	// A bio is end matter: it must start among the last few lines.
	maxBioLines = 8
	// A dateline opens the story: it must be among its first lines.
	maxDatelineLine = 4
)

// line is one non-blank line of the text.
type line struct {
	start, end int // bounds in the text, without surrounding spaces
	// blankBefore says a blank line separates it from the previous line.
	blankBefore bool
	kind        kind
	// candidate says the line has a subhead's shape; whether it is one
	// depends on its neighbours.
	candidate bool
}

type parser struct {
	text  string
	w     *lang.StructureWords
	lines []line
	art   verbatim.Article

	byline      *byline // of the first byline line
	bylineIdx   int
	creditIdx   int // first credit line, or -1
	creditValue string
	date        string
	dl          *dateline
	dlIdx       int
	bioIdx      int // first bio line, or -1
	bioName     [2]int
	trailIdx    int // story line whose end holds an agency credit, or -1
	trailCut    int // where that line's story text ends
	trailCredit verbatim.Span
	trailAgency string
}

// Parse finds the structure of text using the language's words. It never
// fails: text it cannot read as structure is story, and every span it
// returns satisfies Span.Validate against text. A nil words table is read as
// an empty one, which finds titles, subheads, separators and paragraphs only.
func Parse(text string, words *lang.StructureWords) verbatim.Article {
	if words == nil {
		words = &lang.StructureWords{}
	}
	p := &parser{text: text, w: words, bylineIdx: -1, creditIdx: -1, dlIdx: -1, bioIdx: -1, trailIdx: -1}
	p.split()
	p.classify()
	p.findTitle()
	p.findBio()
	p.findDateline()
	p.findSubheads()
	p.findTrailingCredit()
	p.collect()
	return p.art
}

func (p *parser) str(i int) string { return p.text[p.lines[i].start:p.lines[i].end] }

func (p *parser) span(start, end int) *verbatim.Span {
	s := verbatim.NewSpan(p.text, start, end)
	return &s
}

// split cuts the text into its non-blank lines. Texts separate paragraphs
// by single newlines, blank lines or both, so every line is a paragraph and
// blank lines only inform the title and subhead tests.
func (p *parser) split() {
	blank := false
	for pos := 0; pos <= len(p.text); {
		nl := strings.IndexByte(p.text[pos:], '\n')
		end := len(p.text)
		if nl >= 0 {
			end = pos + nl
		}
		s, e := trim(p.text, pos, end)
		if s < e {
			p.lines = append(p.lines, line{start: s, end: e, blankBefore: blank})
			blank = false
		} else if len(p.lines) > 0 {
			blank = true
		}
		if nl < 0 {
			break
		}
		pos = end + 1
	}
}

// classify marks the lines whose kind shows without context.
func (p *parser) classify() {
	for i := range p.lines {
		l := &p.lines[i]
		s := p.str(i)
		switch {
		case isSeparator(s):
			l.kind = separator
		case isTimeStamp(s, p.w):
			l.kind = timeStamp
		default:
			if b, ok := parseByline(s, p.w); ok {
				l.kind = bylineLine
				if p.byline == nil {
					p.byline, p.bylineIdx = &b, i
				}
			} else if v, ok := creditLine(s, p.w); ok {
				l.kind = credit
				if p.creditIdx < 0 {
					p.creditIdx, p.creditValue = i, v
				}
			} else if noteLine(s, p.w) {
				l.kind = note
			} else if d, ok := dateLine(s, p.w); ok {
				l.kind = dateLineKind
				if p.date == "" {
					p.date = d
				}
			}
		}
	}
}

// findTitle takes the first line as the headline when it has a headline's
// shape: short and without final punctuation, or short, ending in a period
// and followed by a blank line. A lone line is a paragraph, not a title.
func (p *parser) findTitle() {
	if len(p.lines) < 2 || p.lines[0].kind != story {
		return
	}
	s := p.str(0)
	if _, ok := parseDateline(s, p.w); ok {
		return
	}
	words := countWords(s, maxTitleWords+1)
	next := p.lines[1]
	nextStr := p.str(1)
	ok := false
	switch r := lastMark(s); r {
	case ':', ',':
		// introduces or continues what follows
	case ';':
		// a headline followed by its deck ("X; Y")
		ok = words <= maxTitleWords && len(s) <= maxTitleBytes
	case '.', '!', '?', '…':
		ok = next.blankBefore && words <= maxPeriodTitleWords && len(s) <= maxPeriodTitleBytes
	default:
		ok = words <= maxTitleWords && len(s) <= maxTitleBytes &&
			(next.blankBefore || !startsLower(nextStr) && firstRune(nextStr) != '(')
	}
	if ok {
		p.lines[0].kind = title
	}
}

// firstStory is the index of the first story line, or -1.
func (p *parser) firstStory() int {
	for i, l := range p.lines {
		if l.kind == story {
			return i
		}
	}
	return -1
}

// findBio looks for a first-person author bio among the last lines. The bio
// runs from its opener over the story lines after it, up to the end of the
// text or to the next credit, separator or other end matter.
func (p *parser) findBio() {
	first := p.firstStory()
	if first < 0 {
		return
	}
	n := len(p.lines)
	for i := max(first+1, n-maxBioLines); i < n; i++ {
		if p.lines[i].kind != story {
			continue
		}
		s := p.str(i)
		nameLine := i
		ns, ne, named := bioOpener(s, p.w)
		if !named {
			if !isBioHeading(s, p.w) {
				continue
			}
			if i+1 < n && p.lines[i+1].kind == story {
				nameLine = i + 1
				ns, ne, named = bioOpener(p.str(i+1), p.w)
			}
		}
		j := i
		for j+1 < n && p.lines[j+1].kind == story {
			j++
		}
		for k := i; k <= j; k++ {
			p.lines[k].kind = bio
		}
		p.bioIdx = i
		p.art.Bio = p.span(p.lines[i].start, p.lines[j].end)
		if named {
			off := p.lines[nameLine].start
			p.bioName = [2]int{off + ns, off + ne}
		}
		return
	}
}

// findDateline reads a dateline at the start of the story's first paragraph.
func (p *parser) findDateline() {
	i := p.firstStory()
	if i < 0 || i > maxDatelineLine {
		return
	}
	if d, ok := parseDateline(p.str(i), p.w); ok {
		p.dl, p.dlIdx = &d, i
		off := p.lines[i].start
		p.art.Dateline = p.span(off, off+d.end)
	}
}

// isSubheadShape reports whether a story line looks like a subhead: a few
// words, starting with a capital or digit, without final sentence
// punctuation, not opening with a quotation mark and not leaving a
// quotation open.
func isSubheadShape(s string) bool {
	if len(s) > maxSubheadBytes || countWords(s, maxSubheadWords+1) > maxSubheadWords {
		return false
	}
	r := firstRune(s)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	switch lastMark(s) {
	case 0, '.', '!', '?', '…', ':', ';', ',', '-', '–', '—', '/', '&', '(', '\\':
		return false
	}
	letters, doubles, openSingle, closeSingle := 0, 0, 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == '"' || r == '“' || r == '”' || r == '„' || r == '«' || r == '»':
			doubles++
		case r == '‘' || r == '‚':
			openSingle++
		case r == '’':
			closeSingle++
		}
	}
	return letters >= 2 && doubles%2 == 0 && openSingle <= closeSingle
}

// findSubheads confirms subhead-shaped lines by their neighbours: a subhead
// stands alone between story paragraphs. A run of short lines is a list, a
// short line after a line that breaks off mid-sentence or before one that
// starts in lowercase is wrapped text, and a short line at the end is not
// followed by the section a subhead heads; all of these stay story.
func (p *parser) findSubheads() {
	for i := range p.lines {
		if p.lines[i].kind == story {
			p.lines[i].candidate = isSubheadShape(p.str(i))
		}
	}
	n := len(p.lines)
	for i := 1; i+1 < n; i++ {
		l := &p.lines[i]
		if !l.candidate || l.kind != story || i == p.dlIdx {
			continue
		}
		prev, next := p.lines[i-1], p.lines[i+1]
		switch prev.kind {
		case story:
			// After "He said:" comes what he said, not a heading.
			prevStr := p.str(i - 1)
			if prev.candidate || lastMark(prevStr) == ':' || !l.blankBefore && !endsSentence(prevStr) {
				continue
			}
		case bio, subhead:
			continue
		}
		if next.kind != story || next.candidate || startsLower(p.str(i+1)) {
			continue
		}
		l.kind = subhead
	}
}

// findTrailingCredit reads an agency credit at the end of the last story
// paragraph ("... on Monday. (Reuters)", "... said. — AP").
func (p *parser) findTrailingCredit() {
	last := -1
	for i := len(p.lines) - 1; i >= 0; i-- {
		if p.lines[i].kind == story {
			last = i
			break
		}
	}
	if last < 0 {
		return
	}
	s := p.str(last)
	cut, cs := -1, -1
	var name string
	if strings.HasSuffix(s, ")") {
		if o := strings.LastIndexByte(s, '('); o > 0 && len(s)-o <= maxAgencyBytes+2 {
			if name = agency(s[o+1:len(s)-1], p.w); name != "" {
				cut, cs = o, o
			}
		}
	} else if len(s) > 0 {
		tail := s[max(0, len(s)-maxAgencyBytes-6):]
		for _, dash := range []string{" — ", " – ", " - ", " -- "} {
			o := strings.LastIndex(tail, dash)
			if o < 0 {
				continue
			}
			if name = agency(strings.TrimRight(tail[o+len(dash):], "."), p.w); name != "" {
				cut = len(s) - len(tail) + o
				cs = cut + 1
				break
			}
		}
	}
	if cut <= 0 {
		return
	}
	_, e := trim(s, 0, cut)
	if e == 0 || !endsSentence(s[:e]) {
		return
	}
	off := p.lines[last].start
	p.trailIdx, p.trailCut, p.trailAgency = last, off+e, name
	p.trailCredit = verbatim.NewSpan(p.text, off+cs, p.lines[last].end)
}

// collect fills the article from the classified lines.
func (p *parser) collect() {
	a := &p.art
	a.Subheads = []verbatim.Span{}
	a.Notes = []verbatim.Span{}
	n := 0
	for _, l := range p.lines {
		if l.kind == story {
			n++
		}
	}
	a.Paragraphs = make([]verbatim.Span, 0, n)
	for i, l := range p.lines {
		switch l.kind {
		case title:
			a.TitleSpan = p.span(l.start, l.end)
			a.Title = a.TitleSpan.Text
		case subhead:
			a.Subheads = append(a.Subheads, verbatim.NewSpan(p.text, l.start, l.end))
		case note:
			a.Notes = append(a.Notes, verbatim.NewSpan(p.text, l.start, l.end))
		case story:
			end := l.end
			if i == p.trailIdx {
				end = p.trailCut
			}
			a.Paragraphs = append(a.Paragraphs, verbatim.NewSpan(p.text, l.start, end))
		}
	}

	var bylineAgency string
	if p.byline != nil {
		l := p.lines[p.bylineIdx]
		a.Byline = p.span(l.start, l.end)
		name := p.text[l.start+p.byline.nameStart : l.start+p.byline.nameEnd]
		if ag := agency(name, p.w); ag != "" {
			bylineAgency = ag
		} else {
			a.Author = name
		}
		if ag := agency(p.byline.tail, p.w); ag != "" && bylineAgency == "" {
			bylineAgency = ag
		}
		if p.date == "" && isDate(p.byline.tail, p.w) {
			p.date = p.byline.tail
		}
	}
	if a.Author == "" && p.bioName[1] > p.bioName[0] {
		a.Byline = p.span(p.bioName[0], p.bioName[1])
		a.Author = a.Byline.Text
	}
	if a.Bio != nil {
		if s, e, ok := employer(a.Bio.Text, p.w); ok {
			a.Publisher = a.Bio.Text[s:e]
		}
	}

	switch {
	case p.creditIdx >= 0:
		l := p.lines[p.creditIdx]
		a.CreditSpan = p.span(l.start, l.end)
		a.SourceCredit = p.creditValue
	case p.dl != nil && p.dl.credit != "":
		off := p.lines[p.dlIdx].start
		a.CreditSpan = p.span(off+p.dl.agencyStart, off+p.dl.agencyEnd)
		a.SourceCredit = p.dl.credit
	case p.trailIdx >= 0:
		s := p.trailCredit
		a.CreditSpan = &s
		a.SourceCredit = p.trailAgency
	case bylineAgency != "":
		a.CreditSpan = a.Byline
		a.SourceCredit = bylineAgency
	}

	a.Date = p.date
	if a.Date == "" && p.dl != nil {
		a.Date = p.dl.date
	}
}
