package lang

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
)

//go:embed data
var dataFS embed.FS

// Class is a set of word classes a word belongs to; a word can be in several
// ("her" is a determiner and a pronoun).
type Class uint64

// The word classes the tables define.
const (
	Abbreviation Class = 1 << iota
	Determiner
	PronounHe
	PronounShe
	PronounPlural
	PronounIt
	PronounFirst
	Title
	PersonNoun
	AnonymousNoun
	AnonymousMarker
	OrgWord
	DocumentWord
	Place
	AdverbBetween
	ClauseOpener
	Conjunction
	Preposition
	// Cue marks a word form that is a reporting cue (Word.Lemma is set).
	Cue
	// WeakCue marks a cognition or stance cue ("believe", "think") that
	// counts only when a clause follows it.
	WeakCue
	// PrepCueStart marks the first word of a prepositional cue ("according").
	PrepCueStart
	// PassiveAux marks the forms of "be" that make a passive ("was
	// endorsed by").
	PassiveAux
	// NonSpeaker marks words that stand where a subject does but never
	// speak ("there", "which").
	NonSpeaker
	// Complementizer marks the word that opens a reported clause ("that").
	Complementizer
	// InfinitiveMarker marks the infinitive's particle ("to").
	InfinitiveMarker
	// AgentMarker marks the word before a passive's agent ("by").
	AgentMarker
	// RelativePerson marks a relative pronoun for people ("who").
	RelativePerson
	// Coordinator marks words that join two verbs or two names ("and").
	Coordinator
	// WhWord marks words that make a clause about what is said ("what").
	WhWord
	// NPPreposition marks prepositions that may stand inside a speaker's
	// noun phrase ("the spokesman for the office in Moscow").
	NPPreposition
	// ObjectPronoun marks object forms, which can end a phrase ("her").
	ObjectPronoun
	// NameConnector marks a word that joins the parts of a name
	// ("Ministry of Foreign Affairs").
	NameConnector
	// PlacePreposition marks prepositions before place names ("in").
	PlacePreposition
	// ComplementPreposition marks prepositions that can open what a cue
	// reports ("talked about", "urged to", "called for").
	ComplementPreposition
	// ObjectCue marks a cue that names its addressee before what is said
	// ("told reporters that").
	ObjectCue
	// ReportedMood marks verb forms of reported speech (German Konjunktiv
	// I: "sei", "habe"): a sentence holding one without a cue goes on
	// reporting the last speaker.
	ReportedMood
	// PostCue marks a postposition cue: the speaker stands before it
	// ("dem Bericht zufolge").
	PostCue
	// InvertedCue marks a cue that counts only right after a comma with
	// its speaker after it (", so der Sprecher").
	InvertedCue
	// NonSubjectDeterminer marks determiners in a case other than the
	// subject's (German "den", "dem"): a phrase they open is not a subject.
	NonSubjectDeterminer
	// TimeWord marks words of time ("Monday", "week"): a phrase they make
	// after a cue is an adverbial, not what was said.
	TimeWord
	// NounlikeCue marks a cue whose forms are often nouns ("states",
	// "ruling"), so that its -s and -ing forms need a subject before them.
	NounlikeCue
	// NamingCue marks a cue whose object is the words it reports ("nannte
	// sie „reine Spekulation“", "sprach von einer „Gräueltat“"), for
	// Language.FragmentDirect.
	NamingCue
	// GenitiveDeterminer marks determiners of the genitive (German "des",
	// "der"): after a noun they go on with its phrase ("ein Reporter des
	// Senders") rather than start the next one.
	GenitiveDeterminer
	// SourcePreposition marks a preposition that attributes what the
	// sentence says when a source noun heads its phrase ("nach Angaben
	// der Polizei", "seiner Meinung nach").
	SourcePreposition
	// SourceNoun marks nouns that name where a statement comes from
	// ("Angaben", "Ansicht", "Bericht").
	SourceNoun
	// SeparatedCue marks a finite verb form that is a cue only with its
	// separable particle at the end of the clause ("gab … an", "wies …
	// zurück"); Language.Separated lists the particles and lemmas.
	SeparatedCue
	// Reflexive marks the reflexive pronoun ("sich"), which stands between
	// an inverted verb and its subject ("zeigte sich der Trainer
	// zufrieden") and is never a speaker.
	Reflexive
	// ImpersonalCue marks a cue that reports only beside the impersonal
	// pronoun ('*' in the cue file: "heißt es", "es hieß"); the pronoun is
	// no speaker, and a phrase opened by a preposition before the verb
	// names the source ("In dem Bericht heißt es, …").
	ImpersonalCue
	// Degree marks adverbs of degree ("more", "very", "too"): a past or
	// -ing form of a cue after one is an adjective ("more detailed",
	// "very worried"), not a verb.
	Degree
	// Auxiliary marks finite auxiliaries and modals ("was", "could"): one
	// after a cue's first words shows that a clause has begun ("said the
	// move could mean that …").
	Auxiliary
	// StanceHead marks an adjective or noun that, with its preposition,
	// states its holder's attitude toward what follows ("critical of",
	// "concerns about"); Language.Stances lists the prepositions.
	StanceHead
	// StanceVerb marks a verb that links a holder to a stance noun
	// ("expressed concerns about", "voiced support for"); copulas and
	// auxiliaries link it too.
	StanceVerb
	// Quantifier marks a determiner that can stand for its noun ("Many
	// say", "Several said"): alone before a verb it is the subject.
	Quantifier
	// LinkingCue marks a verb of seeming ('^' in the cue file: "seems",
	// "appears"): its subject and what follows it ("That looks
	// unlikely", "He appeared to waver") are what is judged, by no one
	// named.
	LinkingCue
	// HearsayAdverb marks an adverb that attributes its clause to unnamed
	// others ("reportedly", "allegedly"): the clause around it is
	// reported, by no one named.
	HearsayAdverb
)

