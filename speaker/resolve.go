package speaker

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"verbatim"
)

// Mention is a speaker as one article names it: the entity's fullest name in
// that article, its other names and the roles it is given there.
type Mention struct {
	Name    string
	Type    verbatim.SpeakerType
	Aliases []string
	Roles   []string
}

// Candidate is a known speaker identity that a mention might belong to, as
// the store found it under one of the mention's keys.
type Candidate struct {
	ID      int64
	Name    string
	Type    verbatim.SpeakerType
	Aliases []string
	Roles   []string
	// Quotes is how many quotes the identity has; it breaks ties between
	// identities with the same name.
	Quotes int
	// SameOutlet is set when the outlet of the article being stored has
	// quoted this identity before.
	SameOutlet bool
}

// Context is what the store knows of the article a mention comes from.
type Context struct {
	// ArticlePersons are the names of every person the article names,
	// speaking or not: a surname-only mention takes the full name of the
	// one person with that surname among them.
	ArticlePersons []string
}

// Rule names the rule behind a decision.
type Rule string

// The rules. New* rules create an identity; the others join one.
const (
	// RuleNoIdentity: anonymous and other speakers have no identity.
	RuleNoIdentity Rule = "no-identity"
	// RuleNew: no known identity has this name.
	RuleNew Rule = "new"
	// RuleNewDifferentFirst: people with this surname are known, with other first names.
	RuleNewDifferentFirst Rule = "new-different-first-name"
	// RuleNewAmbiguous: several identities fit equally well, so none is joined.
	RuleNewAmbiguous Rule = "new-ambiguous"
	// RuleSameName: the same full name (middle names not conflicting).
	RuleSameName Rule = "same-name"
	// RuleCompatibleFirst: the same surname and a first name that agrees with an initial.
	RuleCompatibleFirst Rule = "compatible-first-name"
	// RuleFullerName: a full name joins the only surname-only identity of that surname.
	RuleFullerName Rule = "fuller-name"
	// RuleSharedRole: a surname joins the one person of that surname with a shared role.
	RuleSharedRole Rule = "shared-role"
	// RuleSameOutlet: a surname joins the one person of that surname the outlet has quoted.
	RuleSameOutlet Rule = "same-outlet"
	// RuleSharedAlias: an organisation name is another's alias.
	RuleSharedAlias Rule = "shared-alias"
	// RuleAcronym: an organisation name is the acronym of another ("NATO").
	RuleAcronym Rule = "acronym"
)

// Decision says which identity a mention belongs to.
type Decision struct {
	// ID is the identity joined, or 0 for a new identity (or none, with
	// RuleNoIdentity).
	ID int64
	// Name is the name the identity should carry from now on: the fuller of
	// its name and the mention's.
	Name string
	// Former is the identity's name before, when Name replaces it; it
	// stays an alias.
	Former string
	// Rule is the rule that decided.
	Rule Rule
	// Reason says in words why, naming the names compared.
	Reason string
}

// Joined reports whether the decision joins an existing identity.
func (d Decision) Joined() bool { return d.ID != 0 }

// HasIdentity reports whether speakers of a type get an identity across
// articles: people and organisations do; "officials" and "a study" do not.
func HasIdentity(t verbatim.SpeakerType) bool {
	return t == verbatim.Person || t == verbatim.Organization
}

// NameKey is the key under which an identity is found by one of its names.
func NameKey(name string) string { return "n:" + Normalize(name) }

// SurnameKey is the key under which a person is found by surname.
func SurnameKey(surname string) string { return "s:" + Normalize(surname) }

// orgKey is the key under which an organisation is found by a name or an
// acronym: "NATO" and "North Atlantic Treaty Organization" share "o:nato".
func orgKey(norm string) string { return "o:" + norm }

