package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"verbatim/lang"
)

// Kind is what sort of token a token is.
type Kind uint8

// The token kinds.
const (
	Word Kind = iota
	Number
	Punct
	// QuoteMark is a quotation mark or a mark that may be one (", ', ’).
	QuoteMark
	// Dash is a dash used as punctuation (—, –, " - ").
	Dash
)

// Flags describe a token's letters.
type Flags uint8

// The token flags.
const (
	// Upper: the token starts with an upper-case letter.
	Upper Flags = 1 << iota
	// AllUpper: every letter is upper case ("NATO", "AP").
	AllUpper
	// Possessive: the token is "'s" or "’s".
	Possessive
	// SpaceBefore: white space precedes the token.
	SpaceBefore
	// SpaceAfter: white space follows the token.
	SpaceAfter
	// SentenceStart: the token is the first of its sentence.
	SentenceStart
)

// Token is one word, number or punctuation mark.
type Token struct {
	Start, End int32
	Kind       Kind
	Flags      Flags
	// Mark is the punctuation or quote rune, for Punct, QuoteMark and Dash.
	Mark rune
	// Word is what the language table knows of the word's lower-case form.
	Word lang.Word
	// Hash is the FNV-1a hash of the word's lower-case form: equal words
	// have equal hashes, so later stages compare words without strings.
	Hash uint64
}

// Is reports whether the token has all the flags f.
func (t *Token) Is(f Flags) bool { return t.Flags&f == f }

// Has reports whether the token's word is in any of the classes c.
func (t *Token) Has(c lang.Class) bool { return t.Word.Class&c != 0 }

// Sentence is a run of tokens ending at a sentence boundary; sentences never
// cross a paragraph boundary.
type Sentence struct {
	Start, End int32
	// First and Last are token indexes, Last exclusive.
	First, Last int32
	Para        int32
}

// Paragraph is a story paragraph with its tokens and sentences.
type Paragraph struct {
	Start, End                  int32
	FirstTok, LastTok           int32
	FirstSentence, LastSentence int32
}

// Doc is a segmented text. Its slices are reused by the next Segment call on
// the same Doc.
type Doc struct {
	Text       string
	Tokens     []Token
	Sentences  []Sentence
	Paragraphs []Paragraph
	lower      []byte
}

// MaxSentenceTokens is the most tokens a sentence holds; longer runs are
// cut into pieces of this size.
const MaxSentenceTokens = 400

// Release drops buffers grown past everyday sizes, so that one huge
// article does not keep its memory after it is done.
func (d *Doc) Release() {
	if cap(d.Tokens) > 1<<18 {
		d.Tokens, d.Sentences, d.Paragraphs = nil, nil, nil
	}
	d.Text = ""
}

// Span is a byte range [Start, End) of the text.
type Span struct{ Start, End int }

// Segment fills d with the tokens and sentences of the given paragraphs of
// text, using the language table l for word classes and abbreviations.
func (d *Doc) Segment(text string, paragraphs []Span, l *lang.Language) {
	d.Text = text
	// About one token per five bytes of news text: sizing once avoids
	// copying the slice as it grows through a long article.
	if want := len(text)/5 + 16; cap(d.Tokens) < want {
		d.Tokens = make([]Token, 0, want)
	}
	d.Tokens = d.Tokens[:0]
	d.Sentences = d.Sentences[:0]
	d.Paragraphs = d.Paragraphs[:0]
	for _, p := range paragraphs {
		pi := int32(len(d.Paragraphs))
		para := Paragraph{Start: int32(p.Start), End: int32(p.End), FirstTok: int32(len(d.Tokens)), FirstSentence: int32(len(d.Sentences))}
		d.tokenize(p.Start, p.End, l)
		para.LastTok = int32(len(d.Tokens))
		d.split(para.FirstTok, para.LastTok, pi)
		para.LastSentence = int32(len(d.Sentences))
		d.Paragraphs = append(d.Paragraphs, para)
	}
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == 0xA0 || r == 0x202F || r == 0x2009 || (r > 0x7f && unicode.IsSpace(r))
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '„', '‟', '‘', '’', '‚', '‛', '«', '»', '‹', '›', '`':
		return true
	}
	return false
}

