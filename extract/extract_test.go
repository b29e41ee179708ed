package extract

import (
	"strings"
	"testing"

	"verbatim"
)

// quoteWant is what a test expects of one quote; empty fields are not checked.
type quoteWant struct {
	kind    verbatim.QuoteKind
	content string // the content's text, or a prefix of it ending in "…"
	cue     string
	speaker string
	ref     string
	typ     verbatim.SpeakerType
	pieces  int // the number of content segments, when set
}

func matchText(got, want string) bool {
	if p, ok := strings.CutSuffix(want, "…"); ok {
		return strings.HasPrefix(got, p)
	}
	return got == want
}

func checkQuote(t *testing.T, q verbatim.Quote, w quoteWant) {
	t.Helper()
	if w.kind != "" && q.Kind != w.kind {
		t.Errorf("kind = %q, want %q (content %q)", q.Kind, w.kind, q.Content.Text)
	}
	if !matchText(q.Content.Text, w.content) {
		t.Errorf("content = %q, want %q", q.Content.Text, w.content)
	}
	if w.cue != "" && (q.Cue == nil || q.Cue.Text != w.cue) {
		t.Errorf("cue = %v, want %q", q.Cue, w.cue)
	}
	if w.speaker != "" && (q.Speaker == nil || q.Speaker.Text != w.speaker) {
		t.Errorf("speaker = %v, want %q (content %q)", q.Speaker, w.speaker, q.Content.Text)
	}
	if w.ref != "" && q.SpeakerRef != w.ref {
		t.Errorf("speaker_ref = %q, want %q (content %q)", q.SpeakerRef, w.ref, q.Content.Text)
	}
	if w.pieces != 0 && len(q.Content.Pieces()) != w.pieces {
		t.Errorf("content in %d pieces, want %d (content %q)", len(q.Content.Pieces()), w.pieces, q.Content.Text)
	}
	if w.typ != "" && q.SpeakerType != w.typ {
		t.Errorf("speaker_type = %q, want %q (content %q)", q.SpeakerType, w.typ, q.Content.Text)
	}
}

