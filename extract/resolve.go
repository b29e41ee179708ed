package extract

import (
	"sort"
	"strings"

	"verbatim"
	"verbatim/lang"
	"verbatim/segment"
)

// resolver links each statement's speaker mention to an entity: a name to
// its fullest form, a pronoun to the last fitting speaker, a descriptor
// ("the NATO chief") to the entity whose title shares its words.
type resolver struct {
	doc   *segment.Doc
	lang  *lang.Language
	ents  *entityFinder
	words []string
	// lastPersonAt is the token where the last person speaker was named.
	lastPersonAt int32
}

// resolution is what the resolver concluded about one speaker mention.
type resolution struct {
	entity int
	ref    string
	typ    verbatim.SpeakerType
}

func (r *resolver) tok(i int32) *segment.Token { return &r.doc.Tokens[i] }

// resolve walks the statements in text order, so a pronoun sees the
// speakers before it.
func (r *resolver) resolve(stmts []statement) []resolution {
	out := make([]resolution, len(stmts))
	lastPerson, lastOrg := -1, -1
	r.lastPersonAt = -1
	for i := range stmts {
		st := &stmts[i]
		res := resolution{entity: -1}
		switch {
		case st.spk >= 0:
			res = r.mention(st.spk, st.spkEnd, lastPerson, lastOrg)
		case st.from >= 0 && st.from < i:
			res = out[st.from]
		}
		if res.entity >= 0 {
			switch r.ents.entities[res.entity].Type {
			case verbatim.EntityPerson:
				lastPerson = res.entity
				if st.spk >= 0 {
					r.lastPersonAt = st.spk
				}
			case verbatim.EntityOrganization:
				lastOrg = res.entity
			}
		}
		out[i] = res
	}
	return out
}

// mention resolves the speaker tokens [first, end).
func (r *resolver) mention(first, end int32, lastPerson, lastOrg int) resolution {
	// A name inside the mention decides: the last person named, else the
	// first organisation ("White House spokesman Josh Earnest" → Josh
	// Earnest; "the Ukrainian Foreign Ministry statement" → the ministry).
	person, org := -1, -1
	namesEnd := r.namesEnd(first, end)
	for _, m := range r.ents.within(first, namesEnd) {
		if m.entity < 0 {
			continue
		}
		switch m.typ {
		case verbatim.EntityPerson:
			person = m.entity
		case verbatim.EntityOrganization:
			if org < 0 {
				org = m.entity
			}
		}
	}
	if namesEnd < end && person < 0 && org < 0 {
		return resolution{entity: -1, typ: verbatim.Anonymous}
	}
	head := r.head(first, end)
	ht := r.tok(head)
	descriptor := ht.Flags&segment.Upper == 0 && ht.Has(lang.Title|lang.PersonNoun)
	switch {
	case person >= 0:
		return r.found(person)
	case org >= 0 && !descriptor:
		return r.found(org)
	}
	if end-first == 1 && r.text(first) == "who" {
		if p := r.lastMentioned(first, verbatim.EntityPerson); p >= 0 {
			return r.found(p)
		}
		return resolution{entity: -1, typ: verbatim.Person}
	}
	if end-first == 1 && ht.Has(lang.Pronoun) {
		switch {
		case ht.Has(lang.PronounHe | lang.PronounShe):
			// The last person who spoke, unless a person has since
			// opened a sentence: "Lena Marsh presented the figures. She
			// said ..." is about Marsh.
			if e, at := r.lastSubject(first); e >= 0 && at > r.lastPersonAt {
				return r.found(e)
			}
			if lastPerson >= 0 {
				return r.found(lastPerson)
			}
			if p := r.lastMentioned(first, verbatim.EntityPerson); p >= 0 {
				return r.found(p)
			}
			return resolution{entity: -1, typ: verbatim.Person}
		case ht.Has(lang.PronounPlural | lang.PronounIt):
			if lastOrg >= 0 {
				return r.found(lastOrg)
			}
			return resolution{entity: -1, typ: verbatim.OtherSpeaker}
		}
		return resolution{entity: -1, typ: verbatim.Person}
	}
	if descriptor {
		if e := r.byRole(first, end); e >= 0 {
			r.alias(e, first, end)
			return r.found(e)
		}
		if ht.Has(lang.AnonymousNoun) && r.lang.IsThirdPerson(r.text(head)) || r.hasClass(first, end, lang.AnonymousMarker) && ht.Has(lang.AnonymousNoun) {
			return resolution{entity: -1, typ: verbatim.Anonymous}
		}
		if org >= 0 {
			return r.found(org)
		}
		return resolution{entity: -1, typ: verbatim.Person}
	}
	if ht.Has(lang.AnonymousNoun) {
		return resolution{entity: -1, typ: verbatim.Anonymous}
	}
	if ht.Has(lang.OrgWord) {
		return resolution{entity: -1, typ: verbatim.Organization}
	}
	if ht.Has(lang.DocumentWord) {
		return resolution{entity: -1, typ: verbatim.OtherSpeaker}
	}
	for _, m := range r.ents.within(first, end) {
		if m.entity >= 0 {
			return r.found(m.entity)
		}
	}
	return resolution{entity: -1, typ: verbatim.OtherSpeaker}
}

