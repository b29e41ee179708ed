// Package structure finds the structure of a news article given as plain
// text: the headline, subheads, byline, source credit, dateline, date line,
// a closing author bio, and the story paragraphs.
//
// Later stages take quotes and entities from the story paragraphs only, so
// the package's job is to keep everything that is not story (a "Source:"
// line, an "I am NAME, a journalist ..." bio, live-blog time stamps,
// separators) out of them, while never dropping a real paragraph: when a
// line is in doubt it stays story text. The cues are words from the
// language's lang.StructureWords table; the shape tests (line length, final
// punctuation, capitalisation, balanced quotation marks) are the same for
// every language.
//
// Parse makes one pass over the lines and looks at each line and its
// neighbours a bounded number of times, so it runs in linear time and never
// panics, whatever bytes it is given.
package structure
