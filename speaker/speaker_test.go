package speaker

import (
	"slices"
	"testing"

	"verbatim"
)

func TestParseName(t *testing.T) {
	tests := []struct {
		in                 string
		full, title, first string
		middle             []string
		surname            string
	}{
		{in: "Mark Rutte", full: "Mark Rutte", first: "Mark", surname: "Rutte"},
		{in: "Rutte", full: "Rutte", surname: "Rutte"},
		{in: "NATO Secretary General Mark Rutte", full: "Mark Rutte", title: "NATO Secretary General", first: "Mark", surname: "Rutte"},
		{in: "Prime Minister Mark Rutte's", full: "Mark Rutte", title: "Prime Minister", first: "Mark", surname: "Rutte"},
		{in: "Kremlin spokesman Dmitry Peskov", full: "Dmitry Peskov", title: "Kremlin spokesman", first: "Dmitry", surname: "Peskov"},
		{in: "Dr. Anthony S. Fauci", full: "Anthony S. Fauci", title: "Dr.", first: "Anthony", middle: []string{"S."}, surname: "Fauci"},
		{in: "Ursula von der Leyen", full: "Ursula von der Leyen", first: "Ursula", surname: "von der Leyen"},
		{in: "von der Leyen", full: "von der Leyen", surname: "von der Leyen"},
		{in: "EU Commission President Ursula von der Leyen", full: "Ursula von der Leyen", title: "EU Commission President", first: "Ursula", surname: "von der Leyen"},
		{in: "Martin Luther King Jr.", full: "Martin Luther King", first: "Martin", middle: []string{"Luther"}, surname: "King"},
		{in: "Mr Rutte", full: "Rutte", title: "Mr", surname: "Rutte"},
		{in: "Tesla's Elon Musk", full: "Elon Musk", title: "Tesla's", first: "Elon", surname: "Musk"},
		{in: "Bundesgesundheitsminister Karl Lauterbach", full: "Karl Lauterbach", title: "Bundesgesundheitsminister", first: "Karl", surname: "Lauterbach"},
		{in: "M. Rutte", full: "M. Rutte", first: "M.", surname: "Rutte"},
		{in: "officials", title: "officials"},
		{in: "the NATO chief", title: "the NATO chief"},
		{in: "Jean-Claude Juncker,", full: "Jean-Claude Juncker", first: "Jean-Claude", surname: "Juncker"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n := ParseName(tt.in)
			if n.Full != tt.full || n.Title != tt.title || n.First != tt.first || n.Surname != tt.surname ||
				!slices.Equal(n.Middle, tt.middle) {
				t.Errorf("ParseName(%q) = %+v; want full %q title %q first %q middle %q surname %q",
					tt.in, n, tt.full, tt.title, tt.first, tt.middle, tt.surname)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Mark Rutte", "mark rutte"},
		{"  Jean-Claude   Juncker ", "jean claude juncker"},
		{"Søren Müller-Ølsen", "søren muller ølsen"},
		{"José Álvarez", "jose alvarez"},
		{"O'Brien", "o brien"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func person(id int64, name string, quotes int) Candidate {
	return Candidate{ID: id, Name: name, Type: verbatim.Person, Quotes: quotes}
}

func TestResolve(t *testing.T) {
	markRutte := person(1, "Mark Rutte", 10)
	annaRutte := person(2, "Anna Rutte", 3)
	rutteOnly := person(3, "Rutte", 1)
	withOutlet := func(c Candidate) Candidate { c.SameOutlet = true; return c }
	withRoles := func(c Candidate, roles ...string) Candidate { c.Roles = roles; return c }
	nato := Candidate{ID: 7, Name: "North Atlantic Treaty Organization", Type: verbatim.Organization}
	tests := []struct {
		name   string
		m      Mention
		cands  []Candidate
		ctx    Context
		wantID int64
		rule   Rule
		want   string // the identity's name after the decision
	}{
		{name: "first sight", m: Mention{Name: "Mark Rutte", Type: verbatim.Person},
			rule: RuleNew, want: "Mark Rutte"},
		{name: "same full name", m: Mention{Name: "Mark Rutte", Type: verbatim.Person},
			cands: []Candidate{markRutte, annaRutte}, wantID: 1, rule: RuleSameName, want: "Mark Rutte"},
		{name: "title stripped", m: Mention{Name: "NATO Secretary General Mark Rutte", Type: verbatim.Person},
			cands: []Candidate{markRutte}, wantID: 1, rule: RuleSameName, want: "Mark Rutte"},
		{name: "different first names never merge", m: Mention{Name: "Paul Rutte", Type: verbatim.Person},
			cands: []Candidate{markRutte, annaRutte}, rule: RuleNewDifferentFirst, want: "Paul Rutte"},
		{name: "initial agrees", m: Mention{Name: "M. Rutte", Type: verbatim.Person},
			cands: []Candidate{markRutte, annaRutte}, wantID: 1, rule: RuleCompatibleFirst, want: "Mark Rutte"},
		{name: "initial ambiguous", m: Mention{Name: "M. Rutte", Type: verbatim.Person},
			cands: []Candidate{markRutte, person(4, "Maria Rutte", 1)}, rule: RuleNewAmbiguous, want: "M. Rutte"},
		{name: "conflicting middle initials", m: Mention{Name: "George H. W. Bush", Type: verbatim.Person},
			cands: []Candidate{person(5, "George W. Bush", 9)}, rule: RuleNewDifferentFirst, want: "George H. W. Bush"},
		{name: "missing middle initial agrees", m: Mention{Name: "George Bush", Type: verbatim.Person},
			cands: []Candidate{person(5, "George W. Bush", 9)}, wantID: 5, rule: RuleSameName, want: "George W. Bush"},
		{name: "surname takes the article's full name", m: Mention{Name: "Rutte", Type: verbatim.Person},
			cands: []Candidate{markRutte, annaRutte}, ctx: Context{ArticlePersons: []string{"Mark Rutte", "Rutte", "Olaf Scholz"}},
			wantID: 1, rule: RuleSameName, want: "Mark Rutte"},
		{name: "surname with two full names in the article", m: Mention{Name: "Rutte", Type: verbatim.Person},
			cands: []Candidate{markRutte, annaRutte}, ctx: Context{ArticlePersons: []string{"Mark Rutte", "Anna Rutte"}},
			rule: RuleNewAmbiguous, want: "Rutte"},
		{name: "surname and shared role", m: Mention{Name: "Rutte", Type: verbatim.Person, Roles: []string{"Secretary General"}},
			cands:  []Candidate{withRoles(markRutte, "NATO Secretary General"), withRoles(annaRutte, "striker")},
			wantID: 1, rule: RuleSharedRole, want: "Mark Rutte"},
		{name: "surname and same outlet", m: Mention{Name: "Rutte", Type: verbatim.Person},
			cands: []Candidate{withOutlet(markRutte), annaRutte}, wantID: 1, rule: RuleSameOutlet, want: "Mark Rutte"},
		{name: "surname with no evidence does not pick", m: Mention{Name: "Rutte", Type: verbatim.Person},
			cands: []Candidate{markRutte}, rule: RuleNewAmbiguous, want: "Rutte"},
		{name: "surname joins the surname-only identity", m: Mention{Name: "Mr Rutte", Type: verbatim.Person},
			cands: []Candidate{markRutte, annaRutte, rutteOnly}, wantID: 3, rule: RuleSameName, want: "Rutte"},
		{name: "full name upgrades the outlet's surname-only identity", m: Mention{Name: "Mark Rutte", Type: verbatim.Person},
			cands: []Candidate{withOutlet(rutteOnly)}, wantID: 3, rule: RuleFullerName, want: "Mark Rutte"},
		{name: "no upgrade when another first name is known", m: Mention{Name: "Mark Rutte", Type: verbatim.Person},
			cands: []Candidate{withOutlet(rutteOnly), annaRutte}, rule: RuleNewDifferentFirst, want: "Mark Rutte"},
		{name: "person never joins an organisation", m: Mention{Name: "Rutte", Type: verbatim.Person},
			cands: []Candidate{{ID: 9, Name: "Rutte", Type: verbatim.Organization, SameOutlet: true}}, rule: RuleNew, want: "Rutte"},
		{name: "organisation same name", m: Mention{Name: "the Kremlin", Type: verbatim.Organization},
			cands: []Candidate{{ID: 8, Name: "The Kremlin", Type: verbatim.Organization}}, wantID: 8, rule: RuleSameName, want: "The Kremlin"},
		{name: "acronym joins and the spelt-out name wins", m: Mention{Name: "North Atlantic Treaty Organization", Type: verbatim.Organization},
			cands: []Candidate{{ID: 6, Name: "NATO", Type: verbatim.Organization}}, wantID: 6, rule: RuleAcronym, want: "North Atlantic Treaty Organization"},
		{name: "acronym mention", m: Mention{Name: "NATO", Type: verbatim.Organization},
			cands: []Candidate{nato}, wantID: 7, rule: RuleAcronym, want: "North Atlantic Treaty Organization"},
		{name: "shared alias", m: Mention{Name: "the alliance", Type: verbatim.Organization, Aliases: []string{"NATO"}},
			cands: []Candidate{{ID: 6, Name: "NATO", Type: verbatim.Organization}}, wantID: 6, rule: RuleSharedAlias, want: "NATO"},
		{name: "anonymous has no identity", m: Mention{Name: "officials", Type: verbatim.Anonymous},
			cands: []Candidate{markRutte}, rule: RuleNoIdentity, want: "officials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Resolve(tt.m, tt.cands, tt.ctx)
			if d.ID != tt.wantID || d.Rule != tt.rule || d.Name != tt.want {
				t.Errorf("Resolve = %+v; want id %d rule %s name %q", d, tt.wantID, tt.rule, tt.want)
			}
			if d.Reason == "" {
				t.Error("decision without a reason")
			}
		})
	}
}

func TestKeys(t *testing.T) {
	tests := []struct {
		m    Mention
		want []string
	}{
		{Mention{Name: "NATO Secretary General Mark Rutte", Type: verbatim.Person, Aliases: []string{"Rutte", "the NATO chief"}},
			[]string{"n:mark rutte", "s:rutte", "n:rutte"}},
		{Mention{Name: "North Atlantic Treaty Organization", Type: verbatim.Organization},
			[]string{"n:north atlantic treaty organization", "o:north atlantic treaty organization", "o:nato"}},
		{Mention{Name: "NATO", Type: verbatim.Organization}, []string{"n:nato", "o:nato"}},
		{Mention{Name: "a senior official", Type: verbatim.Anonymous}, nil},
	}
	for _, tt := range tests {
		if got := Keys(tt.m); !slices.Equal(got, tt.want) {
			t.Errorf("Keys(%q) = %q; want %q", tt.m.Name, got, tt.want)
		}
	}
}

func TestArticleSpeakers(t *testing.T) {
	an := &verbatim.Analysis{
		Entities: []verbatim.Entity{
			{Name: "Rutte", Type: verbatim.EntityPerson},
			{Name: "Mark Rutte", Type: verbatim.EntityPerson, Roles: []string{"NATO Secretary General"}},
			{Name: "NATO", Type: verbatim.EntityOrganization},
			{Name: "Olaf Scholz", Type: verbatim.EntityPerson},
		},
		Quotes: []verbatim.Quote{
			{Entity: 0, SpeakerType: verbatim.Person},
			{Entity: 2, SpeakerType: verbatim.Organization},
			{Entity: 1, SpeakerType: verbatim.Person},
			{Entity: 1, SpeakerType: verbatim.Person},
			{Entity: -1, SpeakerRef: "officials", SpeakerType: verbatim.Anonymous},
			{Entity: -1, SpeakerRef: "Reuters", SpeakerType: verbatim.Organization},
		},
	}
	got, ctx := ArticleSpeakers(an)
	var order []string
	for _, s := range got {
		order = append(order, s.Mention.Name)
	}
	if want := []string{"NATO", "Mark Rutte", "Reuters", "Rutte"}; !slices.Equal(order, want) {
		t.Errorf("speakers %q; want %q (full names first, each once, no anonymous)", order, want)
	}
	if want := []string{"Rutte", "Mark Rutte", "Olaf Scholz"}; !slices.Equal(ctx.ArticlePersons, want) {
		t.Errorf("article persons %q; want %q", ctx.ArticlePersons, want)
	}
}

func TestFile(t *testing.T) {
	tests := []struct {
		m                    Mention
		d                    Decision
		aliases, roles, keys []string
	}{
		{Mention{Name: "NATO Secretary General Mark Rutte", Type: verbatim.Person, Aliases: []string{"Rutte", "Mark Rutte"}, Roles: []string{"NATO chief"}},
			Decision{Name: "Mark Rutte"},
			[]string{"Rutte"}, []string{"NATO Secretary General", "NATO chief"}, []string{"n:mark rutte", "s:rutte", "n:rutte"}},
		{Mention{Name: "Mr Rutte", Type: verbatim.Person}, Decision{Name: "Mark Rutte"},
			[]string{"Rutte"}, nil, []string{"n:mark rutte", "s:rutte", "n:rutte"}},
		{Mention{Name: "NATO", Type: verbatim.Organization}, Decision{Name: "North Atlantic Treaty Organization"},
			[]string{"NATO"}, nil, []string{"n:north atlantic treaty organization", "o:north atlantic treaty organization", "o:nato", "n:nato"}},
	}
	for _, tt := range tests {
		f := File(tt.m, tt.d)
		if !slices.Equal(f.Aliases, tt.aliases) || !slices.Equal(f.Roles, tt.roles) || !slices.Equal(f.Keys, tt.keys) {
			t.Errorf("File(%q → %q) = %+v; want aliases %q roles %q keys %q", tt.m.Name, tt.d.Name, f, tt.aliases, tt.roles, tt.keys)
		}
	}
}
