package extract

// This file holds attributions by a phrase inside the sentence rather than
// by a verb: "nach Angaben der Polizei", "Berichten zufolge", "seiner
// Meinung nach". What was said is the rest of the sentence, before and
// after the phrase.

import (
	"verbatim/lang"
	"verbatim/segment"
)

// sourcePhrase tries the attribution phrase around token c, a source
// preposition or a postposition. It records a statement and returns the
// token after the phrase, or -1 when c starts none.
func (a *attributor) sourcePhrase(si, c int32) int32 {
	s := &a.doc.Sentences[si]
	t := a.tok(c)
	if a.quoteOf[c] >= 0 || a.covered[c] || t.Kind != segment.Word {
		return -1
	}
	// "nach Angaben der Polizei": the phrase after the preposition names
	// the source.
	if t.Has(lang.SourcePreposition) && !a.lang.CapitalizedNouns {
		// "In the new poll, …": a phrase whose noun is a source, set off
		// at the sentence's start, in a sentence with no cue of its own
		// ("slid in the polls" is a standing, not a source).
		if e := a.plainPhraseAfter(c+1, s.Last); c == s.First && e > c+1 && e < s.Last && a.isPunct(e, ",") && a.tok(e-1).Has(lang.SourceNoun) && !a.hasCue(si) {
			a.sourceStatement(si, c, e, c, c+1, c+1, e, lowerWord(a.text(c)))
			return e
		}
		return -1
	}
	if t.Has(lang.SourcePreposition) {
		if e := a.phraseAfter(c+1, s.Last); e > c+1 && a.sourceHead(c+1, e) {
			a.sourceStatement(si, c, e, c, c+1, c+1, e, lowerWord(a.text(c)))
			return e
		}
	}
	// "Berichten zufolge", "seiner Meinung nach": the phrase before it.
	if t.Has(lang.PostCue) || t.Has(lang.SourcePreposition) && c > s.First && a.headHas(c-1, lang.SourceNoun) {
		if b := a.phraseBefore(c, s.First); b >= 0 {
			a.sourceStatement(si, b, c+1, c, c+1, b, c, lowerWord(a.text(c)))
			return c + 1
		}
	}
	return -1
}

// sourceStatement records the statement of an attribution phrase [p, pEnd)
// with cue [c, cEnd) and speaker [spk, spkEnd): its content is what the
// sentence says around the phrase, one segment on each side that has words.
func (a *attributor) sourceStatement(si, p, pEnd, c, cEnd, spk, spkEnd int32, lemma string) {
	s := &a.doc.Sentences[si]
	last := a.contentEnd(s.First, s.Last)
	st := statement{cue: c, cueEnd: cEnd, lemma: lemma, spk: spk, spkEnd: spkEnd, from: -1, sentence: si, para: s.Para}
	first, end := int32(-1), int32(-1)
	from := a.phraseClause(s.First, p)
	if b := a.contentEnd(from, p); a.wordsIn(from, b) > 0 {
		st.segs = append(st.segs, a.span(from, b))
		first, end = from, b
	}
	after := pEnd
	for after < last && a.tok(after).Kind == segment.Punct && a.isPunct(after, ",") {
		after++
	}
	// "…, según la policía, que …": after a phrase set off by a comma, a
	// clause of its own follows, not more of what was said.
	setOff := p > s.First && a.isPunct(p-1, ",") && after > pEnd
	// "…, according to the agency, and the top 10 percent paid …": a
	// clause joined by "and" goes on with what the source says.
	if setOff && after+1 < last && a.tok(after).Kind == segment.Word && a.tok(after).Has(lang.Coordinator) && a.subjectStart(after+1) && !a.hasClass(after+1, last, lang.Cue) {
		after++
	} else if setOff && after < last && a.tok(after).Kind == segment.Word && a.tok(after).Has(lang.Conjunction|lang.ClauseOpener|lang.RelativePerson|lang.Complementizer) {
		after = last
	}
	if a.wordsIn(after, last) > 0 {
		st.segs = append(st.segs, a.span(after, last))
		if first < 0 {
			first = after
		}
		end = last
	}
	if first < 0 || a.wordsIn(first, end) < 2 {
		return
	}
	a.add(st, first, end)
}

// phraseClause returns where the clause holding token p begins, not before
// floor: after a colon or semicolon, or at the conjunction, relative or
// clause-opening word after a comma ("…, weil er sich nach Auffassung des
// Gerichts …", "…, die nach Einschätzung des Amtes …"). What the phrase
// attributes is that clause, not the sentence around it.
func (a *attributor) phraseClause(floor, p int32) int32 {
	for k := p - 1; k > floor; k-- {
		if a.quoteOf[k] >= 0 {
			continue
		}
		if a.isPunct(k, ":;") {
			return k + 1
		}
		if !a.isPunct(k, ",") || k+1 >= p {
			continue
		}
		w := a.tok(k + 1)
		if w.Kind != segment.Word {
			continue
		}
		if w.Has(lang.Conjunction|lang.ClauseOpener|lang.RelativePerson|lang.Complementizer) && !w.Has(lang.Coordinator) {
			return k + 1
		}
		// A relative pronoun: a determiner after the comma with no noun
		// after it ("…, das seiner Meinung nach …").
		if w.Has(lang.Determiner) && a.lang.CapitalizedNouns && k+2 <= p {
			if k+2 == p || a.tok(k+2).Kind == segment.Word && a.tok(k+2).Flags&segment.Upper == 0 {
				return k + 1
			}
		}
	}
	return floor
}

