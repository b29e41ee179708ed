package extract

import (
	"verbatim/lang"
	"verbatim/langdetect"
	"verbatim/segment"
)

// A paragraph is checked for another language when it has at least
// foreignMinWords words and fewer than one in foreignFunctionShare of them
// are function words of the article's language: in news prose a quarter or
// more are, in a paragraph of another language read with the article's
// tables a few. The check costs a bit test a token, so that only the rare
// paragraphs that fail it pay for the detector.
const (
	foreignMinWords      = 12
	foreignFunctionShare = 8
)

// functionWords are the classes the check counts, those the detector's
// vote counts.
const functionWords = lang.Determiner | lang.Conjunction | lang.Preposition | lang.Complementizer

// paragraphLanguages returns the language of each paragraph of st.doc, or
// nil when all are in l, the article's. A paragraph is in another language
// only when its function words say so without doubt (see
// langdetect.Detector.Confident); short or unclear paragraphs stay in l.
func (st *state) paragraphLanguages(d *langdetect.Detector, l *lang.Language) []*lang.Language {
	var langs []*lang.Language
	for pi := range st.doc.Paragraphs {
		p := &st.doc.Paragraphs[pi]
		words, function := 0, 0
		for ti := p.FirstTok; ti < p.LastTok; ti++ {
			if t := &st.doc.Tokens[ti]; t.Kind == segment.Word {
				words++
				if t.Has(functionWords) {
					function++
				}
			}
		}
		if words < foreignMinWords || function*foreignFunctionShare >= words {
			continue
		}
		other, ok := lang.Get(d.Confident(st.doc.Text[p.Start:p.End]))
		if !ok || other == l {
			continue
		}
		if langs == nil {
			langs = make([]*lang.Language, len(st.doc.Paragraphs))
			for i := range langs {
				langs[i] = l
			}
		}
		langs[pi] = other
	}
	return langs
}
