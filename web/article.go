package web

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"verbatim"
)

// The article view: the text cut into blocks (headline, byline, paragraphs,
// credit, bio) and each block into pieces that are plain, inside a quote,
// a cue or a speaker mention. Templates render the pieces; no HTML is built
// here, so html/template escapes every byte of the article.

// palette is the number of speaker colours in style.css (.c0 ... .c9).
const palette = 10

type articleView struct {
	ID        int64 // 0 for an analysis that was not stored
	Title     string
	TitleText bool // the headline is a block of the text
	Author    string
	Outlet    string
	OutletID  int64
	URL       string // only http(s) URLs, else ""
	Published time.Time
	Lang      string
	Blocks    []block
	Quotes    []quoteView
	Speakers  []speakerPanel
	Entities  []verbatim.Entity
	Bytes     int
}

type block struct {
	// Kind is one of headline, byline, subhead, paragraph, credit, bio,
	// other (text the structure left unclassified).
	Kind   string
	Pieces []piece
}

type piece struct {
	Text string
	// Quote is the index of the quote this piece is part of, or -1.
	Quote int
	Color int
	// Anchor is set on the first piece of a quote, as its element id.
	Anchor string
	Cue    bool
	Who    bool
	// Of is the quote a cue or mention outside any quote belongs to.
	Of int
}

type quoteView struct {
	Index       int
	ID          int64 // 0 when the statistics do not know the quote yet
	Anchor      string
	Kind        verbatim.QuoteKind
	Text        string
	Cue         string
	CueLemma    string
	Mention     string
	SpeakerRef  string
	SpeakerType verbatim.SpeakerType
	SpeakerID   int64
	Color       int
}

// Speaker is the name to show for the quote's speaker.
func (q quoteView) Speaker() string {
	return cmp.Or(q.SpeakerRef, q.Mention, "unattributed")
}

type speakerPanel struct {
	Name   string
	Type   verbatim.SpeakerType
	ID     int64
	Color  int
	Quotes []quoteView
}

// safeURL returns u when it is an absolute http(s) URL, else "": stored
// URLs come from the input, and only web links are made clickable.
func safeURL(u string) string {
	l := strings.ToLower(strings.TrimSpace(u))
	if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return strings.TrimSpace(u)
	}
	return ""
}

// newArticleView lays out an article. facts, when they match the quotes
// one to one, give the quotes' ids and speaker identities.
func newArticleView(a *verbatim.StoredArticle, facts []fact, st *stats) *articleView {
	v := &articleView{ID: a.ID, Title: a.Title, Author: a.Author, Outlet: a.OutletName(), URL: safeURL(a.URL),
		Published: a.Published, Lang: a.Lang, Bytes: len(a.Text)}
	an := a.Analysis
	if an == nil {
		an = &verbatim.Analysis{}
	}
	if len(facts) != len(an.Quotes) {
		facts = nil
	}
	v.Entities = an.Entities
	// Quotes, with a colour per speaker in order of first appearance.
	colors := map[string]int{}
	panels := map[string]*speakerPanel{}
	var order []string
	for i, q := range an.Quotes {
		qv := quoteView{Index: i, Kind: q.Kind, Text: q.Content.Text, CueLemma: q.CueLemma,
			SpeakerRef: q.SpeakerRef, SpeakerType: q.SpeakerType, Anchor: "q" + strconv.Itoa(i)}
		if q.Cue != nil {
			qv.Cue = q.Cue.Text
		}
		if q.Speaker != nil {
			qv.Mention = q.Speaker.Text
		}
		if facts != nil {
			qv.ID = facts[i].quote
			qv.Anchor = "quote-" + strconv.FormatInt(qv.ID, 10)
			qv.SpeakerID = st.speakerID(facts[i].speaker)
		}
		key := "ref:" + strings.ToLower(qv.Speaker())
		if qv.SpeakerID != 0 {
			key = "id:" + strconv.FormatInt(qv.SpeakerID, 10)
		}
		c, ok := colors[key]
		if !ok {
			c = len(colors) % palette
			colors[key] = c
			panels[key] = &speakerPanel{Name: qv.Speaker(), Type: q.SpeakerType, ID: qv.SpeakerID, Color: c}
			order = append(order, key)
		}
		qv.Color = c
		panels[key].Quotes = append(panels[key].Quotes, qv)
		v.Quotes = append(v.Quotes, qv)
	}
	for _, k := range order {
		v.Speakers = append(v.Speakers, *panels[k])
	}
	slices.SortStableFunc(v.Speakers, func(a, b speakerPanel) int { return cmp.Compare(len(b.Quotes), len(a.Quotes)) })

	v.Blocks = layoutBlocks(a.Text, an, v.Quotes)
	if len(v.Blocks) > 0 && v.Blocks[0].Kind == "headline" {
		v.TitleText = true
	}
	if v.Title == "" {
		v.Title = cmp.Or(an.Article.Title, "Untitled article")
	}
	return v
}