func isDash(r rune) bool { return r == '—' || r == '–' || r == '―' }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// tokenize appends the tokens of text[start:end].
func (d *Doc) tokenize(start, end int, l *lang.Language) {
	text := d.Text
	space := true
	for i := start; i < end; {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if isSpace(r) || r == utf8.RuneError && size <= 1 || r == 0 {
			if n := len(d.Tokens); n > 0 && !space {
				d.Tokens[n-1].Flags |= SpaceAfter
			}
			space = true
			i += size
			continue
		}
		tok := Token{Start: int32(i)}
		if space {
			tok.Flags |= SpaceBefore
		}
		space = false
		switch {
		case isWordRune(r):
			j := d.wordEnd(i, end)
			// "’s" after a word is a separate possessive token so the
			// name before it stays a name ("Kiev’s" → "Kiev" "’s").
			if k := possessiveStart(text, i, j); k > i {
				tok.End = int32(k)
				d.finishWord(&tok, l)
				d.Tokens = append(d.Tokens, tok)
				tok = Token{Start: int32(k), End: int32(j), Kind: Word, Flags: Possessive}
				d.Tokens = append(d.Tokens, tok)
				i = j
				continue
			}
			// "dit-elle", "a-t-il": the pronoun is split off the verb.
			if k0, k1 := encliticAt(text, i, j, l.Enclitics); k0 > i {
				tok.End = int32(k0)
				d.finishWord(&tok, l)
				d.Tokens = append(d.Tokens, tok)
				d.Tokens = append(d.Tokens, Token{Start: int32(k0), End: int32(k1), Kind: Punct, Mark: '-'})
				tok = Token{Start: int32(k1), End: int32(j)}
				d.finishWord(&tok, l)
				d.Tokens = append(d.Tokens, tok)
				i = j
				continue
			}
			tok.End = int32(j)
			d.finishWord(&tok, l)
			i = j
		case r == '`' || r == '\'':
			// '' and `` stand for “ and ” in some newsrooms' copy.
			j := i + 1
			if j < end && text[j] == text[i] {
				j++
			}
			tok.Kind, tok.Mark, tok.End = QuoteMark, r, int32(j)
			if j-i == 2 {
				// `` opens; '' both opens and closes in such copy.
				tok.Mark = '“'
				if r == '\'' {
					tok.Mark = '"'
				}
			}
			i = j
		case isQuoteRune(r):
			tok.Kind, tok.Mark, tok.End = QuoteMark, r, int32(i+size)
			i += size
		case isDash(r) || r == '-' && (i+1 >= end || text[i+1] == ' ' || text[i+1] == '-'):
			j := i + size
			for j < end && text[j] == '-' {
				j++
			}
			tok.Kind, tok.Mark, tok.End = Dash, r, int32(j)
			i = j
		default:
			tok.Kind, tok.Mark, tok.End = Punct, r, int32(i+size)
			if r == '.' {
				// "..." is one token.
				j := i + 1
				for j < end && text[j] == '.' {
					j++
				}
				tok.End = int32(j)
				if j-i > 1 {
					tok.Mark = '…'
				}
				i = j
			} else {
				i += size
			}
		}
		d.Tokens = append(d.Tokens, tok)
	}
	if n := len(d.Tokens); n > 0 {
		d.Tokens[n-1].Flags |= SpaceAfter
	}
}

// wordEnd finds the end of the word starting at i. A word holds letters and
// digits joined by inner hyphens, apostrophes, periods of abbreviations
// ("U.S."), and decimal points or thousands commas between digits.
func (d *Doc) wordEnd(i, end int) int {
	text := d.Text
	j := i
	for j < end {
		c := text[j]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			j++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[j:])
		}
		if isWordRune(r) {
			j += size
			continue
		}
		if j+size >= end {
			break
		}
		next, nsize := utf8.DecodeRuneInString(text[j+size:])
		switch {
		case (r == '-' || r == '‑' || isApostrophe(r) || r == '&') && isWordRune(next):
			j += size
		case (r == '.' || r == ',') && isDigit(text[j-1]) && next < utf8.RuneSelf && isDigit(byte(next)):
			j += size
		case r == '.' && isLetterRune(next) && isSingleLetterBefore(text, i, j):
			// U.S.A: "U." followed by a letter; take the letter and its dot.
			j += size + nsize
			if j < end && text[j] == '.' {
				j++
			}
			continue
		default:
			return j
		}
	}
	return j
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func isLetterRune(r rune) bool { return unicode.IsLetter(r) }

// isSingleLetterBefore reports whether text[i:j] ends in a single letter
// standing alone (start of word or after a dot): the "U" of "U.S.".
func isSingleLetterBefore(text string, i, j int) bool {
	_, size := utf8.DecodeLastRuneInString(text[i:j])
	k := j - size
	return k == i || text[k-1] == '.'
}

// encliticAt finds an enclitic pronoun ending the word text[i:j]: it
// returns where its hyphens start and where the pronoun starts, or i, i.
func encliticAt(text string, i, j int, enclitics []string) (int, int) {
	for _, e := range enclitics {
		n := len(e)
		if j-i <= n || !strings.EqualFold(text[j-n:j], e) {
			continue
		}
		return j - n, j - n + strings.LastIndexByte(e, '-') + 1
	}
	return i, i
}

