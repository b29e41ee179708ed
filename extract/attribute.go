package extract

import (
	"sort"

	"verbatim"
	"verbatim/lang"
	"verbatim/segment"
)

// statement is a quotation found by the attributor, before resolution.
type statement struct {
	kind verbatim.QuoteKind
	// segs are the content's byte ranges, in order.
	segs [][2]int
	// cue is the first cue token and cueEnd the token after the cue, or -1.
	cue, cueEnd int32
	lemma       string
	// spk and spkEnd are the speaker mention's tokens, or -1.
	spk, spkEnd int32
	// from is the statement whose speaker this one continues, or -1.
	from     int
	sentence int32
	para     int32
}

// attributor finds statements: quotes with their cues and speakers, and
// reported speech.
type attributor struct {
	doc    *segment.Doc
	lang   *lang.Language
	ents   *entityFinder
	quotes []quoteSpan
	// quoteOf maps a token to the quote it is inside (marks included), or -1.
	quoteOf []int32
	// used marks quotes taken into a statement.
	used  []bool
	stmts []statement
	// covered marks tokens inside a statement's content, so a cue there is
	// part of what was said and not a new statement.
	covered []bool
	// titlePara is the paragraph holding the headline, or -1.
	titlePara int32
	// sentenceUsed marks sentences that hold a statement.
	sentenceUsed []bool
}

// Limits that keep the work per sentence bounded: a speaker is a noun
// phrase of a few words, an attribution after its content is short.
const (
	maxSpeakerTokens = 14
	maxTailTokens    = 10
	maxThatDistance  = 10
)

func (a *attributor) tok(i int32) *segment.Token { return &a.doc.Tokens[i] }

func (a *attributor) text(i int32) string {
	t := a.tok(i)
	return a.doc.Text[t.Start:t.End]
}

func (a *attributor) isWord(i int32, w string) bool {
	t := a.tok(i)
	if t.Kind != segment.Word || int(t.End-t.Start) != len(w) {
		return false
	}
	s := a.doc.Text[t.Start:t.End]
	for k := 0; k < len(w); k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[k] {
			return false
		}
	}
	return true
}

func (a *attributor) isPunct(i int32, marks string) bool {
	t := a.tok(i)
	if t.Kind != segment.Punct && t.Kind != segment.Dash {
		return false
	}
	for _, m := range marks {
		if t.Mark == m {
			return true
		}
	}
	return false
}

// prepare indexes which tokens lie inside which quote.
func (a *attributor) prepare(doc *segment.Doc, l *lang.Language, quotes []quoteSpan) {
	a.doc, a.lang, a.quotes = doc, l, quotes
	n := len(doc.Tokens)
	a.quoteOf = grow(a.quoteOf, n)
	a.covered = growBool(a.covered, n)
	for i := range a.quoteOf {
		a.quoteOf[i] = -1
	}
	for qi := range quotes {
		q := &quotes[qi]
		for k := q.open; k < q.last; k++ {
			a.quoteOf[k] = int32(qi)
		}
	}
	a.used = growBool(a.used, len(quotes))
	a.stmts = a.stmts[:0]
}

// release drops per-token buffers grown for a huge article.
func (a *attributor) release() {
	if cap(a.quoteOf) > 1<<18 {
		a.quoteOf, a.covered = nil, nil
	}
	a.doc, a.ents = nil, nil
}

func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