type blockSpan struct {
	kind       string
	start, end int
}

// layoutBlocks cuts the text into structural blocks and the blocks into
// pieces.
func layoutBlocks(text string, an *verbatim.Analysis, quotes []quoteView) []block {
	ar := an.Article
	var spans []blockSpan
	add := func(kind string, s *verbatim.Span) {
		if s != nil && !s.Empty() && s.End <= len(text) && s.Start >= 0 {
			spans = append(spans, blockSpan{kind, s.Start, s.End})
		}
	}
	add("headline", ar.TitleSpan)
	add("byline", ar.Byline)
	add("credit", ar.CreditSpan)
	add("bio", ar.Bio)
	for i := range ar.Subheads {
		add("subhead", &ar.Subheads[i])
	}
	for i := range ar.Notes {
		add("note", &ar.Notes[i])
	}
	for i := range ar.Paragraphs {
		add("paragraph", &ar.Paragraphs[i])
	}
	slices.SortStableFunc(spans, func(a, b blockSpan) int { return cmp.Compare(a.start, b.start) })
	// Blocks must not overlap; a later one that does is cut. Text between
	// blocks that is more than white space becomes a block of its own, so
	// that the page shows the whole text.
	var blocks []blockSpan
	pos := 0
	for _, s := range spans {
		if s.end <= pos {
			continue
		}
		if s.start < pos {
			s.start = pos
		}
		if strings.TrimSpace(text[pos:s.start]) != "" {
			blocks = append(blocks, blockSpan{"other", pos, s.start})
		}
		blocks = append(blocks, s)
		pos = s.end
	}
	if strings.TrimSpace(text[pos:]) != "" {
		blocks = append(blocks, blockSpan{"other", pos, len(text)})
	}
	if blocks != nil && blocks[0].kind != "headline" {
		for i := range blocks {
			if blocks[i].kind == "headline" {
				// A headline that is not first is shown where it is, as
				// a subhead.
				blocks[i].kind = "subhead"
			}
		}
	}

	pieces := cutPieces(text, an.Quotes, quotes, blocks)
	out := make([]block, 0, len(blocks))
	pi := 0
	for _, b := range blocks {
		blk := block{Kind: b.kind}
		for pi < len(pieces) && pieces[pi].start < b.end {
			if pieces[pi].start >= b.start {
				blk.Pieces = append(blk.Pieces, pieces[pi].piece)
			}
			pi++
		}
		trimPieces(&blk)
		out = append(out, blk)
	}
	return out
}

