package langdetect

import (
	"math/bits"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"

	"verbatim/lang"
)

// SampleBytes is how much of a text is read to detect its language: all
// of the shared evaluation articles are told apart from 256 bytes, and the
// cost grows with the sample (see BenchmarkDetect).
const SampleBytes = 384

// Detector detects the language of texts among a fixed set of codes. It is
// safe for concurrent use.
//
// It first counts function words (articles, conjunctions, prepositions from
// each language's table) in the first words of the text: in news prose one
// language wins by far, and the count costs a hash lookup per word. Only
// when the count is close or thin does it ask whatlanggo, whose trigram
// profiles cost a hundred times more.
type Detector struct {
	options  whatlanggo.Options
	fallback string
	codes    []string
	// votes maps the hash of a function word to the set of languages
	// (bit i for codes[i]) it belongs to.
	votes map[uint64]uint8
}

// Thresholds of the function-word count: how many words are read, and how
// clear a win must be to skip the trigram model; and the lead at which
// reading stops early: earlyVotes for one language, earlyMargin times as
// many as all the others together.
const (
	voteWords   = 80
	minVotes    = 4
	voteMargin  = 3
	earlyVotes  = 8
	earlyMargin = 4
	// minSoleVotes is the least count that decides a short text alone.
	minSoleVotes = 2
)

// others sums the votes of every language but k.
func others(counts []int, k int) int {
	n := 0
	for i, c := range counts {
		if i != k {
			n += c
		}
	}
	return n
}

// New returns a Detector over the given ISO 639-1 codes (all supported
// languages when none are given). fallback is returned for a text too
// short or too mixed to decide.
func New(fallback string, codes ...string) *Detector {
	if len(codes) == 0 {
		codes = lang.Codes()
		sort.Strings(codes)
	}
	d := &Detector{options: whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{}}, fallback: fallback, votes: map[uint64]uint8{}}
	for i, c := range codes {
		d.options.Whitelist[whatlanggo.CodeToLang(iso6393[c])] = true
		l, ok := lang.Get(c)
		if !ok || i >= 8 {
			continue
		}
		d.codes = append(d.codes, c)
		for _, w := range l.Words(lang.Determiner | lang.Conjunction | lang.Preposition | lang.Complementizer) {
			d.votes[lang.HashString(w)] |= 1 << i
		}
	}
	return d
}

// vote counts function words per language over the first words of text
// and returns the winner, or "" when the count is not clear. sole is the
// one language whose function words a short text holds, when it holds
// at least two of them and none of another: too few for a clear count,
// yet a better guess than trigrams over a sentence or two.
func (d *Detector) vote(text string) (winner, sole string) {
	var counts [8]int
	words := 0
	for i := 0; i < len(text) && words < voteWords; {
		// One word: a run of letters, lower-cased into the hash as read.
		for i < len(text) && !isLetter(text, i) {
			i++
		}
		h := lang.HashInit
		n := 0
		for i < len(text) && isLetter(text, i) {
			if c := text[i]; c < utf8.RuneSelf {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				h = lang.HashByte(h, c)
				i++
				n++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			var buf [utf8.UTFMax]byte
			for _, b := range utf8.AppendRune(buf[:0], unicode.ToLower(r)) {
				h = lang.HashByte(h, b)
			}
			i += size
			n++
		}
		if n == 0 {
			break
		}
		words++
		// Only words of one language vote: "de", "la", "que" belong to
		// French and Spanish alike and tell nothing between them.
		if set := d.votes[h]; set != 0 && set&(set-1) == 0 {
			k := bits.TrailingZeros8(set)
			counts[k]++
			// A lead this clear does not turn: stop reading. Most
			// articles are decided in their first twenty-odd words.
			if counts[k] >= earlyVotes && counts[k] >= earlyMargin*others(counts[:len(d.codes)], k) {
				return d.codes[k], d.codes[k]
			}
		}
	}
	best, second := -1, 0
	for k := range d.codes {
		switch {
		case best < 0 || counts[k] > counts[best]:
			if best >= 0 {
				second = counts[best]
			}
			best = k
		case counts[k] > second:
			second = counts[k]
		}
	}
	if best >= 0 && counts[best] >= minSoleVotes && second == 0 {
		sole = d.codes[best]
	}
	if best < 0 || counts[best] < minVotes || counts[best] < voteMargin*second {
		return "", sole
	}
	return d.codes[best], sole
}

func isLetter(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// iso6393 maps the two-letter codes Verbatim uses to whatlanggo's three-letter ones.
var iso6393 = map[string]string{"en": "eng", "de": "deu", "fr": "fra", "es": "spa"}

// Confident returns the code of text's language when its function words
// leave no doubt, else "": for parts of a text (a paragraph), where a
// wrong guess would cost more than keeping the text's own language.
func (d *Detector) Confident(text string) string {
	code, _ := d.vote(text)
	return code
}

// Detect returns the code of text's language, or the fallback.
func (d *Detector) Detect(text string) string {
	code, sole := d.vote(text)
	if code != "" {
		return code
	}
	if sole != "" {
		return sole
	}
	sample := text
	if len(sample) > SampleBytes {
		cut := SampleBytes
		for cut > 0 && !utf8.RuneStart(sample[cut]) {
			cut--
		}
		sample = sample[:cut]
	}
	info := whatlanggo.DetectWithOptions(sample, d.options)
	code = whatlanggo.LangToStringShort(info.Lang)
	if _, ok := lang.Get(code); !ok || info.Confidence == 0 {
		return d.fallback
	}
	return code
}