// possessiveStart returns where a trailing "'s"/"’s" begins in text[i:j], or i.
func possessiveStart(text string, i, j int) int {
	if j-i < 3 || (text[j-1] != 's' && text[j-1] != 'S') {
		return i
	}
	if text[j-2] == '\'' {
		return j - 2
	}
	if j-i >= 5 && text[j-4:j-1] == "’" {
		return j - 4
	}
	return i
}

// finishWord sets the kind, case flags, hash and table entry of a word token.
func (d *Doc) finishWord(t *Token, l *lang.Language) {
	w := d.Text[t.Start:t.End]
	d.lower = d.lower[:0]
	upper, lowerSeen, letters, digits := false, false, 0, 0
	h := lang.HashInit
	for k := 0; k < len(w); {
		c := w[k]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z':
				lowerSeen = true
				letters++
			case 'A' <= c && c <= 'Z':
				if k == 0 {
					upper = true
				}
				letters++
				c += 'a' - 'A'
			case '0' <= c && c <= '9':
				digits++
			}
			d.lower = append(d.lower, c)
			h = lang.HashByte(h, c)
			k++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[k:])
		switch {
		case unicode.IsUpper(r):
			if k == 0 {
				upper = true
			}
			letters++
			r = unicode.ToLower(r)
		case unicode.IsLetter(r):
			lowerSeen = true
			letters++
		case r == '’':
			r = '\''
		}
		n := len(d.lower)
		d.lower = utf8.AppendRune(d.lower, r)
		for _, b := range d.lower[n:] {
			h = lang.HashByte(h, b)
		}
		k += size
	}
	t.Kind = Word
	if digits > 0 && letters == 0 {
		t.Kind = Number
	}
	if upper {
		t.Flags |= Upper
	}
	if letters > 1 && !lowerSeen {
		t.Flags |= AllUpper
	}
	t.Hash = h
	t.Word = l.LookupHashed(h, d.lower)
}

// split appends the sentences of the paragraph's tokens [first, last).
func (d *Doc) split(first, last, para int32) {
	if first == last {
		return
	}
	start := first
	for i := first; i < last; i++ {
		// A "sentence" of thousands of tokens is not prose (a table, a
		// list, a run-on line); cutting it keeps every later per-sentence
		// pass bounded.
		if i-start >= MaxSentenceTokens {
			d.addSentence(start, i, para)
			start = i
		}
		if d.endsSentence(i, last) {
			end := i + 1
			// Closing quotes and brackets after the stop belong to the sentence.
			for end < last && d.closes(end) {
				end++
			}
			d.addSentence(start, end, para)
			start = end
			i = end - 1
		}
	}
	if start < last {
		d.addSentence(start, last, para)
	}
}

func (d *Doc) addSentence(first, last, para int32) {
	d.Tokens[first].Flags |= SentenceStart
	d.Sentences = append(d.Sentences, Sentence{
		Start: d.Tokens[first].Start, End: d.Tokens[last-1].End,
		First: first, Last: last, Para: para,
	})
}

// closes reports whether token i is a closing quote or bracket glued to what
// precedes it.
func (d *Doc) closes(i int32) bool {
	t := &d.Tokens[i]
	if t.Flags&SpaceBefore != 0 {
		return false
	}
	switch t.Mark {
	case '”', '"', '’', '\'', '»', '›', ')', ']', '“':
		return true
	}
	return false
}

// endsSentence reports whether token i is a sentence-final stop.
func (d *Doc) endsSentence(i, last int32) bool {
	t := &d.Tokens[i]
	if t.Kind != Punct {
		return false
	}
	switch t.Mark {
	case '!', '?':
	case '.', '…':
		if t.Mark == '.' && i > 0 {
			prev := &d.Tokens[i-1]
			if prev.End == t.Start && prev.Kind == Word {
				if prev.Word.Class&lang.Abbreviation != 0 {
					return false
				}
				// An initial ("John F. Kennedy") is one upper-case letter.
				if prev.End-prev.Start == 1 && prev.Flags&Upper != 0 {
					return false
				}
			}
		}
	default:
		return false
	}
	// What follows must look like a new sentence: the paragraph's end, or
	// after any closing marks, a capital, a digit or an opening quote.
	j := i + 1
	for j < last && d.closes(j) {
		j++
	}
	if j >= last {
		return true
	}
	n := &d.Tokens[j]
	if n.Flags&SpaceBefore == 0 {
		return false
	}
	return n.Flags&Upper != 0 || n.Kind == Number || n.Kind == QuoteMark || n.Kind == Dash || n.Mark == '(' || n.Mark == '['
}
