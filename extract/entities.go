package extract

import (
	"sort"
	"strings"

	"verbatim"
	"verbatim/lang"
	"verbatim/segment"
)

// mention is one place where the text names a person, organisation or place.
type mention struct {
	// first and last are token indexes of the name, last exclusive.
	first, last int32
	// roleFirst is the first token of a title before the name ("NATO
	// Secretary General" before "Mark Rutte"); equal to first when none.
	roleFirst int32
	typ       verbatim.EntityType
	name      string // the name as words joined by single spaces
	sentence  int32
	entity    int
}

// entityFinder finds name mentions and groups them into entities.
type entityFinder struct {
	doc      *segment.Doc
	lang     *lang.Language
	mentions []mention
	entities []verbatim.Entity
	// midCaps holds lower-case forms of words seen capitalised inside a
	// sentence: a sentence-initial capital counts as a name only if the
	// word is capitalised elsewhere too, or stands where a name does.
	midCaps map[uint64]bool
	// surnames holds the hashes of words that end a full name, where
	// every noun is capitalised (see findSurnames).
	surnames map[uint64]bool
	// byWord indexes entities by their first and by their last word, the
	// words a shorter mention of them shares ("Rutte", "Mark").
	byWord map[string][]int
	sb     strings.Builder
}

func (f *entityFinder) isCap(i int32) bool {
	t := &f.doc.Tokens[i]
	return t.Kind == segment.Word && t.Flags&segment.Upper != 0 && t.Flags&segment.Possessive == 0
}

func (f *entityFinder) find(doc *segment.Doc, l *lang.Language) {
	f.doc, f.lang = doc, l
	f.mentions = f.mentions[:0]
	f.entities = f.entities[:0]
	if f.midCaps == nil {
		f.midCaps = map[uint64]bool{}
	}
	clear(f.midCaps)
	toks := doc.Tokens
	for i := range toks {
		if f.isCap(int32(i)) && toks[i].Flags&segment.SentenceStart == 0 && !toks[i].Has(lang.Title|lang.Determiner|lang.Pronoun) {
			f.midCaps[toks[i].Hash] = true
		}
	}
	if l.CapitalizedNouns {
		f.findSurnames()
	}
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		for i := s.First; i < s.Last; {
			if !f.isCap(i) {
				i++
				continue
			}
			j := f.runEnd(i, s.Last)
			f.addRun(i, j, int32(si))
			i = j
		}
	}
	f.group()
}

// findSurnames records, where every noun is capitalised, the last words of
// full names (two or more capitalised words with no article or
// preposition before them, "Daniil Medvedev"): alone elsewhere in the
// article ("Medvedev bedankte sich"), such a word is the same name.
func (f *entityFinder) findSurnames() {
	if f.surnames == nil {
		f.surnames = map[uint64]bool{}
	}
	clear(f.surnames)
	toks := f.doc.Tokens
	for si := range f.doc.Sentences {
		s := &f.doc.Sentences[si]
		for i := s.First; i < s.Last; {
			if !f.isCap(i) {
				i++
				continue
			}
			j := f.runEnd(i, s.Last)
			k := i
			for k < j && toks[k].Has(lang.Title) {
				k++
			}
			before := i > s.First && toks[i-1].Kind == segment.Word && toks[i-1].Has(lang.Determiner|lang.Preposition)
			if j-k >= 2 && j-k <= 3 && !before && toks[i].Flags&segment.SentenceStart == 0 && !toks[j-1].Has(lang.Place|lang.OrgWord|lang.Title) {
				f.surnames[toks[j-1].Hash] = true
			}
			i = j
		}
	}
}

// runEnd extends a run of capitalised words; "of" joins two capitalised
// parts ("Ministry of Foreign Affairs"), and a quotation mark may split a
// name ("Vladimir “Putin").
func (f *entityFinder) runEnd(i, last int32) int32 {
	toks := f.doc.Tokens
	j := i + 1
	for j < last {
		switch {
		case f.isCap(j):
			j++
		case j+1 < last && f.isInitial(j-1) && toks[j].Mark == '.' && toks[j].Start == toks[j-1].End && f.isCap(j+1):
			j += 2 // "Leonard E. Burman"
		case j+1 < last && j-1 > i && toks[j].Kind == segment.QuoteMark && toks[j].Flags&segment.SpaceAfter == 0 &&
			toks[j-2].Has(lang.Title) && !toks[j-1].Has(lang.Title) && f.isCap(j+1):
			// A quotation mark that splits a titled name: "President
			// Vladimir “Putin is ...": the name goes on after the mark.
			return j + 2
		case j+1 < last && toks[j].Kind == segment.Word && toks[j].Has(lang.NameConnector) && f.isCap(j+1) && f.runHasOrg(i, j):
			j += 2
		default:
			return j
		}
	}
	return j
}

