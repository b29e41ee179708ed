// Package verbatim holds the domain of Verbatim: the records it extracts from
// news articles (quotations, speakers, entities, article structure) and the
// small interfaces the rest of the system is built around.
//
// The package has no dependencies beyond the standard library. The work is
// done in subpackages, in the order an article travels through them:
//
//	lang      per-language data tables (quote marks, cue verbs, titles, pronouns)
//	segment   paragraphs, sentences and tokens with exact byte offsets
//	structure headline, subheads, byline, dateline, source credit, author bio
//	extract   the pipeline: quotes, cues, speakers, entities, resolution
//	score     precision/recall/F1 of quote spans against gold files
//	cmd/verbatim  the command line, which only wires these together
//
// Offsets everywhere are UTF-8 byte offsets into the article text as given,
// end exclusive.
package verbatim