// headHas reports whether word token i, or its head where the language
// compounds nouns, is in the classes c.
func (a *attributor) headHas(i int32, c lang.Class) bool {
	t := a.tok(i)
	if t.Kind != segment.Word {
		return false
	}
	if t.Has(c) {
		return true
	}
	return a.lang.CompoundNouns && a.lang.HeadHas(lowerWord(a.text(i)), c)
}

// lowerWord lower-cases a word, letters beyond ASCII included.
func lowerWord(w string) string {
	b := make([]rune, 0, len(w))
	for _, r := range w {
		switch {
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r == 'Ä':
			r = 'ä'
		case r == 'Ö':
			r = 'ö'
		case r == 'Ü':
			r = 'ü'
		}
		b = append(b, r)
	}
	return string(b)
}

// sourceHead reports whether the first noun of the phrase [first, end) is
// a source noun ("ersten Untersuchungen", "Polizeiangaben").
func (a *attributor) sourceHead(first, end int32) bool {
	for k := first; k < end; k++ {
		t := a.tok(k)
		if t.Kind == segment.Word && t.Flags&segment.Upper != 0 {
			return a.headHas(k, lang.SourceNoun)
		}
	}
	return false
}

// phraseAfter reads a noun phrase of a language that capitalises its
// nouns from token c on: determiners and adjectives, nouns, and after a
// noun genitive attributes, prepositional attributes and names joined by
// "und". It returns the token after the phrase's last noun, or -1.
func (a *attributor) phraseAfter(c, last int32) int32 {
	if !a.lang.CapitalizedNouns {
		return -1
	}
	end := int32(-1)
	noun := false
	for i := c; i < last && i-c < maxSpeakerTokens; i++ {
		if q := a.quoteOf[i]; q >= 0 {
			// A name in quotation marks: „BBC News“.
			if noun || a.quotes[q].open != i || a.quotes[q].last-a.quotes[q].open > 6 {
				break
			}
			i = a.quotes[q].last - 1
			noun, end = true, i+1
			continue
		}
		t := a.tok(i)
		switch t.Kind {
		case segment.Number:
			noun, end = true, i+1
			continue
		case segment.Word:
		default:
			return end
		}
		switch {
		case t.Flags&segment.Upper != 0 && !(noun && t.Has(lang.Determiner)):
			noun, end = true, i+1
		case t.Has(lang.Determiner):
			if noun && !t.Has(lang.GenitiveDeterminer) {
				return end
			}
			noun = false
		case noun && t.Has(lang.NPPreposition|lang.Coordinator):
			noun = false
		case noun || t.Has(lang.Preposition|lang.Conjunction|lang.AdverbBetween|lang.Cue|lang.ReportedMood|lang.PassiveAux):
			return end
		case i > c && a.tok(i-1).Has(lang.NPPreposition) && !a.tok(i-1).Has(lang.Determiner):
			// "von n24": a lower-case name after a preposition.
			noun, end = true, i+1
		default:
			// An adjective before its noun.
		}
	}
	return end
}

// phraseBefore reads the noun phrase that ends before token c back to its
// first word, not before floor: nouns, names joined by "und", a genitive
// attribute, and the determiner or adjective before a noun. It returns the
// first token, or -1.
func (a *attributor) phraseBefore(c, floor int32) int32 {
	if !a.lang.CapitalizedNouns {
		return -1
	}
	first := int32(-1)
	for i := c - 1; i >= floor && c-i <= maxSpeakerTokens; i-- {
		if q := a.quoteOf[i]; q >= 0 {
			if a.quotes[q].last-1 != i || a.quotes[q].last-a.quotes[q].open > 6 {
				break
			}
			i = a.quotes[q].open
			first = i
			continue
		}
		t := a.tok(i)
		if t.Kind == segment.Number {
			first = i
			continue
		}
		if t.Kind != segment.Word || first < 0 && t.Flags&segment.Upper == 0 {
			break
		}
		if t.Flags&segment.Upper != 0 && !t.Has(lang.Determiner|lang.Pronoun|lang.Conjunction|lang.Preposition) {
			first = i
			continue
		}
		if t.Has(lang.Determiner) {
			first = i
			// A determiner opens the phrase, but a genitive one may
			// attach it to a noun before ("Berichten der Sender").
			if i-1 >= floor && a.tok(i-1).Flags&segment.Upper != 0 && t.Has(lang.GenitiveDeterminer) && !a.tok(i-1).Has(lang.Determiner) {
				continue
			}
			break
		}
		if t.Has(lang.Coordinator|lang.NPPreposition) && i-1 >= floor && a.tok(i-1).Flags&segment.Upper != 0 && a.tok(i-1).Kind == segment.Word {
			continue
		}
		// An adjective: a lower-case word with a determiner before it.
		if t.Flags&segment.Upper == 0 && i-1 >= floor && a.tok(i-1).Has(lang.Determiner) && !t.Has(lang.Preposition|lang.Conjunction|lang.AdverbBetween|lang.Cue) {
			first = i
			continue
		}
		break
	}
	if first < 0 || a.tok(first).Has(lang.Coordinator|lang.NPPreposition) && !a.tok(first).Has(lang.Determiner) {
		return -1
	}
	return first
}