// within returns the mentions whose names lie inside tokens [first, end).
// Mentions are in text order, so this is a binary search and a short scan.
func (f *entityFinder) within(first, end int32) []mention {
	ms := f.mentions
	lo := sort.Search(len(ms), func(i int) bool { return ms[i].first >= first })
	hi := lo
	for hi < len(ms) && ms[hi].first < end {
		hi++
	}
	out := ms[lo:hi]
	for len(out) > 0 && out[len(out)-1].last > end {
		out = out[:len(out)-1]
	}
	return out
}

// isInitial reports whether token i is a single capital letter.
func (f *entityFinder) isInitial(i int32) bool {
	t := &f.doc.Tokens[i]
	return t.Kind == segment.Word && t.End-t.Start == 1 && t.Flags&segment.Upper != 0
}

func (f *entityFinder) runHasOrg(i, j int32) bool {
	for k := i; k < j; k++ {
		if f.doc.Tokens[k].Has(lang.OrgWord | lang.Title) {
			return true
		}
	}
	return false
}

// isDemonym reports whether a capitalised word looks like an adjective of
// nationality ("Ukrainian", "Chinese", "British").
func isDemonym(w string) bool { return hasSuffixAny(w, "ian", "ean", "ese", "ish", "ic", "an") }

func hasSuffixAny(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// addRun turns a run of capitalised words into a mention, splitting a
// leading title off a person's name.
func (f *entityFinder) addRun(i, j, si int32) {
	toks := f.doc.Tokens
	// Sentence-initial function words are capitalised only by position.
	for i < j && toks[i].Flags&segment.SentenceStart != 0 && toks[i].Has(lang.Determiner|lang.Pronoun|lang.Conjunction|lang.Preposition|lang.AdverbBetween|lang.ClauseOpener) {
		i++
	}
	// A month or weekday alone names a time, not an entity ("in April").
	if j-i == 1 && toks[i].Has(lang.TimeWord) {
		return
	}
	// Demonyms before a name that has no title are modifiers ("full
	// Ukrainian NATO membership").
	for j-i > 1 && isDemonym(f.doc.Text[toks[i].Start:toks[i].End]) && !f.hasTitle(i+1, j) && (toks[i+1].Flags&segment.AllUpper != 0 || toks[i+1].Has(lang.Place)) {
		i++
	}
	// A capital only by position before a longer name ("Rival Hillary
	// Clinton") is not part of it.
	if j-i > 2 && toks[i].Flags&segment.SentenceStart != 0 && !f.midCaps[toks[i].Hash] && !toks[i].Has(lang.Title|lang.OrgWord|lang.Place) && !toks[i+1].Has(lang.Title) {
		i++
	}
	// Leading titles become the role; the name is what follows the last title.
	roleFirst := i
	name := i
	for k := i; k < j; k++ {
		if toks[k].Has(lang.Title) && !toks[k].Has(lang.OrgWord) {
			name = k + 1
		}
	}
	// "Secretary of State X": the "of" phrase belongs to the title.
	for name+1 < j && toks[name].Has(lang.NameConnector) {
		name += 2
	}
	// Lower-case titles and capitalised words just before the run are the
	// role too ("Kremlin spokesman Dmitry Peskov").
	if name == i {
		k := i
		for k > 0 && k-1 >= f.doc.Sentences[si].First {
			p := &toks[k-1]
			if p.Kind == segment.Word && (p.Has(lang.Title) || (p.Flags&segment.Upper != 0 && p.Flags&segment.Possessive == 0)) {
				k--
				continue
			}
			break
		}
		if k < i && f.hasTitle(k, i) {
			roleFirst = k
		}
	}
	if name >= j {
		return // a title alone ("the Secretary General") is not a name
	}
	typ := f.classify(name, j, roleFirst < name)
	if typ == "" {
		return
	}
	// A run holding an organisation word is an organisation as a whole,
	// titles included ("Foreign Ministry").
	if typ == verbatim.EntityOrganization {
		name = i
		roleFirst = i
	}
	f.mentions = append(f.mentions, mention{first: name, last: j, roleFirst: roleFirst, typ: typ, name: f.words(name, j), sentence: si, entity: -1})
}

func (f *entityFinder) hasTitle(i, j int32) bool {
	for k := i; k < j; k++ {
		if f.doc.Tokens[k].Has(lang.Title) {
			return true
		}
	}
	return false
}

// words joins the words of tokens [i, j) with single spaces, leaving out
// quotation marks.
func (f *entityFinder) words(i, j int32) string {
	// Most names stand in the text as they are written: one space
	// between words, no marks. Then the name is a slice of the text.
	plain := true
	for k := i; k < j && plain; k++ {
		t := &f.doc.Tokens[k]
		if t.Kind == segment.QuoteMark || k > i && t.Start != f.doc.Tokens[k-1].End && (t.Start != f.doc.Tokens[k-1].End+1 || f.doc.Text[t.Start-1] != ' ') {
			plain = false
		}
	}
	if plain {
		return f.doc.Text[f.doc.Tokens[i].Start:f.doc.Tokens[j-1].End]
	}
	f.sb.Reset()
	space := false
	for k := i; k < j; k++ {
		t := &f.doc.Tokens[k]
		space = space || t.Flags&segment.SpaceBefore != 0
		if t.Kind == segment.QuoteMark {
			continue
		}
		if f.sb.Len() > 0 && space {
			f.sb.WriteByte(' ')
		}
		space = false
		f.sb.WriteString(f.doc.Text[t.Start:t.End])
	}
	return f.sb.String()
}

// classify decides what a name is from its words and context, or "" when
// it is not a name.
func (f *entityFinder) classify(i, j int32, titled bool) verbatim.EntityType {
	toks := f.doc.Tokens
	n := j - i
	for k := i; k < j; k++ {
		if toks[k].Has(lang.OrgWord) {
			return verbatim.EntityOrganization
		}
	}
	if titled {
		return verbatim.EntityPerson
	}
	first := &toks[i]
	// Where every noun is capitalised, a capital makes a name only as an
	// acronym, a known place, a word that speaks ("Müller sagte"), or two
	// or more capitalised words with no article before them ("Angela
	// Merkel", not "die Vereinigten Staaten").
	if f.lang.CapitalizedNouns {
		switch {
		case n == 1 && first.Flags&segment.AllUpper != 0:
			return verbatim.EntityOrganization
		case first.Has(lang.Place) || toks[j-1].Has(lang.Place):
			return verbatim.EntityPlace
		case n == 1:
			// A noun after an article or possessive is no name ("In
			// seinem Vortrag beschrieb er …").
			if i > 0 && toks[i-1].Has(lang.Determiner) && !f.surnames[first.Hash] {
				return ""
			}
			if j < int32(len(toks)) && toks[j].Has(lang.Cue) || i > 0 && toks[i-1].Has(lang.Cue) || f.surnames[first.Hash] {
				return verbatim.EntityPerson
			}
			return ""
		case i > 0 && toks[i-1].Has(lang.Determiner|lang.Preposition):
			return ""
		}
		return verbatim.EntityPerson
	}
	if n == 1 {
		low := f.doc.Text[first.Start:first.End]
		if first.Has(lang.Place) {
			return verbatim.EntityPlace
		}
		if first.Flags&segment.AllUpper != 0 {
			return verbatim.EntityOrganization
		}
		if first.Has(lang.Title | lang.Determiner | lang.Pronoun | lang.Conjunction | lang.Preposition | lang.AdverbBetween | lang.ClauseOpener | lang.AnonymousNoun | lang.PersonNoun) {
			return ""
		}
		next := int32(-1)
		if j < int32(len(toks)) {
			next = j
		}
		// Demonyms and other adjectives ("Russian forces").
		if isDemonym(low) && next >= 0 && toks[next].Kind == segment.Word && toks[next].Flags&segment.Possessive == 0 && !toks[next].Has(lang.Cue) {
			return ""
		}
		if first.Flags&segment.SentenceStart != 0 && !f.midCaps[first.Hash] {
			if next < 0 || !(toks[next].Has(lang.Cue) || toks[next].Flags&segment.Possessive != 0) {
				return ""
			}
		}
		if i > 0 && toks[i-1].Kind == segment.Word && toks[i-1].Has(lang.Preposition) && !toks[i-1].Has(lang.Determiner) {
			if toks[i-1].Has(lang.PlacePreposition) {
				return verbatim.EntityPlace
			}
		}
		return verbatim.EntityPerson // refined in group: a lone word joins a fuller name
	}
	if toks[j-1].Has(lang.Place) {
		return verbatim.EntityPlace
	}
	// People's names do not take an article: "the Budapest Memorandum"
	// is a thing, not a person.
	if i > 0 && toks[i-1].Kind == segment.Word && toks[i-1].Has(lang.Determiner) && !toks[i-1].Has(lang.Pronoun) {
		return ""
	}
	if i > 0 && toks[i-1].Kind == segment.Word {
		if toks[i-1].Has(lang.PlacePreposition) {
			return verbatim.EntityPlace
		}
	}
	if n > 4 {
		return verbatim.EntityOrganization
	}
	return verbatim.EntityPerson
}

// nameKey identifies an entity by type and name while grouping.
type nameKey struct {
	typ  verbatim.EntityType
	name string
}

// group joins mentions into entities: a surname joins the full name it
// ends, an organisation name joins a fuller one it ends.
func (f *entityFinder) group() {
	byName := map[nameKey]int{}
	if f.byWord == nil {
		f.byWord = map[string][]int{}
	}
	clear(f.byWord)
	ms := f.mentions
	// Full names first, so that shorter mentions find them whatever the order.
	for pass := 0; pass < 2; pass++ {
		for mi := range ms {
			m := &ms[mi]
			multi := m.last-m.first > 1
			if (pass == 0) != multi {
				continue
			}
			key := nameKey{m.typ, m.name}
			if e, ok := byName[key]; ok {
				m.entity = e
				continue
			}
			if !multi || m.typ == verbatim.EntityOrganization {
				if e := f.fullerEntity(m); e >= 0 {
					m.entity = e
					byName[key] = e
					continue
				}
			}
			if !multi && m.typ == verbatim.EntityPerson && !f.standsAsName(m) {
				continue
			}
			m.entity = len(f.entities)
			byName[key] = m.entity
			f.entities = append(f.entities, verbatim.Entity{ID: m.entity, Name: m.name, Type: m.typ})
			if multi {
				first, last := firstWord(m.name), lastWord(m.name)
				f.byWord[last] = append(f.byWord[last], m.entity)
				if first != last {
					f.byWord[first] = append(f.byWord[first], m.entity)
				}
			}
		}
	}
	for mi := range ms {
		m := &ms[mi]
		if m.entity < 0 {
			continue
		}
		e := &f.entities[m.entity]
		t0, t1 := f.doc.Tokens[m.first], f.doc.Tokens[m.last-1]
		e.Mentions = append(e.Mentions, verbatim.NewSpan(f.doc.Text, int(t0.Start), int(t1.End)))
		if m.name != e.Name {
			e.Aliases = appendUnique(e.Aliases, m.name)
		}
		if m.roleFirst < m.first {
			e.Roles = appendUnique(e.Roles, f.words(m.roleFirst, m.first))
		}
	}
}

// standsAsName reports whether a lone capitalised word with no fuller name
// is still a person: it speaks ("Rutte said") or is titled.
func (f *entityFinder) standsAsName(m *mention) bool {
	if m.roleFirst < m.first {
		return true
	}
	toks := f.doc.Tokens
	if m.last < int32(len(toks)) {
		n := &toks[m.last]
		if n.Has(lang.Cue) || n.Has(lang.AdverbBetween) && m.last+1 < int32(len(toks)) && toks[m.last+1].Has(lang.Cue) {
			return true
		}
	}
	if m.first > 0 {
		p := &toks[m.first-1]
		if p.Has(lang.Cue) || p.Has(lang.PrepCueStart) {
			return true
		}
		if p.Kind == segment.Word && p.Has(lang.Preposition) && p.Has(lang.InfinitiveMarker) && m.first > 1 && toks[m.first-2].Has(lang.PrepCueStart) {
			return true
		}
	}
	return false
}

// fullerEntity finds an entity of the same type whose name ends with m's
// name on a word boundary ("Rutte" → "Mark Rutte").
func (f *entityFinder) fullerEntity(m *mention) int {
	best := -1
	for _, ei := range f.byWord[edgeWords(m.name)] {
		e := &f.entities[ei]
		if e.Type != m.typ || len(e.Name) <= len(m.name) {
			continue
		}
		n := len(m.name)
		suffix := strings.HasSuffix(e.Name, m.name) && e.Name[len(e.Name)-n-1] == ' '
		prefix := m.typ == verbatim.EntityPerson && strings.HasPrefix(e.Name, m.name) && e.Name[n] == ' '
		if suffix || prefix {
			if best < 0 || len(e.Name) > len(f.entities[best].Name) {
				best = ei
			}
		}
	}
	return best
}

// edgeWords returns the word by which a mention finds fuller names: a
// one-word mention is itself; a longer one is found by its last word.
func edgeWords(name string) string { return lastWord(name) }

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

func lastWord(s string) string { return s[strings.LastIndexByte(s, ' ')+1:] }

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