// Pronoun is any personal pronoun class.
const Pronoun = PronounHe | PronounShe | PronounPlural | PronounIt | PronounFirst

var classNames = map[string]Class{
	"abbreviations":           Abbreviation,
	"determiners":             Determiner,
	"pronouns_person_he":      PronounHe,
	"pronouns_person_she":     PronounShe,
	"pronouns_plural":         PronounPlural,
	"pronouns_it":             PronounIt,
	"pronouns_first":          PronounFirst,
	"titles":                  Title,
	"person_nouns":            PersonNoun,
	"anonymous":               AnonymousNoun,
	"anonymous_markers":       AnonymousMarker,
	"org_words":               OrgWord,
	"document_words":          DocumentWord,
	"places":                  Place,
	"adverbs_between":         AdverbBetween,
	"clause_openers":          ClauseOpener,
	"conjunctions":            Conjunction,
	"prepositions":            Preposition,
	"passive_aux":             PassiveAux,
	"nonspeakers":             NonSpeaker,
	"complementizers":         Complementizer,
	"infinitive_markers":      InfinitiveMarker,
	"agent_markers":           AgentMarker,
	"relative_persons":        RelativePerson,
	"coordinators":            Coordinator,
	"wh_words":                WhWord,
	"np_prepositions":         NPPreposition,
	"object_pronouns":         ObjectPronoun,
	"name_connectors":         NameConnector,
	"place_prepositions":      PlacePreposition,
	"complement_prepositions": ComplementPreposition,
	"reported_mood":           ReportedMood,
	"postpositions":           PostCue,
	"time_words":              TimeWord,
	"non_subject_determiners": NonSubjectDeterminer,
	"genitive_determiners":    GenitiveDeterminer,
	"source_prepositions":     SourcePreposition,
	"source_nouns":            SourceNoun,
	"reflexives":              Reflexive,
	"degree_adverbs":          Degree,
	"auxiliaries":             Auxiliary,
	"stance_verbs":            StanceVerb,
	"quantifiers":             Quantifier,
	"hearsay_adverbs":         HearsayAdverb,
}