// The cases are news sentences written for these tests, one shape each.
// The first line of each text is a headline, as in a real article.
var extractCases = []struct {
	name   string
	lang   string // detected when empty
	text   string
	quotes []quoteWant
}{
	{
		name:   "direct quote, inverted attribution with title",
		text:   "Bridge to reopen.\n\n“We will rebuild the bridge by spring,” said Mayor Anna Holt.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "“We will rebuild the bridge by spring,”", cue: "said", speaker: "Mayor Anna Holt", ref: "Anna Holt", typ: verbatim.Person}},
	},
	{
		name:   "direct quote, speaker before cue, addressee after",
		text:   "Budget talks.\n\n“The numbers do not add up,” Holt told reporters at city hall.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "“The numbers do not add up,”", cue: "told", speaker: "Holt", typ: verbatim.Person}},
	},
	{
		name:   "reported speech with that",
		text:   "Budget talks.\n\nCouncil member Omar Reyes said that the budget would be balanced by June.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "that the budget would be balanced by June", cue: "said", speaker: "Council member Omar Reyes", ref: "Omar Reyes"}},
	},
	{
		name:   "reported speech, attribution after the content",
		text:   "Budget talks.\n\nMayor Anna Holt spoke first. The budget will be balanced by June, the mayor said.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "The budget will be balanced by June", cue: "said", speaker: "the mayor", ref: "Anna Holt", typ: verbatim.Person}},
	},
	{
		name:   "reported speech holding reported actions is one statement",
		text:   "Tax records.\n\nThe commissioner says he instructed staff on Monday to check whether anyone disclosed the returns.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "he instructed staff on Monday to check whether anyone disclosed the returns", cue: "says", speaker: "The commissioner"}},
	},
	{
		name:   "a quotation claimed by two cues is given once",
		text:   "Tax records.\n\nThe commissioner said his staff told him: “Nobody opened the files.”\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "“Nobody opened the files.”"}},
	},
	{
		name: "a stance stated through a copula",
		text: "Harbor plan.\n\nCouncil member Omar Reyes has repeatedly been critical of the harbor plan since it was announced.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "the harbor plan", cue: "critical of", speaker: "Council member Omar Reyes"},
			{kind: verbatim.Indirect, content: "it", cue: "announced"},
		},
	},
	{
		name: "a passive without its agent reports its subject, and the complement after the cue",
		text: "Peacekeeping.\n\nPeacekeepers have sometimes been accused of hurting the civilians they protect. The new bridge is expected to reopen in April.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "Peacekeepers have sometimes been accused of hurting the civilians they protect", cue: "accused", pieces: 2},
			{kind: verbatim.Indirect, content: "The new bridge is expected to reopen in April", cue: "expected", pieces: 2},
		},
	},
	{
		name:   "a stance held by a possessor",
		text:   "Harbor plan.\n\nThe mayor’s attacks on the port authority have grown sharper since June.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "the port authority", cue: "attacks on", speaker: "The mayor"}},
	},
	{
		name:   "a stance noun after a cue verb is what the statement is about",
		text:   "Harbor plan.\n\nDock workers have expressed misgivings about Mayor Holt because of the layoffs.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "Mayor Holt", cue: "misgivings about", speaker: "Dock workers"}},
	},
	{
		name:   "a stance noun with no holder is no statement",
		text:   "Harbor plan.\n\nSupport for the harbor plan has grown since spring.\n",
		quotes: nil,
	},
	{
		name:   "reported speech on both sides of an inserted attribution",
		text:   "Harbor plan.\n\nThat is why, Holt said, the party should be prepared.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "That is why, Holt said, the party should be prepared", cue: "said", speaker: "Holt", pieces: 2}},
	},
	{
		name:   "a phrase set off before the speaker is not part of the name",
		text:   "Harbor plan.\n\nBack in Portland, Mr. Reyes said, he decided to run.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "Back in Portland, Mr. Reyes said, he decided to run", speaker: "Mr. Reyes", pieces: 2}},
	},
	{
		name:   "bare verb after names joined by and",
		text:   "Harbor plan.\n\nBut Ms. Holt and Mr. Reyes say other changes are needed.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "other changes are needed", cue: "say", speaker: "Ms. Holt and Mr. Reyes"}},
	},
	{
		name:   "a subject only its place shows",
		text:   "Harbor plan.\n\nExperts on shipping and port finance said the new fees could drive carriers away.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "the new fees could drive carriers away", cue: "said", speaker: "Experts on shipping and port finance"}},
	},
	{
		name:   "an adverbial between the cue and its clause",
		text:   "Harbor plan.\n\nHolt said after the vote she would not sign the lease.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "she would not sign the lease", cue: "said", speaker: "Holt"}},
	},
	{
		name:   "according to anonymous sources",
		text:   "Budget talks.\n\nAccording to officials, the deficit has doubled since last year.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "the deficit has doubled since last year", cue: "According to", speaker: "officials", typ: verbatim.Anonymous}},
	},
	{
		name:   "mixed quote: reported clause holding a quoted fragment",
		text:   "Budget talks.\n\nHolt said the repairs were “long overdue” and would cost less than feared.\n",
		quotes: []quoteWant{{kind: verbatim.Mixed, content: "the repairs were “long overdue” and would cost less than feared", cue: "said", speaker: "Holt"}},
	},
	{
		name: "a quote after an attributed one continues its speaker",
		text: "Budget talks.\n\n“It is safe,” Holt told reporters. “We checked it twice.”\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "“It is safe,”", speaker: "Holt"},
			{kind: verbatim.Direct, content: "“We checked it twice.”", speaker: "Holt"},
		},
	},
	{
		name:   "quote interrupted by its attribution",
		text:   "Budget talks.\n\n“The plan is sound,” Reyes said, “and it is paid for.”\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "“The plan is sound,” Reyes said, “and it is paid for.”", speaker: "Reyes"}},
	},
	{
		name:   "pronoun resolves to the last person speaking",
		text:   "Budget talks.\n\nFinance Director Lena Marsh presented the figures on Monday. She said the city would borrow less.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "the city would borrow less", speaker: "She", ref: "Lena Marsh", typ: verbatim.Person}},
	},
	{
		name: "unclosed quote ends before a sentence with its own attribution",
		text: "Budget talks.\n\n“The plan is dead, and everyone in this room knows it. The vote was only for show, the councillor explained.\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "“The plan is dead, and everyone in this room knows it."},
			{kind: verbatim.Indirect, content: "The vote was only for show", cue: "explained", speaker: "the councillor"},
		},
	},
	{
		name: "scare quote is not a statement",
		text: "Budget talks.\n\nThe so-called “reform” passed the council on Tuesday by a narrow vote.\n",
	},
	{
		name:   "passive attribution",
		text:   "Budget talks.\n\nThe proposal was criticized by the teachers union.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "The proposal", cue: "criticized by", speaker: "the teachers union"}},
	},
	{
		name:   "headline with a speaker label",
		text:   "Holt: The bridge is safe to cross.\n\nThe bridge was inspected on Sunday by engineers whom Mayor Holt had hired.\n",
		quotes: []quoteWant{{content: "The bridge is safe to cross", cue: ":", speaker: "Holt"}},
	},
	{
		name: "quote reopened in the next paragraph continues",
		text: "Budget talks.\n\nReyes said: “We have waited for years.\n\n“Now the money is finally there.”\n",
		quotes: []quoteWant{
			{content: "“We have waited for years.", speaker: "Reyes"},
			{kind: verbatim.Direct, content: "“Now the money is finally there.”", speaker: "Reyes"},
		},
	},
	{
		name:   "NYT-style doubled apostrophes",
		text:   "Budget talks.\n\n''This budget is a start,'' said Omar Reyes, a council member.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "''This budget is a start,''", speaker: "Omar Reyes", ref: "Omar Reyes"}},
	},
	// French and Spanish.
	{
		name:   "es: attribution inserted between dashes, with an apposed name",
		lang:   "es",
		text:   "Paro en los autobuses\n«No queremos molestar a nadie —dijo la portavoz del sindicato, Marta Gil—, pero el convenio lleva tres años parado.»\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "«No queremos molestar a nadie —dijo la portavoz del sindicato, Marta Gil—, pero el convenio lleva tres años parado.»", pieces: 2, cue: "dijo", speaker: "la portavoz del sindicato, Marta Gil", ref: "Marta Gil"}},
	},
	{
		name:   "es: speaker with a title ends the sentence",
		lang:   "es",
		text:   "Obras en el puerto\n«Las obras terminarán en marzo», dijo la alcaldesa.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "«Las obras terminarán en marzo»", cue: "dijo", speaker: "la alcaldesa"}},
	},
	{
		name:   "fr: attribution with an enclitic pronoun inside one pair of guillemets",
		lang:   "fr",
		text:   "Le pont rouvrira\nLe maire, Louis Marchal, a visité le chantier. « Les travaux avancent, a-t-il assuré, mais il faudra encore un mois. »\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "« Les travaux avancent, a-t-il assuré, mais il faudra encore un mois. »", pieces: 2, cue: "assuré", speaker: "il", ref: "Louis Marchal"}},
	},
	{
		name:   "fr: inserted attribution ending its sentence",
		lang:   "fr",
		text:   "Le pont rouvrira\n« Nous étions inquiets, a reconnu l'ingénieure, Lise Caron. Le béton a mieux résisté que prévu. »\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "« Nous étions inquiets, a reconnu l'ingénieure, Lise Caron. Le béton a mieux résisté que prévu. »", pieces: 2, cue: "reconnu", speaker: "l'ingénieure, Lise Caron"}},
	},
	{
		name: "fr: a participle in a list is not an inserted attribution",
		lang: "fr",
		text: "Le pont rouvrira\n« Nous avons tout essayé », a expliqué la directrice, Lise Caron. « Nous avons embauché des intérimaires, rappelé des retraités, annulé les congés. »\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "« Nous avons tout essayé »", cue: "expliqué", speaker: "la directrice, Lise Caron"},
			{kind: verbatim.Direct, content: "« Nous avons embauché des intérimaires, rappelé des retraités, annulé les congés. »", speaker: "la directrice, Lise Caron"},
		},
	},
	{
		name:   "fr: inverted cue followed by a circumstance",
		lang:   "fr",
		text:   "Le pont rouvrira\n« Le chantier sera fini en mai », a-t-elle promis lors d'une réunion publique.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "« Le chantier sera fini en mai »", cue: "promis", speaker: "elle"}},
	},
	{
		name:   "es: a clitic before the cue, a colon before the quotation",
		lang:   "es",
		text:   "La cantera salva al club\nEl entrenador lo repitió tras el partido: «Confío en estos chicos».\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "«Confío en estos chicos»", cue: "repitió", speaker: "El entrenador"}},
	},
	{
		name: "es: a cue without a subject after a quotation continues the speaker",
		lang: "es",
		text: "La cantera salva al club\nLa presidenta, Ana Ruiz, defendió que el técnico seguirá. «No vamos a cambiar de rumbo», subrayó.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "que el técnico seguirá", cue: "defendió", speaker: "La presidenta, Ana Ruiz"},
			{kind: verbatim.Direct, content: "«No vamos a cambiar de rumbo»", cue: "subrayó", speaker: "La presidenta, Ana Ruiz", ref: "Ana Ruiz"},
		},
	},
	{
		name:   "es: inverted speaker followed by a prepositional addressee",
		lang:   "es",
		text:   "Lluvias en la costa\n«El agua llegó en diez minutos», declaró Marcos Peña a una radio local.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "«El agua llegó en diez minutos»", cue: "declaró", speaker: "Marcos Peña"}},
	},
	{
		name:   "fr: dash turn ending in an inverted attribution after a list",
		lang:   "fr",
		text:   "Inondations dans la vallée\nLes habitants nettoient leurs maisons.\n— Les meubles, les photos, les papiers, tout est parti, soupire Marc Huet, un retraité.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "— Les meubles, les photos, les papiers, tout est parti", cue: "soupire", speaker: "Marc Huet"}},
	},
	{
		name:   "es: dash turn that resumes after its inserted attribution",
		lang:   "es",
		text:   "Incendio en la sierra\nLos vecinos esperan noticias.\n—No pudimos sacar nada —contó Elena Soto, de 70 años—. Solo los papeles del banco.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "—No pudimos sacar nada —contó Elena Soto, de 70 años—. Solo los papeles del banco.", pieces: 2, cue: "contó", speaker: "Elena Soto"}},
	},
	{
		name:   "fr: dash turn with a clitic before the cue, resuming after the attribution",
		lang:   "fr",
		text:   "Inondations dans la vallée\nLes habitants nettoient leurs maisons.\n— Tu as eu de la chance, lui répond son frère, Paul Huet. Chez moi, la cave est pleine.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "— Tu as eu de la chance, lui répond son frère, Paul Huet. Chez moi, la cave est pleine.", pieces: 2, cue: "répond", speaker: "son frère, Paul Huet", ref: "Paul Huet"}},
	},
	{
		name:   "es: a quotation in “…” nested inside «…»",
		lang:   "es",
		text:   "Estafas por teléfono\n«Les decían que su dinero corría peligro. Luego les pedían el código para “salvarlo”», explicó la inspectora Rosa Lema.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "«Les decían que su dinero corría peligro. Luego les pedían el código para “salvarlo”»", cue: "explicó", speaker: "la inspectora Rosa Lema"}},
	},
	{
		name:   "fr: headline with a label, a colon and an inverted cue",
		lang:   "fr",
		text:   "Incendie à Vernac : « Nous avons tout vu brûler », raconte un voisin\nLe feu a pris dans la nuit.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "« Nous avons tout vu brûler »", cue: "raconte", speaker: "un voisin"}},
	},
	{
		name:   "fr: a paragraph ending in a cue and a colon introduces the dash turn after it",
		lang:   "fr",
		text:   "Grêle sur les vignes\nLe maire, Jean Morel, regarde les rangs de vigne et murmure :\n— Il ne reste rien du tout.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "— Il ne reste rien du tout.", cue: "murmure", speaker: "Le maire, Jean Morel"}},
	},
	// German.
	{
		name:   "de: a quoted phrase that a naming cue reports is a direct quotation",
		lang:   "de",
		text:   "Streit um die Brücke\nDer Bürgermeister, Karl Huber, bezeichnete die Pläne des Landes als „teuren Irrweg“.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "„teuren Irrweg“", cue: "bezeichnete", speaker: "Der Bürgermeister, Karl Huber"}},
	},
	{
		name:   "de: a quoted phrase inside a clause stays mixed",
		lang:   "de",
		text:   "Streit um die Brücke\nDer Bürgermeister sagte, die Pläne seien ein „teurer Irrweg“.\n",
		quotes: []quoteWant{{kind: verbatim.Mixed, content: "die Pläne seien ein „teurer Irrweg“", cue: "sagte"}},
	},
	{
		name: "de: a second cue after und shares the subject and ends the first content",
		lang: "de",
		text: "Streit um die Brücke\nDie Ministerin Anna Roth sprach von einem „schweren Fehler“ und forderte einen neuen Plan.\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "„schweren Fehler“", cue: "sprach", speaker: "Die Ministerin Anna Roth"},
			{kind: verbatim.Indirect, content: "einen neuen Plan", cue: "forderte", ref: "Anna Roth"},
		},
	},
	{
		name:   "de: inverted speaker with a genitive attribute and an object after it",
		lang:   "de",
		text:   "Sturm über Hamburg\n„Das Dach flog einfach weg“, beschreibt eine Sprecherin der Feuerwehr den Abend.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "„Das Dach flog einfach weg“", cue: "beschreibt", speaker: "eine Sprecherin der Feuerwehr"}},
	},
	{
		name: "de: a surname alone at the start of a sentence is the full name's",
		lang: "de",
		text: "Finale in Wien\nDer Sieger heißt Jonas Brandt. Brandt dankte seinem Trainer und sagte: „Das war mein bestes Spiel.“\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "„Das war mein bestes Spiel.“", cue: "sagte", speaker: "Brandt", ref: "Jonas Brandt"},
		},
	},
	{
		name: "de: a source phrase inside the clause attributes what the clause says on both sides",
		lang: "de",
		text: "Stellenabbau bei Brauerei\nDie Brauerei plant nach Angaben der Gewerkschaft den Abbau von 400 Stellen.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "Die Brauerei plant nach Angaben der Gewerkschaft den Abbau von 400 Stellen", pieces: 2, cue: "nach", speaker: "Angaben der Gewerkschaft"},
		},
	},
	{
		name: "de: a fronted source phrase with a compound noun and a postposition",
		lang: "de",
		text: "Unfall auf der A7\nNach Polizeiangaben wurden drei Menschen verletzt. Ersten Berichten zufolge war der Fahrer zu schnell.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "wurden drei Menschen verletzt", cue: "Nach", speaker: "Polizeiangaben"},
			{kind: verbatim.Indirect, content: "war der Fahrer zu schnell", cue: "zufolge", speaker: "Ersten Berichten"},
		},
	},
	{
		name:   "de: nach before a noun that names no source is no attribution",
		lang:   "de",
		text:   "Unfall auf der A7\nNach dem Unfall wurde die Autobahn gesperrt.\n",
		quotes: nil,
	},
	{
		name: "de: a quotation after a colon that ends the sentence is direct, by the subject before the colon",
		lang: "de",
		text: "Streit im Stadtrat\nDie Ministerin Eva Lind blieb hart. Sie fuhr fort: „Wir stimmen diesem Haushalt nicht zu.“\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "„Wir stimmen diesem Haushalt nicht zu.“", speaker: "Sie", ref: "Eva Lind"},
		},
	},
	{
		name: "de: an inverted speaker before von and a quoted phrase, the phrase after an adverbial",
		lang: "de",
		text: "Hochwasser im Süden\nNach einem Besuch im Krisengebiet sprach der Ministerpräsident von der „schwersten Flut seit Jahrzehnten“. Händler sprachen in diesem Zusammenhang von „Panikkäufen“.\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "„schwersten Flut seit Jahrzehnten“", speaker: "der Ministerpräsident"},
			{kind: verbatim.Direct, content: "„Panikkäufen“", speaker: "Händler"},
		},
	},
	{
		name: "de: a verb after und ends a naming cue's object",
		lang: "de",
		text: "Spendenaktion\nDer Landrat Jonas Weber spricht von einer „großen Welle der Hilfe“ und sieht darin ein gutes Zeichen.\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "„großen Welle der Hilfe“", cue: "spricht", speaker: "Der Landrat Jonas Weber"},
		},
	},
	{
		name: "de: a second naming cue after und takes the subject of the sentence, a determiner and a noun",
		lang: "de",
		text: "Stellenabbau bei Brauerei\nDie Brauerei bestätigte die Zahlen nicht und nannte sie „reine Spekulation“.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "die Zahlen nicht", cue: "bestätigte"},
			{kind: verbatim.Direct, content: "„reine Spekulation“", cue: "nannte", speaker: "Die Brauerei"},
		},
	},
	{
		name: "de: a naming cue's long object before als keeps the quoted phrase direct",
		lang: "de",
		text: "Urteil im Untreue-Prozess\nDas Gericht wertete die Zahlung der hohen Prämien an den alten Vorstand des Konzerns als „grobe Verschwendung“.\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "„grobe Verschwendung“", cue: "wertete", speaker: "Das Gericht"},
		},
	},
	{
		name: "de: an adverb before the verb leaves the subject after it; a complement preposition ends the inverted subject",
		lang: "de",
		text: "Krawalle in der Vorstadt\nInsgesamt spricht die Polizei von einer ruhigeren Nacht, dennoch ist der Schaden hoch.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "von einer ruhigeren Nacht, dennoch ist der Schaden hoch", speaker: "die Polizei"},
		},
	},
	{
		name: "de: a separable verb's particle at the clause end completes the cue; the inverted subject stands before it",
		lang: "de",
		text: "Brand in der Lagerhalle\nAm Abend teilte ein Sprecher der Feuerwehr mit, dass niemand verletzt worden sei. Der Hausmeister gab an, er habe das Feuer sofort bemerkt.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "dass niemand verletzt worden sei", cue: "teilte ein Sprecher der Feuerwehr mit", speaker: "ein Sprecher der Feuerwehr"},
			{kind: verbatim.Indirect, content: "er habe das Feuer sofort bemerkt", cue: "gab an", speaker: "Der Hausmeister"},
		},
	},
	{
		name: "de: a separated stem after a quotation takes the speaker before its particle",
		lang: "de",
		text: "Brand in der Lagerhalle\n„Wir hatten großes Glück“, gab der Betreiber der Halle bekannt.\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "„Wir hatten großes Glück“", speaker: "der Betreiber der Halle"},
		},
	},
	{
		name: "de: so before dass or a verb is no inverted cue; so before a speaker is",
		lang: "de",
		text: "Unwetter im Süden\nDer Sturm riss Bäume um, so dass die Bahnstrecke gesperrt wurde. „Wir arbeiten die ganze Nacht“, so ein Sprecher der Bahn.\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "„Wir arbeiten die ganze Nacht“", cue: "so", speaker: "ein Sprecher der Bahn"},
		},
	},
	{
		name: "de: a noun after a possessive is no name for a pronoun to resolve to",
		lang: "de",
		text: "Vortrag in Bremen\nJan Wolff sprach am Abend in Bremen. In seinem Vortrag beschrieb er die Lage. Er sagte, die Daten seien unvollständig.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "die Lage", speaker: "er", ref: "Jan Wolff"},
			{kind: verbatim.Indirect, content: "die Daten seien unvollständig", cue: "sagte", speaker: "Er", ref: "Jan Wolff"},
		},
	},
	{
		name: "de: a source phrase inside a subordinate or relative clause attributes that clause only",
		lang: "de",
		text: "Streit um die Deponie\nDie Firma bleibt in Haft, weil sie nach Auffassung des Gerichts die Kasse geplündert hat. Die Stadt baut eine Umweltzone, die nach Einschätzung des Umweltamtes die Luft verbessert.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "weil sie nach Auffassung des Gerichts die Kasse geplündert hat", pieces: 2, cue: "nach", speaker: "Auffassung des Gerichts"},
			{kind: verbatim.Indirect, content: "die nach Einschätzung des Umweltamtes die Luft verbessert", pieces: 2, cue: "nach", speaker: "Einschätzung des Umweltamtes"},
		},
	},
	{
		name: "de: a source phrase after a colon attributes the clause after the colon",
		lang: "de",
		text: "Streit um die Deponie\nDie Abgeordnete schloss sich der Kritik an: Die Mittel seien ihrer Meinung nach unverhältnismäßig.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "Die Mittel seien ihrer Meinung nach unverhältnismäßig", pieces: 2, cue: "nach", speaker: "ihrer Meinung"},
		},
	},
	{
		name: "en: a second verb after \"and\" shares a subject with a title and a stop, or the first verb's speaker",
		lang: "en",
		text: "Budget talks stall\nMs. Okafor backed the mayor during her years on the council, and said she did not back his plan.\n\nDemocrats also described the vote as reckless, and said the panel could lose its funding.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "she did not back his plan", cue: "said", speaker: "Ms. Okafor"},
			{kind: verbatim.Indirect, content: "the vote as reckless,", cue: "described", speaker: "Democrats"},
			{kind: verbatim.Indirect, content: "the panel could lose its funding", cue: "said", speaker: "Democrats"},
		},
	},
	{
		name: "en: a subordinate clause after a postposed attribution is not reported; an appositive or relative clause after an inverted speaker describes the speaker",
		lang: "en",
		text: "Port strike widens\nThe strike has badly hurt exporters in the region, Lindqvist said, since most of them ship through the port.\n\nThe new rules forced two carriers off the route, said Mara Quint, a senior official with the board that oversees the port.\n\nThe delays will cost farmers dearly, said Mr. Quint, who argued that the board had waited too long.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "The strike has badly hurt exporters in the region", cue: "said", speaker: "Lindqvist"},
			{kind: verbatim.Indirect, content: "The new rules forced two carriers off the route", cue: "said", speaker: "Mara Quint"},
			{kind: verbatim.Indirect, content: "The delays will cost farmers dearly", cue: "said", speaker: "Mr. Quint"},
			{kind: verbatim.Indirect, content: "that the board had waited too long", cue: "argued"},
		},
	},
	{
		name: "en: after a subordinate clause, \"that\" following a comma is what the cue reports",
		lang: "en",
		text: "Port strike widens\nThe union will not return, Lindqvist said, as he left the hall, that the talks were over.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "that the talks were over", cue: "said", speaker: "Lindqvist"},
		},
	},
	{
		name: "en: verbs of permitting are no cues; refusing and pushing state a stance",
		lang: "en",
		text: "Port strike widens\nThe city refused to open the port. The rules would allow carriers to leave, and the mayor will push a bill through the council.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "to open the port", cue: "refused", speaker: "The city"},
			{kind: verbatim.Indirect, content: "a bill through the council", cue: "push", speaker: "the mayor"},
		},
	},
	{
		name: "en: a subject with a relative clause or a prepositional phrase; a \"that\" closing the clause is a pronoun",
		lang: "en",
		text: "Port strike widens\nThe economists we interviewed said the strike would last weeks.\n\nExperts on shipping said the new contract could change that.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "the strike would last weeks", cue: "said", speaker: "The economists we interviewed"},
			{kind: verbatim.Indirect, content: "the new contract could change that", cue: "said", speaker: "Experts on shipping"},
		},
	},
	{
		name: "de: reported mood continues the latest statement, not one this pass added in an earlier paragraph",
		lang: "de",
		text: "Krawalle in der Vorstadt\nDie Polizei sprach von einer ruhigen Nacht. In einem Depot seien zwei Busse verbrannt.\n\nEin Reporter berichtete, dass die Brände eine Art Sport seien. Jedes Jahr würden so viele Autos zerstört.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "von einer ruhigen Nacht", speaker: "Die Polizei"},
			{kind: verbatim.Indirect, content: "In einem Depot seien zwei Busse verbrannt"},
			{kind: verbatim.Indirect, content: "dass die Brände eine Art Sport seien", speaker: "Ein Reporter"},
			{kind: verbatim.Indirect, content: "Jedes Jahr würden so viele Autos zerstört", speaker: "Ein Reporter"},
		},
	},
	{
		name: "de: a run of reported-mood sentences in a paragraph is one statement; a new paragraph starts another",
		lang: "de",
		text: "Vortrag in Bremen\nDer Physiker betonte, dass es kaum Daten gebe. Die Statistiken seien nicht weitergeführt worden. Leider sei auch in Deutschland die Lage unklar.\n\nDie Zukunft sei ungewiss.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "dass es kaum Daten gebe", cue: "betonte"},
			{kind: verbatim.Indirect, content: "Die Statistiken seien nicht weitergeführt worden. Leider sei auch in Deutschland die Lage unklar"},
			{kind: verbatim.Indirect, content: "Die Zukunft sei ungewiss"},
		},
	},
	{
		name: "de: heißt es reports beside the impersonal pronoun: the prepositional phrase before it is the source; heißen without es is no cue",
		lang: "de",
		text: "Streit um die Deponie\nIn einem Papier des Ministeriums heißt es, die Regeln hätten sich bewährt. Über die Kosten sei man sich nicht einig, hieß es. Der neue Leiter heißt Jonas Brandt.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "die Regeln hätten sich bewährt", cue: "heißt es", speaker: "In einem Papier des Ministeriums"},
			{kind: verbatim.Indirect, content: "Über die Kosten sei man sich nicht einig", cue: "hieß es"},
		},
	},
	{
		name:   "de: a separable verb's stem without its particle is no cue",
		lang:   "de",
		text:   "Brand in der Lagerhalle\nEs gab am Abend einen Brand in der Halle, die Feuerwehr war schnell vor Ort.\n",
		quotes: nil,
	},
	{
		name:   "de: a quotation after a colon, an inverted subject after a phrase that opens the sentence",
		lang:   "de",
		text:   "Sieg in Kiel\nIm Stadion zeigte sich der Trainer nach dem Spiel zufrieden: „Wir haben heute als Mannschaft gewonnen.“\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "„Wir haben heute als Mannschaft gewonnen.“", speaker: "der Trainer"}},
	},
	{
		name:   "de: a quotation after a colon, a name opening the sentence",
		lang:   "de",
		text:   "Streit im Verein\nDer Vorstand traf sich mit Weber am Montag. Weber hatte das Angebot mit den Worten abgelehnt: „Das mache ich nicht, sucht euch einen anderen.“\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "„Das mache ich nicht, sucht euch einen anderen.“", speaker: "Weber"}},
	},
	{
		name:   "de: a quotation after a colon, the verb first after a clause set off by a comma",
		lang:   "de",
		text:   "Zwischenfall im Flugzeug\nAls die Crew eingriff, biss der Passagier einen Helfer und rief: „Lasst mich raus!“\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "„Lasst mich raus!“", speaker: "der Passagier"}},
	},
	{
		name:   "de: a quotation after a colon, a subject's phrase ends before a preposition after a name",
		lang:   "de",
		text:   "Debatte im Parlament\nIm Kongress warb Obama für das Gesetz mit den Worten: „Das bedeutet sauberen Strom für dieses Land.“\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "„Das bedeutet sauberen Strom für dieses Land.“", speaker: "Obama"}},
	},
	{
		name:   "de: a quotation after a colon without a speaker is still direct",
		lang:   "de",
		text:   "Vor dem Rathaus\nAn der Wand des Rathauses waren die Worte zu lesen: „Diese Stadt steht für die Freiheit aller Menschen.“\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "„Diese Stadt steht für die Freiheit aller Menschen.“"}},
	},
	{
		name: "de: a quotation before a finite verb that is no cue, its subject after the verb",
		lang: "de",
		text: "Sieg in Kiel\nDie Gastgeber gewannen mit zwei Toren. „Wir haben jetzt vier Punkte und brauchen nur noch ein Remis“, zeigte sich der Trainer der Gäste trotzdem zufrieden. „Ich trete wieder an“, strich die Kapitänin heraus.\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "„Wir haben jetzt vier Punkte und brauchen nur noch ein Remis“", speaker: "der Trainer der Gäste"},
			{kind: verbatim.Direct, content: "„Ich trete wieder an“", speaker: "die Kapitänin"},
		},
	},
	{
		name:   "de: würdigen names the words it reports; an inverted pronoun is the whole subject",
		lang:   "de",
		text:   "Abschied im Landtag\nIn seiner Rede würdigte er die Kollegin als „große Stimme der Region“.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "„große Stimme der Region“", cue: "würdigte er", speaker: "er"}},
	},
	{
		name:   "an adjective after an adverb of degree is no cue",
		text:   "Tax plans.\n\nThe senator unveiled a plan on Monday that was more detailed than her rival's. It was the most detailed plan of the race.\n",
		quotes: nil,
	},
	{
		name:   "an adjective of stance with a clause after it still reports",
		text:   "Tax plans.\n\nHer aides were so worried that the plan would fail that they rewrote it.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "that the plan would fail that they rewrote it", cue: "worried"}},
	},
	{
		name:   "a clause with an auxiliary before that is what was said",
		text:   "Budget talks.\n\nThe mayor said the new budget could mean that several libraries close next year.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "the new budget could mean that several libraries close next year", cue: "said", speaker: "The mayor"}},
	},
	{
		name:   "that after a time adverbial still opens the content",
		text:   "Budget talks.\n\nThe mayor said on Monday that several libraries would close next year.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "that several libraries would close next year", cue: "said", speaker: "The mayor"}},
	},
	{
		name:   "a poll set off at the sentence's start is a source",
		text:   "Senate race.\n\nIn the latest statewide poll, the governor leads the senator by six points.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "the governor leads the senator by six points", cue: "In", speaker: "the latest statewide poll"}},
	},
	{
		name:   "standing in the polls is no source",
		text:   "Senate race.\n\nThe governor slid in the polls after the debate.\n",
		quotes: nil,
	},
	{
		name:   "according to a document, with a time after it",
		text:   "Budget talks.\n\nThe agency overspent its budget by $2 million in 2019, according to a congressional report on Tuesday.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "The agency overspent its budget by $2 million in 2019, according to a congressional report on Tuesday", cue: "according to", speaker: "a congressional report"}},
	},
	{
		name:   "de: a short title after a colon is no quotation",
		lang:   "de",
		text:   "Lesung in Graz\nDas Buch, das sie in Graz vorstellte, ist ihr erster Roman: „Der Weg nach Hause“. Es erscheint im Mai.\n",
		quotes: nil,
	},
	{
		name: "poll shares and plural subjects before a bare verb",
		text: "Poll.\n\nSix in 10 say the mayor is doing a good job. A mere 9 percent say they would vote for the challenger. The bridge will reopen soon, people familiar with the plans say.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "the mayor is doing a good job", cue: "say", speaker: "Six in 10"},
			{kind: verbatim.Indirect, content: "they would vote for the challenger", cue: "say", speaker: "A mere 9 percent"},
			{kind: verbatim.Indirect, content: "The bridge will reopen soon", cue: "say", speaker: "people familiar with the plans"},
		},
	},
	{
		name: "plural nouns as subjects of a bare verb, with and without an aside",
		text: "Budget.\n\nIf spending does not slow, forecasters say the deficit will double. Yet economists, like their rivals, say taxing consumption encourages savings.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "the deficit will double", cue: "say", speaker: "forecasters"},
			{kind: verbatim.Indirect, content: "taxing consumption encourages savings", cue: "say", speaker: "economists"},
		},
	},
	{
		name: "a one-word subject before an inserted attribution, and an object pronoun closing a speaker phrase",
		text: "Party.\n\nLoyalty, he noted, has long been a core value of the party. The senator will run again, a source close to him said.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "Loyalty, he noted, has long been a core value of the party", cue: "noted", speaker: "he", pieces: 2},
			{kind: verbatim.Indirect, content: "The senator will run again", cue: "said", speaker: "a source close to him"},
		},
	},
	{
		name:   "a relative clause after an inverted speaker describes the speaker",
		text:   "Online.\n\n“Not impressed,” wrote a voter who runs a popular account.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "“Not impressed,”", cue: "wrote", speaker: "a voter"}},
	},
	{
		name: "a quantifier alone is a subject; a second verb after the speaker",
		text: "Survey.\n\nMany say the plan will fail. But most said they would wait. “I am voting for the mayor,” she said and quickly hung up.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "the plan will fail", cue: "say", speaker: "Many"},
			{kind: verbatim.Indirect, content: "they would wait", cue: "said", speaker: "most"},
			{kind: verbatim.Direct, content: "“I am voting for the mayor,”", cue: "said", speaker: "she"},
		},
	},
	{
		name: "the subject of a second verb follows the sentence's opening phrase",
		text: "Campaign.\n\nWalking to the next house, Ebeling stopped at the old school, and said her views had changed. Just over a quarter, 26 percent, say they will vote for someone else.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "her views had changed", cue: "said", speaker: "Ebeling"},
			{kind: verbatim.Indirect, content: "they will vote for someone else", cue: "say"},
		},
	},
	{
		name: "what stands before an inserted attribution begins what was said",
		text: "Transition.\n\nThough the handover went smoothly, he said, replacing her would be much harder. It was, the mayor said, “the hardest winter we have had.”\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "Though the handover went smoothly, he said, replacing her would be much harder", cue: "said", speaker: "he", pieces: 2},
			{kind: verbatim.Indirect, content: "It was", cue: "said", speaker: "the mayor"},
			{kind: verbatim.Direct, content: "“the hardest winter we have had.”", cue: "said", speaker: "the mayor"},
		},
	},
	{
		name: "a clause with its own speaker and cue after a comma ends the content before it",
		text: "Protest.\n\nHer aide said the campaign planned to bus in supporters, though she acknowledged it was unlikely to work.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "the campaign planned to bus in supporters", cue: "said", speaker: "Her aide"},
			{kind: verbatim.Indirect, content: "it was unlikely to work", cue: "acknowledged", speaker: "she"},
		},
	},
	{
		name: "a stance that holds a clause or an infinitive",
		text: "Budget.\n\nThe governor is confident that the bill will pass this spring. Parents were angered by the council's refusal to close the library.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "that the bill will pass this spring", cue: "confident that", speaker: "The governor"},
			{kind: verbatim.Indirect, content: "to close the library", cue: "refusal to", speaker: "the council"},
		},
	},
	{
		name: "a one-word object, a clause after a weak cue, a second clause joined after an attribution",
		text: "Sanctions.\n\nThe senator did not suggest retaliation. Many of his voters believe tariffs are too high. The middle fifth paid 9 percent, the agency said in a report, and the bottom fifth paid 1 percent.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "retaliation", cue: "suggest", speaker: "The senator"},
			{kind: verbatim.Indirect, content: "tariffs are too high", cue: "believe", speaker: "Many of his voters"},
			{kind: verbatim.Indirect, content: "The middle fifth paid 9 percent, the agency said in a report, and the bottom fifth paid 1 percent", cue: "said", speaker: "the agency", pieces: 2},
		},
	},
	{
		name: "a quoted predicate joined after the attribution; a cue that names no addressee",
		text: "Doctors.\n\nThe host is “smart as hell,” the producer wrote in an email to a colleague, and “full of tricks.” The senator urges restraint on trade.\n",
		quotes: []quoteWant{
			{kind: verbatim.Mixed, content: "The host is “smart as hell,” the producer wrote in an email to a colleague, and “full of tricks.”", cue: "wrote", speaker: "the producer", pieces: 2},
			{kind: verbatim.Indirect, content: "restraint on trade", cue: "urges", speaker: "The senator"},
		},
	},
	{
		name: "a verb of seeming: its subject and complement are judged, by no one named",
		text: "Council.\n\nThe mayor seemed eager to end the strike. It seems that the plan failed. She appeared on the evening news.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "The mayor seemed eager to end the strike", cue: "seemed", pieces: 2, typ: verbatim.NoSpeaker},
			{kind: verbatim.Indirect, content: "that the plan failed", cue: "seems"},
		},
	},
	{
		name: "subjects with a relative clause, a percentage, a quoted show title before that",
		text: "Polls.\n\nSupporters who have heard from the campaign say the race is close. The officials whose laws were struck down say the courts have changed. Among voters, 47% say the city should act. The mayor said on the radio show “City Hour” that she would run again.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "the race is close", cue: "say", speaker: "Supporters"},
			{kind: verbatim.Indirect, content: "the courts have changed", cue: "say", speaker: "The officials"},
			{kind: verbatim.Indirect, content: "the city should act", cue: "say", speaker: "47%"},
			{kind: verbatim.Indirect, content: "that she would run again", cue: "said", speaker: "The mayor"},
		},
	},
	{
		name:   "a hearsay adverb reports its clause, by no one named",
		text:   "Inquiry.\n\nThe agency is reportedly preparing to interview the mayor, and the council will meet on Friday.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "The agency is reportedly preparing to interview the mayor", cue: "reportedly", pieces: 2}},
	},
	{
		name:   "a clause joined by and after an according-to phrase goes on with what the source says",
		text:   "Taxes.\n\nThe top fifth paid most of the taxes, according to the budget office, and the bottom fifth paid almost none.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "The top fifth paid most of the taxes, according to the budget office, and the bottom fifth paid almost none", cue: "according to", speaker: "the budget office", pieces: 2}},
	},
	{
		name: "documents as speakers: a plural inside the phrase, a quantifier before it",
		text: "Budget.\n\nDonations hit $1 billion, an analysis of campaign reports shows. Exports support six million jobs, one slide says.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "Donations hit $1 billion", cue: "shows", speaker: "an analysis of campaign reports"},
			{kind: verbatim.Indirect, content: "Exports support six million jobs", cue: "says", speaker: "one slide"},
		},
	},
	{
		name: "a participle that names: set off by a comma, or 'known as' after a noun; not the subject's verb",
		text: "Names.\n\nThe transition in Burma, also known as Myanmar, is a rare success. The holiday falls in the week known as Golden Week. The senator described the plan as reckless.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "Myanmar", cue: "known as"},
			{kind: verbatim.Indirect, content: "Golden Week", cue: "known as"},
			{kind: verbatim.Indirect, content: "the plan as reckless", cue: "described", speaker: "The senator"},
		},
	},
	{
		name: "a participle opening the sentence reports what was asked; the question is no part of the answer",
		text: "Storm.\n\nAsked about the flooding, the mayor said, “We will rebuild every street.”\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "the flooding", cue: "Asked about", typ: verbatim.NoSpeaker},
			{kind: verbatim.Direct, content: "“We will rebuild every street.”", cue: "said", speaker: "the mayor"},
		},
	},
	{
		name: "a past form after a determiner or a capitalised plural is no verb",
		text: "Survey.\n\nSome 56 percent of Cuban-Americans polled said they would stay home. Martin, a lawyer for the firm, said in a written statement that the claims were false.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "they would stay home", cue: "said", speaker: "Some 56 percent of Cuban-Americans polled"},
			{kind: verbatim.Indirect, content: "that the claims were false", cue: "said", speaker: "Martin"},
		},
	},
	{
		name: "a clause after a closed quotation is the narrator's; 'responded by saying' is one statement",
		text: "Debate.\n\nThe governor responded by saying, “That makes me smart,” when his rival attacked him for paying no tax.\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "“That makes me smart,”", cue: "saying", speaker: "The governor"},
			{kind: verbatim.Indirect, content: "him for paying no tax", cue: "attacked", speaker: "his rival"},
		},
	},
	{
		name: "a subject with prepositional phrases before a bare verb; a participle after a postposed attribution",
		text: "Politics.\n\nPolitical observers in Virginia and around the country say the governor deserves a chance. The country “has changed for the better,” the senator said in June, citing the release of prisoners.\n",
		quotes: []quoteWant{
			{kind: verbatim.Indirect, content: "the governor deserves a chance", cue: "say", speaker: "Political observers in Virginia and around the country"},
			{kind: verbatim.Mixed, content: "The country “has changed for the better,”", cue: "said", speaker: "the senator"},
			{kind: verbatim.Indirect, content: "the release of prisoners", cue: "citing", speaker: "the senator"},
		},
	},
	{
		name:   "people close to a named person are not that person",
		text:   "Campaign.\n\nThe senator will not run again, people close to Senator Ann Hale said on Monday.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "The senator will not run again", cue: "said", speaker: "people close to Senator Ann Hale", typ: verbatim.Anonymous}},
	},
	{
		name:   "a subordinate clause after a postposed attribution",
		text:   "Awards.\n\n“This prize belongs to my teachers,” Stenberg said as she accepted her award.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "“This prize belongs to my teachers,”", cue: "said", speaker: "Stenberg"}},
	},
	{
		name:   "a headline in title case reports with a capitalised verb",
		text:   "Harbor Chief Says Bridge Will Reopen In April\n\nThe bridge has been closed since the storm.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "Bridge Will Reopen In April", cue: "Says", speaker: "Harbor Chief"}},
	},
	{
		name:   "a capitalised verb form in a headline in sentence case is part of a name",
		text:   "Harbor Chief Says podcast wins a prize\n\nThe show has run for ten years.\n",
		quotes: nil,
	},
	{
		name:   "an age, a home town and a state set off by commas stand between the name and its verb",
		text:   "Museum opens.\n\nDonna Rawlings, 59, of Ashton, Md., who watched the ceremony on a screen, said the event brought back memories of her father.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "the event brought back memories of her father", cue: "said", speaker: "Donna Rawlings"}},
	},
	{
		name:   "endorsing a candidate is a statement about them",
		text:   "Editorial board.\n\nThe Gazette has endorsed the governor for a second term.\n",
		quotes: []quoteWant{{kind: verbatim.Indirect, content: "the governor for a second term", cue: "endorsed", speaker: "The Gazette"}},
	},
	{
		name: "reader voices signed by a dash and a name, one opened by a closing mark",
		text: "What voters said.\n\n”The schools here need more teachers. We have waited long enough.” ― Maria J. Ortega\n“The bridge matters more than the stadium.”― Tom Reyes.\n",
		quotes: []quoteWant{
			{kind: verbatim.Direct, content: "”The schools here need more teachers. We have waited long enough.”", cue: "―", speaker: "Maria J. Ortega"},
			{kind: verbatim.Direct, content: "“The bridge matters more than the stadium.”", cue: "―", speaker: "Tom Reyes"},
		},
	},
	{
		name:   "a dash after a quotation followed by more than a name is no signature",
		text:   "What voters said.\n\n“The bridge matters more than the stadium.” ― the council heard this often last year, but nothing changed.\n",
		quotes: []quoteWant{{kind: verbatim.Direct, content: "“The bridge matters more than the stadium.”", speaker: ""}},
	},
}