// Keys returns the keys an identity with these names is filed under, and
// under which the candidates for a mention are looked up: its names and
// aliases, and the surname of a person or the acronym of an organisation.
func Keys(m Mention) []string {
	var keys []string
	add := func(k string) {
		if len(k) > 2 && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, name := range append([]string{m.Name}, m.Aliases...) {
		switch m.Type {
		case verbatim.Person:
			n := ParseName(name)
			if n.Surname == "" {
				continue
			}
			add(NameKey(n.Full))
			add(SurnameKey(n.Surname))
		case verbatim.Organization:
			add(NameKey(name))
			add(orgKey(Normalize(name)))
			if a := initials(name); a != "" {
				add(orgKey(a))
			}
		}
	}
	return keys
}

// Resolve decides which of the candidates a mention belongs to, or that it
// is a new identity. Candidates of another type are never joined.
func Resolve(m Mention, cands []Candidate, ctx Context) Decision {
	switch m.Type {
	case verbatim.Person:
		return resolvePerson(m, cands, ctx)
	case verbatim.Organization:
		return resolveOrg(m, cands)
	}
	return Decision{Name: m.Name, Rule: RuleNoIdentity,
		Reason: fmt.Sprintf("%s speakers have no identity across articles", typeName(m.Type))}
}

func typeName(t verbatim.SpeakerType) string {
	if t == verbatim.NoSpeaker {
		return "unattributed"
	}
	return string(t)
}

func resolvePerson(m Mention, cands []Candidate, ctx Context) Decision {
	n := ParseName(m.Name)
	if n.Surname == "" {
		return Decision{Name: m.Name, Rule: RuleNew, Reason: fmt.Sprintf("%q holds no name to match", m.Name)}
	}
	key := Normalize(n.Surname)
	var persons []Candidate
	for _, c := range cands {
		if c.Type == verbatim.Person && Normalize(ParseName(c.Name).Surname) == key {
			persons = append(persons, c)
		}
	}
	prefix := ""
	if !n.HasFirst() {
		full, ok, ambiguous := articleFullName(n, ctx)
		switch {
		case ambiguous:
			return Decision{Name: n.Full, Rule: RuleNewAmbiguous,
				Reason: fmt.Sprintf("the article names several people called %s", n.Surname)}
		case ok:
			prefix = fmt.Sprintf("%q is %q in this article; ", n.Full, full.Full)
			n = full
		default:
			return resolveSurname(n, m.Roles, persons)
		}
	}
	d := resolveFull(n, persons)
	d.Reason = prefix + d.Reason
	return d
}

// articleFullName finds the one full name in the article with the surname
// of n.
func articleFullName(n Name, ctx Context) (full Name, ok, ambiguous bool) {
	key := Normalize(n.Surname)
	var found []Name
	for _, p := range ctx.ArticlePersons {
		pn := ParseName(p)
		if !pn.HasFirst() || Normalize(pn.Surname) != key {
			continue
		}
		dup := false
		for i, f := range found {
			switch firstNames(f.First, pn.First) {
			case same, compatible:
				dup = true
				found[i].Full = fuller(f.Full, pn.Full)
				found[i] = ParseName(found[i].Full)
			}
		}
		if !dup {
			found = append(found, pn)
		}
	}
	switch len(found) {
	case 0:
		return Name{}, false, false
	case 1:
		return found[0], true, false
	}
	return Name{}, false, true
}

// resolveFull places a mention with a given name.
func resolveFull(n Name, persons []Candidate) Decision {
	var exact, compat, surnameOnly []Candidate
	others := 0
	for _, c := range persons {
		cn := ParseName(c.Name)
		if !cn.HasFirst() {
			surnameOnly = append(surnameOnly, c)
			continue
		}
		switch firstNames(n.First, cn.First) {
		case same:
			if middlesAgree(n.Middle, cn.Middle) {
				exact = append(exact, c)
				continue
			}
		case compatible:
			if middlesAgree(n.Middle, cn.Middle) {
				compat = append(compat, c)
				continue
			}
		}
		others++
	}
	switch {
	case len(exact) > 0:
		c := best(exact)
		return join(c, n.Full, RuleSameName, fmt.Sprintf("%q has the same name as speaker %q", n.Full, c.Name))
	case len(compat) == 1:
		c := compat[0]
		return join(c, n.Full, RuleCompatibleFirst,
			fmt.Sprintf("%q and speaker %q share the surname and their first names agree", n.Full, c.Name))
	case len(compat) > 1:
		return Decision{Name: n.Full, Rule: RuleNewAmbiguous,
			Reason: fmt.Sprintf("%q fits %d known speakers (%s)", n.Full, len(compat), names(compat))}
	case len(surnameOnly) == 1 && others == 0 && surnameOnly[0].SameOutlet:
		c := surnameOnly[0]
		return join(c, n.Full, RuleFullerName, fmt.Sprintf(
			"%q is the first full name for speaker %q, the only %s this outlet has quoted", n.Full, c.Name, n.Surname))
	case others > 0:
		return Decision{Name: n.Full, Rule: RuleNewDifferentFirst, Reason: fmt.Sprintf(
			"known speakers called %s have other first names than %s", n.Surname, n.First)}
	}
	return Decision{Name: n.Full, Rule: RuleNew, Reason: fmt.Sprintf("no known speaker is called %q", n.Full)}
}

// resolveSurname places a mention by surname alone. It joins only on
// evidence that singles out one person: a shared role, then the outlet;
// failing both, a surname-only identity of the same name collects it.
func resolveSurname(n Name, roles []string, persons []Candidate) Decision {
	if len(persons) == 0 {
		return Decision{Name: n.Full, Rule: RuleNew, Reason: fmt.Sprintf("no known speaker is called %s", n.Surname)}
	}
	var byRole, byOutlet, bucket []Candidate
	for _, c := range persons {
		if shareRole(roles, c.Roles) {
			byRole = append(byRole, c)
		}
		if c.SameOutlet {
			byOutlet = append(byOutlet, c)
		}
		if !ParseName(c.Name).HasFirst() {
			bucket = append(bucket, c)
		}
	}
	switch {
	case len(byRole) == 1:
		c := byRole[0]
		return join(c, n.Full, RuleSharedRole, fmt.Sprintf(
			"%q shares a role with speaker %q, the only known %s in that role", n.Full, c.Name, n.Surname))
	case len(byOutlet) == 1:
		c := byOutlet[0]
		return join(c, n.Full, RuleSameOutlet, fmt.Sprintf(
			"speaker %q is the only %s this outlet has quoted", c.Name, n.Surname))
	case len(bucket) > 0:
		c := best(bucket)
		return join(c, n.Full, RuleSameName, fmt.Sprintf("%q has the same name as speaker %q", n.Full, c.Name))
	}
	return Decision{Name: n.Full, Rule: RuleNewAmbiguous, Reason: fmt.Sprintf(
		"nothing in the article or outlet singles out one of the known speakers called %s (%s)", n.Surname, names(persons))}
}

func resolveOrg(m Mention, cands []Candidate) Decision {
	mine := normNames(m.Name, m.Aliases)
	var byName, byAlias, byAcronym []Candidate
	for _, c := range cands {
		if c.Type != verbatim.Organization {
			continue
		}
		theirs := normNames(c.Name, c.Aliases)
		switch {
		case Normalize(c.Name) == Normalize(m.Name):
			byName = append(byName, c)
		case overlap(mine, theirs):
			byAlias = append(byAlias, c)
		case acronymOf(m.Name, c.Name) || acronymOf(c.Name, m.Name):
			byAcronym = append(byAcronym, c)
		}
	}
	switch {
	case len(byName) > 0:
		c := best(byName)
		return join(c, c.Name, RuleSameName, fmt.Sprintf("%q has the same name as speaker %q", m.Name, c.Name))
	case len(byAlias) == 1:
		c := byAlias[0]
		return join(c, c.Name, RuleSharedAlias, fmt.Sprintf("%q and speaker %q share a name", m.Name, c.Name))
	case len(byAcronym) == 1:
		c := byAcronym[0]
		name := c.Name
		if acronymOf(c.Name, m.Name) {
			name = m.Name // the spelt-out name is the fuller one
		}
		return join(c, name, RuleAcronym, fmt.Sprintf("%q and speaker %q are a name and its acronym", m.Name, c.Name))
	case len(byAlias)+len(byAcronym) > 1:
		return Decision{Name: m.Name, Rule: RuleNewAmbiguous, Reason: fmt.Sprintf(
			"%q fits %d known organisations (%s)", m.Name, len(byAlias)+len(byAcronym), names(append(byAlias, byAcronym...)))}
	}
	return Decision{Name: m.Name, Rule: RuleNew, Reason: fmt.Sprintf("no known organisation is called %q", m.Name)}
}

func join(c Candidate, name string, r Rule, reason string) Decision {
	if c.Type == verbatim.Person {
		name = fuller(c.Name, name)
	}
	d := Decision{ID: c.ID, Name: name, Rule: r, Reason: reason}
	if name != c.Name {
		d.Former = c.Name
	}
	return d
}

// best picks among identities with the same name the one with most quotes,
// then the oldest, so that the choice is stable.
func best(cs []Candidate) Candidate {
	return slices.MinFunc(cs, func(a, b Candidate) int {
		if a.Quotes != b.Quotes {
			return b.Quotes - a.Quotes
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

func names(cs []Candidate) string {
	var s []string
	for _, c := range cs {
		s = append(s, fmt.Sprintf("%q", c.Name))
	}
	return strings.Join(s, ", ")
}

func normNames(name string, aliases []string) []string {
	out := []string{Normalize(name)}
	for _, a := range aliases {
		out = append(out, Normalize(a))
	}
	return out
}

func overlap(a, b []string) bool {
	for _, x := range a {
		if x != "" && slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// shareRole reports whether two lists of roles share one, a role matching
// another that contains it as whole words ("Secretary General" and "NATO
// Secretary General").
func shareRole(a, b []string) bool {
	for _, x := range a {
		nx := " " + Normalize(x) + " "
		if len(nx) <= 2 {
			continue
		}
		for _, y := range b {
			ny := " " + Normalize(y) + " "
			if len(ny) > 2 && (strings.Contains(nx, ny) || strings.Contains(ny, nx)) {
				return true
			}
		}
	}
	return false
}

// minorWords are skipped when forming an acronym ("Bank of England" is "BoE").
var minorWords = set("of", "the", "and", "for", "in", "on", "de", "des", "du", "la", "le", "der", "die", "das", "für", "und", "y")

// initials returns the lower-case initials of a name of two or more
// significant words, or "".
func initials(name string) string {
	var b strings.Builder
	words := strings.Fields(Normalize(name))
	n := 0
	for _, w := range words {
		if minorWords[w] {
			continue
		}
		r := []rune(w)
		b.WriteRune(r[0])
		n++
	}
	if n < 2 {
		return ""
	}
	return b.String()
}

// acronymOf reports whether short is written as an acronym ("NATO", "EU")
// whose letters are the initials of long.
func acronymOf(short, long string) bool {
	s := strings.TrimSpace(short)
	if s == "" || strings.ContainsFunc(s, unicode.IsSpace) || strings.ContainsFunc(s, unicode.IsLower) {
		return false
	}
	return initials(long) != "" && Normalize(s) == initials(long)
}