// namesEnd returns where the names that can be the speaker of mention
// [first, end) end: before the preposition after an anonymous head ("people
// close to Clinton", "sources familiar with the Pentagon's plans"), whose
// names are what the speakers are close to, not who they are.
func (r *resolver) namesEnd(first, end int32) int32 {
	head := false
	for k := first; k < end; k++ {
		t := r.tok(k)
		if t.Kind != segment.Word {
			continue
		}
		if t.Flags&segment.Upper != 0 && !t.Has(lang.Determiner) {
			if !head {
				return end
			}
			continue
		}
		if t.Has(lang.AnonymousNoun) {
			head = true
			continue
		}
		if head && t.Has(lang.Preposition|lang.InfinitiveMarker) {
			return k
		}
	}
	return end
}

func (r *resolver) text(i int32) string {
	t := r.tok(i)
	return r.doc.Text[t.Start:t.End]
}

func (r *resolver) hasClass(first, end int32, c lang.Class) bool {
	for k := first; k < end; k++ {
		if r.tok(k).Has(c) {
			return true
		}
	}
	return false
}

// head is the noun a speaker phrase is about: the last word before a
// preposition ("the spokesman for the office" → spokesman), else the last.
func (r *resolver) head(first, end int32) int32 {
	for k := first + 1; k < end; k++ {
		t := r.tok(k)
		if t.Kind == segment.Word && t.Has(lang.Preposition) && !t.Has(lang.Determiner) {
			return k - 1
		}
	}
	h := end - 1
	for h > first && r.tok(h).Flags&segment.Possessive != 0 {
		h--
	}
	return h
}

func (r *resolver) found(e int) resolution {
	ent := &r.ents.entities[e]
	typ := verbatim.Person
	switch ent.Type {
	case verbatim.EntityOrganization:
		typ = verbatim.Organization
	case verbatim.EntityPlace:
		typ = verbatim.Organization // a place that speaks is its government
	}
	return resolution{entity: e, ref: ent.Name, typ: typ}
}

// lastMentioned returns the entity of the type mentioned last before token i.
func (r *resolver) lastMentioned(i int32, typ verbatim.EntityType) int {
	ms := r.ents.mentions
	k := sort.Search(len(ms), func(j int) bool { return ms[j].first >= i })
	for k--; k >= 0 && k >= len(ms)-maxLookback; k-- {
		if ms[k].typ == typ && ms[k].entity >= 0 && ms[k].last <= i {
			return ms[k].entity
		}
	}
	return -1
}

// lastSubject returns the last person named at the start of a sentence
// before token i, and where.
func (r *resolver) lastSubject(i int32) (int, int32) {
	ms := r.ents.mentions
	k := sort.Search(len(ms), func(j int) bool { return ms[j].first >= i })
	for k--; k >= 0 && k >= len(ms)-maxLookback; k-- {
		m := &ms[k]
		if m.typ != verbatim.EntityPerson || m.entity < 0 || m.last > i {
			continue
		}
		start := m.roleFirst
		if start > 0 && r.tok(start-1).Flags&segment.SentenceStart != 0 && r.tok(start-1).Has(lang.Conjunction|lang.Determiner) {
			start--
		}
		if r.tok(start).Flags&segment.SentenceStart != 0 {
			return m.entity, m.roleFirst
		}
	}
	return -1, -1
}

// maxLookback bounds how many earlier mentions a pronoun or descriptor
// looks through: an antecedent is near, and the bound keeps a pathological
// article linear.
const maxLookback = 400

// byRole finds the person mentioned before the descriptor whose titles share
// the most words with it; the most recent wins a tie.
func (r *resolver) byRole(first, end int32) int {
	r.words = r.words[:0]
	for k := first; k < end; k++ {
		t := r.tok(k)
		if t.Kind != segment.Word || t.Has(lang.Determiner|lang.Preposition|lang.Conjunction) {
			continue
		}
		r.words = append(r.words, strings.ToLower(r.text(k)))
	}
	best, bestScore := -1, 0
	ms := r.ents.mentions
	k := sort.Search(len(ms), func(j int) bool { return ms[j].first >= first })
	for mi := max(0, k-maxLookback); mi < k; mi++ {
		m := &ms[mi]
		if m.entity < 0 || m.typ != verbatim.EntityPerson {
			continue
		}
		e := &r.ents.entities[m.entity]
		score := 0
		for _, w := range r.words {
			for _, role := range e.Roles {
				if containsWord(strings.ToLower(role), w) {
					score++
					break
				}
			}
		}
		if score > 0 && score >= bestScore {
			best, bestScore = m.entity, score
		}
	}
	return best
}

func containsWord(s, w string) bool {
	for {
		i := strings.Index(s, w)
		if i < 0 {
			return false
		}
		end := i + len(w)
		if (i == 0 || s[i-1] == ' ') && (end == len(s) || s[end] == ' ') {
			return true
		}
		s = s[end:]
	}
}

// alias records a descriptor as one of the entity's names.
func (r *resolver) alias(e int, first, end int32) {
	t0, t1 := r.tok(first), r.tok(end-1)
	ent := &r.ents.entities[e]
	ent.Aliases = appendUnique(ent.Aliases, r.doc.Text[t0.Start:t1.End])
	ent.Mentions = append(ent.Mentions, verbatim.NewSpan(r.doc.Text, int(t0.Start), int(t1.End)))
}
