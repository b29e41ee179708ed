// Package extract is Verbatim's engine: it turns one article's text into
// who-said-what.
//
// An article goes through small stages, each with one job:
//
//  1. structure  finds headline, subheads, byline, credit and bio, leaving
//     the story paragraphs (package structure);
//  2. segment    tokenizes the paragraphs and splits sentences (package segment);
//  3. quotes     pairs quotation marks into quote spans (quotes.go);
//  4. entities   finds names of people, organisations and places and groups
//     their mentions (entities.go);
//  5. attribute  links quotes and reporting cues to speakers and finds
//     reported speech (attribute.go, patterns.go, sources.go for source
//     phrases such as "nach Angaben der Polizei", unattributed.go);
//  6. resolve    resolves each speaker mention to an entity (resolve.go).
//
// The language is detected per article (package langdetect) unless given;
// a run of paragraphs clearly in another supported language is read in a
// pass of its own with that language's table (languages.go).
// Every stage reads the language table (package lang) instead of branching
// on the language. All work is linear in the text, or bounded per sentence,
// so an article's time is bounded by its length.
package extract
