package speaker

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Name is a person's name taken apart: the titles in front of it, the given
// names and the surname. A mention without a recognisable name ("officials")
// has an empty Surname.
type Name struct {
	// Full is the name without titles, as written: "Mark Rutte".
	Full string
	// Title is what stood before the name: "NATO Secretary General".
	Title string
	// First is the first given name or initial, empty for a surname alone.
	First string
	// Middle are the given names or initials between First and Surname.
	Middle []string
	// Surname is the last name with its particles: "Rutte", "von der Leyen".
	Surname string
}

// HasFirst reports whether the name has a given name and not only a surname.
func (n Name) HasFirst() bool { return n.First != "" }

// titleWords are general words that stand before names and are not part of
// them. The list is deliberately small and general: an unknown role word in
// front of a name that is capitalised ("Boss Tim Cook") is taken as a given
// name only up to the three given names a name may have.
var titleWords = set(
	// honorifics
	"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
	"madam", "madame", "monsieur", "mme", "mlle", "herr", "frau", "sr", "sra", "srta",
	"rev", "reverend", "father", "pastor", "rabbi", "imam", "sheikh", "cardinal", "bishop",
	"archbishop", "pope", "king", "queen", "prince", "princess", "duke", "duchess", "emperor",
	"sultan", "emir", "ayatollah",
	// offices
	"president", "vice", "prime", "minister", "premier", "chancellor", "secretary", "general",
	"attorney", "senator", "sen", "rep", "representative", "congressman", "congresswoman",
	"governor", "gov", "mayor", "councillor", "councilor", "deputy", "speaker", "chairman",
	"chairwoman", "chair", "chairperson", "director", "executive", "ceo", "cfo", "coo", "cto",
	"founder", "chief", "head", "leader", "boss", "spokesman", "spokeswoman", "spokesperson",
	"ambassador", "envoy", "commissioner", "judge", "justice", "magistrate", "coach", "manager",
	"former", "acting", "interim", "late", "foreign", "defence", "defense", "interior", "finance",
	"health", "economy", "trade", "state", "federal", "national",
	// ranks
	"commander", "admiral", "colonel", "col", "lieutenant", "lt", "captain", "capt", "major",
	"sergeant", "sgt", "marshal", "officer", "inspector", "detective", "superintendent",
	// other languages (de, fr, es, pt, it, nl)
	"kanzler", "kanzlerin", "präsident", "präsidentin", "ministerin", "sprecher", "sprecherin",
	"chef", "chefin", "vorsitzender", "vorsitzende", "bürgermeister", "bürgermeisterin",
	"président", "présidente", "ministre", "maire", "député", "sénateur", "porte-parole",
	"presidente", "ministro", "ministra", "portavoz", "alcalde", "diputado", "senador",
	"sindaco", "burgemeester", "woordvoerder",
)

// titleSuffixes end compound titles ("Bundesgesundheitsminister").
var titleSuffixes = []string{"minister", "ministerin", "kanzler", "kanzlerin", "präsident",
	"präsidentin", "sprecher", "sprecherin", "vorsitzender", "vorsitzende", "direktor", "direktorin"}

// particles are lowercase words that belong to the surname that follows
// them ("von der Leyen", "da Silva").
var particles = set("von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "das",
	"du", "la", "le", "ten", "ter", "zu", "bin", "ibn", "al", "el", "y")