// Word is what the table knows of one lowercase word form.
type Word struct {
	Class Class
	// Lemma is the dictionary form of a cue ("emphasizes" → "emphasize").
	Lemma string
}

// QuoteMarks describes a language's quotation marks. Openers maps each
// opening mark to the marks that may close it; SymmetricMarks (" and ')
// open or close depending on what stands around them.
type QuoteMarks struct {
	Openers        map[rune][]rune
	SymmetricMarks []rune
}

// Opens reports whether r opens a quotation in this language.
func (q *QuoteMarks) Opens(r rune) bool {
	_, ok := q.Openers[r]
	return ok || q.Symmetric(r)
}

// Closes reports whether r closes a quotation in this language.
func (q *QuoteMarks) Closes(r rune) bool {
	for _, closers := range q.Openers {
		for _, c := range closers {
			if c == r {
				return true
			}
		}
	}
	return q.Symmetric(r)
}

// Symmetric reports whether r both opens and closes (" and ').
func (q *QuoteMarks) Symmetric(r rune) bool {
	for _, s := range q.SymmetricMarks {
		if s == r {
			return true
		}
	}
	return false
}

// Language is the table of one language.
type Language struct {
	// Code is the ISO 639-1 code ("en").
	Code string
	// Name is the language's English name.
	Name string
	// Quotes are the quotation-mark conventions.
	Quotes QuoteMarks
	// Structure marks credits, bylines and bios.
	Structure StructureWords
	// PrepCues are multiword prepositional cues ("according to"), lowercase words.
	PrepCues [][]string
	// MultiwordTitles are titles of several words ("vice president").
	MultiwordTitles [][]string
	// Suffixes are the inflection endings the rules read.
	Suffixes Suffixes
	// Inflect derives the regular forms of a cue verb from its lemma;
	// irregular forms are listed in the cue file.
	Inflect func(lemma string) []string
	// VerbSecond is set for languages that put the verb second, so that a
	// subject may follow its verb ("Am Montag sagte Müller, ...").
	VerbSecond bool
	// CapitalizedNouns is set for languages that capitalise every noun: a
	// capital letter alone does not make a name.
	CapitalizedNouns bool
	// BareFormNeedsSubject is set for languages whose bare verb form is
	// also a noun ("a call", "in response"): it then counts as a cue only
	// after a plural subject or an auxiliary.
	BareFormNeedsSubject bool
	// AgentlessPassive is set for languages whose news annotation reads a
	// cue in the passive without its agent ("peacekeepers have been
	// accused of …", "the bridge is expected to reopen") as reporting its
	// subject, said by no one named.
	AgentlessPassive bool
	// OrdinalDot is set for languages that write ordinals with a dot ("am
	// 3. Oktober"), which then does not end a sentence.
	OrdinalDot bool
	// Enclitics are pronouns joined to a verb by a hyphen in inverted
	// attributions ("a-t-il déclaré", "dit-elle"), with their hyphens; the
	// tokenizer splits them off so the pronoun can be a speaker.
	Enclitics []string
	// DialogueDash is set for languages that open a speaker's turn with a
	// dash at the start of a paragraph ("— On a tout perdu, soupire-t-il").
	DialogueDash bool
	// InsertedAttribution is set for languages that set an attribution off
	// inside one pair of quotation marks («A —dijo él—, B», « A, dit-il, B »).
	InsertedAttribution bool
	// FragmentDirect is set where a quoted phrase that is all a naming
	// cue ('=' in the cue file) reports besides a few closed-class words
	// and nouns ("nannte sie „reine Spekulation“", "sprach von einer
	// „Gräueltat“") is reported as a direct quotation of the phrase, as
	// German news annotation does; elsewhere such a statement is mixed. It
	// needs CapitalizedNouns to tell the nouns around the phrase from a
	// verb.
	FragmentDirect bool
	// CompoundNouns is set for languages that write compound nouns as one
	// word whose last part is the head ("Polizeiangaben" are "Angaben"),
	// so that HeadHas looks at a word's endings too.
	CompoundNouns bool
	// Particles maps a cue lemma to the particles that belong to it ("call
	// on", "point out"): the particle is part of the cue, not of what was said.
	Particles map[string][]string
	// Separated maps a finite form of a separable verb's stem ("gab") to
	// the cues it makes with a particle at the end of its clause ("gab
	// … an" is "angeben"); the cue file writes such a lemma "an|geben".
	Separated map[string][]SeparableCue
	// Stances maps a stance head ("critical", "concerns") to the
	// prepositions after which it names what the attitude is about.
	Stances map[string][]string

	words map[string]Word
	table wordTable
}