// impersonal handles a cue that reports only beside the impersonal pronoun
// ("In dem Papier heißt es, die Regeln hätten sich bewährt", "Man sei sich
// einig, hieß es"). What was said is the clause before a comma that the
// verb follows, or else what follows the pronoun; a phrase opened by a
// preposition from the sentence's start to the verb names the source. It
// returns the token after the cue, or -1 when the pronoun is not beside
// the verb.
func (a *attributor) impersonal(si, c, end int32, lemma string) int32 {
	s := &a.doc.Sentences[si]
	cue, cueEnd := c, end
	switch {
	case end < s.Last && a.tok(end).Has(lang.PronounIt):
		cueEnd = end + 1
	case c > s.First && a.tok(c-1).Has(lang.PronounIt):
		cue = c - 1
	default:
		return -1
	}
	st := statement{cue: cue, cueEnd: cueEnd, lemma: lemma, spk: -1, spkEnd: -1, from: -1, sentence: si, para: s.Para}
	// "…, hieß es": the clause before the comma.
	if cue > s.First && a.isPunct(cue-1, ",") {
		b := a.contentEnd(s.First, cue)
		if a.wordsIn(s.First, b) < 3 {
			return -1
		}
		st.segs = append(st.segs, a.span(s.First, b))
		a.add(st, s.First, b)
		return cueEnd
	}
	// "In dem Papier heißt es, …" or "heißt es in dem Papier: …".
	last := a.contentEnd(s.First, s.Last)
	k := cueEnd
	for k < last && !a.isPunct(k, ",:") && k-cueEnd <= maxSpeakerTokens {
		k++
	}
	if k >= last {
		return -1
	}
	if k > cueEnd && a.tok(cueEnd).Has(lang.Preposition) {
		st.spk, st.spkEnd = cueEnd, k
	}
	k++
	if a.wordsIn(k, last) < 3 {
		return -1
	}
	if st.spk < 0 && cue > s.First && a.tok(s.First).Has(lang.Preposition) {
		st.spk, st.spkEnd = s.First, cue
		for j := s.First; j < cue; j++ {
			if a.tok(j).Kind != segment.Word && a.tok(j).Kind != segment.Number && a.quoteOf[j] < 0 {
				st.spk, st.spkEnd = -1, -1
				break
			}
		}
	}
	st.segs = append(st.segs, a.span(k, last))
	a.add(st, k, last)
	return last
}

// plainPhraseAfter reads a noun phrase of a language that does not
// capitalise its nouns from token c on: determiners, adjectives, names,
// numbers and nouns, with the prepositions that stand inside noun phrases,
// up to punctuation or a word that opens something else. It returns the
// token after its last noun, or -1.
func (a *attributor) plainPhraseAfter(c, last int32) int32 {
	end := int32(-1)
	for i := c; i < last && i-c < maxSpeakerTokens; i++ {
		t := a.tok(i)
		if a.quoteOf[i] >= 0 || t.Kind != segment.Word && t.Kind != segment.Number {
			break
		}
		if t.Kind == segment.Word && t.Has(lang.Determiner) {
			continue
		}
		// "the officer in charge of the base": a preposition that
		// stands inside noun phrases goes on with it.
		if t.Kind == segment.Word && t.Has(lang.NPPreposition) && end > 0 {
			continue
		}
		if t.Kind == segment.Word && t.Has(lang.Preposition|lang.Conjunction|lang.ClauseOpener|lang.AdverbBetween|lang.Auxiliary|lang.Pronoun|lang.TimeWord) {
			break
		}
		end = i + 1
	}
	return end
}

// hasCue reports whether sentence si holds a cue outside quotation marks
// ("by six points" holds none).
func (a *attributor) hasCue(si int32) bool {
	s := &a.doc.Sentences[si]
	for k := s.First; k < s.Last; k++ {
		if _, _, ok := a.cueAt(k, s.Last); ok {
			return true
		}
	}
	return false
}