func TestExtract(t *testing.T) {
	for _, tc := range extractCases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := New(WithLanguage(tc.lang)).Extract(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if err := a.Validate(tc.text); err != nil {
				t.Fatal(err)
			}
			if len(a.Quotes) != len(tc.quotes) {
				for _, q := range a.Quotes {
					t.Logf("got %s %q", q.Kind, q.Content.Text)
				}
				t.Fatalf("got %d quotes, want %d", len(a.Quotes), len(tc.quotes))
			}
			for i, w := range tc.quotes {
				checkQuote(t, a.Quotes[i], w)
			}
		})
	}
}

func TestEntities(t *testing.T) {
	text := "Budget talks.\n\nFinance Minister Paul Okafor arrived late. Okafor said the Treasury Department would publish the figures in April. The minister added that Lagos would get more.\n"
	a, err := New().Extract(text)
	if err != nil {
		t.Fatal(err)
	}
	var okafor *verbatim.Entity
	for i := range a.Entities {
		if a.Entities[i].Name == "Paul Okafor" {
			okafor = &a.Entities[i]
		}
	}
	if okafor == nil {
		t.Fatalf("no entity Paul Okafor in %+v", a.Entities)
	}
	if okafor.Type != verbatim.EntityPerson || len(okafor.Roles) == 0 || okafor.Roles[0] != "Finance Minister" {
		t.Errorf("Okafor = %+v, want a person with role Finance Minister", okafor)
	}
	if !contains(okafor.Aliases, "Okafor") || !contains(okafor.Aliases, "The minister") {
		t.Errorf("aliases = %q, want Okafor and The minister", okafor.Aliases)
	}
	if okafor.Quotes != 2 {
		t.Errorf("quotes = %d, want 2", okafor.Quotes)
	}
	types := map[string]verbatim.EntityType{}
	for _, e := range a.Entities {
		types[e.Name] = e.Type
	}
	if types["Treasury Department"] != verbatim.EntityOrganization {
		t.Errorf("Treasury Department: %q, want organization", types["Treasury Department"])
	}
	if typ, ok := types["April"]; ok {
		t.Errorf("April is an entity of type %q; a month is no entity", typ)
	}
	if types["Lagos"] != verbatim.EntityPlace && types["Lagos"] != "" {
		t.Errorf("Lagos: %q, want place or nothing", types["Lagos"])
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestTooLarge(t *testing.T) {
	e := New(WithMaxBytes(10))
	if _, err := e.Extract("This text is longer than ten bytes."); err == nil {
		t.Fatal("no error for a text over the limit")
	}
}