// SeparableCue is a separable cue verb as its stem's finite form sees
// it: the particle that closes the clause, the lemma and the cue's classes.
type SeparableCue struct {
	Particle string
	Lemma    string
	Class    Class
}

// Lookup returns what the table knows of a lowercase word form.
func (l *Language) Lookup(lower string) Word { return l.words[lower] }

// HeadHas reports whether the lowercase word, or where the language
// writes compound nouns the last part of it (of four letters or more), is
// in any of the classes c.
func (l *Language) HeadHas(lower string, c Class) bool {
	if l.words[lower].Class&c != 0 {
		return true
	}
	if !l.CompoundNouns {
		return false
	}
	for i := 1; i+4 <= len(lower); i++ {
		if lower[i]&0xC0 == 0x80 {
			continue // not at the start of a letter
		}
		if l.words[lower[i:]].Class&c != 0 {
			return true
		}
	}
	return false
}

// Words returns the lower-case words in any of the classes c, in no order.
func (l *Language) Words(c Class) []string {
	var out []string
	for w, e := range l.words {
		if e.Class&c != 0 {
			out = append(out, w)
		}
	}
	return out
}

// LookupBytes is Lookup for a byte slice; it does not allocate.
func (l *Language) LookupBytes(lower []byte) Word { return l.words[string(lower)] }

// LookupHashed is LookupBytes for a caller that has computed the FNV-1a
// hash of lower (HashByte over its bytes) while producing it.
func (l *Language) LookupHashed(h uint64, lower []byte) Word { return l.table.lookup(h, lower) }

// Suffixes are a language's inflection endings that the rules read: a
// participle after a comma continues the sentence's speaker, a past
// participle after "was" makes a passive, an adverb may stand between a
// speaker and the verb.
type Suffixes struct {
	Participle  []string // "-ing"
	Past        []string // "-ed", "-en"
	Adverb      []string // "-ly"
	ThirdPerson []string // "-s"
	// Plural are the endings of a plural noun that a bare word shows
	// ("-s": "forecasters"); none where the rules should not guess.
	Plural []string
}