// suffixes follow a name and are dropped ("Martin Luther King Jr.").
var suffixes = set("jr", "sr", "ii", "iii", "iv", "junior", "senior")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isTitle reports whether a token is a title word or a compound ending in one.
func isTitle(tok string) bool {
	w := strings.ToLower(strings.Trim(tok, ".,"))
	if titleWords[w] {
		return true
	}
	for _, s := range titleSuffixes {
		if len(w) > len(s)+2 && strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// capitalised reports whether a token starts like a name: with an upper-case
// letter, or with a letter of a script that has no case.
func capitalised(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsUpper(r) || (unicode.IsLetter(r) && !unicode.IsLower(r))
}

// acronym reports whether a token is an all-capitals word of three letters
// or more ("NATO", "FBI"), which names organisations, not people.
func acronym(tok string) bool {
	n := 0
	for _, r := range tok {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 3
}

func possessive(tok string) bool {
	return strings.HasSuffix(tok, "'s") || strings.HasSuffix(tok, "’s")
}

// cleanToken drops punctuation around a token, keeping the period of an
// initial and inner hyphens and apostrophes ("O'Brien", "Jean-Claude").
func cleanToken(tok string) string {
	tok = strings.TrimLeftFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	tok = strings.TrimRightFunc(tok, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.'
	})
	return tok
}

// ParseName takes a person's name apart. The last capitalised word is the
// surname; walking left from it, particles join the surname, then up to
// three capitalised words are given names until a title word, an acronym, a
// possessive or a lower-case word ends the name ("Kremlin spokesman Dmitry
// Peskov"). What is left of the name is the Title.
func ParseName(s string) Name {
	var toks []string
	for _, f := range strings.Fields(s) {
		if t := cleanToken(f); t != "" {
			toks = append(toks, t)
		}
	}
	if n := len(toks); n > 0 && possessive(toks[n-1]) {
		toks[n-1] = strings.TrimSuffix(strings.TrimSuffix(toks[n-1], "'s"), "’s")
	}
	for len(toks) > 1 && suffixes[strings.ToLower(strings.Trim(toks[len(toks)-1], "."))] {
		toks = toks[:len(toks)-1]
	}
	end := len(toks) - 1
	if end < 0 || !capitalised(toks[end]) || possessive(toks[end]) {
		return Name{Title: strings.Join(toks, " ")}
	}
	i := end - 1
	for i >= 0 && particles[toks[i]] {
		i--
	}
	// Particles belong to the surname when they open the name ("von der
	// Leyen") or follow a given name ("Ursula von der Leyen"), not after
	// other words ("the de facto leader").
	if i >= 0 && i < end-1 && !nameWord(toks[i]) {
		i = end - 1
	}
	surnameStart := i + 1
	start := surnameStart
	for start > 0 && surnameStart-start < 3 && nameWord(toks[start-1]) {
		start--
	}
	n := Name{
		Full:    strings.Join(toks[start:], " "),
		Title:   strings.Join(toks[:start], " "),
		Surname: strings.Join(toks[surnameStart:], " "),
	}
	if start < surnameStart {
		n.First = toks[start]
		n.Middle = toks[start+1 : surnameStart]
	}
	return n
}

// nameWord reports whether a token can be a given name.
func nameWord(tok string) bool {
	return capitalised(tok) && !isTitle(tok) && !acronym(tok) && !possessive(tok)
}

// folders pools diacritic-folding transformers: a transform.Chain keeps
// state between calls, so one shared chain is a data race when stores and
// the web server normalise names concurrently.
var folders = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Normalize folds a name for comparison: lower case, without diacritics,
// with punctuation turned into single spaces ("Jean-Claude Juncker" and
// "jean claude juncker" are equal).
func Normalize(s string) string {
	folded := s
	if !isASCII(s) {
		t := folders.Get().(transform.Transformer)
		t.Reset()
		var err error
		if folded, _, err = transform.String(t, s); err != nil {
			folded = s
		}
		folders.Put(t)
	}
	var b strings.Builder
	space := false
	for _, r := range folded {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// initial reports whether a normalised given name is an initial ("m").
func initial(norm string) bool { return utf8.RuneCountInString(norm) == 1 }

// firstNames compares two given names: same, compatible (an initial and a
// name it starts), or different.
func firstNames(a, b string) match {
	a, b = Normalize(a), Normalize(b)
	switch {
	case a == b:
		return same
	case initial(a) && strings.HasPrefix(b, a), initial(b) && strings.HasPrefix(a, b):
		return compatible
	}
	return different
}

type match int

const (
	different match = iota
	compatible
	same
)

// middlesAgree reports whether two lists of middle names or initials can be
// the same person's: when both have them, their initials must be equal
// ("George W. Bush" is not "George H. W. Bush").
func middlesAgree(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if firstNames(a[i], b[i]) == different {
			return false
		}
	}
	return true
}

// fuller returns the more complete of two names of one person: the one with
// a given name, then the one whose given name is spelt out, then the longer.
func fuller(a, b string) string {
	na, nb := ParseName(a), ParseName(b)
	score := func(n Name) int {
		s := 0
		if n.HasFirst() {
			s += 4
			if !initial(Normalize(n.First)) {
				s += 2
			}
		}
		return s + len(n.Middle)
	}
	if score(nb) > score(na) {
		return nb.Full
	}
	if na.Full != "" {
		return na.Full
	}
	return a
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