func growBool(s []bool, n int) []bool {
	if cap(s) < n {
		s = make([]bool, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// cueAt reports whether token i starts a reporting cue, returning the token
// after the cue and its lemma.
func (a *attributor) cueAt(i, last int32) (end int32, lemma string, ok bool) {
	t := a.tok(i)
	if a.quoteOf[i] >= 0 || a.covered[i] || t.Kind != segment.Word {
		return 0, "", false
	}
	if t.Has(lang.PrepCueStart) {
		for _, pc := range a.lang.PrepCues {
			if int(last-i) < len(pc) {
				continue
			}
			match := true
			for k, w := range pc {
				if !a.isWord(i+int32(k), w) {
					match = false
					break
				}
			}
			if match {
				return i + int32(len(pc)), joinWords(pc), true
			}
		}
	}
	if !t.Has(lang.Cue) {
		return 0, "", false
	}
	// ", so der Sprecher": such a cue counts only right after a comma or
	// a closing quotation mark.
	if t.Has(lang.InvertedCue) && !a.boundaryBefore(i) {
		return 0, "", false
	}
	// A capitalised cue word inside a sentence is part of a name ("the
	// Washington Post"); after a determiner or possessive it is a noun
	// ("his statement", "a report").
	if t.Flags&segment.Upper != 0 && t.Flags&segment.SentenceStart == 0 {
		return 0, "", false
	}
	if i > 0 {
		p := a.tok(i - 1)
		if p.Flags&segment.Possessive != 0 || (p.Has(lang.Determiner) && !p.Has(lang.Pronoun)) {
			return 0, "", false
		}
		// The bare form of a verb needs a plural subject or an auxiliary:
		// "officials say", "will announce"; "a call", "in response" are nouns.
		w := a.text(i)
		if a.lang.BareFormNeedsSubject && w == t.Word.Lemma && !(p.Has(lang.Pronoun|lang.AdverbBetween|lang.AnonymousNoun|lang.PersonNoun) || a.tok(i-1).Has(lang.InfinitiveMarker) || a.lang.IsThirdPerson(a.text(i-1))) {
			return 0, "", false
		}
		// "-s" and "-ing" forms are often nouns ("swing states", "a 4-4
		// ruling"): after a lower-case word that is neither a pronoun, an
		// auxiliary nor a speaking noun, they are not verbs.
		if t.Has(lang.NounlikeCue) && len(w) > len(t.Word.Lemma) && (a.lang.IsThirdPerson(w) || a.lang.IsParticiple(w)) && p.Kind != segment.Punct && p.Kind != segment.QuoteMark {
			nominal := p.Flags&segment.Upper != 0 || p.Has(lang.Pronoun|lang.AdverbBetween|lang.Title|lang.PersonNoun|lang.AnonymousNoun|lang.OrgWord|lang.DocumentWord) || a.lang.IsAdverb(a.text(i-1))
			if !nominal {
				return 0, "", false
			}
		}
	}
	end = i + 1
	// A particle belongs to its verb: "called on", "pointed out".
	if end < last {
		for _, p := range a.lang.Particles[t.Word.Lemma] {
			if a.isWord(end, p) {
				end++
				break
			}
		}
	}
	return end, t.Word.Lemma, true
}

// isPrepCue reports whether the cue [c, end) is a prepositional one
// ("according to", "selon", "laut") rather than a verb.
func (a *attributor) isPrepCue(c, end int32) bool {
	for _, pc := range a.lang.PrepCues {
		if int(end-c) != len(pc) {
			continue
		}
		match := true
		for k, w := range pc {
			if !a.isWord(c+int32(k), w) {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// pastForm reports whether cue token c is a past participle: a regular
// past ending, or an irregular form the lexicon lists ("said", "told").
func (a *attributor) pastForm(c int32) bool {
	w := a.text(c)
	l := a.lang
	return w != a.tok(c).Word.Lemma && (l.IsPast(w) || !l.IsThirdPerson(w) && !l.IsParticiple(w))
}

func joinWords(ws []string) string {
	n := 0
	for _, w := range ws {
		n += len(w) + 1
	}
	b := make([]byte, 0, n)
	for i, w := range ws {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	return string(b)
}

// npWord reports whether token i can be part of a speaker noun phrase.
func (a *attributor) npWord(i int32) bool {
	t := a.tok(i)
	switch t.Kind {
	case segment.Word:
		if t.Has(lang.Conjunction|lang.ClauseOpener) && !t.Has(lang.Determiner) {
			return false
		}
		if t.Has(lang.Cue) && t.Flags&segment.Upper == 0 && !t.Has(lang.Title|lang.PersonNoun|lang.DocumentWord|lang.OrgWord) {
			return false
		}
		if t.Has(lang.Preposition) && !t.Has(lang.Determiner) {
			return t.Has(lang.NPPreposition)
		}
		if t.Has(lang.AdverbBetween) && !t.Has(lang.Determiner) {
			return false
		}
		return true
	case segment.Number:
		return true
	case segment.Punct:
		if t.Mark != '.' || i == 0 || a.tok(i-1).End != t.Start {
			return false
		}
		p := a.tok(i - 1)
		return p.Has(lang.Abbreviation|lang.Title) || p.End-p.Start == 1 && p.Flags&segment.Upper != 0
	}
	return false
}

// trimNP drops words a noun phrase cannot start with (prepositions,
// stray adverbs) and returns the new first token.
func (a *attributor) trimNP(first, end int32) int32 {
	for first < end {
		t := a.tok(first)
		if t.Kind == segment.Word && (t.Has(lang.Preposition|lang.Conjunction|lang.AdverbBetween) && !t.Has(lang.Determiner|lang.Pronoun)) {
			first++
			continue
		}
		if t.Kind == segment.Punct {
			first++
			continue
		}
		break
	}
	// A noun phrase ends in a noun, not a preposition.
	return first
}

// speakerBefore finds the noun phrase that ends right before the cue at c
// (adverbs and auxiliaries between them skipped), not before floor.
func (a *attributor) speakerBefore(c, floor int32) (int32, int32) {
	i := c - 1
	for i >= floor && a.skippable(i) {
		i--
	}
	// "appeared to suggest": a verb and "to" between subject and cue.
	if i-1 >= floor && a.tok(i).Has(lang.InfinitiveMarker) && a.tok(i-1).Flags&segment.Upper == 0 && !a.tok(i-1).Has(lang.Pronoun|lang.Title|lang.PersonNoun) {
		i -= 2
		for i >= floor && a.skippable(i) {
			i--
		}
	}
	// A bracketed aside after a name ("Sen. Claire McCaskill (D-Mo.)
	// said") belongs to the speaker phrase; the name is before it.
	if i >= floor && a.isPunct(i, ")") {
		j := i - 1
		for j >= floor && i-j < 8 && !a.isPunct(j, "(") {
			j--
		}
		if j < floor || !a.isPunct(j, "(") {
			return -1, -1
		}
		i = j - 1
	}
	// A parenthetical between subject and verb ("Peskov, on the other
	// hand, emphasized"; "Smith, who leads the group, said").
	if i >= floor && a.isPunct(i, ",") {
		j := i - 1
		for j >= floor && i-j < 12 && !a.isPunct(j, ",") && a.quoteOf[j] < 0 {
			j--
		}
		if j >= floor && a.isPunct(j, ",") {
			i = j - 1
		} else {
			return -1, -1
		}
	}
	// "Mr. Kamin, who emphasized that ...": the relative pronoun speaks
	// for the name before it.
	if i >= floor && a.tok(i).Has(lang.RelativePerson) {
		return i, i + 1
	}
	end := i + 1
	for i >= floor && end-i <= maxSpeakerTokens && a.quoteOf[i] < 0 && (a.npWord(i) || a.joinsNames(i, floor)) {
		i--
	}
	first := a.trimNP(i+1, end)
	if k := a.anchor(first, end); k < 0 {
		return -1, -1
	} else {
		first = k
	}
	// A pronoun is a whole speaker; words before it belong elsewhere.
	for k := end - 1; k >= first; k-- {
		if a.tok(k).Has(lang.Pronoun) && !a.tok(k).Has(lang.Determiner) {
			if k == end-1 {
				first = k
			}
			break
		}
	}
	if first >= end || !a.headsNP(first, end) {
		return -1, -1
	}
	return first, end
}

// joinsNames reports whether token i is an "and" (or a comma before one)
// between two names, as in "Mr. Grassley and Mr. Leahy say".
func (a *attributor) joinsNames(i, floor int32) bool {
	if i <= floor || i+1 >= int32(len(a.doc.Tokens)) {
		return false
	}
	if !a.tok(i).Has(lang.Coordinator) && !a.isPunct(i, ",") {
		return false
	}
	prev, next := a.tok(i-1), a.tok(i+1)
	return prev.Kind == segment.Word && prev.Flags&segment.Upper != 0 && next.Kind == segment.Word && (next.Flags&segment.Upper != 0 || next.Has(lang.Coordinator))
}

// maxAppositiveSpeaker bounds a speaker phrase with asides between a
// quotation and its verb.
const maxAppositiveSpeaker = 30

// appositiveSpeaker finds a speaker set off with asides between a closing
// quotation mark and the cue: "“…,” Scott Pruitt, the attorney general of
// Oklahoma, one of the states suing, said". It returns the speaker's
// tokens and the boundary token, or -1s.
func (a *attributor) appositiveSpeaker(c, floor int32) (int32, int32, int32) {
	v := a.verbGroupStart(c, floor)
	for k := v - 1; k > floor && v-k <= maxAppositiveSpeaker; k-- {
		t := a.tok(k)
		if t.Kind == segment.QuoteMark {
			q := a.quoteOf[k]
			if q < 0 || a.quotes[q].close != k {
				return -1, -1, -1
			}
			first := k + 1
			if first < v && a.isPunct(first, ",") {
				first++
			}
			last := v
			for last > first && a.tok(last-1).Kind != segment.Word {
				last--
			}
			if last <= first || a.anchor(first, first+1) != first {
				return -1, -1, -1
			}
			return first, last, k + 1
		}
		if a.quoteOf[k] >= 0 || t.Kind == segment.Word && t.Has(lang.Cue) && t.Flags&segment.Upper == 0 {
			return -1, -1, -1
		}
	}
	return -1, -1, -1
}

// enclitic reports whether token i is the hyphen that joins an enclitic
// pronoun to its verb ("dit-elle", "a-t-il").
func (a *attributor) enclitic(i int32) bool {
	t := a.tok(i)
	return t.Kind == segment.Punct && t.Mark == '-' && i > 0 && a.tok(i-1).End == t.Start && t.Flags&segment.SpaceAfter == 0
}

// verbGroupStart returns the first token of the verb group that ends in
// the cue at c: auxiliaries before it belong to it ("», a déclaré la
// maire", "—, ha dicho el portavoz").
func (a *attributor) verbGroupStart(c, floor int32) int32 {
	k := c
	for k-1 > floor && a.tok(k-1).Kind == segment.Word && a.tok(k-1).Has(lang.AdverbBetween) && !a.tok(k-1).Has(lang.Pronoun) && c-k < 3 {
		k--
	}
	return k
}

// skippable reports whether token i may stand between a subject and its
// verb: an auxiliary, negation or adverb ("has also", "aggressively").
func (a *attributor) skippable(i int32) bool {
	t := a.tok(i)
	if t.Kind != segment.Word || t.Flags&segment.Upper != 0 {
		return false
	}
	return t.Has(lang.AdverbBetween) && !t.Has(lang.Pronoun) || a.lang.IsAdverb(a.text(i)) && !t.Has(lang.Title|lang.PersonNoun|lang.AnonymousNoun)
}

// anchor returns the first token of [first, end) that can begin a speaking
// noun phrase (a determiner, pronoun, name, number or speaking noun), or -1.
func (a *attributor) anchor(first, end int32) int32 {
	for k := first; k < end; k++ {
		t := a.tok(k)
		if t.Kind == segment.Number || t.Kind == segment.Word && (t.Flags&segment.Upper != 0 || t.Has(lang.Determiner|lang.Pronoun|lang.Title|lang.PersonNoun|lang.AnonymousNoun|lang.OrgWord|lang.DocumentWord)) {
			if t.Has(lang.ClauseOpener) && !t.Has(lang.Pronoun) && t.Flags&segment.Upper == 0 {
				continue // "which", "that" open a clause, not a speaker
			}
			return k
		}
	}
	return -1
}

// notSubject reports whether the phrase before a verb-second verb is
// plainly not its subject: a phrase in another case ("Den Worten", "Dem
// Niederländer") or a lone sentence adverb ("Insgesamt", "Gleichzeitig")
// that names no one.
func (a *attributor) notSubject(first, end int32) bool {
	t := a.tok(first)
	if t.Has(lang.NonSubjectDeterminer) {
		return true
	}
	return end-first == 1 && t.Flags&segment.SentenceStart != 0 && !t.Has(lang.Pronoun|lang.Title|lang.PersonNoun|lang.OrgWord|lang.AnonymousNoun) && len(a.ents.within(first, end)) == 0
}

// headsNP reports whether tokens [first, end) look like a noun phrase that
// can speak: it holds a name, a pronoun, a title or a noun.
func (a *attributor) headsNP(first, end int32) bool {
	last := a.tok(end - 1)
	if last.Kind != segment.Word && last.Kind != segment.Number {
		return false
	}
	if last.Has(lang.Preposition|lang.Determiner) && !last.Has(lang.Pronoun) {
		return false
	}
	// "his", "their": a possessive waits for its noun.
	if last.Has(lang.Determiner) && last.Has(lang.Pronoun) && !last.Has(lang.ObjectPronoun) {
		return false
	}
	if end-first == 1 && last.Has(lang.NonSpeaker) {
		return false
	}
	// After a name, a past-tense verb ends the phrase: "Mrs. Clinton
	// enjoyed tremendous" is a clause, not a speaker.
	named := false
	for k := first; k < end; k++ {
		t := a.tok(k)
		if t.Kind != segment.Word {
			continue
		}
		if t.Flags&segment.Upper != 0 {
			named = true
			continue
		}
		if named && a.lang.IsPast(a.text(k)) && !t.Has(lang.Title|lang.PersonNoun|lang.AnonymousNoun|lang.OrgWord|lang.DocumentWord) {
			return false
		}
	}
	return true
}

// speakerAfter finds the noun phrase right after an inverted cue ("said
// Rutte", "says a narrator in the ad").
func (a *attributor) speakerAfter(c, last int32) (int32, int32) {
	i := c
	for i < last && i-c < maxSpeakerTokens && a.quoteOf[i] < 0 && a.npWord(i) && (!a.tok(i).Has(lang.Cue) || a.tok(i).Flags&segment.Upper != 0) {
		// A determiner after a noun starts the next phrase ("wies der
		// Geschäftsführer alle Vorwürfe zurück"), unless a preposition
		// leads into it.
		if i > c && a.tok(i).Has(lang.Determiner) && !a.tok(i).Has(lang.Pronoun) && !a.tok(i-1).Has(lang.Preposition|lang.Determiner) && a.lang.VerbSecond {
			break
		}
		i++
	}
	if i == c || !a.headsNP(c, i) || a.tok(c).Has(lang.ClauseOpener) {
		return -1, -1
	}
	// The inverted speaker ends the clause: a stop, a comma, a quote or a
	// prepositional phrase follows ("said Rutte at a news conference").
	if i < last && !a.lang.VerbSecond {
		n := a.tok(i)
		if n.Kind == segment.Word && (!n.Has(lang.Preposition) || n.Has(lang.InfinitiveMarker)) {
			return -1, -1
		}
	}
	// "said on Monday": a preposition first is not a speaker.
	if a.tok(c).Has(lang.Preposition) && !a.tok(c).Has(lang.Determiner) {
		return -1, -1
	}
	return c, i
}

// boundaryBefore reports whether token i-1 ends a clause before an
// attribution: a comma, or the closing mark of a quote.
func (a *attributor) boundaryBefore(i int32) bool {
	if i <= 0 {
		return false
	}
	p := a.tok(i - 1)
	if p.Kind == segment.QuoteMark {
		q := a.quoteOf[i-1]
		return q >= 0 && a.quotes[q].close == i-1
	}
	return p.Kind == segment.Punct && (p.Mark == ',' || p.Mark == ':' || p.Mark == ';') || p.Kind == segment.Dash
}

// sentenceEnd returns the last content token of the sentence: the end
// without its final stop and closing marks outside quotes.
func (a *attributor) contentEnd(first, last int32) int32 {
	for last > first {
		t := a.tok(last - 1)
		if t.Kind == segment.Punct && (t.Mark == '.' || t.Mark == '!' || t.Mark == '?' || t.Mark == ',' || t.Mark == ';' || t.Mark == ':' || t.Mark == '…') && a.quoteOf[last-1] < 0 {
			last--
			continue
		}
		break
	}
	return last
}

// span turns a token range into byte offsets, widened to whole quotes when
// it starts or ends inside one.
func (a *attributor) span(first, end int32) [2]int {
	if first >= end {
		return [2]int{int(a.tok(first).Start), int(a.tok(first).Start)}
	}
	s, e := int(a.tok(first).Start), int(a.tok(end-1).End)
	if q := a.quoteOf[first]; q >= 0 && a.quotes[q].start < s {
		s = a.quotes[q].start
	}
	if q := a.quoteOf[end-1]; q >= 0 && a.quotes[q].end > e {
		e = a.quotes[q].end
	}
	return [2]int{s, e}
}

// attribute finds the statements of every sentence, then the quotes no cue
// claimed.
func (a *attributor) attribute() {
	for pi := range a.doc.Paragraphs {
		a.labelled(int32(pi))
	}
	for si := range a.doc.Sentences {
		a.sentence(int32(si))
	}
	a.floating()
	a.reportedMood()
}

// reportedMood attributes sentences without a cue that are in the mood of
// reported speech (German Konjunktiv I: "Er sei bereit, die Lage werde
// geprüft") to the speaker of the statement before them in the paragraph
// or the one before. Languages without such a mood have no words in the
// class, and the pass finds nothing.
func (a *attributor) reportedMood() {
	n := len(a.stmts)
	if n == 0 {
		return
	}
	has := growBool(a.sentenceUsed, len(a.doc.Sentences))
	a.sentenceUsed = has
	for i := range a.stmts {
		has[a.stmts[i].sentence] = true
		for _, seg := range a.stmts[i].segs {
			// Content running over later sentences covers them too.
			for k := a.stmts[i].sentence + 1; int(k) < len(a.doc.Sentences) && int(a.doc.Sentences[k].Start) < seg[1]; k++ {
				has[k] = true
			}
		}
	}
	next, last := 0, -1
	for si := range a.doc.Sentences {
		s := &a.doc.Sentences[si]
		for next < n && a.stmts[next].sentence <= int32(si) {
			last = next
			next++
		}
		if has[si] || !a.hasClass(s.First, s.Last, lang.ReportedMood) {
			continue
		}
		if len(a.stmts) > n {
			last = len(a.stmts) - 1
		}
		prev := a.continuedSpeaker(last, s.Para, true)
		if prev < 0 {
			continue
		}
		first, end := s.First, a.contentEnd(s.First, s.Last)
		if end-first < 3 {
			continue
		}
		st := statement{kind: verbatim.Indirect, cue: -1, cueEnd: -1, spk: -1, spkEnd: -1, from: prev, sentence: int32(si), para: s.Para}
		st.segs = append(st.segs, a.span(first, end))
		a.stmts = append(a.stmts, st)
	}
	if len(a.stmts) > n {
		sortStatements(a.stmts)
	}
}

// labelled handles a paragraph that opens with a speaker's name and a
// colon: transcripts ("PENCE: Well, look ...") and headlines ("Pence:
// Trump was ‘mocking’ ...").
func (a *attributor) labelled(pi int32) {
	p := &a.doc.Paragraphs[pi]
	first := p.FirstTok
	if first < p.LastTok && a.tok(first).Kind == segment.QuoteMark {
		first++
	}
	colon := int32(-1)
	for k := first; k < p.LastTok && k-first <= 5; k++ {
		t := a.tok(k)
		if a.isPunct(k, ":") {
			colon = k
			break
		}
		if t.Kind != segment.Word || t.Flags&segment.Upper == 0 {
			return
		}
	}
	// In a headline, "Graham: Trump's rhetoric is destroying the party"
	// is how news attributes: any capitalised words before the colon speak.
	if colon <= first || colon+2 >= p.LastTok || !(pi == a.titlePara || a.named(first, colon)) {
		return
	}
	end := a.contentEnd(colon+1, p.LastTok)
	if end-colon-1 < 2 {
		return
	}
	st := statement{cue: colon, cueEnd: colon + 1, lemma: ":", spk: first, spkEnd: colon, from: -1, sentence: a.sentenceOf(colon), para: pi}
	// A label inside an opening mark ("“PENCE: Well, ...") heads a
	// transcript turn: what follows the colon is the statement, and the
	// mark around the whole paragraph does not make it a quotation.
	if first > p.FirstTok {
		st.kind = verbatim.Indirect
		st.segs = append(st.segs, [2]int{int(a.tok(colon + 1).Start), int(a.tok(end - 1).End)})
		a.stmts = append(a.stmts, st)
		if q := a.quoteOf[p.FirstTok]; q >= 0 {
			a.used[q] = true
		}
	} else {
		st.segs = append(st.segs, a.span(colon+1, end))
		a.add(st, colon+1, end)
	}
	for k := colon + 1; k < end; k++ {
		a.covered[k] = true
	}
}

// named reports whether tokens [first, end) are a name: all capitals
// ("PENCE") or a person or organisation the entity stage found.
func (a *attributor) named(first, end int32) bool {
	if end-first == 1 && (a.tok(first).Flags&segment.AllUpper != 0 || a.ents.midCaps[a.tok(first).Hash]) {
		return true
	}
	for _, m := range a.ents.within(first, end) {
		if m.typ != verbatim.EntityPlace && m.entity >= 0 {
			return true
		}
	}
	return false
}

func (a *attributor) sentence(si int32) {
	s := &a.doc.Sentences[si]
	for c := s.First; c < s.Last; c++ {
		end, lemma, ok := a.cueAt(c, s.Last)
		if !ok {
			continue
		}
		weak := a.tok(c).Has(lang.WeakCue) && !a.tok(c).Has(lang.Cue&^lang.WeakCue)
		if a.tok(c).Has(lang.PrepCueStart) && a.isPrepCue(c, end) {
			a.according(si, c, end, lemma)
			c = end - 1
			continue
		}
		if a.passive(si, c, end, lemma) {
			continue
		}
		if !weak && a.postposed(si, c, end, lemma) {
			continue
		}
		a.preposed(si, c, end, lemma, a.tok(c).Word.Class&lang.WeakCue != 0)
	}
}

// add records a statement, taking in the quotes its content covers and
// deciding its kind from them.
func (a *attributor) add(st statement, first, end int32) {
	for _, seg := range st.segs {
		if seg[1] <= seg[0] {
			return
		}
	}
	// Reported speech may hold reported speech of its own ("Stein said she
	// planned it, though she acknowledged ..."): both are statements, so
	// only quoted words are closed to further cues.
	direct, quoted := true, false
	for _, seg := range st.segs {
		whole := false
		// Quotes are in text order: start at the first that ends after
		// the segment starts, so adding a statement costs what it covers.
		from := sort.Search(len(a.quotes), func(i int) bool { return a.quotes[i].end > seg[0] })
		for qi := from; qi < len(a.quotes); qi++ {
			q := &a.quotes[qi]
			if q.start >= seg[1] {
				break
			}
			if q.end <= seg[0] {
				continue
			}
			if q.single && !(q.start == seg[0] && q.end == seg[1]) {
				continue // nested or scare quote inside reported speech
			}
			quoted = true
			a.used[qi] = true
			if q.start == seg[0] && q.end == seg[1] {
				whole = true
			}
			for k := q.open; k < q.last; k++ {
				a.covered[k] = true
			}
		}
		if !whole {
			direct = false
		}
	}
	if quoted {
		for k := first; k < end; k++ {
			a.covered[k] = true
		}
	}
	switch {
	case quoted && direct:
		st.kind = verbatim.Direct
	case quoted:
		st.kind = verbatim.Mixed
	default:
		st.kind = verbatim.Indirect
	}
	a.stmts = append(a.stmts, st)
}

// passive handles "CONTENT was reported by NP", "NP1 has been endorsed
// by NP2": the agent after "by" is the speaker, the subject what was said.
func (a *attributor) passive(si, c, end int32, lemma string) bool {
	s := &a.doc.Sentences[si]
	if end >= s.Last || !a.tok(end).Has(lang.AgentMarker) || !a.pastForm(c) {
		return false
	}
	k := c - 1
	for k >= s.First && a.skippable(k) && !a.tok(k).Has(lang.PassiveAux) {
		k--
	}
	if k < s.First || !a.tok(k).Has(lang.PassiveAux) {
		return false
	}
	spk, spkEnd := a.speakerAfter(end+1, s.Last)
	if spk < 0 {
		return false
	}
	first, last := a.speakerBefore(c, s.First)
	if first < 0 {
		return false
	}
	st := statement{cue: c, cueEnd: end + 1, lemma: lemma, spk: spk, spkEnd: spkEnd, from: -1, sentence: si, para: s.Para}
	st.segs = append(st.segs, a.span(first, last))
	a.add(st, first, last)
	return true
}

// postposed handles attribution after the content: "CONTENT, NP said",
// "“CONTENT,” said NP", "CONTENT, NP said, CONTENT".
func (a *attributor) postposed(si, c, end int32, lemma string) bool {
	s := &a.doc.Sentences[si]
	var spk, spkEnd, boundary int32 = -1, -1, -1
	b, e := a.speakerBefore(c, s.First)
	if b > s.First && e <= c {
		// Lower-case modifiers the phrase was trimmed of ("panel
		// Chairman Rep. Jason Chaffetz") still belong before the boundary.
		for n := 0; n < 2 && b-1 > s.First && !a.boundaryBefore(b) && a.tok(b-1).Kind == segment.Word && a.tok(b-1).Flags&segment.Upper == 0 && !a.tok(b-1).Has(lang.Cue|lang.Preposition|lang.Conjunction); n++ {
			b--
		}
	}
	if b > s.First && a.boundaryBefore(b) && e <= c {
		spk, spkEnd, boundary = b, e, b
	} else if b >= s.First+2 && a.enclitic(b-1) && a.boundaryBefore(b-2) && b-2 > s.First {
		// "», a-t-il déclaré": the pronoun is joined to the auxiliary.
		spk, spkEnd, boundary = b, e, b-2
	} else if v := a.verbGroupStart(c, s.First); a.boundaryBefore(v) && v > s.First && !a.lang.IsParticiple(a.text(c)) {
		after := end
		if after < s.Last && a.enclitic(after) {
			after++ // "», dit-elle"
		}
		if b, e := a.speakerAfter(after, s.Last); b >= 0 {
			spk, spkEnd, boundary = b, e, v
		}
	}
	if spk < 0 {
		spk, spkEnd, boundary = a.appositiveSpeaker(c, s.First)
	}
	if spk < 0 {
		return false
	}
	tailStart := max(end, spkEnd)
	tail := a.contentEnd(tailStart, s.Last)
	// "..., O'Neill said, “Not going to go into that.”": the cue leads
	// into the quotation that follows; that is the statement.
	if spk < c && a.tok(boundary-1).Kind != segment.QuoteMark && tailStart+1 < s.Last && a.isPunct(tailStart, ",:") && a.openingQuote(tailStart+1) >= 0 {
		return false
	}
	var second [2]int
	// After "NP said" only adverbials may follow ("in a statement",
	// "Monday", "reporters at the summit"): an object noun phrase means the
	// cue governs what follows, not what came before.
	if tail > tailStart {
		t := a.tok(tailStart)
		adverbial := t.Kind == segment.Punct || t.Kind == segment.Dash || t.Kind == segment.Word && (t.Has(lang.Preposition|lang.AdverbBetween|lang.TimeWord) || t.Flags&segment.Upper != 0 || a.tok(c).Has(lang.ObjectCue) || a.lang.IsAdverb(a.text(tailStart)))
		// "said this month on CNBC", "said last week".
		if !adverbial && tailStart+1 < tail && t.Has(lang.Determiner) && a.tok(tailStart+1).Has(lang.TimeWord) {
			adverbial = true
		}
		// "declined to comment": an infinitive is the verb's complement.
		if a.tok(tailStart).Has(lang.InfinitiveMarker) && tailStart+1 < tail {
			n := a.tok(tailStart + 1)
			if n.Kind == segment.Word && n.Flags&segment.Upper == 0 && !n.Has(lang.Determiner|lang.Pronoun|lang.PersonNoun|lang.AnonymousNoun|lang.Title) {
				adverbial = false
			}
		}
		if !adverbial {
			return false
		}
	}
	contentFirst := s.First
	for contentFirst < boundary && a.tok(contentFirst).Kind == segment.Word && a.tok(contentFirst).Has(lang.Conjunction) && a.quoteOf[contentFirst] < 0 {
		contentFirst++
	}
	// The content is a quotation when it ends at a closing mark, before or
	// after the comma ("“…,” he said"; "«…», dijo", "„…“, sagte er").
	closing := boundary - 1
	if closing > contentFirst && a.isPunct(closing, ",") {
		closing--
	}
	quoted := a.quoteOf[contentFirst] >= 0 && a.tok(closing).Kind == segment.QuoteMark
	midSentence := !quoted && tail-tailStart > 2 && a.isPunct(tailStart, ",") && a.startsClause(tailStart+1)
	if midSentence || tail-tailStart > maxTailTokens || a.hasClass(tailStart, tail, lang.Complementizer) {
		// "CONTENT, NP said, CONTENT": reported speech goes on after a
		// comma; a quotation would go on in quotation marks instead, and a
		// conjunction, preposition or participle starts something new.
		k := tailStart
		for k < tail && k-tailStart <= 6 && !a.isPunct(k, ",") {
			k++
		}
		inverted := spk >= end
		switch {
		case !quoted && !inverted && k < tail && a.isPunct(k, ",") && tail-k > 2 && a.startsClause(k+1) && !a.appositive(k+1, tail):
			second = a.span(k+1, tail)
		case !quoted && inverted && (tail-tailStart <= maxTailTokens+maxSpeakerTokens) && !a.hasClass(tailStart, tail, lang.Complementizer):
			// "..., said Jo Park, a senior official with the board."
		case !quoted:
			return false
		}
	}
	contentEnd := boundary - 1 // the comma or the closing mark's token
	if a.tok(contentEnd).Kind == segment.QuoteMark {
		contentEnd++
	}
	contentEnd = a.contentEnd(contentFirst, contentEnd)
	if contentEnd-contentFirst < 2 && a.quoteOf[contentFirst] < 0 {
		return false
	}
	// A quotation mark that splits a name ("Vladimir “Putin is ...,” the
	// chief added"): the name's first part is not quoted content.
	if q := a.quoteOf[contentEnd-1]; q >= 0 {
		qs := &a.quotes[q]
		if qs.open > contentFirst && a.namesOnly(contentFirst, qs.open) && a.tok(qs.open+1).Flags&segment.Upper != 0 {
			contentFirst = qs.open
		}
	}
	st := statement{cue: c, cueEnd: end, lemma: lemma, spk: spk, spkEnd: spkEnd, from: -1, sentence: si, para: s.Para}
	st.segs = append(st.segs, a.span(contentFirst, contentEnd))
	// “A,” she said, “B.”: the quotation goes on after the attribution.
	if quoted && second[1] == second[0] {
		k := tailStart
		// "—dijo el portavoz—, pero ...»": dashes and commas close the
		// inserted attribution.
		for n := 0; n < 2 && k < s.Last && (a.isPunct(k, ",:") || a.tok(k).Kind == segment.Dash); n++ {
			k++
		}
		if q := a.openingQuote(k); q >= 0 {
			second = [2]int{a.quotes[q].start, a.quotes[q].end}
		}
	}
	if second[1] > second[0] {
		st.segs = append(st.segs, second)
	}
	a.add(st, contentFirst, contentEnd)
	return true
}

// openingQuote returns the unused quote whose opening mark is token i, or -1.
func (a *attributor) openingQuote(i int32) int32 {
	if i >= int32(len(a.doc.Tokens)) {
		return -1
	}
	q := a.quoteOf[i]
	if q < 0 || a.quotes[q].open != i || a.used[q] {
		return -1
	}
	return q
}

// appositive reports whether tokens [first, end) describe a speaker ("a
// senior official with the board") rather than go on with what was said.
func (a *attributor) appositive(first, end int32) bool {
	if !a.tok(first).Has(lang.Determiner) {
		return false
	}
	for k := first + 1; k < end && k-first <= 4; k++ {
		if a.tok(k).Has(lang.Title | lang.PersonNoun | lang.OrgWord) {
			return true
		}
	}
	return false
}

// clauseStart reports whether what follows a cue at first can be what was
// said: not a time or place adverbial ("on Twitter", "this month", "before
// he died") and not a verb continuing a relative clause ("Everything Trump
// says is a lie").
func (a *attributor) clauseStart(first, end int32) bool {
	if first >= end {
		return false
	}
	t := a.tok(first)
	if a.quoteOf[first] >= 0 || t.Kind != segment.Word {
		return true
	}
	if t.Has(lang.Preposition) && !t.Has(lang.Determiner|lang.ComplementPreposition) {
		return false
	}
	if t.Has(lang.Conjunction) && !t.Has(lang.Determiner|lang.Pronoun) {
		return false
	}
	// "called to in the past": an infinitive marker needs its verb.
	if t.Has(lang.InfinitiveMarker) && first+1 < end {
		n := a.tok(first + 1)
		if n.Kind != segment.Word || n.Has(lang.Preposition|lang.Determiner) {
			return false
		}
	}
	if t.Has(lang.AdverbBetween) && !t.Has(lang.Pronoun|lang.Determiner) && t.Flags&segment.Upper == 0 {
		return false
	}
	return true
}

// startsClause reports whether token i can start the rest of a reported
// clause: not a conjunction, preposition, relative word or participle.
func (a *attributor) startsClause(i int32) bool {
	t := a.tok(i)
	if t.Kind != segment.Word {
		return t.Kind == segment.Number
	}
	if t.Has(lang.Conjunction|lang.Preposition|lang.ClauseOpener) && !t.Has(lang.Determiner) {
		return false
	}
	w := a.text(i)
	return !a.lang.IsParticiple(w)
}

// namesOnly reports whether tokens [first, end) are capitalised words and
// titles only: a name with its title.
func (a *attributor) namesOnly(first, end int32) bool {
	for k := first; k < end; k++ {
		t := a.tok(k)
		if t.Kind != segment.Word || (t.Flags&segment.Upper == 0 && !t.Has(lang.Title)) {
			return false
		}
	}
	return end > first
}

func (a *attributor) hasClass(first, end int32, c lang.Class) bool {
	for k := first; k < end; k++ {
		if a.tok(k).Has(c) && a.quoteOf[k] < 0 {
			return true
		}
	}
	return false
}

// preposed handles attribution before the content: "NP said (that)
// CONTENT", "NP told reporters CONTENT", "..., saying CONTENT".
func (a *attributor) preposed(si, c, end int32, lemma string, weak bool) {
	s := &a.doc.Sentences[si]
	spk, spkEnd := a.speakerBefore(c, s.First)
	// Verb-second order: when something other than the subject opens the
	// sentence ("Am Montag sagte Müller, ..."), the subject follows the verb.
	if a.lang.VerbSecond && (spk < 0 || spk > s.First || a.tok(s.First).Has(lang.Preposition|lang.AdverbBetween) || a.notSubject(spk, spkEnd)) {
		if b, e := a.speakerAfter(end, s.Last); b >= 0 && !a.tok(b).Has(lang.NonSubjectDeterminer) {
			spk, spkEnd = b, e
			end = e
		}
	}
	// "what Trump says his plan would do": the cue is inside a clause
	// about what is said, not a report of it.
	if spk > s.First && a.tok(spk-1).Has(lang.WhWord) {
		return
	}
	from := -1
	// "Schultz supported Democrats ... and said he did not": a second verb
	// shares the sentence's subject.
	if spk < 0 && c > s.First+1 {
		k := c - 1
		for k > s.First && a.skippable(k) {
			k--
		}
		if a.tok(k).Has(lang.Coordinator) {
			spk, spkEnd = a.subject(s.First, k)
		}
	}
	if spk < 0 {
		// "..., adding that ...": a participle continues the sentence's
		// speaker.
		if a.lang.IsParticiple(a.text(c)) && c > s.First && a.isPunct(c-1, ",") {
			for k := len(a.stmts) - 1; k >= 0 && a.stmts[k].sentence == si; k-- {
				if a.stmts[k].spk >= 0 {
					from = k
					break
				}
			}
		}
		if from < 0 {
			// No statement before it in the sentence: a verb without a
			// subject of its own takes the sentence's ("Trump has tried
			// ..., accusing her of ...").
			spk, spkEnd = a.subject(s.First, c)
			// A speech verb with a "that" clause reports speech even when
			// its speaker is beyond these rules: keep the statement.
			if spk < 0 && !(end < s.Last && a.tok(end).Has(lang.Complementizer) && !weak) {
				return
			}
		}
	}
	contentEnd := a.contentEnd(end, s.Last)
	first := end
	// Skip what stands between the cue and its clause: "that" within a few
	// words (after "Monday", "in a statement", "reporters"), or a colon.
	for k := end; k < contentEnd && k-end < maxThatDistance; k++ {
		if a.quoteOf[k] >= 0 || a.tok(k).Has(lang.Cue) && !a.tok(k).Has(lang.Complementizer) {
			break
		}
		if a.tok(k).Has(lang.Complementizer) {
			first = k
			break
		}
	}
	// "says of Clinton, “...”": a quotation after a comma or colon near
	// the cue is what was said.
	if first == end {
		for k := end; k < contentEnd && k-end < 8 && a.quoteOf[k] < 0; k++ {
			if a.isPunct(k, ",:") {
				if a.openingQuote(k+1) >= 0 {
					first = k + 1
				}
				break
			}
		}
	}
	// "kommentierte den Sachverhalt am Sonntag in Bonn mit den Worten:
	// „...“": a colon before a quotation introduces what the cue reports,
	// however far it stands from the cue.
	if first == end {
		for k := end; k+1 < s.Last && k-end < 3*maxThatDistance && a.quoteOf[k] < 0; k++ {
			if a.tok(k).Has(lang.Cue) && k > end {
				break
			}
			if a.isPunct(k, ":") {
				if a.openingQuote(k+1) >= 0 {
					first = k + 1
					contentEnd = max(contentEnd, a.contentEnd(first, s.Last))
				}
				break
			}
		}
	}
	if first == end && a.tok(c).Has(lang.ObjectCue) {
		// "warned officials to boost ...", "urged allies to act".
		for k := end + 1; k < contentEnd && k-end < 6 && a.quoteOf[k] < 0 && !a.isPunct(k, ",;:"); k++ {
			if a.tok(k).Has(lang.InfinitiveMarker) {
				first = k
				break
			}
		}
	}
	if first == end {
		switch {
		case end < contentEnd && a.isPunct(end, ",:"):
			first = end + 1
		case a.tok(c).Has(lang.ObjectCue) && end < contentEnd && a.tok(end).Kind == segment.Word && a.tok(end).Flags&segment.Upper == 0 && a.quoteOf[end] < 0 && end+1 < contentEnd:
			first = end + 1
			if a.isPunct(first, ",:") {
				first++
			}
		}
	}
	if !a.clauseStart(first, contentEnd) {
		return
	}
	if weak {
		t := a.tok(first)
		if first >= contentEnd || !(t.Has(lang.Complementizer|lang.InfinitiveMarker) || t.Has(lang.Pronoun|lang.Determiner) || t.Flags&segment.Upper != 0 || a.quoteOf[first] >= 0) {
			return
		}
	}
	// "X said that ..., the spokeswoman explained": the attribution at the
	// end belongs to a statement of its own.
	if b := a.trailingAttributionAt(si); b > first && b < contentEnd {
		contentEnd = b
	}
	// "mocked the complaint, saying ...": a participle cue after a comma
	// starts a statement of its own.
	for k := first + 1; k+1 < contentEnd; k++ {
		if a.isPunct(k, ",") && a.quoteOf[k] < 0 && a.tok(k+1).Has(lang.Cue) && a.lang.IsParticiple(a.text(k+1)) {
			contentEnd = k
			break
		}
	}
	if contentEnd-first < 2 && !(contentEnd > first && a.quoteOf[first] >= 0) {
		return
	}
	st := statement{cue: c, cueEnd: end, lemma: lemma, spk: spk, spkEnd: spkEnd, from: from, sentence: si, para: s.Para}
	st.segs = append(st.segs, a.span(first, contentEnd))
	a.add(st, first, contentEnd)
}

// according handles "according to NP, CONTENT" and "CONTENT, according to NP".
func (a *attributor) according(si, c, end int32, lemma string) {
	s := &a.doc.Sentences[si]
	spk, spkEnd := a.speakerAfter(end, s.Last)
	if spk < 0 {
		return
	}
	st := statement{cue: c, cueEnd: end, lemma: lemma, spk: spk, spkEnd: spkEnd, from: -1, sentence: si, para: s.Para}
	last := a.contentEnd(s.First, s.Last)
	before := a.contentEnd(s.First, c)
	var first, stop int32
	if before-s.First >= 3 {
		first, stop = s.First, before
	} else {
		first = spkEnd
		if first < last && a.isPunct(first, ",") {
			first++
		}
		stop = last
	}
	if stop-first < 2 {
		return
	}
	st.segs = append(st.segs, a.span(first, stop))
	a.add(st, first, stop)
}

// floating attributes the quotes no cue claimed: a quote that is a whole
// sentence (or more) continues the previous speaker; a longer quoted
// fragment in a sentence without a cue is the previous speaker's view; a
// short one is a scare quote or a title and is left alone.
func (a *attributor) floating() {
	sortStatements(a.stmts)
	n := len(a.stmts)
	next := 0 // the first statement found by cues that starts after the quote
	for qi := range a.quotes {
		if a.used[qi] {
			continue
		}
		q := &a.quotes[qi]
		if q.single && !q.continues {
			continue
		}
		for next < n && a.stmts[next].segs[0][0] < q.start {
			next++
		}
		// The statement just before the quote: the last found by a cue,
		// or the last floating one, whichever is later.
		before := next - 1
		if last := len(a.stmts) - 1; last >= n && (before < 0 || a.stmts[last].segs[0][0] > a.stmts[before].segs[0][0]) {
			before = last
		}
		prev := a.continuedSpeaker(before, q.para, q.continues)
		sFirst := a.sentenceOf(q.open)
		sLast := a.sentenceOf(q.last - 1)
		s0, s1 := &a.doc.Sentences[sFirst], &a.doc.Sentences[sLast]
		lead := s0.First
		for lead < q.open && (a.tok(lead).Kind == segment.Dash || a.tok(lead).Kind == segment.Punct) {
			lead++
		}
		whole := lead == q.open && a.contentEnd(q.last, s1.Last) == q.last
		if whole {
			st := statement{kind: verbatim.Direct, cue: -1, cueEnd: -1, spk: -1, spkEnd: -1, from: prev, sentence: sFirst, para: q.para}
			st.segs = append(st.segs, [2]int{q.start, q.end})
			a.used[qi] = true
			a.stmts = append(a.stmts, st)
			continue
		}
		if prev < 0 || a.wordsIn(q.open, q.last) < 3 || a.stmts[prev].para != q.para {
			continue
		}
		first, last := s0.First, a.contentEnd(s0.First, s1.Last)
		for first < q.open && a.tok(first).Kind == segment.Word && a.tok(first).Has(lang.Conjunction) {
			first++
		}
		st := statement{kind: verbatim.Mixed, cue: -1, cueEnd: -1, spk: -1, spkEnd: -1, from: prev, sentence: sFirst, para: q.para}
		st.segs = append(st.segs, a.span(first, last))
		a.used[qi] = true
		a.stmts = append(a.stmts, st)
	}
	if len(a.stmts) > n {
		sortStatements(a.stmts)
	}
}

func (a *attributor) wordsIn(first, end int32) int {
	n := 0
	for k := first; k < end; k++ {
		if a.tok(k).Kind == segment.Word {
			n++
		}
	}
	return n
}

// continuedSpeaker decides whether an unattributed quote continues the
// speaker of statement k, the one just before it: yes when k is in the same
// paragraph, or in the previous paragraph when the quote reopens a
// continued one or k was itself a quotation. It returns k or -1.
func (a *attributor) continuedSpeaker(k int, para int32, continues bool) int {
	if k < 0 {
		return -1
	}
	st := &a.stmts[k]
	switch {
	case st.para == para:
	case st.para == para-1 && (continues || st.kind != verbatim.Indirect):
	default:
		return -1
	}
	if st.spk < 0 && st.from < 0 {
		return -1
	}
	return k
}

func (a *attributor) sentenceOf(tok int32) int32 {
	ss := a.doc.Sentences
	lo, hi := 0, len(ss)
	for lo < hi {
		m := (lo + hi) / 2
		if ss[m].Last <= tok {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return int32(lo)
}

// trailingAttribution reports whether sentence si ends with an attribution
// after a comma (", the spokesman explained."), which an unclosed quote
// must not swallow.
func (a *attributor) trailingAttribution(si int32) bool {
	return a.trailingAttributionAt(si) >= 0
}

// trailingAttributionAt returns the comma before an attribution that ends
// sentence si, or -1.
func (a *attributor) trailingAttributionAt(si int32) int32 {
	s := &a.doc.Sentences[si]
	last := a.contentEnd(s.First, s.Last)
	for c := last - 1; c > s.First && last-c <= maxTailTokens+maxSpeakerTokens; c-- {
		t := a.tok(c)
		if t.Kind != segment.Word || !t.Has(lang.Cue) || a.quoteOf[c] >= 0 {
			continue
		}
		if b, e := a.speakerBefore(c, s.First); b > s.First && e <= c && a.boundaryBefore(b) {
			if tail := a.contentEnd(c+1, s.Last); tail-c-1 <= maxTailTokens && !a.hasClass(c+1, tail, lang.Complementizer) {
				if a.tok(b-1).Kind == segment.QuoteMark {
					return b
				}
				return b - 1
			}
		}
		if a.isPunct(c-1, ",") {
			if b, _ := a.speakerAfter(c+1, s.Last); b >= 0 {
				return c - 1
			}
		}
	}
	return -1
}

// subject finds the name or pronoun a sentence opens with, before limit.
func (a *attributor) subject(first, limit int32) (int32, int32) {
	k := first
	for k < limit && a.tok(k).Kind == segment.Word && a.tok(k).Has(lang.Conjunction) {
		k++
	}
	if k < limit && a.tok(k).Has(lang.Pronoun) && !a.tok(k).Has(lang.Determiner|lang.PronounFirst) {
		return k, k + 1
	}
	for _, m := range a.ents.within(k, limit) {
		if m.roleFirst == k && m.typ != verbatim.EntityPlace {
			return m.roleFirst, m.last
		}
	}
	return -1, -1
}

// sortStatements puts statements in text order, keeping each one's link
// to the statement whose speaker it continues. Continuations always point
// to an earlier statement, so resolution can run in this order.
func sortStatements(st []statement) {
	order := make([]int, len(st))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return st[order[i]].segs[0][0] < st[order[j]].segs[0][0] })
	newIndex := make([]int, len(st))
	for n, old := range order {
		newIndex[old] = n
	}
	sorted := make([]statement, len(st))
	for n, old := range order {
		sorted[n] = st[old]
		if f := sorted[n].from; f >= 0 {
			sorted[n].from = newIndex[f]
		}
	}
	copy(st, sorted)
}
