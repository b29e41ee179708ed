package lang

// StructureWords are the words that mark the parts of an article around the
// story: credit lines, bylines, author bios, datelines and date lines. The
// structure parser matches them case-insensitively (ASCII letters) unless a
// field says otherwise.
type StructureWords struct {
	// CreditPrefixes start a source-credit line ("Source:").
	CreditPrefixes []string
	// BylinePrefixes start a byline ("By").
	BylinePrefixes []string
	// BioOpeners start a first-person author bio ("I am"). They are matched
	// case-sensitively: "I am" opens a bio, "i am" in a wrapped line does not.
	BioOpeners []string
	// BioHeadings are lines that head an author bio ("About the author").
	BioHeadings []string
	// BioRoles are words a bio uses for the author's trade ("journalist");
	// one must appear near the opener for the paragraph to count as a bio.
	BioRoles []string
	// BioWorkWords are the words after which a bio names the author's
	// employer ("writing for NAME", "reporter at NAME"); they count as
	// trade words too.
	BioWorkWords []string
	// EmployerPrepositions join a work word to the employer's name ("for").
	EmployerPrepositions []string
	// NameConnectors are the lowercase words allowed inside a person's or
	// organisation's name ("van", "and" between two authors).
	NameConnectors []string
	// Agencies are the news agencies and wire services credited in
	// parentheses or after a dash ("(Reuters)", "— AP"), in the spelling
	// reported as the credit.
	Agencies []string
	// Months are the month names and their abbreviations, for date lines
	// and datelines.
	Months []string
	// Weekdays are the weekday names, allowed in a date line.
	Weekdays []string
	// DatePrefixes start a date line ("Published", "Updated").
	DatePrefixes []string
	// TimeWords follow a clock time in a live-blog time stamp ("p.m.").
	TimeWords []string
	// TimeNames are time stamps on their own ("Noon").
	TimeNames []string
	// NotePrefixes start an editorial note that is not story text: a
	// correction, a clarification, an editor's note, a wire service's
	// reporting and editing credits ("Correction:", "(Reporting by").
	// They are matched ignoring case.
	NotePrefixes []string
}

var englishStructure = StructureWords{
	CreditPrefixes: []string{"Source:", "Sources:", "Credit:", "Credits:", "Via:"},
	NotePrefixes: []string{
		"Correction:", "Corrections:", "Clarification:", "Editor's note:", "Editor’s note:",
		"This article has been updated", "This article has been revised", "This article was updated",
		"This article was revised", "This story has been updated", "This story has been revised",
		"This story was updated", "An earlier version of this", "(Reporting by", "(Additional reporting by",
		"(Editing by", "(Writing by",
	},
	BylinePrefixes: []string{"By ", "Byline:", "Written by ", "Words by ", "Reporting by "},
	BioOpeners:     []string{"I am ", "I'm ", "I’m ", "My name is "},
	BioHeadings:    []string{"About the author", "About the writer", "About me"},
	BioRoles: []string{
		"journalist", "reporter", "writer", "author", "editor", "correspondent",
		"columnist", "blogger", "contributor", "freelancer", "photographer",
		"analyst", "commentator", "producer",
	},
	BioWorkWords: []string{
		"write", "writes", "wrote", "writing", "written", "work", "works",
		"worked", "working", "report", "reports", "reporting", "reporter",
		"journalist", "writer", "editor", "correspondent", "columnist",
		"contributor", "contributing",
	},
	EmployerPrepositions: []string{"for", "at", "with", "to"},
	NameConnectors: []string{
		"and", "&", "de", "da", "di", "do", "du", "del", "della", "der", "den",
		"van", "von", "la", "le", "bin", "ibn", "al", "el", "y", "of", "the",
	},
	Agencies: []string{
		"AP", "Associated Press", "Reuters", "AFP", "Agence France-Presse",
		"dpa", "Deutsche Presse-Agentur", "UPI", "United Press International",
		"AAP", "ANSA", "EFE", "APA", "KNA", "epd", "SID", "PA", "Press Association",
		"Kyodo", "Yonhap", "Xinhua", "TASS", "Interfax", "Anadolu", "PTI",
		"Bloomberg", "CNN", "NTB", "TT", "Belga", "ANP", "CP", "Canadian Press",
	},
	Months: []string{
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December",
		"Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.",
		"Sept.", "Oct.", "Nov.", "Dec.",
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
		"Oct", "Nov", "Dec",
	},
	Weekdays: []string{
		"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
		"Sunday", "Mon.", "Tue.", "Tues.", "Wed.", "Thu.", "Thur.", "Thurs.",
		"Fri.", "Sat.", "Sun.",
	},
	DatePrefixes: []string{
		"Published on", "Published", "Updated on", "Updated", "Last updated",
		"Posted on", "Posted", "Date", "First published",
	},
	TimeWords: []string{"a.m.", "p.m.", "a.m", "p.m", "am", "pm"},
	TimeNames: []string{"Noon", "Midnight"},
}
