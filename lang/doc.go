// Package lang holds Verbatim's per-language data: quote-mark conventions,
// reporting (cue) verbs with their lemmas, titles and honorifics, pronouns,
// abbreviations, function words and the words that mark article structure.
//
// Behaviour that differs between languages lives here as data, so that a new
// language is a new table plus, at most, a little code; the stages of the
// pipeline read the table of the article's language and never branch on the
// language code.
package lang
