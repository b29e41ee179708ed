package extract

import (
	"verbatim/lang"
	"verbatim/segment"
)

// maxStanceModifiers bounds the words between a stance head and the verb
// that links it to its holder ("has been a consistent and outspoken
// supporter of").
const maxStanceModifiers = 5

// maxStanceObject bounds the words of what a stance is about.
const maxStanceObject = 30

// stances finds attitudes stated toward something, which news attributes
// as it attributes speech: "Graham has been critical of Trump", "Trump's
// attacks on Machado", "She has no illusions about Putin's threat". The
// head and its preposition are the cue, what follows them up to the end
// of its noun phrase is the content, and the holder is the speaker. A
// head without a holder ("support for the bill has grown") states no one's
// attitude and is left alone.
func (a *attributor) stances(si int32) {
	s := &a.doc.Sentences[si]
	for k := s.First; k+2 < s.Last; k++ {
		t := a.tok(k)
		if !t.Has(lang.StanceHead) || a.quoteOf[k] >= 0 || a.covered[k] || t.Flags&segment.Upper != 0 {
			continue
		}
		head := a.text(k) // lower case: capitalised heads were skipped
		prep := int32(-1)
		for _, p := range a.lang.Stances[head] {
			if a.isWord(k+1, p) {
				prep = k + 1
				break
			}
		}
		if prep < 0 {
			continue
		}
		spk, spkEnd, verb := a.stanceHolder(k, s.First)
		if spk < 0 {
			continue
		}
		first := prep + 1
		end := a.stanceObjectEnd(first, s.Last)
		// "is confident that the bill will pass", "is eager to run": a
		// clause or an infinitive is what the stance holds, to the end of
		// the sentence or of an attribution that closes it.
		if pt := a.tok(prep); pt.Has(lang.Complementizer | lang.InfinitiveMarker) {
			first = prep
			if pt.Has(lang.InfinitiveMarker) && !pt.Has(lang.Complementizer) && !a.startsClause(prep+1) {
				continue
			}
			end = a.complementEnd(si, first, "")
			for j := first + 1; j+1 < end; j++ {
				if a.isPunct(j, ",") && a.quoteOf[j] < 0 && a.ownAttribution(j+1, end) {
					end = j
					break
				}
			}
			if end-first < 3 {
				continue
			}
		}
		if end <= first {
			continue
		}
		st := statement{cue: k, cueEnd: prep + 1, lemma: head + " " + lowerWord(a.text(prep)), spk: spk, spkEnd: spkEnd, from: -1, sentence: si, para: s.Para}
		st.segs = append(st.segs, a.span(first, end))
		n := len(a.stmts)
		a.add(st, first, end)
		// "expressed misgivings about Mrs. Clinton": where the linking
		// verb is a cue that took the stance as what was said, the stance
		// is the statement and names what it is about.
		if verb >= 0 && len(a.stmts) > n {
			for j := n - 1; j >= 0 && a.stmts[j].sentence == si; j-- {
				if a.stmts[j].cue == verb {
					a.stmts[j] = a.stmts[n]
					a.stmts = a.stmts[:n]
					break
				}
			}
		}
		k = end - 1
	}
}

// stanceHolder finds whose attitude the stance head at k states: a
// possessor right before it ("Trump's attacks", "her criticism"), or the
// subject of a copula, auxiliary or stance verb a few modifiers before it
// ("Graham has been critical", "voters expressed deep concerns").
func (a *attributor) stanceHolder(k, floor int32) (spk, spkEnd, verb int32) {
	if k-1 >= floor {
		p := a.tok(k - 1)
		if p.Flags&segment.Possessive != 0 {
			spk, spkEnd = a.speakerBefore(k-1, floor)
			return spk, spkEnd, -1
		}
		if p.Has(lang.Determiner) && p.Has(lang.Pronoun) && !p.Has(lang.PronounFirst) {
			return k - 1, k, -1
		}
	}
	for v := k - 1; v >= floor && k-v <= maxStanceModifiers; v-- {
		t := a.tok(v)
		if t.Kind != segment.Word || a.quoteOf[v] >= 0 || t.Flags&segment.Upper != 0 {
			return -1, -1, -1
		}
		if t.Has(lang.PassiveAux | lang.Auxiliary | lang.StanceVerb) {
			b, e := a.speakerBefore(v, floor)
			if b >= 0 && a.tok(e-1).Has(lang.NonSpeaker) {
				return -1, -1, -1
			}
			return b, e, v
		}
		if t.Has(lang.Preposition|lang.ClauseOpener|lang.Cue) && !t.Has(lang.Determiner) {
			return -1, -1, -1
		}
	}
	return -1, -1, -1
}

// stanceObjectEnd returns the end of the noun phrase a stance is about,
// starting at first: it runs to the first punctuation outside quotes, a
// conjunction or clause opener after its first word, or a finite
// auxiliary that starts the sentence's own verb.
func (a *attributor) stanceObjectEnd(first, last int32) int32 {
	k := first
	for k < last && k-first < maxStanceObject {
		if a.quoteOf[k] >= 0 {
			k++
			continue
		}
		t := a.tok(k)
		if t.Kind == segment.Punct && !a.npWord(k) || t.Kind == segment.Dash || t.Kind == segment.QuoteMark {
			break
		}
		if k > first && t.Kind == segment.Word && (t.Has(lang.Conjunction|lang.ClauseOpener|lang.Auxiliary) && !t.Has(lang.Coordinator|lang.Determiner) || t.Has(lang.Cue) && t.Flags&segment.Upper == 0 && a.lang.IsPast(a.text(k))) {
			break
		}
		k++
	}
	if k-first >= maxStanceObject {
		return first
	}
	for k > first && (a.tok(k-1).Has(lang.Preposition|lang.Coordinator|lang.Determiner) && !a.tok(k-1).Has(lang.Pronoun)) {
		k--
	}
	return k
}
