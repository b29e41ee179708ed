package speaker

import (
	"cmp"
	"slices"
	"strings"

	"verbatim"
)

// ArticleSpeaker is a speaker of one article that may have an identity
// across articles: an entity that quotes are attributed to, or a quote's
// SpeakerRef when the quote names no entity.
type ArticleSpeaker struct {
	// Entity is the index into Analysis.Entities, or -1.
	Entity int
	// Ref is the SpeakerRef of the quotes when Entity is -1.
	Ref     string
	Mention Mention
}

// ArticleSpeakers lists the speakers of an analysis in the order they should
// be resolved, with the context for resolving them. Speakers with a full
// name come first, so that a surname-only speaker of the same article is
// resolved after the identity it most likely belongs to exists.
func ArticleSpeakers(an *verbatim.Analysis) ([]ArticleSpeaker, Context) {
	var ctx Context
	if an == nil {
		return nil, ctx
	}
	for _, e := range an.Entities {
		if e.Type == verbatim.EntityPerson {
			ctx.ArticlePersons = append(ctx.ArticlePersons, e.Name)
		}
	}
	var out []ArticleSpeaker
	seenEntity := map[int]bool{}
	seenRef := map[string]bool{}
	for _, q := range an.Quotes {
		switch {
		case q.Entity >= 0 && q.Entity < len(an.Entities) && !seenEntity[q.Entity]:
			seenEntity[q.Entity] = true
			e := an.Entities[q.Entity]
			t := q.SpeakerType
			switch e.Type {
			case verbatim.EntityPerson:
				t = verbatim.Person
			case verbatim.EntityOrganization:
				t = verbatim.Organization
			}
			if HasIdentity(t) && e.Name != "" {
				out = append(out, ArticleSpeaker{Entity: q.Entity, Mention: Mention{
					Name: e.Name, Type: t, Aliases: e.Aliases, Roles: e.Roles}})
			}
		case q.Entity < 0 && q.SpeakerRef != "" && HasIdentity(q.SpeakerType) && !seenRef[q.SpeakerRef]:
			seenRef[q.SpeakerRef] = true
			out = append(out, ArticleSpeaker{Entity: -1, Ref: q.SpeakerRef, Mention: Mention{
				Name: q.SpeakerRef, Type: q.SpeakerType}})
		}
	}
	full := func(s ArticleSpeaker) int {
		if s.Mention.Type == verbatim.Person && !ParseName(s.Mention.Name).HasFirst() {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(out, func(a, b ArticleSpeaker) int { return cmp.Compare(full(a), full(b)) })
	return out, ctx
}

// Filed is what an identity records of a mention once it is decided: the
// aliases and roles to add, and the keys to find the identity under.
type Filed struct {
	Aliases []string
	Roles   []string
	Keys    []string
}

// File returns what the identity a mention was decided for should record:
// the mention's names and the identity's former name, other than the
// identity's name, as aliases, its roles
// and the title in front of its name as roles, and the keys of all of them.
func File(m Mention, d Decision) Filed {
	var f Filed
	canon := Normalize(d.Name)
	addAlias := func(a string) {
		if n := Normalize(a); n != "" && n != canon && !slices.Contains(f.Aliases, a) {
			f.Aliases = append(f.Aliases, a)
		}
	}
	addRole := func(r string) {
		if Normalize(r) != "" && !slices.Contains(f.Roles, r) {
			f.Roles = append(f.Roles, r)
		}
	}
	name := m.Name
	if m.Type == verbatim.Person {
		n := ParseName(m.Name)
		if n.Full != "" {
			name = n.Full
		}
		if isRole(n.Title) {
			addRole(n.Title)
		}
	}
	addAlias(name)
	if d.Former != "" {
		addAlias(d.Former)
	}
	for _, a := range m.Aliases {
		addAlias(a)
	}
	for _, r := range m.Roles {
		addRole(r)
	}
	f.Keys = Keys(Mention{Name: d.Name, Type: m.Type, Aliases: f.Aliases})
	for _, k := range Keys(m) {
		if !slices.Contains(f.Keys, k) {
			f.Keys = append(f.Keys, k)
		}
	}
	return f
}

// honorifics are title words that say nothing of a role ("Mr", "Dr").
var honorifics = set("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady",
	"madam", "madame", "monsieur", "mme", "mlle", "herr", "frau", "sr", "sra", "srta")

// isRole reports whether the words in front of a name hold a role: a title
// word other than an honorific ("NATO Secretary General", not "Mr" or
// "Tesla's").
func isRole(title string) bool {
	for _, w := range strings.Fields(title) {
		if isTitle(w) && !honorifics[strings.ToLower(strings.Trim(w, ".,"))] {
			return true
		}
	}
	return false
}
