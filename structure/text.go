package structure

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isSpaceRune covers the spaces that pad lines in scraped text: besides
// Unicode white space, the byte-order mark and zero-width space, which
// editors leave at line starts and which must not end up inside a span.
func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b'
}

// trim returns the bounds of text[start:end] without surrounding spaces.
func trim(text string, start, end int) (int, int) {
	for start < end {
		c := text[start]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == '\n' {
				start++
				continue
			}
			break
		}
		r, n := utf8.DecodeRuneInString(text[start:end])
		if r == utf8.RuneError || !isSpaceRune(r) {
			break
		}
		start += n
	}
	for end > start {
		c := text[end-1]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == '\n' {
				end--
				continue
			}
			break
		}
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if r == utf8.RuneError || !isSpaceRune(r) {
			break
		}
		end -= n
	}
	return start, end
}

// closers are the marks that may follow a sentence's final punctuation:
// closing quotation marks and brackets. "He said it.’" ends in '.'.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '“', '‘', '»', '«', '›', '‹', ')', ']', '}':
		return true
	}
	return false
}

// lastMark returns the last rune of s that is not a closing quotation mark
// or bracket, or 0 when there is none.
func lastMark(s string) rune {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		if !isCloser(r) && !isSpaceRune(r) {
			return r
		}
		s = s[:len(s)-n]
	}
	return 0
}

// isSentenceEnd reports whether r ends a sentence or introduces what follows
// (a colon before a quotation).
func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '…', ':', ';':
		return true
	}
	return false
}

// endsSentence reports whether s ends with sentence punctuation, possibly
// followed by closing quotation marks.
func endsSentence(s string) bool {
	return isSentenceEnd(lastMark(s))
}

// firstRune is the first rune of s, or 0.
func firstRune(s string) rune {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// startsLower reports whether s begins with a lowercase letter, the mark of
// a line that continues the previous one.
func startsLower(s string) bool {
	return unicode.IsLower(firstRune(s))
}

// countWords counts space-separated words in s, stopping at limit so that
// a long line costs no more than a short one.
func countWords(s string, limit int) int {
	n := 0
	in := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if isSpaceRune(r) {
			in = false
			continue
		}
		if !in {
			n++
			if n >= limit {
				return n
			}
			in = true
		}
	}
	return n
}

// fields splits s at spaces. Callers pass short lines only.
func fields(s string) []string {
	return strings.FieldsFunc(s, isSpaceRune)
}

// hasPrefixFold reports whether s starts with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// inFold reports whether s is one of list, ignoring case. Case variants of
// the same word have the same length in the scripts the tables use, and the
// length test keeps the many calls per line cheap.
func inFold(s string, list []string) bool {
	for _, w := range list {
		if len(w) == len(s) && strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// hasLetterOrDigit reports whether s has a letter or a digit.
func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isAllCapsWord reports whether w has at least two letters and no
// lowercase ones: "WASHINGTON", "N.H.".
func isAllCapsWord(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			letters++
		case r == '.' || r == '-' || r == '\'' || r == '’':
		default:
			return false
		}
	}
	return letters >= 2
}

// isCapitalized reports whether w starts with an uppercase letter.
func isCapitalized(w string) bool {
	return unicode.IsUpper(firstRune(w))
}

// stripPunct removes punctuation from both ends of a word, keeping a final
// period that belongs to an initial or abbreviation ("J.").
func stripPunct(w string) string {
	w = strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&' })
	return strings.TrimRightFunc(w, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '&'
	})
}
