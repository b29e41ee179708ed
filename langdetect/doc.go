// Package langdetect tells which of Verbatim's supported languages an
// article is written in.
//
// It wraps whatlanggo (trigram profiles, a few megabytes, no model
// download), restricted to the languages package lang has tables for, so
// that a Spanish text is never taken for Portuguese and memory stays small.
// Only a bounded prefix of the text is read: language is stable across an
// article, and the cost must stay small next to extraction.
package langdetect
