// Package segment splits article text into paragraphs, sentences and tokens,
// keeping exact UTF-8 byte offsets into the text.
//
// It is a hand-written scanner over bytes: no regular expressions, one pass,
// no allocation per token beyond the reused token slice. Words are looked up
// once in the language table so later stages read word classes (title,
// pronoun, cue verb, ...) from the token instead of looking them up again.
package segment
