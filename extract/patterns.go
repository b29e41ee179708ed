package extract

// This file holds the attribution patterns: where, around a cue, the
// speaker and what was said stand (postposed, inverted, preposed,
// passive, prepositional, headline and transcript labels).

import (
	"verbatim"
	"verbatim/lang"
	"verbatim/segment"
)

// maxAppositiveSpeaker bounds a speaker phrase with asides between a
// quotation and its verb.
const maxAppositiveSpeaker = 30

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
	for k-1 > floor && a.tok(k-1).Kind == segment.Word && betweenVerb(a.tok(k-1)) && c-k < 3 {
		k--
	}
	return k
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

// passive handles "CONTENT was reported by NP", "NP1 has been endorsed
// by NP2": the agent after "by" is the speaker, the subject what was said.
func (a *attributor) passive(si, c, end int32, lemma string) bool {
	s := &a.doc.Sentences[si]
	if a.lang.AgentlessPassive && end < s.Last && !a.tok(end).Has(lang.AgentMarker) && a.pastForm(c) {
		return a.agentless(si, c, end, lemma)
	}
	if end >= s.Last || !a.tok(end).Has(lang.AgentMarker) || !a.pastForm(c) || !a.passiveAuxBefore(c, s.First) {
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

// passiveAuxBefore reports whether a form of "be" stands before the cue
// at c, with only adverbs and auxiliaries between ("has been harshly
// criticized"), not before floor.
func (a *attributor) passiveAuxBefore(c, floor int32) bool {
	k := c - 1
	for k >= floor && a.skippable(k) && !a.tok(k).Has(lang.PassiveAux) {
		k--
	}
	return k >= floor && a.tok(k).Has(lang.PassiveAux)
}

// agentless handles a passive without its agent: "Peacekeepers have been
// accused of hurting civilians", "The bridge is expected to reopen". What
// the subject is said to be or do is reported, by no one named: the
// subject is one part of the content, the complement after the cue (a
// phrase after "of", "for" or "as", or an infinitive) another. A cue that
// names its addressee ("was told to leave") makes the subject the
// addressee instead, and is left to the other patterns.
func (a *attributor) agentless(si, c, end int32, lemma string) bool {
	s := &a.doc.Sentences[si]
	// "is opposed to", "was worried about": a participle that is a
	// stance's head states its subject's attitude; the stance pass reads
	// it.
	if a.tok(c).Has(lang.ObjectCue|lang.StanceHead) || a.quoteOf[c] >= 0 || !a.passiveAuxBefore(c, s.First) {
		return false
	}
	first, last := a.speakerBefore(c, s.First)
	if first < 0 {
		return false
	}
	st := statement{cue: c, cueEnd: end, lemma: lemma, spk: -1, spkEnd: -1, from: -1, sentence: si, para: s.Para}
	st.segs = append(st.segs, a.span(first, last))
	// The complement: "of hurting civilians", "as a threat", "to reopen".
	contentEnd := a.contentEnd(end, s.Last)
	from := int32(-1)
	switch t := a.tok(end); {
	case t.Kind != segment.Word || a.quoteOf[end] >= 0:
	case t.Has(lang.InfinitiveMarker) && end+1 < contentEnd && a.startsClause(end+1):
		from = end
	case t.Has(lang.ComplementPreposition|lang.Preposition) && (t.Has(lang.ComplementPreposition) || a.isWord(end, "as")) && end+1 < contentEnd:
		from = end + 1
	}
	if from >= 0 {
		if to := a.complementEnd(si, from, ","); to > from {
			st.segs = append(st.segs, a.span(from, to))
		}
	}
	a.add(st, first, last)
	return true
}

// complementEnd returns where the complement from token from of sentence
// si ends: before an attribution that closes the sentence, and at the
// first of the marks (none when empty) after its first word.
func (a *attributor) complementEnd(si, from int32, marks string) int32 {
	s := &a.doc.Sentences[si]
	end := a.contentEnd(from, s.Last)
	if b := a.trailingAttributionAt(si); b > from && b < end {
		end = b
	}
	for j := from + 1; j+1 < end; j++ {
		if a.isPunct(j, marks) && a.quoteOf[j] < 0 {
			return j
		}
	}
	return end
}

// maxTitleWords bounds a quoted title passed over between a cue and its
// clause.
const maxTitleWords = 6

// naming handles a participle that names what stands before it: "Burma,
// also known as Myanmar", "His group, called the Legacy Fund, …", "the
// week known as the Golden Week". The name is what the text reports, by
// no one named. A participle after an auxiliary is a passive, read
// elsewhere.
func (a *attributor) naming(si, c, end int32, lemma string) bool {
	s := &a.doc.Sentences[si]
	if c <= s.First || end >= s.Last || !a.pastForm(c) {
		return false
	}
	k := c - 1
	for k > s.First && a.skippable(k) && !a.tok(k).Has(lang.PassiveAux|lang.Auxiliary) {
		k--
	}
	p := a.tok(k)
	// Only a participle set off by a comma, or one followed by "as"
	// after a noun, names for sure: "the senator described the plan"
	// and "Trump called her a liar" are the subject's verbs.
	from := end
	as := a.isWord(from, "as")
	if as {
		from++
	}
	if p.Has(lang.PassiveAux|lang.Auxiliary|lang.Pronoun|lang.Conjunction) || !(a.isPunct(k, ",") || as && p.Kind == segment.Word && p.Flags&segment.Upper == 0 && !p.Has(lang.PersonNoun|lang.Title|lang.AnonymousNoun)) {
		return false
	}
	if from >= s.Last || a.quoteOf[from] < 0 && !a.subjectStart(from) {
		return false
	}
	to := a.stanceObjectEnd(from, s.Last)
	if to <= from {
		return false
	}
	st := statement{cue: c, cueEnd: from, lemma: lemma, spk: -1, spkEnd: -1, from: -1, sentence: si, para: s.Para}
	st.segs = append(st.segs, a.span(from, to))
	a.add(st, from, to)
	return true
}

// hearsay handles an adverb that attributes its clause to unnamed others:
// "The FBI is reportedly making arrangements to interview her". The clause
// around the adverb, from the sentence's start (or the comma before it)
// to the next comma, is the content, in two parts when the adverb stands
// inside it.
func (a *attributor) hearsay(si, c int32) {
	s := &a.doc.Sentences[si]
	first := c
	for first > s.First && !a.isPunct(first-1, ",;:") && a.quoteOf[first-1] < 0 && c-first < maxSpeakerTokens {
		first--
	}
	for first < c && a.tok(first).Kind == segment.Word && a.tok(first).Has(lang.Conjunction|lang.Preposition) && !a.tok(first).Has(lang.Determiner|lang.Pronoun) {
		first++
	}
	end := a.contentEnd(c+1, s.Last)
	for j := c + 2; j < end; j++ {
		if a.isPunct(j, ",;:") && a.quoteOf[j] < 0 {
			end = j
			break
		}
	}
	if end-c < 3 {
		return
	}
	st := statement{cue: c, cueEnd: c + 1, lemma: lowerWord(a.text(c)), spk: -1, spkEnd: -1, from: -1, sentence: si, para: s.Para}
	if first < c {
		st.segs = append(st.segs, a.span(first, c))
	}
	st.segs = append(st.segs, a.span(c+1, end))
	a.add(st, first, end)
}

// maxRelativeClause bounds a relative clause between a subject and its
// verb.
const maxRelativeClause = 20

// relativeSubject finds the subject that a relative clause separates from
// the cue at c without commas: "Supporters who have heard from the
// campaign say", "The officials whose laws were struck down say". The
// phrase before the relative pronoun opens the sentence.
func (a *attributor) relativeSubject(first, c int32) (int32, int32) {
	for r := c - 1; r > first && c-r <= maxRelativeClause; r-- {
		t := a.tok(r)
		if a.quoteOf[r] >= 0 || a.isPunct(r, ",;:") {
			return -1, -1
		}
		// "activists clamoring to block him say": a participle after a
		// plural noun opens a reduced relative clause.
		reduced := t.Kind == segment.Word && t.Flags&segment.Upper == 0 && a.lang.IsParticiple(a.text(r)) && !t.Has(lang.Cue) && (a.pluralNoun(r-1) || a.tok(r-1).Has(lang.AnonymousNoun|lang.PersonNoun))
		if !t.Has(lang.RelativePerson) && !reduced {
			continue
		}
		b, e := a.speakerBefore(r, first)
		if b < 0 || e != r {
			return -1, -1
		}
		k := first
		for k < b && a.tok(k).Kind == segment.Word && a.tok(k).Has(lang.Conjunction|lang.AdverbBetween) {
			k++
		}
		if k != b {
			return -1, -1
		}
		return b, e
	}
	return -1, -1
}

// linking handles a verb of seeming between a subject and what it is
// judged to be or do: "That looks unlikely", "He appeared to waver",
// "RT can seem like just another entrant". The subject and the complement
// are two parts of the content, said by no one named. "It seems that
// …" is left to the other patterns: the clause is what is reported.
func (a *attributor) linking(si, c, end int32, lemma string) bool {
	s := &a.doc.Sentences[si]
	if end >= s.Last || a.quoteOf[c] >= 0 {
		return false
	}
	first, last := a.speakerBefore(c, s.First)
	if first < 0 || last-first == 1 && a.tok(first).Has(lang.NonSpeaker|lang.PronounIt) && !a.tok(first).Has(lang.Determiner) {
		return false
	}
	// "the lack of enthusiasm among black voters seems": a phrase after
	// a preposition is not the subject; the whole phrase is.
	if first > s.First && a.tok(first-1).Has(lang.Preposition) && !a.tok(first-1).Has(lang.Determiner) {
		return false
	}
	from := end
	t := a.tok(from)
	switch {
	case t.Kind != segment.Word || a.quoteOf[from] >= 0 && a.quotes[a.quoteOf[from]].open != from:
		return false
	case t.Has(lang.InfinitiveMarker):
		// "appeared to suggest that …" reports through its own cue;
		// "looks to shore up support" intends.
		if from+1 >= s.Last || !a.startsClause(from+1) || a.tok(from+1).Has(lang.Cue) || a.tok(c).Has(lang.NounlikeCue) {
			return false
		}
	case a.isWord(from, "like"):
	case t.Has(lang.Preposition|lang.Determiner|lang.Pronoun|lang.Conjunction|lang.Complementizer|lang.ClauseOpener|lang.Cue) || t.Flags&segment.Upper != 0:
		return false
	}
	contentEnd := a.complementEnd(si, from, ",;")
	if contentEnd <= from {
		return false
	}
	st := statement{cue: c, cueEnd: end, lemma: lemma, spk: -1, spkEnd: -1, from: -1, sentence: si, para: s.Para}
	st.segs = append(st.segs, a.span(first, last), a.span(from, contentEnd))
	a.add(st, first, contentEnd)
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
		for n := 0; n < 2 && b-1 > s.First && !a.boundaryBefore(b) && a.tok(b-1).Kind == segment.Word && a.tok(b-1).Flags&segment.Upper == 0 && !a.tok(b-1).Has(lang.Cue|lang.Preposition|lang.Conjunction|lang.ClauseOpener) && !a.tok(b).Has(lang.Pronoun); n++ {
			b--
		}
	}
	// "…, les factures, soupire Hervé Lambert": a cue right after a comma
	// with its speaker after it is inverted; the phrase between two commas
	// before it is part of what was said, not a parenthetical subject.
	// "La presidenta, Ana Ruiz, defendió …": a phrase that opens the
	// sentence and is set off before the cue is its subject.
	subjectFirst := b >= 0 && b == s.First && e < a.verbGroupStart(c, s.First)
	// A separated stem's inverted speaker stands before its particle.
	ve, vLast := a.verbEnd(c, end), s.Last
	if ve != end {
		vLast = end - 1
	}
	if v := a.verbGroupStart(c, s.First); v > s.First && a.isPunct(v-1, ",") && b > s.First && e < v {
		if ib, ie := a.invertedSpeaker(ve, vLast); ib >= 0 {
			spk, spkEnd, boundary = ib, ie, v
		}
	}
	switch {
	case spk >= 0:
	case b > s.First && a.boundaryBefore(b) && e <= c:
		spk, spkEnd, boundary = b, e, b
	case b >= s.First+2 && a.enclitic(b-1) && a.boundaryBefore(b-2) && b-2 > s.First:
		// "», a-t-il déclaré": the pronoun is joined to the auxiliary.
		spk, spkEnd, boundary = b, e, b-2
	case subjectFirst:
	default:
		if v := a.verbGroupStart(c, s.First); a.boundaryBefore(v) && v > s.First && !a.lang.IsParticiple(a.text(c)) {
			after := ve
			if after < vLast && a.enclitic(after) {
				after++ // "», dit-elle"
			}
			if b, e := a.speakerAfter(after, vLast); b >= 0 {
				spk, spkEnd, boundary = b, e, v
			}
		}
	}
	if spk < 0 {
		spk, spkEnd, boundary = a.appositiveSpeaker(c, s.First)
	}
	from := -1
	if spk < 0 {
		// "«…», insistió.": a cue with no subject of its own after a
		// quotation (a pro-drop language) continues the speaker before.
		if from, boundary = a.subjectlessAfterQuote(si, c, end); from < 0 {
			return false
		}
	}
	tailStart := max(end, spkEnd)
	tail := a.contentEnd(tailStart, s.Last)
	// "..., O'Neill said, “Not going to go into that.”": the cue leads
	// into the quotation that follows; that is the statement.
	if spk < c && a.tok(boundary-1).Kind != segment.QuoteMark && !a.splitAt(boundary) && tailStart+1 < s.Last && a.isPunct(tailStart, ",:") && a.openingQuote(tailStart+1) >= 0 {
		return false
	}
	var second [2]int
	// After "NP said" only adverbials may follow ("in a statement",
	// "Monday", "reporters at the summit"): an object noun phrase means the
	// cue governs what follows, not what came before.
	if tail > tailStart {
		t := a.tok(tailStart)
		adverbial := t.Kind == segment.Punct || t.Kind == segment.Dash || t.Kind == segment.Word && (t.Has(lang.Preposition|lang.AdverbBetween|lang.TimeWord) || t.Flags&segment.Upper != 0 || a.tok(c).Has(lang.ObjectCue) || a.lang.IsAdverb(a.text(tailStart)))
		// "said a supporter who runs the account": a relative clause
		// after an inverted speaker describes the speaker.
		if !adverbial && spk >= end && t.Kind == segment.Word && t.Has(lang.RelativePerson) {
			adverbial = true
		}
		// "she said and quickly hung up": a second verb of the speaker.
		if !adverbial && t.Kind == segment.Word && t.Has(lang.Coordinator) && tailStart+1 < tail {
			n := a.tok(tailStart + 1)
			adverbial = n.Kind == segment.Word && n.Flags&segment.Upper == 0 && !n.Has(lang.Determiner|lang.Pronoun|lang.Preposition|lang.Conjunction|lang.Complementizer|lang.ClauseOpener) && !a.pluralNoun(tailStart+1)
		}
		// "said as she accepted her award", "said while campaigning": a
		// subordinate clause says when or why, not what.
		if !adverbial && t.Kind == segment.Word && t.Has(lang.Conjunction) && !t.Has(lang.Coordinator|lang.Determiner|lang.Pronoun|lang.Complementizer) && a.quoteOf[tailStart] < 0 && tailStart+1 < tail {
			n := a.tok(tailStart + 1)
			adverbial = n.Kind == segment.Word && (n.Has(lang.Pronoun) && !n.Has(lang.Determiner) || a.lang.IsParticiple(a.text(tailStart+1)))
		}
		// "said this month on CNBC", "said last week".
		if !adverbial && tailStart+1 < tail && t.Has(lang.Determiner) && a.tok(tailStart+1).Has(lang.TimeWord) {
			adverbial = true
		}
		// "„…“, beschreibt ein Reporter das Ereignis": in verb-second
		// order a short object may follow the inverted speaker.
		if !adverbial && a.lang.VerbSecond && spk >= end && t.Has(lang.Determiner) && tail-tailStart <= 3 {
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
	for contentFirst < boundary && a.tok(contentFirst).Kind == segment.Word && a.tok(contentFirst).Has(lang.Conjunction) && !a.subordinator(contentFirst, boundary) && a.quoteOf[contentFirst] < 0 {
		contentFirst++
	}
	// The content is a quotation when it ends at a closing mark, before or
	// after the comma ("“…,” he said"; "«…», dijo", "„…“, sagte er").
	closing := boundary - 1
	if closing > contentFirst && a.isPunct(closing, ",") {
		closing--
	}
	quoted := a.quoteOf[contentFirst] >= 0 && a.tok(closing).Kind == segment.QuoteMark
	// "Crue de la Lenne : « … », témoigne X": a label and a colon before
	// the quotation are not what was said.
	if q := a.quoteOf[closing]; !quoted && q >= 0 && a.quotes[q].close == closing {
		if open := a.quotes[q].open; open-1 > contentFirst && a.isPunct(open-1, ":") {
			// "X scolded him: “…,” she said": the cue before the colon
			// has claimed the quotation already.
			if a.used[q] {
				return false
			}
			contentFirst, quoted = open, true
		}
	}
	// «A —dijo el portavoz—, B»: the first part of a quotation that the
	// attribution interrupts ends at the dash or comma before it.
	if a.splitAt(boundary) && a.quoteOf[contentFirst] == a.quoteOf[boundary-2] {
		quoted = true
	}
	midSentence := !quoted && tail-tailStart > 2 && a.isPunct(tailStart, ",") && (a.startsClause(tailStart+1) || a.gerundSubject(tailStart+1, tail))
	if midSentence || tail-tailStart > maxTailTokens || a.hasClass(tailStart, tail, lang.Complementizer) {
		// "CONTENT, NP said, CONTENT": reported speech goes on after a
		// comma; a quotation would go on in quotation marks instead, and a
		// conjunction, preposition or participle starts something new.
		k := tailStart
		for k < tail && k-tailStart <= maxTailTokens && !a.isPunct(k, ",") {
			k++
		}
		inverted := spk >= end
		switch {
		case !quoted && !inverted && k < tail && a.isPunct(k, ",") && tail-k > 2 && (a.startsClause(k+1) || a.gerundSubject(k+1, tail)) && !a.appositive(k+1, tail):
			second = a.span(k+1, tail)
		case !inverted && k+2 < tail && a.isPunct(k, ",") && a.tok(k+1).Has(lang.Coordinator) && a.quotedPredicate(k+2, tail) >= 0:
			// "Oz is “smart as hell,” Mosko wrote, and “full of it”":
			// a quoted predicate joined after the attribution.
			second = a.span(a.quotedPredicate(k+2, tail), tail)
		case !quoted && !inverted && k+1 < tail && a.isPunct(k, ",") && tail-k > 4 && a.tok(k+1).Has(lang.Coordinator) && a.subjectStart(k+2) && !a.hasClass(k+2, tail, lang.Cue):
			// "A, the agency said in a report, and B": a second
			// clause joined after the attribution is reported too.
			second = a.span(k+2, tail)
		case !quoted && inverted && (tail-tailStart <= maxTailTokens+maxSpeakerTokens) && !a.hasClass(tailStart, tail, lang.Complementizer):
			// "..., said Jo Park, a senior official with the board."
		case !quoted && inverted && k < tail && a.isPunct(k, ",") && k+1 < tail && (a.appositive(k+1, tail) || a.tok(k+1).Has(lang.RelativePerson)):
			// "..., said Jo Park, a senior official with the board that
			// runs them", "..., said Jo Park, who argued that ...": what
			// follows describes the speaker, whatever it holds.
		case k+1 < tail && a.isPunct(k, ",") && a.tok(k+1).Has(lang.Cue) && a.lang.IsParticiple(a.text(k+1)) && a.quoteOf[k+1] < 0:
			// "…, McConnell said in June, citing the release of
			// prisoners": the participle makes a statement of its own.
		case !quoted && k < tail && a.subordinateTail(k, tail):
			// "CONTENT, Graham said, since most of them ...": a
			// subordinate clause after the attribution is not reported.
		case !quoted:
			return false
		}
	}
	contentEnd := boundary - 1 // the comma or the closing mark's token
	if a.tok(contentEnd).Kind == segment.QuoteMark {
		contentEnd++
	}
	contentEnd = a.contentEnd(contentFirst, contentEnd)
	// "Loyalty, he noted, has long been …": a one-word subject before an
	// inserted attribution is what was said when its predicate follows.
	if contentEnd-contentFirst < 2 && a.quoteOf[contentFirst] < 0 && !(contentEnd > contentFirst && second[1] > second[0] && a.nounWord(contentFirst) && spk >= 0 && !a.tok(spk).Has(lang.AdverbBetween)) {
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
	st := statement{cue: c, cueEnd: end, lemma: lemma, spk: spk, spkEnd: spkEnd, from: from, sentence: si, para: s.Para}
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
		// The rest of a quotation the attribution interrupts, whatever
		// stands after the speaker (« A, a reconnu la directrice. B »).
		if q := a.quoteOf[boundary-2] + 1; a.splitAt(boundary) && int(q) < len(a.quotes) && !a.used[q] && a.quotes[q].para == s.Para {
			second = [2]int{a.quotes[q].start, a.quotes[q].end}
		}
	}
	if second[1] > second[0] {
		st.segs = append(st.segs, second)
	}
	a.add(st, contentFirst, contentEnd)
	return true
}

// ownAttribution reports whether the words from i, after a comma, open a
// clause with an attribution of its own: a conjunction or adverb, then a
// pronoun or a name, then a cue ("though she acknowledged", "but Graham
// said"), or an adverb and a participle cue ("even suggesting").
func (a *attributor) ownAttribution(i, end int32) bool {
	k := i
	if k < end && a.tok(k).Kind == segment.Word && a.tok(k).Has(lang.Conjunction) && !a.tok(k).Has(lang.Complementizer|lang.Determiner) {
		k++
	}
	for k < end && a.skippable(k) {
		k++
	}
	if k >= end || a.quoteOf[k] >= 0 {
		return false
	}
	if k > i && a.tok(k).Has(lang.Cue) && a.lang.IsParticiple(a.text(k)) {
		return true
	}
	if k == i {
		return false
	}
	t := a.tok(k)
	switch {
	case t.Kind == segment.Word && t.Has(lang.Pronoun) && !t.Has(lang.Determiner|lang.ObjectPronoun|lang.NonSpeaker):
		k++
	case t.Kind == segment.Word && t.Flags&segment.Upper != 0:
		for n := 0; k < end && n < 4 && a.namePart(k); n++ {
			k++
		}
	default:
		return false
	}
	for k < end && a.skippable(k) {
		k++
	}
	if k >= end {
		return false
	}
	_, _, ok := a.cueAt(k, end)
	return ok
}

// subordinator reports whether the conjunction at i opens a subordinate
// clause that a comma closes before end ("Though the handover went
// smoothly, …"): that clause is part of what was said, where a leading
// "And" or "But" is not.
func (a *attributor) subordinator(i, end int32) bool {
	if a.tok(i).Has(lang.Coordinator) {
		return false
	}
	for k := i + 2; k < end; k++ {
		if a.isPunct(k, ",") {
			return true
		}
	}
	return false
}

// quotedPredicate returns the opening mark of a quotation that starts,
// after at most an adverb, at i and runs to the end of the clause at
// end, or -1.
func (a *attributor) quotedPredicate(i, end int32) int32 {
	for i < end && a.skippable(i) {
		i++
	}
	if i >= end || a.quoteOf[i] < 0 || a.quotes[a.quoteOf[i]].open != i {
		return -1
	}
	if q := &a.quotes[a.quoteOf[i]]; q.last < end-1 {
		return -1
	}
	return i
}

// subjectStart reports whether token i can open a clause's subject: a
// determiner, a subject pronoun, a name or a number.
func (a *attributor) subjectStart(i int32) bool {
	t := a.tok(i)
	if a.quoteOf[i] >= 0 {
		return false
	}
	return t.Kind == segment.Number || t.Kind == segment.Word && (t.Has(lang.Determiner|lang.Quantifier) || t.Flags&segment.Upper != 0 || t.Has(lang.Pronoun) && !t.Has(lang.ObjectPronoun|lang.NonSpeaker))
}

// gerundSubject reports whether the -ing form at i opens a clause as its
// subject ("replacing her would be harder"): an auxiliary follows within a
// few words, before any comma.
func (a *attributor) gerundSubject(i, end int32) bool {
	if !a.lang.IsParticiple(a.text(i)) || a.tok(i).Flags&segment.Upper != 0 {
		return false
	}
	for k := i + 1; k < end && k-i <= 5; k++ {
		t := a.tok(k)
		if t.Kind != segment.Word || a.quoteOf[k] >= 0 {
			return false
		}
		if t.Has(lang.Auxiliary) {
			return true
		}
	}
	return false
}

// nounWord reports whether token i can be a one-word subject: a word that
// is no adverb, conjunction, preposition or pronoun ("Loyalty", "Trump",
// not "Still", "However", "He").
func (a *attributor) nounWord(i int32) bool {
	t := a.tok(i)
	return t.Kind == segment.Word && !t.Has(lang.AdverbBetween|lang.Conjunction|lang.Preposition|lang.Pronoun|lang.Determiner|lang.ClauseOpener|lang.Degree) && !a.lang.IsAdverb(a.text(i)) && !a.lang.IsParticiple(a.text(i))
}

// subjectlessAfterQuote handles a cue that follows a quotation and ends
// the sentence without a subject ("«…», insistió.", "—…—añadió—. …"): the
// statement before it in the paragraph, or in the one before when that was
// a quotation, speaks. It returns that statement and the boundary token (the
// cue's verb group), or -1s.
func (a *attributor) subjectlessAfterQuote(si, c, end int32) (int, int32) {
	s := &a.doc.Sentences[si]
	v := a.verbGroupStart(c, s.First)
	if v <= s.First || !a.boundaryBefore(v) {
		return -1, -1
	}
	closing := v - 1
	if a.isPunct(closing, ",") && closing > s.First {
		closing--
	}
	if !(a.tok(closing).Kind == segment.QuoteMark && a.quoteOf[closing] >= 0 || a.splitAt(v)) {
		return -1, -1
	}
	after := a.contentEnd(end, s.Last)
	if after > end && !(a.splitAt(v) && a.tok(end).Kind == segment.Dash) {
		return -1, -1
	}
	k := len(a.stmts) - 1
	if k < 0 || a.stmts[k].sentence >= si {
		return -1, -1
	}
	return a.continuedSpeaker(k, s.Para, false), v
}

// coordinated reports whether the cue at c is a second verb after "and"
// ("… für vertretbar und bezeichnete …"): it shares the first one's
// subject, whatever stands after it.
func (a *attributor) coordinated(c, floor int32) bool {
	k := c - 1
	for k > floor && a.skippable(k) {
		k--
	}
	return k > floor && a.tok(k).Has(lang.Coordinator)
}

// quoteAfterColon returns the dialogue turn that opens the paragraph after
// sentence si when the sentence ends its paragraph with the cue (ending at
// end) and a colon; or -1. (A quotation in marks after such a paragraph
// is often a block quote of a document, which the shared files do not
// annotate; a dash turn is a reply.)
func (a *attributor) quoteAfterColon(si, end int32) int32 {
	s := &a.doc.Sentences[si]
	if end+1 != s.Last || !a.isPunct(end, ":") || int(s.Para)+1 >= len(a.doc.Paragraphs) {
		return -1
	}
	p, next := &a.doc.Paragraphs[s.Para], &a.doc.Paragraphs[s.Para+1]
	if s.Last != p.LastTok || next.FirstTok >= next.LastTok {
		return -1
	}
	if q := a.openingQuote(next.FirstTok); q >= 0 && a.quotes[q].dash {
		return q
	}
	return -1
}

// invertedSpeaker is speakerAfter for a speaker after an inverted cue, not
// a time ("said Monday").
func (a *attributor) invertedSpeaker(i, last int32) (int32, int32) {
	if i < last && a.enclitic(i) {
		i++ // "dit-elle"
	}
	b, e := a.speakerAfter(i, last)
	if b < 0 || a.tok(b).Has(lang.TimeWord|lang.PronounFirst|lang.ObjectPronoun) {
		return -1, -1
	}
	return b, e
}

// splitAt reports whether the token before boundary is the dash or comma
// that ends the first part of a quotation an inserted attribution
// interrupts («A —dijo él—, B», « A, a-t-il dit, B »).
func (a *attributor) splitAt(boundary int32) bool {
	if boundary < 2 {
		return false
	}
	q := a.quoteOf[boundary-2]
	return q >= 0 && a.quotes[q].split && a.quotes[q].last == boundary-1
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
	noun := false
	for k := first + 1; k < end && k-first <= 4; k++ {
		if a.tok(k).Has(lang.Title | lang.PersonNoun | lang.OrgWord) {
			noun = true
			break
		}
	}
	if !noun {
		return false
	}
	// "…, he said, the party should be prepared": a finite auxiliary
	// makes the phrase a clause's subject, not an apposition.
	for k := first + 1; k < end && a.quoteOf[k] < 0 && !a.isPunct(k, ",;:"); k++ {
		if a.tok(k).Has(lang.Auxiliary|lang.PassiveAux) && !a.tok(k).Has(lang.Determiner|lang.Pronoun) {
			return false
		}
	}
	return true
}

// subordinateTail reports whether the tail [k, end) after an attribution
// is a subordinate clause set off by a comma (", since most of them
// ...", ", as they left ..."): a subordinating conjunction opens it, and
// no complementizer follows a comma in it (", as he left, that ...").
func (a *attributor) subordinateTail(k, end int32) bool {
	if k+2 >= end || !a.isPunct(k, ",") {
		return false
	}
	t := a.tok(k + 1)
	if t.Kind != segment.Word || !t.Has(lang.Conjunction) || t.Has(lang.Coordinator|lang.Determiner|lang.Pronoun|lang.Complementizer) || a.quoteOf[k+1] >= 0 {
		return false
	}
	for j := k + 1; j+1 < end; j++ {
		if a.isPunct(j, ",") && a.tok(j+1).Has(lang.Complementizer) {
			return false
		}
	}
	return true
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

// preposed handles attribution before the content: "NP said (that)
// CONTENT", "NP told reporters CONTENT", "..., saying CONTENT".
func (a *attributor) preposed(si, c, end int32, lemma string, weak bool) {
	s := &a.doc.Sentences[si]
	// "responded by saying, “…”": the participle's statement is the one.
	if end+1 < s.Last && a.tok(end).Has(lang.AgentMarker) && a.tok(end+1).Has(lang.Cue) && a.lang.IsParticiple(a.text(end+1)) {
		return
	}
	spk, spkEnd := a.speakerBefore(c, s.First)
	// "Supporters who have heard from the campaign say": the phrase
	// nearest the cue is inside a relative clause; its head speaks.
	if spk > s.First+1 {
		if b, e := a.relativeSubject(s.First, c); b >= 0 && spk > e {
			spk, spkEnd = b, e
		}
	}
	// "Political observers in Virginia and around the country say": the
	// phrase after a preposition is part of the subject, not all of it.
	if spk > s.First && a.tok(spk-1).Has(lang.Preposition) && !a.tok(spk-1).Has(lang.Determiner) {
		if b, e := a.plainSubject(s.First, c); b >= 0 && b < spk {
			spk, spkEnd = b, e
		}
	}
	// Verb-second order: when something other than the subject opens the
	// sentence ("Am Montag sagte Müller, ..."), the subject follows the verb.
	if a.lang.VerbSecond && !a.coordinated(c, s.First) && (spk < 0 || spk > s.First || a.tok(s.First).Has(lang.Preposition|lang.AdverbBetween) || a.notSubject(spk, spkEnd)) {
		// A separated stem's subject stands before its particle ("teilte
		// die Polizei mit, …"); what it reports follows the particle.
		if ve := a.verbEnd(c, end); ve != end {
			if b, e := a.speakerAfter(ve, end-1); b >= 0 && !a.tok(b).Has(lang.NonSubjectDeterminer) {
				spk, spkEnd = b, e
			}
		} else if b, e := a.speakerAfter(end, s.Last); b >= 0 && !a.tok(b).Has(lang.NonSubjectDeterminer) {
			// "spricht die Polizei von weniger Krawallen": when the
			// phrase leaves nothing to report, a complement preposition
			// in it opens what the cue reports.
			r, rEnd := e, a.contentEnd(e, s.Last)
			if r < rEnd && a.isPunct(r, ",:") {
				r++
			}
			if rEnd-r < 2 || !a.clauseStart(r, rEnd) {
				for k := b + 2; k < e; k++ {
					if a.tok(k).Has(lang.ComplementPreposition) && a.tok(k-1).Flags&segment.Upper != 0 {
						e = k
						break
					}
				}
			}
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
			spk, spkEnd = a.clauseSubject(s.First, k)
			// "Democrats described it as ominous, and said ...": the
			// first verb's statement has found the subject already.
			for j := len(a.stmts) - 1; spk < 0 && j >= 0 && a.stmts[j].sentence == si; j-- {
				if st := &a.stmts[j]; st.spk >= s.First && st.spkEnd <= st.cue && st.cue < k {
					spk, spkEnd = st.spk, st.spkEnd
				}
			}
		}
	}
	// "The governor responded by saying …": the participle's subject is
	// the subject of the verb before "by".
	if spk < 0 && c-2 >= s.First && a.tok(c-1).Has(lang.AgentMarker) && a.tok(c-2).Has(lang.Cue) && a.lang.IsParticiple(a.text(c)) {
		spk, spkEnd = a.speakerBefore(c-2, s.First)
		if spk < 0 {
			spk, spkEnd = a.plainSubject(s.First, c-2)
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
			if spk < 0 {
				spk, spkEnd = a.plainSubject(s.First, c)
			}
			if spk < 0 {
				spk, spkEnd = a.relativeSubject(s.First, c)
			}
			// "Asked about the bomb, Clinton said …": a participle that
			// opens the sentence reports what it is about, up to the
			// comma, by no one named.
			if spk < 0 && a.openingParticiple(s.First, c) && a.tok(end-1).Has(lang.ComplementPreposition|lang.Preposition) && end < s.Last {
				to := end
				for to < s.Last && a.quoteOf[to] < 0 && !a.isPunct(to, ",;:") && to-end < maxStanceObject {
					to++
				}
				if to < s.Last && a.isPunct(to, ",") && to-end >= 1 {
					st := statement{cue: c, cueEnd: end, lemma: lemma, spk: -1, spkEnd: -1, from: -1, sentence: si, para: s.Para}
					st.segs = append(st.segs, a.span(end, to))
					a.add(st, end, to)
				}
				return
			}
			// A speech verb with a "that" clause reports speech even when
			// its speaker is beyond these rules: keep the statement.
			if spk < 0 && !(end < s.Last && a.tok(end).Has(lang.Complementizer) && !weak) {
				return
			}
		}
	}
	// "… et soupire :" closing a paragraph, the turn or quotation opening
	// the next one is what was said.
	if q := a.quoteAfterColon(si, end); q >= 0 {
		st := statement{cue: c, cueEnd: end, lemma: lemma, spk: spk, spkEnd: spkEnd, from: from, sentence: si, para: s.Para}
		st.segs = append(st.segs, [2]int{a.quotes[q].start, a.quotes[q].end})
		if q+1 < int32(len(a.quotes)) && a.quotes[q].split {
			st.segs = append(st.segs, [2]int{a.quotes[q+1].start, a.quotes[q+1].end})
		}
		a.add(st, a.quotes[q].open, a.quotes[q].last)
		return
	}
	contentEnd := a.contentEnd(end, s.Last)
	first := end
	// Skip what stands between the cue and its clause: "that" within a few
	// words (after "Monday", "in a statement", "reporters"), or a colon.
	aside := false
	skipped := int32(0) // tokens of quoted titles passed over
	for k := end; k < contentEnd && k-end-skipped < maxThatDistance; k++ {
		// "said on ABC's “This Week” that …": a short quoted title
		// inside the adverbial is passed over.
		if q := a.quoteOf[k]; q >= 0 && k > end && a.quotes[q].open == k && a.quotes[q].close >= 0 && a.wordsIn(k, a.quotes[q].last) <= maxTitleWords && a.quotes[q].last < contentEnd && !a.tok(a.quotes[q].last).Has(lang.Coordinator) {
			aside = true
			skipped += a.quotes[q].last - k
			k = a.quotes[q].last - 1
			continue
		}
		// A cue's noun-like form after a determiner is a noun ("on the
		// radio show"), not a verb of its own.
		noun := k > end && (a.tok(k-1).Has(lang.Determiner) && !a.tok(k-1).Has(lang.Pronoun) || a.tok(k).Has(lang.NounlikeCue) && a.tok(k-1).Kind == segment.Word && a.tok(k-1).Flags&segment.Upper == 0 && !a.tok(k-1).Has(lang.Pronoun|lang.AdverbBetween))
		if a.quoteOf[k] >= 0 || a.tok(k).Has(lang.Cue) && !a.tok(k).Has(lang.Complementizer) && !noun {
			break
		}
		// "said the move could mean that …": an auxiliary after a word
		// shows a clause of its own before "that"; it is what was said.
		// Inside an aside ("cautioned, as did the campaign, that") it
		// is not.
		aside = aside || a.tok(k).Kind != segment.Word
		if !aside && k > end && a.tok(k).Has(lang.Auxiliary) {
			break
		}
		// "could change that": a "that" with no clause after it is a
		// pronoun, and what stands before it is the clause.
		if a.tok(k).Has(lang.Complementizer) && k+2 < contentEnd {
			first = k
			break
		}
	}
	// "says of Clinton, “...”": a quotation after a comma or colon near
	// the cue is what was said.
	if first == end {
		for k := end; k < contentEnd && k-end < 8 && a.quoteOf[k] < 0; k++ {
			if a.isPunct(k, ",:") {
				if q := a.openingQuote(k + 1); q >= 0 {
					first = k + 1
					// "saying, “That makes me smart,” when Clinton
					// blasted him": a clause after the closed quotation
					// is the narrator's, not more of what was said.
					if qs := &a.quotes[q]; qs.close >= 0 && qs.last+1 < contentEnd {
						next := qs.last // the word after the comma that ends the quotation
						if a.isPunct(next, ",") {
							next++
						} else if !a.isPunct(qs.close-1, ",") {
							next = -1
						}
						if next > 0 && a.tok(next).Kind == segment.Word && a.tok(next).Has(lang.Conjunction|lang.ClauseOpener) && !a.tok(next).Has(lang.Coordinator|lang.Determiner|lang.Complementizer) {
							contentEnd = qs.last
						}
					}
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
		case a.tok(c).Has(lang.ObjectCue) && end < contentEnd && a.tok(end).Kind == segment.Word && a.tok(end).Flags&segment.Upper == 0 && a.quoteOf[end] < 0 && end+1 < contentEnd && (a.isPunct(end+1, ",:") || a.subjectStart(end+1) || a.tok(end+1).Has(lang.Complementizer|lang.InfinitiveMarker)):
			// "told reporters the plan would fail": the addressee, then
			// what was said; "urges retaliation on Russia" has no
			// addressee, and its object is what is urged.
			first = end + 1
			if a.isPunct(first, ",:") {
				first++
			}
		}
	}
	naming := a.lang.FragmentDirect && a.tok(c).Has(lang.NamingCue)
	if naming {
		// "sprach von einer „Katastrophe“ und sieht darin …": a verb
		// after "und" starts a clause of its own.
		for k := first + 1; k+1 < contentEnd; k++ {
			if a.tok(k).Has(lang.Coordinator) && a.quoteOf[k] < 0 && a.verbAfterCoordinator(k+1) {
				contentEnd = k
				break
			}
		}
	}
	// "said after the convention he would not accept": an adverbial
	// between the cue and a clause whose pronoun subject a finite verb
	// follows.
	if first == end && first < contentEnd && !a.clauseStart(first, contentEnd) && a.tok(first).Has(lang.Preposition) {
		for k := first + 2; k+1 < contentEnd && k-first <= 6 && a.quoteOf[k] < 0 && !a.isPunct(k, ",;:"); k++ {
			t, n := a.tok(k), a.tok(k+1)
			if t.Has(lang.Pronoun) && !t.Has(lang.Determiner|lang.ObjectPronoun) && n.Kind == segment.Word && (n.Has(lang.Auxiliary) || a.lang.IsPast(a.text(k+1))) {
				first = k
				break
			}
		}
	}
	// "sprachen in diesem Zusammenhang von „Panikverkäufen“": a naming
	// cue's quoted object may follow an adverbial.
	if !a.clauseStart(first, contentEnd) && !(naming && a.quotedObject(c, end, first, contentEnd)) {
		return
	}
	if weak {
		t := a.tok(first)
		// "believe bigotry and xenophobia are acceptable": a finite
		// auxiliary a few words on shows a clause.
		clause := a.hasClass(first+1, min(first+5, contentEnd), lang.Auxiliary|lang.PassiveAux)
		if first >= contentEnd || !(t.Has(lang.Complementizer|lang.InfinitiveMarker) || t.Has(lang.Pronoun|lang.Determiner) || t.Flags&segment.Upper != 0 || a.quoteOf[first] >= 0 || clause) {
			return
		}
	}
	// "X said that ..., the spokeswoman explained": the attribution at the
	// end belongs to a statement of its own.
	if b := a.trailingAttributionAt(si); b > first && b < contentEnd {
		contentEnd = b
	}
	// "mocked the complaint, saying ...": a participle cue after a comma
	// starts a statement of its own; so does a second cue after "and"
	// ("sprachen von einem „Dammbruch“ und forderten …").
	for k := first + 1; k+1 < contentEnd; k++ {
		if a.isPunct(k, ",") && a.quoteOf[k] < 0 && a.tok(k+1).Has(lang.Cue) && a.lang.IsParticiple(a.text(k+1)) {
			contentEnd = k
			break
		}
		// "…, though she acknowledged it was unlikely", "…, even
		// suggesting he was sabotaged": a clause after a comma with a
		// speaker and cue of its own is a statement of its own.
		if a.isPunct(k, ",") && a.quoteOf[k] < 0 && a.ownAttribution(k+1, contentEnd) {
			contentEnd = k
			break
		}
		if a.tok(k).Has(lang.Coordinator) && a.quoteOf[k] < 0 && k > first+1 {
			if _, _, ok := a.cueAt(k+1, s.Last); ok && a.coordinated(k+1, first) {
				contentEnd = k
				break
			}
		}
	}
	// "He didn't suggest retaliation": a one-word object is what the cue
	// reports when it closes the sentence.
	oneWord := !a.lang.VerbSecond && !(a.tok(c).Has(lang.NounlikeCue) && a.lang.IsThirdPerson(a.text(c))) && contentEnd-first == 1 && first == end && contentEnd == a.contentEnd(first, s.Last) && (a.nounWord(first) && !a.tok(first).Has(lang.Cue|lang.TimeWord|lang.AnonymousMarker) || a.tok(first).Has(lang.ObjectPronoun))
	if contentEnd-first < 2 && !(contentEnd > first && a.quoteOf[first] >= 0) && !oneWord {
		return
	}
	st := statement{cue: c, cueEnd: end, lemma: lemma, spk: spk, spkEnd: spkEnd, from: from, sentence: si, para: s.Para}
	// "Though the move was seamless, he said, replacing her would be
	// harder": what stands before a speaker set off by commas begins
	// what was said, and what follows the cue goes on with it.
	if lead := a.leadingPart(si, spk, spkEnd, c, end, first); lead[1] > lead[0] {
		// A quotation after the cue stays a direct statement of its own
		// ("It was, the president said, “a stone …”"); the words before
		// are reported beside it.
		if a.quoteOf[first] >= 0 {
			ls := st
			ls.segs = [][2]int{lead}
			a.add(ls, s.First, spk-1)
		} else {
			st.segs = append(st.segs, lead)
		}
	}
	st.segs = append(st.segs, a.span(first, contentEnd))
	a.add(st, first, contentEnd)
}

// openingParticiple reports whether the cue at c is a past participle that
// opens the sentence from first, alone or after a subordinator ("Asked
// about …", "When asked about …").
func (a *attributor) openingParticiple(first, c int32) bool {
	if !a.pastForm(c) {
		return false
	}
	k := first
	if k < c && a.tok(k).Kind == segment.Word && (a.tok(k).Has(lang.Conjunction) || a.tok(k).Has(lang.ClauseOpener)) && !a.tok(k).Has(lang.Determiner|lang.Pronoun) {
		k++
	}
	return k == c
}

// leadingPart returns the first part of an attribution inserted between
// commas ("A, he said, B") when the cue at [c, end) reports B from first
// on: A, the words from the sentence's start to the comma before the
// speaker, when none of them is already part of a statement. It returns
// an empty range otherwise.
func (a *attributor) leadingPart(si, spk, spkEnd, c, end, first int32) [2]int {
	s := &a.doc.Sentences[si]
	if spk <= s.First+1 || spkEnd > c || !a.isPunct(spk-1, ",") || first != end+1 || !a.isPunct(end, ",") {
		return [2]int{}
	}
	// Only the speaker, and adverbs, between the commas.
	for k := spkEnd; k < c; k++ {
		if !a.skippable(k) {
			return [2]int{}
		}
	}
	leadEnd := a.contentEnd(s.First, spk-1)
	if leadEnd <= s.First {
		return [2]int{}
	}
	// "Asked about the bomb, Clinton said, …": the question is no part of
	// the answer.
	for k := s.First; k < leadEnd && k-s.First < 3; k++ {
		if a.tok(k).Has(lang.Cue) && a.openingParticiple(s.First, k) {
			return [2]int{}
		}
	}
	for k := s.First; k < leadEnd; k++ {
		if a.covered[k] || a.quoteOf[k] >= 0 && a.used[a.quoteOf[k]] {
			return [2]int{}
		}
	}
	return a.span(s.First, leadEnd)
}

// verbAfterCoordinator reports whether word k after "und" is a finite
// verb in a language that capitalises its nouns: a lower-case word that is
// no determiner, pronoun, preposition or adverb and stands before no noun.
func (a *attributor) verbAfterCoordinator(k int32) bool {
	t := a.tok(k)
	if !a.lang.CapitalizedNouns || t.Kind != segment.Word || t.Flags&segment.Upper != 0 || a.quoteOf[k] >= 0 {
		return false
	}
	if t.Has(lang.Determiner | lang.Pronoun | lang.Preposition | lang.AdverbBetween | lang.Conjunction | lang.ClauseOpener) {
		return false
	}
	if int(k+1) >= len(a.doc.Tokens) {
		return true
	}
	n := a.tok(k + 1)
	return !(n.Kind == segment.Word && n.Flags&segment.Upper != 0) && !(n.Kind == segment.QuoteMark)
}

// quotedObject reports whether [first, end) is a quoted phrase that the
// naming cue [c, cEnd) reports, with only closed-class words and nouns
// beside it.
func (a *attributor) quotedObject(c, cEnd, first, end int32) bool {
	if first >= end {
		return false
	}
	st := statement{cue: c, cueEnd: cEnd}
	st.segs = append(st.segs, a.span(first, end))
	return a.objectFragment(st, first, end) >= 0
}

// according handles "according to NP, CONTENT", "CONTENT, according to NP"
// and, where the phrase stands inside the clause ("Die Firma plant laut
// Polizei den Abbau"), what the clause says on both sides of it.
func (a *attributor) according(si, c, end int32, lemma string) {
	s := &a.doc.Sentences[si]
	spk, spkEnd := a.speakerAfter(end, s.Last)
	if e := a.phraseAfter(end, s.Last); e > end {
		spk, spkEnd = end, e
	}
	// "according to a congressional report on Wednesday": a phrase that
	// names no person is a source too.
	if spk < 0 && !a.lang.CapitalizedNouns {
		if e := a.plainPhraseAfter(end, s.Last); e > end {
			spk, spkEnd = end, e
		}
	}
	if spk < 0 {
		return
	}
	a.sourceStatement(si, c, spkEnd, c, end, spk, spkEnd, lemma)
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
	if a.trailSentence != si {
		a.trailSentence, a.trailAt = si, a.findTrailingAttribution(si)
	}
	return a.trailAt
}

// findTrailingAttribution computes trailingAttributionAt.
func (a *attributor) findTrailingAttribution(si int32) int32 {
	s := &a.doc.Sentences[si]
	last := a.contentEnd(s.First, s.Last)
	for c := last - 1; c > s.First && last-c <= maxTailTokens+maxSpeakerTokens; c-- {
		t := a.tok(c)
		if t.Kind != segment.Word || !t.Has(lang.Cue) || a.quoteOf[c] >= 0 {
			continue
		}
		// "…, les factures, soupire Hervé Lambert.": inverted first.
		if v := a.verbGroupStart(c, s.First); a.isPunct(v-1, ",") {
			if b, _ := a.invertedSpeaker(c+1, s.Last); b >= 0 {
				return v - 1
			}
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

// maxPlainSubject bounds the words of a subject that only its place shows.
const maxPlainSubject = 10

// plainSubject returns the words between a sentence's opening conjunctions
// and the verb group of the cue at c when they can only be its subject:
// a phrase opened by a capital, a determiner or a number, with nouns,
// adjectives, prepositions and "and" but no verb, clause word or
// punctuation ("Experts on North Korea and nuclear nonproliferation
// said", "Political observers in Virginia and around the country say").
func (a *attributor) plainSubject(first, c int32) (int32, int32) {
	for first < c && a.tok(first).Kind == segment.Word && a.tok(first).Has(lang.Conjunction) {
		first++
	}
	end := c
	for end > first && a.skippable(end-1) {
		end--
	}
	if end <= first || end-first > maxPlainSubject {
		return -1, -1
	}
	t := a.tok(first)
	if !(t.Kind == segment.Number || t.Kind == segment.Word && (t.Flags&segment.Upper != 0 || t.Has(lang.Determiner)) && !t.Has(lang.ClauseOpener|lang.NonSpeaker|lang.Preposition)) {
		return -1, -1
	}
	for k := first; k < end; k++ {
		t := a.tok(k)
		if a.quoteOf[k] >= 0 || t.Kind != segment.Word && t.Kind != segment.Number && !(t.Kind == segment.Punct && a.npWord(k)) {
			return -1, -1
		}
		if t.Has(lang.Auxiliary|lang.PassiveAux|lang.ClauseOpener|lang.Cue|lang.TimeWord) && !t.Has(lang.Determiner|lang.Title|lang.PersonNoun) {
			return -1, -1
		}
		if t.Kind == segment.Word && t.Flags&segment.Upper == 0 && a.lang.IsPast(a.text(k)) {
			return -1, -1
		}
	}
	if !a.headsNP(first, end) {
		return -1, -1
	}
	return first, end
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
	// "Mr. Schultz": a title written with a stop is a run of its own, so
	// the name's mention starts after it.
	name := k
	for name < limit && (a.tok(name).Kind == segment.Word && a.tok(name).Has(lang.Title) || name > k && a.tok(name).Kind == segment.Punct && a.npWord(name)) {
		name++
	}
	for _, m := range a.ents.within(k, limit) {
		if (m.roleFirst == k || m.roleFirst == name) && m.typ != verbatim.EntityPlace {
			return k, m.last
		}
	}
	// "Le vigneron, Jean Morel, …": a determiner and a speaking noun, with
	// a name set off after it.
	if k < limit && a.tok(k).Has(lang.Determiner) && !a.tok(k).Has(lang.Pronoun) {
		j := k + 1
		speaking := false
		for j < limit && j-k < maxSpeakerTokens && a.quoteOf[j] < 0 && a.npWord(j) {
			speaking = speaking || a.tok(j).Has(lang.Title|lang.PersonNoun|lang.AnonymousNoun|lang.OrgWord)
			j++
		}
		if speaking && a.headsNP(k, j) {
			return k, a.apposedName(j, limit)
		}
		// "Die Autoren der Studie werfen …": where nouns are capitalised,
		// a determiner and its nouns before a lower-case verb.
		if a.lang.CapitalizedNouns && !a.tok(k).Has(lang.NonSubjectDeterminer) {
			if e := a.phraseAfter(k, limit); e > k+1 && e < limit && a.tok(e).Kind == segment.Word && a.tok(e).Flags&segment.Upper == 0 && !a.tok(e).Has(lang.Determiner|lang.Preposition|lang.Conjunction) {
				return k, e
			}
		}
	}
	return -1, -1
}
