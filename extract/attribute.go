package extract

import (
	"sort"
	"strings"

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
	// titleEnd is the token after a headline in title case ("Senator
	// Says Plan Will Fail"), where capitals do not mark names, or 0.
	titleEnd int32
	// sentenceUsed marks sentences that hold a statement.
	sentenceUsed []bool
	// trailSentence and trailAt remember trailingAttributionAt's answer
	// for one sentence, which every cue of the sentence asks for; -1 when
	// none is remembered. What it reads changes only in prepare.
	trailSentence, trailAt int32
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
	a.trailSentence = -1
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
		if t.Has(lang.SeparatedCue) && t.Flags&segment.Upper == 0 {
			if p, sc, ok := a.separatedParticle(i, last); ok {
				return p + 1, sc.Lemma, true
			}
		}
		return 0, "", false
	}
	// ", so der Sprecher": such a cue counts only right after a comma or
	// a closing quotation mark.
	if t.Has(lang.InvertedCue) && !a.boundaryBefore(i) {
		return 0, "", false
	}
	// Its speaker follows at once: ", so dass …" and ", so heißt ein …"
	// (a lower-case word that no determiner or pronoun is, with more
	// words after it) are no attributions.
	if t.Has(lang.InvertedCue) {
		if i+1 >= last {
			return 0, "", false
		}
		n := a.tok(i + 1)
		verb := n.Flags&segment.Upper == 0 && !n.Has(lang.Determiner|lang.Pronoun) && i+2 < last && a.tok(i+2).Kind == segment.Word
		if n.Kind != segment.Word || n.Has(lang.Complementizer|lang.ClauseOpener|lang.Conjunction) || verb {
			return 0, "", false
		}
	}
	// A capitalised cue word inside a sentence is part of a name ("the
	// Washington Post"); after a determiner or possessive it is a noun
	// ("his statement", "a report"). In a headline in title case every
	// word is capitalised: there a third-person form is the verb
	// ("Senator Says Plan Will Fail").
	if t.Flags&segment.Upper != 0 && t.Flags&segment.SentenceStart == 0 && !(i < a.titleEnd && !t.Has(lang.WeakCue) && a.lang.IsThirdPerson(lowerWord(a.text(i)))) {
		return 0, "", false
	}
	if i > 0 {
		p := a.tok(i - 1)
		// A clitic that doubles as a determiner ("lo dijo", "leur dit")
		// stands before verbs: the word table lists it between subject
		// and verb.
		if p.Flags&segment.Possessive != 0 || (p.Has(lang.Determiner) && !p.Has(lang.Pronoun|lang.AdverbBetween) && !a.quantifierSubject(i-1)) {
			return 0, "", false
		}
		// After an adverb of degree a past or -ing form is an adjective
		// ("more detailed plans", "a very surprising result"); one that
		// takes a clause or a complement still reports a stance ("so
		// worried that …", "too focused on …").
		if p.Has(lang.Degree) && !a.quantifierSubject(i-1) && t.Word.Lemma != a.text(i) && !a.lang.IsThirdPerson(a.text(i)) && (i+1 >= last || !a.tok(i+1).Has(lang.Complementizer|lang.ComplementPreposition|lang.Preposition)) {
			return 0, "", false
		}
		// The bare form of a verb needs a plural subject or an auxiliary:
		// "officials say", "will announce"; "a call", "in response" are nouns.
		w := a.text(i)
		if a.lang.BareFormNeedsSubject && w == t.Word.Lemma && !(p.Has(lang.Pronoun|lang.AdverbBetween|lang.AnonymousNoun|lang.PersonNoun) || a.quantifierSubject(i-1) || a.tok(i-1).Has(lang.InfinitiveMarker) || a.lang.IsThirdPerson(a.text(i-1)) || a.namesJoined(i-1) || a.bareVerb(i, last)) {
			return 0, "", false
		}
		// "-s" and "-ing" forms are often nouns ("swing states", "a 4-4
		// ruling"): after a lower-case word that is neither a pronoun, an
		// auxiliary nor a speaking noun, they are not verbs.
		if t.Has(lang.NounlikeCue) && len(w) > len(t.Word.Lemma) && (a.lang.IsThirdPerson(w) || a.lang.IsParticiple(w)) && p.Kind != segment.Punct && p.Kind != segment.QuoteMark {
			// "an analysis of campaign reports shows": after a plural
			// noun the -s form is the verb of the phrase's head.
			nominal := p.Flags&segment.Upper != 0 || p.Has(lang.Pronoun|lang.AdverbBetween|lang.Title|lang.PersonNoun|lang.AnonymousNoun|lang.OrgWord|lang.DocumentWord) || a.lang.IsAdverb(a.text(i-1)) ||
				a.lang.IsThirdPerson(w) && (a.pluralNoun(i-1) || p.Has(lang.NounlikeCue) && a.lang.IsThirdPerson(a.text(i-1)))
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

// quantifierSubject reports whether token i is a quantifier standing alone
// as a subject ("Many say", "Several said"): it opens its sentence or
// follows a comma or conjunction.
func (a *attributor) quantifierSubject(i int32) bool {
	t := a.tok(i)
	if t.Kind != segment.Word || !t.Has(lang.Quantifier) {
		return false
	}
	if t.Flags&segment.SentenceStart != 0 || i == 0 {
		return true
	}
	p := a.tok(i - 1)
	return a.isPunct(i-1, ",") || p.Kind == segment.Word && p.Has(lang.Conjunction) && !p.Has(lang.Determiner)
}

// bareVerb reports whether the bare form at i, after a word that is no
// subject by itself, is still a verb: after a count ("Six in 10 say", "42%
// say"), before a subject pronoun or "that" ("economists, like their
// rivals, say they"), or closing the sentence after a phrase set off by a
// comma (", people close to the talks say.").
func (a *attributor) bareVerb(i, last int32) bool {
	p := a.tok(i - 1)
	if p.Kind == segment.Number || a.isPunct(i-1, "%") {
		return true
	}
	// "forecasters say", "Democratic economists say": a plural noun.
	if a.pluralNoun(i - 1) {
		return true
	}
	// "economists, like their rivals, say": a plural noun before an
	// aside set off by commas.
	if a.isPunct(i-1, ",") {
		for k := i - 2; k > 0 && i-k < 12 && a.quoteOf[k] < 0; k-- {
			if a.isPunct(k, ",") {
				q := a.tok(k - 1)
				// "Some Democrats, however, question": a capitalised
				// plural too, where a singular could not take the bare
				// form.
				if a.pluralNoun(k-1) || q.Kind == segment.Word && (q.Flags&segment.Upper == 0 || q.Flags&segment.SentenceStart != 0) && q.Has(lang.AnonymousNoun|lang.PersonNoun) && a.lang.IsThirdPerson(a.text(k-1)) || q.Kind == segment.Word && q.Flags&segment.Upper != 0 && q.Flags&segment.Possessive == 0 && a.lang.IsThirdPerson(a.text(k-1)) && !strings.HasSuffix(a.text(k-1), "ss") {
					return true
				}
				break
			}
		}
	}
	// "those surveyed say", "voters polled say": a participle after a
	// plural phrase.
	if i >= 2 && p.Kind == segment.Word && p.Flags&segment.Upper == 0 && a.lang.IsPast(a.text(i-1)) && (a.tok(i-2).Has(lang.Determiner) && a.lang.IsThirdPerson(a.text(i-2)) || a.pluralNoun(i-2)) {
		return true
	}
	if i+1 < last {
		n := a.tok(i + 1)
		if n.Kind == segment.Word && (n.Has(lang.Pronoun) && !n.Has(lang.Determiner|lang.ObjectPronoun) || n.Has(lang.Complementizer)) && a.quoteOf[i+1] < 0 {
			return true
		}
		if p.Kind == segment.Word && a.isPunct(i+1, ".") && i+2 >= last {
			return true
		}
	}
	// The costlier readings of the subject last.
	first := a.doc.Sentences[a.sentenceOf(i)].First
	// "Political observers in Virginia and around the country say": a
	// subject that only its place shows, with a plural noun in it.
	if i-first <= maxPlainSubject+2 {
		if b, e := a.plainSubject(first, i); b >= 0 {
			for k := b; k < e; k++ {
				if a.pluralNoun(k) || a.tok(k).Has(lang.AnonymousNoun|lang.PersonNoun) && a.lang.IsThirdPerson(a.text(k)) {
					return true
				}
			}
		}
	}
	// "Supporters who have heard from the campaign say": a plural subject
	// before a relative clause.
	b, e := a.relativeSubject(first, i)
	return b >= 0 && a.lang.IsThirdPerson(a.text(e-1))
}

// pluralNoun reports whether token i looks like a plural common noun: a
// lower-case word with the language's plural ending that no closed class,
// cue or adverb holds, and whose ending is not that of a singular ("-ss",
// "-us", "-is").
func (a *attributor) pluralNoun(i int32) bool {
	t := a.tok(i)
	w := a.text(i)
	if t.Kind != segment.Word || t.Flags&segment.Upper != 0 && t.Flags&segment.SentenceStart == 0 || len(w) < 4 || !a.lang.IsPlural(w) {
		return false
	}
	switch w[len(w)-2] {
	case 's', 'u', 'i', '\'':
		return false
	}
	return t.Word.Class == 0 && !a.lang.IsAdverb(w)
}

// maxParticleDistance bounds the words between a separable verb's stem
// and its particle ("gab der Sprecher der Polizei am Montag an").
const maxParticleDistance = 16

// separatedParticle finds the particle that completes the separable verb
// stem at i: the last word of its clause, before a comma, colon, dash,
// "dass" or the sentence's end ("teilte die Polizei mit, dass …", "wies
// der Minister die Vorwürfe als „haltlos“ zurück."). It returns the
// particle's token and the cue it makes.
func (a *attributor) separatedParticle(i, last int32) (int32, lang.SeparableCue, bool) {
	k := i + 1
	for k < last && k-i <= maxParticleDistance {
		t := a.tok(k)
		if a.quoteOf[k] < 0 && (t.Kind == segment.Dash || t.Kind == segment.Punct && t.Mark != '.' || t.Has(lang.Complementizer|lang.ClauseOpener) || a.quoteOf[k] < 0 && t.Kind == segment.QuoteMark) {
			break
		}
		k++
	}
	if k-i > maxParticleDistance {
		return 0, lang.SeparableCue{}, false
	}
	p := k - 1
	for p > i && a.tok(p).Kind == segment.Punct && a.quoteOf[p] < 0 {
		p--
	}
	if p <= i || a.quoteOf[p] >= 0 || a.tok(p).Kind != segment.Word || a.tok(p).Flags&segment.Upper != 0 {
		return 0, lang.SeparableCue{}, false
	}
	for _, sc := range a.lang.Separated[lowerWord(a.text(i))] {
		if a.isWord(p, sc.Particle) {
			return p, sc, true
		}
	}
	return 0, lang.SeparableCue{}, false
}

// cueClass returns the classes of the cue at c with the given lemma: the
// word's own, or for a separated stem those of the verb it makes.
func (a *attributor) cueClass(c int32, lemma string) lang.Class {
	t := a.tok(c)
	if t.Has(lang.Cue) {
		return t.Word.Class
	}
	for _, sc := range a.lang.Separated[lowerWord(a.text(c))] {
		if sc.Lemma == lemma {
			return sc.Class
		}
	}
	return 0
}

// verbEnd returns the end of the cue verb itself: for a separated stem
// ("teilte die Polizei mit") the word after the stem, where an inverted
// speaker stands, else the cue's end.
func (a *attributor) verbEnd(c, end int32) int32 {
	if !a.tok(c).Has(lang.Cue) && end > c+2 {
		return c + 1
	}
	return end
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
			// "people familiar with the talks": after a determiner a
			// cue's noun-like form is a noun.
			if !t.Has(lang.NounlikeCue) || i == 0 {
				return false
			}
			p := a.tok(i - 1)
			return p.Has(lang.Determiner) || p.Flags&segment.Possessive != 0 || p.Kind == segment.Word && p.Flags&segment.Upper == 0 && !p.Has(lang.Pronoun|lang.AdverbBetween|lang.Preposition|lang.Conjunction|lang.Cue) && !a.lang.IsAdverb(a.text(i-1))
		}
		if t.Has(lang.Preposition) && !t.Has(lang.Determiner) {
			// "advisers to Mr. Obama", "people close to the talks": where
			// the infinitive's particle is a phrase's preposition too, it
			// joins one before a name or a determiner; before a verb it
			// makes an infinitive.
			if t.Has(lang.NPPreposition) && t.Has(lang.InfinitiveMarker) {
				if int(i+1) >= len(a.doc.Tokens) {
					return false
				}
				n := a.tok(i + 1)
				return n.Kind == segment.Word && (n.Flags&segment.Upper != 0 || n.Has(lang.Determiner) && !n.Has(lang.Pronoun) || n.Has(lang.ObjectPronoun))
			}
			return t.Has(lang.NPPreposition)
		}
		if t.Has(lang.AdverbBetween) && !t.Has(lang.Determiner) {
			return false
		}
		return true
	case segment.Number:
		return true
	case segment.Punct:
		// "47% say": a percent sign belongs to its number.
		if t.Mark == '%' && i > 0 && a.tok(i-1).Kind == segment.Number && a.tok(i-1).End == t.Start {
			return true
		}
		if t.Mark != '.' || i == 0 || a.tok(i-1).End != t.Start {
			return false
		}
		// A stop that ends the sentence is not an abbreviation's
		// ("dijo la directora.").
		if int(i+1) >= len(a.doc.Tokens) || a.tok(i+1).Flags&segment.SentenceStart != 0 {
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
	// A name set off between the commas is the phrase's apposition ("La
	// presidenta, Ana Ruiz, defendió"): it belongs to the speaker.
	apposed := int32(-1)
	if i >= floor && a.isPunct(i, ",") {
		j := i - 1
		for j >= floor && i-j < maxAside && !a.isPunct(j, ",") && a.quoteOf[j] < 0 {
			j--
		}
		// A relative clause may run longer ("Hedge, who appraises golf
		// course properties for the brokerage firm Cushman & Wakefield,
		// said").
		if j >= floor && !a.isPunct(j, ",") {
			for k := j; k >= floor && i-k < maxRelativeAside && a.quoteOf[k] < 0; k-- {
				if a.isPunct(k, ",") {
					if a.tok(k + 1).Has(lang.RelativePerson) {
						j = k
					}
					break
				}
			}
		}
		if j >= floor && a.isPunct(j, ",") {
			if a.apposedName(j, i) == i {
				apposed = i
			}
			i = j - 1
		} else {
			return -1, -1
		}
		// "Donna Rawlings, 59, of Ashton, Md., who watched it, said":
		// an age, a home town and its state, each set off by commas,
		// stand between the name and the aside.
		for n := 0; n < maxAsides; n++ {
			k := a.descriptiveAside(i, floor)
			if k < 0 {
				break
			}
			i = k - 1
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
	// A pronoun is a whole speaker; words before it belong elsewhere. An
	// object pronoun after a preposition ends the phrase instead ("a
	// source close to him").
	for k := end - 1; k >= first; k-- {
		if a.tok(k).Has(lang.Pronoun) && !a.tok(k).Has(lang.Determiner) {
			if k == end-1 && !(k > first && a.tok(k).Has(lang.ObjectPronoun) && a.tok(k-1).Has(lang.Preposition|lang.InfinitiveMarker)) {
				first = k
			}
			break
		}
	}
	if first >= end || !a.headsNP(first, end) {
		return -1, -1
	}
	if apposed > end && !a.tok(end-1).Has(lang.Pronoun) {
		end = apposed
	}
	return first, end
}

// titleCase reports whether the words of [first, end) are in title case:
// all but short function words capitalised, at least four of them.
func (a *attributor) titleCase(first, end int32) bool {
	words, lower := 0, 0
	for k := first; k < end; k++ {
		t := a.tok(k)
		if t.Kind != segment.Word || a.quoteOf[k] >= 0 || t.Flags&segment.Possessive != 0 {
			continue
		}
		words++
		if t.Flags&segment.Upper == 0 && !t.Has(lang.Determiner|lang.Preposition|lang.Conjunction|lang.InfinitiveMarker) {
			lower++
		}
	}
	return words >= 4 && lower == 0
}

// maxAside bounds a phrase set off by commas between a speaker and its
// verb; maxRelativeAside one that a relative pronoun opens.
const (
	maxAside         = 12
	maxRelativeAside = 28
)

// maxAsides bounds the descriptive asides read before a speaker's verb.
const maxAsides = 3

// descriptiveAside reports whether the tokens that end at i and begin after
// a comma describe the name before that comma rather than name the
// speaker: an age ("59"), a home town ("of Ashton", "from Ohio") or a
// state's abbreviation ("Md."). It returns the comma, or -1.
func (a *attributor) descriptiveAside(i, floor int32) int32 {
	k := i
	for k > floor && i-k < 6 && !a.isPunct(k, ",") {
		k--
	}
	if k <= floor || !a.isPunct(k, ",") || k == i {
		return -1
	}
	first := a.tok(k + 1)
	switch {
	case first.Kind == segment.Number && i == k+1:
		return k
	case first.Kind == segment.Word && first.Has(lang.PlacePreposition|lang.NameConnector) && first.Flags&segment.Upper == 0:
		for m := k + 2; m <= i; m++ {
			if !a.namePart(m) {
				return -1
			}
		}
		if i > k+1 {
			return k
		}
	case i == k+2 && first.Kind == segment.Word && first.Flags&segment.Upper != 0 && a.isPunct(i, ".") && a.tok(i).Start == first.End:
		return k
	}
	return -1
}

// namesJoined reports whether the name ending at token i is the last of
// names joined by "and" ("Mr. Grassley and Mr. Leahy say"): a plural
// subject, before which a bare verb form is a verb.
func (a *attributor) namesJoined(i int32) bool {
	if i < 0 || a.tok(i).Flags&segment.Upper == 0 {
		return false
	}
	for k := i - 1; k > 0 && i-k <= maxSpeakerTokens; k-- {
		t := a.tok(k)
		if t.Has(lang.Coordinator) {
			return a.joinsNames(k, 0)
		}
		if !a.namePart(k) {
			return false
		}
	}
	return false
}

// namePart reports whether token i can stand inside a run of names: a
// capitalised word or an abbreviation's stop ("Mr.").
func (a *attributor) namePart(i int32) bool {
	t := a.tok(i)
	return t.Kind == segment.Word && t.Flags&segment.Upper != 0 || t.Kind == segment.Punct && a.npWord(i)
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
	if !(prev.Kind == segment.Word && prev.Flags&segment.Upper != 0 && next.Kind == segment.Word && (next.Flags&segment.Upper != 0 || next.Has(lang.Coordinator))) {
		return false
	}
	if !a.isPunct(i, ",") {
		return true
	}
	// A comma joins names only in a list that an "and" closes ("Mr.
	// Grassley, Mr. Leahy and Mr. Cornyn say"); "Back in Virginia, Mr.
	// Clarke said" sets a phrase off before the speaker.
	for k := i + 1; int(k) < len(a.doc.Tokens) && k-i <= maxSpeakerTokens; k++ {
		t := a.tok(k)
		if t.Has(lang.Coordinator) {
			return true
		}
		if !a.namePart(k) && !a.isPunct(k, ",") {
			return false
		}
	}
	return false
}

// skippable reports whether token i may stand between a subject and its
// verb: an auxiliary, negation or adverb ("has also", "aggressively").
func (a *attributor) skippable(i int32) bool {
	t := a.tok(i)
	if t.Kind != segment.Word || t.Flags&segment.Upper != 0 {
		return false
	}
	return betweenVerb(t) || a.lang.IsAdverb(a.text(i)) && !t.Has(lang.Title|lang.PersonNoun|lang.AnonymousNoun)
}

// betweenVerb reports whether word token t stands between a subject and
// its verb: an auxiliary or adverb, or an object clitic ("lui lance", "le
// dijo"), which the table lists there too; not a subject pronoun.
func betweenVerb(t *segment.Token) bool {
	return t.Has(lang.AdverbBetween) && (!t.Has(lang.Pronoun) || t.Has(lang.ObjectPronoun))
}

// anchor returns the first token of [first, end) that can begin a speaking
// noun phrase (a determiner, pronoun, name, number or speaking noun), or -1.
func (a *attributor) anchor(first, end int32) int32 {
	for k := first; k < end; k++ {
		t := a.tok(k)
		if t.Kind == segment.Number || t.Kind == segment.Word && (t.Flags&segment.Upper != 0 || t.Has(lang.Determiner|lang.Pronoun|lang.Title|lang.PersonNoun|lang.AnonymousNoun|lang.OrgWord|lang.DocumentWord|lang.Quantifier)) || a.pluralNoun(k) {
			if t.Has(lang.ClauseOpener) && !t.Has(lang.Pronoun) && t.Flags&segment.Upper == 0 {
				continue // "which", "that" open a clause, not a speaker
			}
			return k
		}
	}
	return -1
}

// headsNP reports whether tokens [first, end) look like a noun phrase that
// can speak: it holds a name, a pronoun, a title or a noun.
func (a *attributor) headsNP(first, end int32) bool {
	last := a.tok(end - 1)
	if last.Kind != segment.Word && last.Kind != segment.Number && !(a.isPunct(end-1, "%") && a.npWord(end-1)) {
		return false
	}
	if last.Has(lang.Preposition|lang.Determiner) && !last.Has(lang.Pronoun) && !(end-first == 1 && a.quantifierSubject(first)) {
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
		// A determiner capitalised by position or the pronoun "I" is
		// no name ("The experts I interviewed said").
		if t.Flags&segment.Upper != 0 && !t.Has(lang.Determiner|lang.Pronoun) {
			named = true
			continue
		}
		// "those surveyed": after a determiner a past form is part of
		// the phrase.
		if named && a.lang.IsPast(a.text(k)) && !t.Has(lang.Title|lang.PersonNoun|lang.AnonymousNoun|lang.OrgWord|lang.DocumentWord) && !(k > first && (a.tok(k-1).Has(lang.Determiner) || a.lang.IsAdverb(a.text(k-1)) || a.tok(k-1).Flags&segment.Upper != 0 && a.lang.IsThirdPerson(a.text(k-1)))) {
			return false
		}
	}
	return true
}

// speakerAfter finds the noun phrase right after an inverted cue ("said
// Rutte", "says a narrator in the ad").
func (a *attributor) speakerAfter(c, last int32) (int32, int32) {
	// "würdigte er Soleimanis Lebensweg als …": in verb-second order an
	// inverted personal pronoun is the whole subject; an object follows.
	if c < last && a.lang.VerbSecond {
		if t := a.tok(c); t.Kind == segment.Word && t.Has(lang.Pronoun) && !t.Has(lang.Determiner|lang.PronounFirst|lang.ObjectPronoun|lang.NonSpeaker) && c+1 < last && a.tok(c+1).Kind == segment.Word {
			return c, c + 1
		}
	}
	i := c
	for i < last && i-c < maxSpeakerTokens && a.quoteOf[i] < 0 && a.npWord(i) && (!a.tok(i).Has(lang.Cue) || a.tok(i).Flags&segment.Upper != 0) {
		// A determiner after a noun starts the next phrase ("wies der
		// Geschäftsführer alle Vorwürfe zurück"), unless a preposition
		// leads into it.
		if i > c && a.tok(i).Has(lang.Determiner) && !a.tok(i).Has(lang.Pronoun|lang.GenitiveDeterminer) && !a.tok(i-1).Has(lang.Preposition|lang.Determiner) && a.lang.VerbSecond {
			break
		}
		i++
	}
	// "sprach der Präsident von der „…“": a preposition and determiner
	// before what follows are not the speaker's.
	for a.lang.VerbSecond && i > c+1 && a.tok(i-1).Has(lang.Preposition|lang.Determiner) && !a.tok(i-1).Has(lang.Pronoun) {
		i--
	}
	if i == c || !a.headsNP(c, i) || a.tok(c).Has(lang.ClauseOpener) {
		return -1, -1
	}
	// The inverted speaker ends the clause: a stop, a comma, a quote or a
	// prepositional phrase follows ("said Rutte at a news conference").
	if i < last && !a.lang.VerbSecond {
		n := a.tok(i)
		// An infinitive marker that is also a preposition ("a") is one
		// before a determiner ("declaró Almansa a una emisora").
		infinitive := n.Has(lang.InfinitiveMarker) && !(i+1 < last && a.tok(i+1).Has(lang.Determiner) && !n.Has(lang.Determiner))
		// A relative clause describes the speaker ("said a supporter who
		// runs the account").
		if n.Kind == segment.Word && (!n.Has(lang.Preposition) || infinitive) && !n.Has(lang.RelativePerson) {
			return -1, -1
		}
	}
	// "said on Monday": a preposition first is not a speaker.
	if a.tok(c).Has(lang.Preposition) && !a.tok(c).Has(lang.Determiner) {
		return -1, -1
	}
	return c, a.apposedName(i, last)
}

// apposedName extends a speaker phrase that ends before token i by a name
// set off after a comma ("dijo el portavoz del comité, Rubén Ortega—",
// "a déclaré la ministre, Claire Dubois, mardi"): the name belongs to the
// phrase when a comma, a dash or the sentence's end follows it. It returns
// the new end of the phrase, or i.
func (a *attributor) apposedName(i, last int32) int32 {
	if i+1 >= last || !a.isPunct(i, ",") {
		return i
	}
	// The entity stage has not run when the quote scanner asks: a name
	// here is a run of capitalised words (with connectors: "de", "del").
	k := i + 1
	for k < last && k-i <= 5 && a.tok(k).Kind == segment.Word && (a.tok(k).Flags&segment.Upper != 0 || k > i+1 && a.tok(k).Has(lang.NameConnector) && k+1 < last && a.tok(k+1).Flags&segment.Upper != 0) {
		if a.tok(k).Has(lang.Place|lang.TimeWord|lang.OrgWord|lang.Pronoun) || a.tok(k).Flags&segment.SentenceStart != 0 {
			return i
		}
		k++
	}
	if k-i < 2 || k-i > 5 {
		return i
	}
	if k == last || a.isPunct(k, ",;.") || a.tok(k).Kind == segment.Dash {
		return k
	}
	return i
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
		// An empty range: where its first token starts, or after the
		// last one when it lies at the end of the text.
		at := len(a.doc.Text)
		if int(first) < len(a.doc.Tokens) {
			at = int(a.tok(first).Start)
		} else if n := len(a.doc.Tokens); n > 0 {
			at = int(a.doc.Tokens[n-1].End)
		}
		return [2]int{at, at}
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
	a.titleEnd = 0
	if a.titlePara >= 0 && int(a.titlePara) < len(a.doc.Paragraphs) {
		if p := &a.doc.Paragraphs[a.titlePara]; a.titleCase(p.FirstTok, p.LastTok) {
			a.titleEnd = p.LastTok
		}
	}
	for pi := range a.doc.Paragraphs {
		a.labelled(int32(pi))
	}
	for si := range a.doc.Sentences {
		a.sentence(int32(si))
	}
	for si := range a.doc.Sentences {
		a.stances(int32(si))
	}
	a.floating()
	a.reportedMood()
}

func (a *attributor) sentence(si int32) {
	s := &a.doc.Sentences[si]
	for c := s.First; c < s.Last; c++ {
		if a.tok(c).Has(lang.SourcePreposition | lang.PostCue) {
			if e := a.sourcePhrase(si, c); e >= 0 {
				c = e - 1
				continue
			}
		}
		if a.tok(c).Has(lang.HearsayAdverb) && a.quoteOf[c] < 0 && !a.covered[c] {
			a.hearsay(si, c)
			continue
		}
		end, lemma, ok := a.cueAt(c, s.Last)
		if !ok {
			continue
		}
		class := a.cueClass(c, lemma)
		weak := class&lang.WeakCue != 0 && class&(lang.Cue&^lang.WeakCue) == 0
		if class&lang.ImpersonalCue != 0 {
			if e := a.impersonal(si, c, end, lemma); e > c {
				c = e - 1
			}
			continue
		}
		if a.tok(c).Has(lang.PrepCueStart) && a.isPrepCue(c, end) {
			a.according(si, c, end, lemma)
			c = end - 1
			continue
		}
		if class&lang.NamingCue != 0 && !a.lang.FragmentDirect && a.naming(si, c, end, lemma) {
			continue
		}
		if a.passive(si, c, end, lemma) {
			continue
		}
		if class&lang.LinkingCue != 0 && a.linking(si, c, end, lemma) {
			continue
		}
		if !weak && a.postposed(si, c, end, lemma) {
			continue
		}
		a.preposed(si, c, end, lemma, class&lang.WeakCue != 0)
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
	if quoted && !direct && a.lang.FragmentDirect && a.lang.CapitalizedNouns {
		if q := a.objectFragment(st, first, end); q >= 0 {
			st.segs = append(st.segs[:0], [2]int{a.quotes[q].start, a.quotes[q].end})
			direct = true
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

// objectFragment returns the one quotation in the content [first, end) of
// st when nothing else there makes a clause: only determiners,
// prepositions, pronouns, adverbs, numbers and capitalised nouns stand
// beside it ("sie „reine Spekulation“", "von der „schlimmsten
// Katastrophe“"). It returns -1 otherwise, or when st has no cue.
func (a *attributor) objectFragment(st statement, first, end int32) int32 {
	if st.cue < 0 || !a.tok(st.cue).Has(lang.NamingCue) || len(st.segs) != 1 {
		return -1
	}
	outside := end - first
	for k := first; k < end; k++ {
		if a.quoteOf[k] >= 0 {
			outside--
		}
	}
	if outside > maxSpeakerTokens {
		return -1
	}
	found := int32(-1)
	for k := first; k < end; k++ {
		if q := a.quoteOf[k]; q >= 0 {
			if found >= 0 && found != q || a.quotes[q].single {
				return -1
			}
			found = q
			k = a.quotes[q].last - 1
			continue
		}
		t := a.tok(k)
		switch t.Kind {
		case segment.Word:
			// "als" before the phrase compares; "und" would join a clause.
			if t.Has(lang.Complementizer|lang.Coordinator|lang.ReportedMood|lang.Cue|lang.ClauseOpener) || t.Has(lang.Conjunction) && !(k+1 < end && a.quoteOf[k+1] >= 0 || k+1 < end && a.tok(k+1).Has(lang.Determiner)) {
				return -1
			}
			// A lower-case word before a noun is its adjective ("der
			// mexikanische Präsident"); elsewhere it may be a verb.
			adjective := k+1 < end && a.tok(k+1).Kind == segment.Word && a.tok(k+1).Flags&segment.Upper != 0 && a.quoteOf[k+1] < 0
			if t.Flags&segment.Upper == 0 && !adjective && !t.Has(lang.Determiner|lang.Preposition|lang.Pronoun|lang.AdverbBetween|lang.Conjunction) {
				return -1
			}
		case segment.Number:
		default:
			return -1
		}
	}
	return found
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
