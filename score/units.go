package score

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"verbatim"
)

// isTrimmable reports whether r may be dropped from either end of a span.
// Annotators disagree on whether the quotation marks, the closing full stop
// or the space before a dash belong to a quote; trimming them on both sides
// keeps those disagreements from costing overlap. The two-character marks (two
// apostrophes, two backticks) need no entry of their own: each of their
// characters is trimmable.
func isTrimmable(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '‟', '«', '»', '‹', '›', '‘', '’', '‚', '\'', '`',
		'.', ',', ';', ':', '!', '?', '…', '¡', '¿', '‽', '·':
		return true
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Pd, r)
}

// spanText returns the text a span covers. The article text is trusted over
// the span's own Text field, which a buggy extractor may have left stale; the
// field is the fallback for spans whose offsets lie outside the article.
func spanText(text string, s verbatim.Span) (string, bool) {
	if s.Start >= 0 && s.Start <= s.End && s.End <= len(text) {
		return text[s.Start:s.End], true
	}
	if len(s.Text) == s.Len() && s.Start >= 0 {
		return s.Text, true
	}
	return "", false
}

// trimSpan narrows s to exclude trimmable runes at either end. Offsets it
// cannot read text for are kept as they are, so that a span with bad offsets
// still scores by position rather than vanishing.
func trimSpan(text string, s verbatim.Span) (start, end int) {
	covered, ok := spanText(text, s)
	if !ok {
		return s.Start, s.End
	}
	start, end = s.Start, s.End
	for covered != "" {
		r, size := utf8.DecodeRuneInString(covered)
		if !isTrimmable(r) {
			break
		}
		covered, start = covered[size:], start+size
	}
	for covered != "" {
		r, size := utf8.DecodeLastRuneInString(covered)
		if !isTrimmable(r) {
			break
		}
		covered, end = covered[:len(covered)-size], end-size
	}
	return start, end
}

// interval is a trimmed, non-empty stretch of text: [start, end) in bytes.
type interval struct{ start, end int }

func (iv interval) length() int { return iv.end - iv.start }

func (iv interval) overlap(other interval) int {
	return max(0, min(iv.end, other.end)-max(iv.start, other.start))
}

// trimmedPieces returns the segments of s (or s itself), trimmed, with the
// pieces that trim to nothing left out.
func trimmedPieces(text string, s verbatim.Span) []interval {
	var pieces []interval
	for _, piece := range s.Pieces() {
		start, end := trimSpan(text, piece)
		if end > start {
			pieces = append(pieces, interval{start, end})
		}
	}
	return pieces
}

// fragment is a speaker or cue span reduced to its trimmed pieces, so that a
// discontinuous cue ("said ... in a statement") overlaps by what it covers,
// not by the gap between its parts.
type fragment struct {
	pieces []interval
	text   string
}

func newFragment(text string, s *verbatim.Span) fragment {
	if s == nil {
		return fragment{}
	}
	f := fragment{pieces: trimmedPieces(text, *s)}
	if covered, ok := spanText(text, *s); ok {
		f.text = covered
	} else {
		f.text = s.Text
	}
	return f
}

func (f fragment) present() bool { return len(f.pieces) > 0 }

func (f fragment) length() int {
	total := 0
	for _, p := range f.pieces {
		total += p.length()
	}
	return total
}

func (f fragment) overlap(other fragment) int {
	total := 0
	for _, p := range f.pieces {
		for _, q := range other.pieces {
			total += p.overlap(q)
		}
	}
	return total
}

// unit is the thing matched: one piece of a quote's content, carrying what
// the whole quote says about who spoke and how.
type unit struct {
	interval
	classes    classSet
	speaker    fragment
	speakerRef string
	cue        fragment
}

// quoteUnits splits quotes into units. Speaker and cue fragments are shared by
// all units of a quote: they are computed once per quote.
func quoteUnits(text string, quotes []verbatim.Quote) []unit {
	var units []unit
	for i := range quotes {
		q := &quotes[i]
		pieces := trimmedPieces(text, q.Content)
		if len(pieces) == 0 {
			continue
		}
		speaker, cue := newFragment(text, q.Speaker), newFragment(text, q.Cue)
		classes := classesOf(q.Kind)
		for _, piece := range pieces {
			units = append(units, unit{interval: piece, classes: classes,
				speaker: speaker, speakerRef: q.SpeakerRef, cue: cue})
		}
	}
	return units
}

// speakerCorrect applies the speaker rule to a matched pair. A span may be
// found by position; a name may be found by resolution, which is how a
// pronoun speaker ("he said") still counts when its referent is right.
func speakerCorrect(gold, pred unit) bool {
	if pred.speaker.present() && pred.speaker.overlap(gold.speaker) > 0 &&
		pred.speaker.length() <= 2*gold.speaker.length()+3 {
		return true
	}
	return namesAgree(speakerName(gold), speakerName(pred))
}

func speakerName(u unit) string {
	if strings.TrimSpace(u.speakerRef) != "" {
		return u.speakerRef
	}
	return u.speaker.text
}

// namesAgree compares two speaker names loosely enough that a surname meets
// the full name ("Rutte", "Mark Rutte") and strictly enough that it does not
// meet a longer word ending in it ("Brutte").
func namesAgree(a, b string) bool {
	a, b = normalizeName(a), normalizeName(b)
	if a == "" || b == "" {
		return false
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	if !strings.HasSuffix(a, b) {
		return false
	}
	if len(a) == len(b) {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(a[:len(a)-len(b)])
	return !unicode.IsLetter(before) && !unicode.IsDigit(before)
}

// normalizeName lowercases a name, folds its inner whitespace (speaker spans
// may cross a line break) and drops a leading "the" and trimmable runes at
// either end, until nothing more changes ("\"The Times\"" -> "times").
func normalizeName(name string) string {
	name = strings.Join(strings.Fields(strings.ToLower(name)), " ")
	for {
		before := name
		name = strings.TrimFunc(name, isTrimmable)
		name = strings.TrimPrefix(name, "the ")
		if name == before {
			return name
		}
	}
}
