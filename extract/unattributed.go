package extract

// This file holds what is attributed without a cue of its own: quotations
// that continue a speaker, fragments in a cue-less sentence, and sentences
// in the mood of reported speech.

import (
	"sort"
	"strings"

	"verbatim"
	"verbatim/lang"
	"verbatim/segment"
)

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
	added := int32(-2) // the last sentence this pass attributed
	for si := range a.doc.Sentences {
		s := &a.doc.Sentences[si]
		for next < n && a.stmts[next].sentence <= int32(si) {
			last = next
			next++
		}
		if has[si] || !a.hasClass(s.First, s.Last, lang.ReportedMood) {
			continue
		}
		// The statement just before: the last one found by a cue, or the
		// last one this pass added, whichever is later.
		if k := len(a.stmts) - 1; k >= n && (last < 0 || a.stmts[k].sentence > a.stmts[last].sentence) {
			last = k
		}
		first, end := s.First, a.contentEnd(s.First, s.Last)
		if end-first < 3 {
			continue
		}
		// A sentence right after one this pass added, in the same
		// paragraph, goes on with the same report: one statement spans
		// the run of sentences.
		if k := len(a.stmts) - 1; k >= n && last == k && added == int32(si)-1 && a.stmts[k].para == s.Para {
			a.stmts[k].segs[0][1] = a.span(first, end)[1]
			added = int32(si)
			continue
		}
		prev := a.continuedSpeaker(last, s.Para, true)
		if prev < 0 {
			continue
		}
		st := statement{kind: verbatim.Indirect, cue: -1, cueEnd: -1, spk: -1, spkEnd: -1, from: prev, sentence: int32(si), para: s.Para}
		st.segs = append(st.segs, a.span(first, end))
		a.stmts = append(a.stmts, st)
		added = int32(si)
	}
	if len(a.stmts) > n {
		sortStatements(a.stmts)
	}
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
		// "“…” ― Sonya Herridge": a quotation signed by a dash and a
		// name that ends its line, as pull quotes and reader voices are.
		if b, e, ok := a.signature(q.last, a.doc.Paragraphs[q.para].LastTok); lead == q.open && ok {
			st := statement{kind: verbatim.Direct, cue: b - 1, cueEnd: b, spk: b, spkEnd: e, from: -1, sentence: sFirst, para: q.para}
			st.segs = append(st.segs, [2]int{q.start, q.end})
			a.used[qi] = true
			a.stmts = append(a.stmts, st)
			continue
		}
		whole := lead == q.open && a.contentEnd(q.last, s1.Last) == q.last
		if whole {
			st := statement{kind: verbatim.Direct, cue: -1, cueEnd: -1, spk: -1, spkEnd: -1, from: prev, sentence: sFirst, para: q.para}
			st.segs = append(st.segs, [2]int{q.start, q.end})
			a.used[qi] = true
			a.stmts = append(a.stmts, st)
			continue
		}
		// "„…“, zeigte sich der Trainer zufrieden": in verb-second order
		// a quotation that opens the sentence before the finite verb
		// stands where the verb's object does; the subject after the
		// verb said it.
		if v := q.last; lead == q.open && a.lang.VerbSecond && a.lang.CapitalizedNouns && v < s1.Last {
			if a.isPunct(v, ",") && v+1 < s1.Last {
				v++
			}
			t := a.tok(v)
			if t.Kind == segment.Word && t.Flags&segment.Upper == 0 && a.quoteOf[v] < 0 && !t.Has(lang.Determiner|lang.Preposition|lang.Pronoun|lang.Conjunction|lang.ClauseOpener|lang.AdverbBetween|lang.Complementizer|lang.RelativePerson|lang.NonSpeaker) {
				if b, e := a.verbSecondSubject(v, s1.Last, true); b >= 0 {
					st := statement{kind: verbatim.Direct, cue: -1, cueEnd: -1, spk: b, spkEnd: e, from: -1, sentence: sFirst, para: q.para}
					st.segs = append(st.segs, [2]int{q.start, q.end})
					a.used[qi] = true
					a.stmts = append(a.stmts, st)
					continue
				}
			}
		}
		// "Er fuhr fort: „…“": a quotation that a colon introduces and
		// that ends the sentence is what was said, by the subject of the
		// words before the colon or else by the speaker before.
		// A quotation is what was said when it ends in a sentence's
		// mark or is long; a short one without is a title ("ihr
		// Erstwerk: „Sie befinden sich hier“").
		if colon := q.open - 1; colon > s0.First && a.isPunct(colon, ":") && a.contentEnd(q.last, s1.Last) == q.last && a.wordsIn(q.open, q.last) >= 3 {
			st := statement{kind: verbatim.Direct, cue: -1, cueEnd: -1, spk: -1, spkEnd: -1, from: prev, sentence: sFirst, para: q.para}
			if b, e := a.clauseSubject(s0.First, colon); b >= 0 {
				st.spk, st.spkEnd, st.from = b, e, -1
			}
			if st.spk >= 0 || st.from >= 0 || a.sentenceQuote(q) {
				st.segs = append(st.segs, [2]int{q.start, q.end})
				a.used[qi] = true
				a.stmts = append(a.stmts, st)
				continue
			}
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

// maxSignatureWords bounds the name that signs a quotation.
const maxSignatureWords = 6

// signature finds the name that signs the quotation ending before token
// i: a dash right after the closing mark, then only capitalised words
// (initials and name particles such as "de" among them) up to the end of
// the line, the sentence or last. It returns the name's tokens.
func (a *attributor) signature(i, last int32) (int32, int32, bool) {
	for i < last && a.isPunct(i, ".,") {
		i++
	}
	if i+1 >= last || a.tok(i).Kind != segment.Dash {
		return 0, 0, false
	}
	b := i + 1
	e, words := b, 0
	for e < last && !a.lineBreakBefore(e) {
		t := a.tok(e)
		if t.Kind == segment.Punct && t.Mark == '.' {
			// The full stop of an initial ("Edwin G. Monroy") is part
			// of the name.
			if p := a.tok(e - 1); e > b && p.End-p.Start == 1 && p.Flags&segment.Upper != 0 && t.Start == p.End {
				e++
				continue
			}
			break
		}
		if t.Kind != segment.Word || t.Flags&segment.Upper == 0 && !t.Has(lang.NameConnector) || a.quoteOf[e] >= 0 {
			return 0, 0, false
		}
		words++
		e++
	}
	if words == 0 || words > maxSignatureWords || a.tok(e-1).Flags&segment.Upper == 0 {
		return 0, 0, false
	}
	// Only the end of the line, or a full stop that ends it, may follow.
	for k := e; k < last && !a.lineBreakBefore(k); k++ {
		if !a.isPunct(k, ".") {
			return 0, 0, false
		}
	}
	return b, e, true
}

// lineBreakBefore reports whether a line break stands between token i and
// the one before it.
func (a *attributor) lineBreakBefore(i int32) bool {
	if i == 0 {
		return true
	}
	return strings.IndexByte(a.doc.Text[a.tok(i-1).End:a.tok(i).Start], '\n') >= 0
}

// sentenceQuote reports whether quote q holds a sentence: a mark that ends
// one stands before its closing mark, or it runs to eight words or more.
func (a *attributor) sentenceQuote(q *quoteSpan) bool {
	if a.wordsIn(q.open, q.last) >= 8 {
		return true
	}
	return q.last-1 > q.open && a.isPunct(q.last-1, ".!?…")
}

// clauseSubject finds the subject of the clause [first, limit): what
// subject finds; or, in verb-second order, what verbSecondSubject finds
// from the clause's start or, after a clause set off by a comma ("Als ein
// Fluggast half, biss der Mann …"), from the finite verb after the comma.
// It returns -1s when it finds none.
func (a *attributor) clauseSubject(first, limit int32) (int32, int32) {
	comma := int32(-1)
	for c := limit - 1; c > first; c-- {
		if a.isPunct(c, ",") {
			comma = c
			break
		}
	}
	// A subordinating conjunction opens a clause whose subject is not
	// the sentence's ("Als die Crew eingriff, rief der Mann: …").
	t := a.tok(first)
	subordinate := a.lang.VerbSecond && comma > first && t.Kind == segment.Word && t.Has(lang.Conjunction) && !t.Has(lang.Coordinator|lang.Determiner|lang.Pronoun)
	if !subordinate {
		if b, e := a.subject(first, limit); b >= 0 {
			return b, e
		}
	}
	if !a.lang.VerbSecond {
		// "Walking to the next address, Ebeling reminisced …, and said":
		// the subject follows the phrase that opens the sentence.
		for k := first + 1; k+1 < limit && k-first <= maxOpeningPhrase; k++ {
			if a.quoteOf[k] >= 0 {
				break
			}
			if a.isPunct(k, ",") {
				if b, e := a.subject(k+1, limit); b >= 0 {
					return b, e
				}
				break
			}
		}
	}
	if !a.lang.VerbSecond || !a.lang.CapitalizedNouns {
		return -1, -1
	}
	if !subordinate {
		if b, e := a.verbSecondSubject(first, limit, false); b >= 0 {
			return b, e
		}
	}
	if comma > first {
		return a.verbSecondSubject(comma+1, limit, true)
	}
	return -1, -1
}

// maxOpeningPhrase bounds the phrase set off before a sentence's subject
// ("In his speech on Monday, Obama …").
const maxOpeningPhrase = 12

// verbSecondSubject finds the subject of a verb-second clause from k: a
// run of capitalised words before a lower-case word ("Paolo hatte …",
// "Punklady Nina Hagen zur neuen Heimat"), a phrase a determiner opens
// before the finite verb ("Der italienische Innenminister zeigte sich
// …"), or the phrase after the finite verb when something else opens the
// clause ("In der ARD zeigte sich der Trainer zufrieden", "Dabei griff sie
// … an"). With verbFirst the finite verb opens the clause.
func (a *attributor) verbSecondSubject(k, limit int32, verbFirst bool) (int32, int32) {
	for k < limit && a.tok(k).Kind == segment.Word && a.tok(k).Has(lang.Conjunction) && !verbFirst {
		k++
	}
	if k >= limit {
		return -1, -1
	}
	const function = lang.Determiner | lang.Preposition | lang.Pronoun | lang.AdverbBetween | lang.Conjunction | lang.ClauseOpener | lang.TimeWord | lang.NonSpeaker | lang.Cue
	if !verbFirst {
		j := k
		for j < limit && j-k < maxSpeakerTokens && a.tok(j).Kind == segment.Word && a.tok(j).Flags&segment.Upper != 0 && !a.tok(j).Has(function) && a.quoteOf[j] < 0 {
			j++
		}
		// A single word opening the sentence is a name only when the
		// text writes it capitalised elsewhere too ("Darin", "Nachdem"
		// are not).
		single := j == k+1 && a.tok(k).Flags&segment.SentenceStart != 0 && !a.ents.midCaps[a.tok(k).Hash]
		if j > k && !single && j < limit && a.tok(j).Kind == segment.Word && a.tok(j).Flags&segment.Upper == 0 && !a.tok(j).Has(lang.Conjunction|lang.ClauseOpener) {
			return k, j
		}
	}
	// The finite verb: the first lower-case word that is no function
	// word and no adjective inside a noun phrase.
	v := k
	for ; v < limit && v-k <= 2*maxSpeakerTokens; v++ {
		t := a.tok(v)
		if a.quoteOf[v] >= 0 || t.Kind == segment.Punct && t.Mark != '.' || t.Kind == segment.Dash {
			return -1, -1
		}
		if t.Kind != segment.Word || t.Flags&segment.Upper != 0 || t.Has(lang.Determiner|lang.Preposition|lang.Pronoun|lang.Conjunction|lang.ClauseOpener|lang.NameConnector) {
			continue
		}
		if v > k && v+1 < limit && a.tok(v+1).Kind == segment.Word && a.tok(v+1).Flags&segment.Upper != 0 {
			if p := a.tok(v - 1); p.Has(lang.Determiner|lang.Preposition) && !p.Has(lang.Pronoun) || p.Kind == segment.Word && p.Flags&segment.Upper == 0 {
				continue // an adjective: "im italienischen Fachblatt"
			}
		}
		break
	}
	if v >= limit || v == k && !verbFirst {
		return -1, -1
	}
	// "Der italienische Innenminister zeigte …": a phrase a determiner
	// opens before the verb is the subject.
	if !verbFirst && a.tok(k).Has(lang.Determiner) && !a.tok(k).Has(lang.Pronoun|lang.NonSubjectDeterminer) && a.headsNP(k, v) {
		plain := true
		for m := k + 1; m < v; m++ {
			if a.tok(m).Has(lang.Preposition) && !a.tok(m).Has(lang.Determiner|lang.NPPreposition) {
				plain = false
			}
		}
		if plain {
			return k, v
		}
	}
	i := v + 1
	for i < limit && (a.tok(i).Has(lang.Reflexive) || a.tok(i).Has(lang.AdverbBetween) && !a.tok(i).Has(lang.Determiner|lang.Pronoun)) {
		i++
	}
	if i >= limit {
		return -1, -1
	}
	if t := a.tok(i); t.Has(lang.Pronoun) && !t.Has(lang.Determiner|lang.PronounFirst|lang.PronounIt|lang.ObjectPronoun) {
		return i, i + 1
	}
	if t := a.tok(i); t.Kind != segment.Word || t.Flags&segment.Upper == 0 && !t.Has(lang.Determiner) || t.Has(lang.NonSubjectDeterminer) {
		return -1, -1
	}
	b, e := a.invertedSpeaker(i, limit)
	// The subject ends before a lower-case word after its noun (no
	// adjective stands there: "der Verfasser folgenden Kommentar") and
	// before a preposition after a bare name ("Obama für die Annahme").
	for m := b + 1; b >= 0 && m < e; m++ {
		t := a.tok(m)
		if t.Kind != segment.Word || a.tok(m-1).Flags&segment.Upper == 0 {
			continue
		}
		if t.Flags&segment.Upper == 0 && !t.Has(lang.Determiner|lang.Preposition|lang.NameConnector) || t.Has(lang.Preposition) && !t.Has(lang.Determiner) && a.namesOnly(b, m) {
			e = m
			break
		}
	}
	return b, e
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