func hasAnySuffix(w string, suffixes []string) bool {
	for _, s := range suffixes {
		if len(w) > len(s)+1 && strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// IsPlural reports whether w has a plural noun's ending.
func (l *Language) IsPlural(w string) bool { return hasAnySuffix(w, l.Suffixes.Plural) }

// IsParticiple reports whether w has a present-participle ending.
func (l *Language) IsParticiple(w string) bool { return hasAnySuffix(w, l.Suffixes.Participle) }

// IsPast reports whether w has a past or past-participle ending.
func (l *Language) IsPast(w string) bool { return hasAnySuffix(w, l.Suffixes.Past) }

// IsAdverb reports whether w has a manner-adverb ending.
func (l *Language) IsAdverb(w string) bool { return len(w) > 4 && hasAnySuffix(w, l.Suffixes.Adverb) }

// IsThirdPerson reports whether w has a third-person ending.
func (l *Language) IsThirdPerson(w string) bool { return hasAnySuffix(w, l.Suffixes.ThirdPerson) }

var languages = map[string]*Language{}

func register(l *Language) *Language {
	languages[l.Code] = l
	return l
}

// Get returns the table for code, and false when the language is not supported.
func Get(code string) (*Language, bool) {
	l, ok := languages[code]
	return l, ok
}

// Codes lists the supported language codes.
func Codes() []string {
	out := make([]string, 0, len(languages))
	for c := range languages {
		out = append(out, c)
	}
	return out
}

// load reads a language's word classes and cue lexicon from the embedded
// data files; a malformed file is a programming error and panics at start.
func (l *Language) load(wordsFile, cuesFile string) *Language {
	l.words = map[string]Word{}
	l.Particles = map[string][]string{}
	l.Separated = map[string][]SeparableCue{}
	l.Stances = map[string][]string{}
	add := func(w string, c Class, lemma string) {
		e := l.words[w]
		e.Class |= c
		if lemma != "" && e.Lemma == "" {
			e.Lemma = lemma
		}
		l.words[w] = e
	}
	readLines(wordsFile, func(line string) {
		name, list, ok := strings.Cut(line, ":")
		if !ok {
			panic(fmt.Sprintf("lang: %s: line without class: %q", wordsFile, line))
		}
		name = strings.TrimSpace(name)
		if name == "particles" {
			for _, w := range strings.Fields(list) {
				verb, particle, _ := strings.Cut(w, "_")
				l.Particles[verb] = append(l.Particles[verb], particle)
			}
			return
		}
		if name == "stances" {
			for _, w := range strings.Fields(list) {
				head, prep, _ := strings.Cut(w, "_")
				l.Stances[head] = append(l.Stances[head], prep)
				add(head, StanceHead, "")
			}
			return
		}
		if name == "prep_cues" {
			for _, w := range strings.Fields(list) {
				parts := strings.Split(w, "_")
				l.PrepCues = append(l.PrepCues, parts)
				add(parts[0], PrepCueStart, "")
			}
			return
		}
		c, ok := classNames[name]
		if !ok {
			return // a setting such as org_acronym_min, read elsewhere
		}
		for _, w := range strings.Fields(list) {
			if strings.Contains(w, "_") {
				parts := strings.Split(w, "_")
				if c == Title {
					l.MultiwordTitles = append(l.MultiwordTitles, parts)
				}
				continue
			}
			add(w, c, "")
			if c == Abbreviation || c == Title {
				add(strings.TrimSuffix(w, "."), c, "")
			}
		}
	})
	readLines(cuesFile, func(line string) {
		f := strings.Fields(line)
		class := Cue
		lemma := f[0]
		if strings.HasPrefix(lemma, "+") {
			lemma = lemma[1:]
			class |= WeakCue
		}
		if strings.HasPrefix(lemma, "^") {
			lemma = lemma[1:]
			class |= LinkingCue
		}
		if strings.HasPrefix(lemma, "<") {
			lemma = lemma[1:]
			class |= InvertedCue
		}
		if strings.HasPrefix(lemma, ">") {
			lemma = lemma[1:]
			class |= ObjectCue
		}
		if strings.HasPrefix(lemma, "~") {
			lemma = lemma[1:]
			class |= NounlikeCue
		}
		if strings.HasPrefix(lemma, "=") {
			lemma = lemma[1:]
			class |= NamingCue
		}
		if strings.HasPrefix(lemma, "*") {
			lemma = lemma[1:]
			class |= ImpersonalCue
		}
		// "an|geben gab gaben gibt gegeben": a separable verb. The stem's
		// forms joined to the particle are cues ("angab", "angegeben");
		// standing alone they need the particle at the clause end.
		if particle, stem, ok := strings.Cut(lemma, "|"); ok {
			lemma = particle + stem
			for _, form := range append(l.Inflect(stem), f[1:]...) {
				add(particle+form, class, lemma)
				// The participle ("gegeben") never stands apart.
				if !strings.HasPrefix(form, "ge") || strings.HasPrefix(stem, "ge") {
					add(form, SeparatedCue, "")
					l.Separated[form] = append(l.Separated[form], SeparableCue{Particle: particle, Lemma: lemma, Class: class})
				}
			}
			return
		}
		forms := append(l.Inflect(lemma), f[1:]...)
		for _, form := range forms {
			add(form, class, lemma)
		}
	})
	l.table = newWordTable(l.words)
	return l
}

func readLines(name string, fn func(string)) {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		panic(fmt.Sprintf("lang: %v", err))
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fn(line)
	}
}