// trimPieces drops white space at the ends of a block; the page lays out
// the blocks itself.
func trimPieces(b *block) {
	for len(b.Pieces) > 0 && b.Pieces[0].Quote < 0 && !b.Pieces[0].Cue && !b.Pieces[0].Who {
		b.Pieces[0].Text = strings.TrimLeft(b.Pieces[0].Text, " \t\r\n")
		if b.Pieces[0].Text != "" {
			break
		}
		b.Pieces = b.Pieces[1:]
	}
	for n := len(b.Pieces); n > 0 && b.Pieces[n-1].Quote < 0 && !b.Pieces[n-1].Cue && !b.Pieces[n-1].Who; n = len(b.Pieces) {
		b.Pieces[n-1].Text = strings.TrimRight(b.Pieces[n-1].Text, " \t\r\n")
		if b.Pieces[n-1].Text != "" {
			break
		}
		b.Pieces = b.Pieces[:n-1]
	}
}

type posPiece struct {
	start int
	piece
}

type interval struct {
	start, end int
	what       int // 0 quote content, 1 cue, 2 speaker mention
	quote      int
}

// cutPieces sweeps over the text once: every boundary of a quote piece, a
// cue, a mention or a block starts a new piece. Inside nested quotes the
// shortest wins. The sweep keeps only the intervals open at the current
// position, so hostile inputs with many quotes stay near linear.
func cutPieces(text string, qs []verbatim.Quote, views []quoteView, blocks []blockSpan) []posPiece {
	var ivs []interval
	ok := func(s verbatim.Span) bool { return s.Start >= 0 && s.End <= len(text) && s.Start < s.End }
	for i, q := range qs {
		for _, p := range q.Content.Pieces() {
			if ok(p) {
				ivs = append(ivs, interval{p.Start, p.End, 0, i})
			}
		}
		if q.Cue != nil && ok(*q.Cue) {
			ivs = append(ivs, interval{q.Cue.Start, q.Cue.End, 1, i})
		}
		if q.Speaker != nil && ok(*q.Speaker) {
			ivs = append(ivs, interval{q.Speaker.Start, q.Speaker.End, 2, i})
		}
	}
	slices.SortFunc(ivs, func(a, b interval) int { return cmp.Compare(a.start, b.start) })
	cuts := make([]int, 0, 2*len(ivs)+2*len(blocks)+2)
	cuts = append(cuts, 0, len(text))
	for _, iv := range ivs {
		cuts = append(cuts, iv.start, iv.end)
	}
	for _, b := range blocks {
		cuts = append(cuts, b.start, b.end)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)

	var out []posPiece
	var open []interval
	next := 0
	anchored := make([]bool, len(qs))
	for ci := 0; ci+1 < len(cuts); ci++ {
		lo, hi := cuts[ci], cuts[ci+1]
		// Keep the intervals covering [lo, hi).
		open = slices.DeleteFunc(open, func(iv interval) bool { return iv.end <= lo })
		for next < len(ivs) && ivs[next].start <= lo {
			if ivs[next].end > lo {
				open = append(open, ivs[next])
			}
			next++
		}
		p := piece{Text: text[lo:hi], Quote: -1, Of: -1}
		best := -1
		for _, iv := range open {
			switch iv.what {
			case 0:
				if best < 0 || iv.end-iv.start < best {
					best = iv.end - iv.start
					p.Quote = iv.quote
				}
			case 1:
				p.Cue = true
				if p.Of < 0 {
					p.Of = iv.quote
				}
			case 2:
				p.Who = true
				if p.Of < 0 {
					p.Of = iv.quote
				}
			}
		}
		if p.Quote >= 0 {
			p.Color = views[p.Quote].Color
			if !anchored[p.Quote] {
				anchored[p.Quote] = true
				p.Anchor = views[p.Quote].Anchor
			}
		} else if p.Of >= 0 {
			p.Color = views[p.Of].Color
		}
		out = append(out, posPiece{lo, p})
	}
	return out
}

// shorten cuts s to at most n runes at a word boundary, with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if n == 0 {
			cut = i
			break
		}
		n--
	}
	if j := strings.LastIndexByte(s[:cut], ' '); j > cut/2 {
		cut = j
	}
	return s[:cut] + "…"
}
