package structure

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"verbatim/lang"
)

// Length limits for lines that can be structure rather than story. They keep
// the shape tests cheap on long lines and keep a real paragraph that happens
// to start with "By" or "Source:" in the story.
const (
	maxBylineBytes   = 160
	maxCreditBytes   = 120
	maxCreditWords   = 10
	maxTimeBytes     = 40
	maxDateBytes     = 80
	maxSepBytes      = 200
	maxDatelineBytes = 100
	maxAgencyBytes   = 40
)

// isSeparator reports whether s is a rule between sections ("___", "***",
// "—-"): a short line with no letter or digit.
func isSeparator(s string) bool {
	return len(s) <= maxSepBytes && !hasLetterOrDigit(s)
}

// isTimeStamp reports whether s is a bare clock time, as live blogs put
// before each entry: "2:45 p.m.", "11 a.m.:", "6:00p.m.", "14:30", "Noon.".
func isTimeStamp(s string, w *lang.StructureWords) bool {
	if len(s) > maxTimeBytes {
		return false
	}
	s = strings.TrimRight(s, ": ")
	if inFold(strings.TrimRight(s, "."), w.TimeNames) {
		return true
	}
	i := digitsAt(s, 0, 2)
	if i == 0 {
		return false
	}
	minutes := false
	if i < len(s) && (s[i] == ':' || s[i] == '.') {
		j := i + 1
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if k := digitsAt(s, j, 2); k-j == 2 {
			i, minutes = k, true
		}
	}
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	word := false
	for _, tw := range w.TimeWords {
		if hasPrefixFold(s[j:], tw) {
			k := j + len(tw)
			if k < len(s) && isWordByte(s[k]) {
				continue
			}
			j, word = k, true
			break
		}
	}
	if !word && !minutes {
		return false
	}
	rest := strings.Trim(s[j:], " .():")
	return rest == "" || (len(rest) <= 5 && isAllCapsWord(rest))
}

// digitsAt returns the end of the run of ASCII digits at s[i:], or i when
// the run is empty or longer than n digits.
func digitsAt(s string, i, n int) int {
	j := i
	for j < len(s) && j-i < n && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j < len(s) && s[j] >= '0' && s[j] <= '9' {
		return i
	}
	return j
}

// isWordByte reports whether c can continue a word, so that "am" in "10
// amendments" is not read as a time word.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
}

// agency returns the table's spelling of the news agency s names ("The
// Associated Press", "REUTERS"), or "".
func agency(s string, w *lang.StructureWords) string {
	s = strings.TrimSpace(s)
	if len(s) > maxAgencyBytes {
		return ""
	}
	if hasPrefixFold(s, "the ") {
		s = s[4:]
	}
	for _, a := range w.Agencies {
		if len(a) == len(s) && strings.EqualFold(s, a) {
			return a
		}
	}
	return ""
}

// agencyLine returns the agency credited by a line that holds nothing else:
// "(Reuters)", "— AP", "ASSOCIATED PRESS.", "[dpa]".
func agencyLine(s string, w *lang.StructureWords) string {
	if len(s) > maxAgencyBytes+8 {
		return ""
	}
	s = strings.TrimLeft(s, "-–—* ")
	if hasPrefixFold(s, "(c)") {
		s = s[3:]
	}
	s = strings.TrimLeft(s, "©([ ")
	s = strings.TrimRight(s, ".)]* ")
	return agency(s, w)
}

// creditLine returns the credited source of a "Source: NAME" line or of a
// line that names an agency only, or false.
func creditLine(s string, w *lang.StructureWords) (string, bool) {
	if len(s) > maxCreditBytes {
		return "", false
	}
	for _, p := range w.CreditPrefixes {
		if !hasPrefixFold(s, p) {
			continue
		}
		a, b := trim(s, len(p), len(s))
		v := strings.TrimRight(s[a:b], ".")
		if v == "" || countWords(v, maxCreditWords+1) > maxCreditWords || startsLower(v) {
			continue
		}
		return v, true
	}
	if a := agencyLine(s, w); a != "" {
		return a, true
	}
	return "", false
}

// noteLine reports whether line s is an editorial note: a correction, a
// clarification, an editor's note or a wire service's reporting credits.
func noteLine(s string, w *lang.StructureWords) bool {
	for _, p := range w.NotePrefixes {
		if hasPrefixFold(s, p) {
			return true
		}
	}
	return false
}

// byline is a parsed "By NAME[, TAIL]" line; offsets are into the line.
type byline struct {
	nameStart, nameEnd int
	tail               string
}

// parseByline reads a byline. The name must look like one or more names
// (capitalised words, initials, name connectors) so that a sentence that
// starts with "By" ("By winning Ohio, ...", "By 2015, ...") stays story.
func parseByline(s string, w *lang.StructureWords) (byline, bool) {
	if len(s) > maxBylineBytes {
		return byline{}, false
	}
	switch lastMark(s) {
	case '?', '!', ':', ';':
		return byline{}, false
	}
	for _, p := range w.BylinePrefixes {
		if !hasPrefixFold(s, p) {
			continue
		}
		a, _ := trim(s, len(p), len(s))
		end := nameEnd(s, a)
		ns, ne := trim(s, a, end)
		for ne > ns && s[ne-1] == '.' && !isInitialEnd(s[ns:ne]) {
			ne--
		}
		if !isNameList(s[ns:ne], w) {
			continue
		}
		tail := strings.TrimLeft(s[end:], " ,|/;-–—(")
		tail = strings.TrimRight(tail, ". )")
		if tail != "" && !isCapitalized(tail) && !unicode.IsDigit(firstRune(tail)) {
			continue
		}
		return byline{nameStart: ns, nameEnd: ne, tail: tail}, true
	}
	return byline{}, false
}

// nameEnd is where the name part of a byline ends: at a comma, bar, slash,
// semicolon, parenthesis or a spaced dash.
func nameEnd(s string, i int) int {
	for j := i; j < len(s); j++ {
		switch s[j] {
		case ',', '|', '/', ';', '(':
			return j
		case ' ':
			rest := s[j+1:]
			if strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "— ") || strings.HasPrefix(rest, "– ") {
				return j
			}
		}
	}
	return len(s)
}

// isInitialEnd reports whether the name ends with an initial or an
// abbreviation whose period belongs to it ("John Smith Jr.").
func isInitialEnd(name string) bool {
	last := strings.TrimSuffix(name, ".")
	if sp := strings.LastIndexByte(last, ' '); sp >= 0 {
		last = last[sp+1:]
	}
	return utf8.RuneCountInString(last) <= 2
}

// isNameList reports whether s reads as one or more person or organisation
// names: one to eight words, capitalised or name connectors, with the first
// and last capitalised, no digits, and no weekday or month (so that "By
// Monday, the deal ..." stays story).
func isNameList(s string, w *lang.StructureWords) bool {
	ws := fields(s)
	if len(ws) == 0 || len(ws) > 8 {
		return false
	}
	for i, x := range ws {
		if inFold(x, w.NameConnectors) && i > 0 && i < len(ws)-1 {
			continue
		}
		if !isCapitalized(x) || inFold(x, w.Weekdays) || inFold(x, w.Months) {
			return false
		}
		for _, r := range x {
			if !unicode.IsLetter(r) && r != '.' && r != '-' && r != '\'' && r != '’' {
				return false
			}
		}
	}
	return true
}

// dateLine returns the date a line that holds only a date states
// ("September 12, 2016", "Published: 12 March 2016 10:47 PM", "2016-09-12").
func dateLine(s string, w *lang.StructureWords) (string, bool) {
	if len(s) > maxDateBytes || !strings.ContainsAny(s, "0123456789") {
		return "", false
	}
	for _, p := range w.DatePrefixes {
		if hasPrefixFold(s, p) && (len(s) == len(p) || !isWordByte(s[len(p)])) {
			s = strings.TrimLeft(s[len(p):], ": ")
			break
		}
	}
	s = strings.TrimRight(s, ". ")
	if isDate(s, w) {
		return s, true
	}
	return "", false
}

// isDate reports whether s consists of date and time words only and names a
// month with a day or year, or is an ISO date.
func isDate(s string, w *lang.StructureWords) bool {
	ws := strings.FieldsFunc(s, func(r rune) bool { return isSpaceRune(r) || r == ',' || r == '|' })
	if len(ws) == 0 || len(ws) > 10 {
		return false
	}
	month, number := false, false
	for _, x := range ws {
		switch {
		case isISODate(x):
			month, number = true, true
		case inFold(x, w.Months):
			month = true
		case inFold(x, w.Weekdays), inFold(strings.TrimSuffix(x, "."), w.Weekdays):
		case isDayOrYear(x):
			number = true
		case isTimeStamp(x, w), inFold(x, w.TimeWords), x == "at", x == "-", x == "—", x == "–":
		case len(x) <= 5 && isAllCapsWord(x):
			// a time zone ("EDT", "GMT")
		default:
			return false
		}
	}
	return month && number
}

// isISODate matches 2016-09-12, optionally followed by a time ("T10:47").
func isISODate(x string) bool {
	if len(x) < 10 || digitsAt(x, 0, 4) != 4 || x[4] != '-' || digitsAt(x, 5, 2) != 7 || x[7] != '-' || digitsAt(x, 8, 2) != 10 {
		return false
	}
	return len(x) == 10 || x[10] == 'T'
}

// isDayOrYear matches "12", "12th", "12.", "2016".
func isDayOrYear(x string) bool {
	n := digitsAt(x, 0, 4)
	if n == 0 {
		return false
	}
	rest := x[n:]
	switch strings.ToLower(rest) {
	case "", ".", "st", "nd", "rd", "th":
		return true
	}
	return false
}

// dateline is a parsed dateline at the start of a paragraph: "WASHINGTON
// (AP) —". Offsets are into the paragraph.
type dateline struct {
	end                    int // end of the dash
	agencyStart, agencyEnd int // the "(AP)", or empty
	credit                 string
	date                   string
}

// parseDateline reads a dateline: a place in capitals ("WASHINGTON",
// "BEDFORD, N.H."), or a capitalised place with a known agency, an optional
// date after a comma, an optional agency in parentheses, then a dash.
func parseDateline(p string, w *lang.StructureWords) (dateline, bool) {
	limit := min(len(p), maxDatelineBytes)
	i := 0
	for i < limit && p[i] != '(' && dashAt(p, i) == 0 {
		i++
	}
	if i >= limit {
		return dateline{}, false
	}
	place := strings.TrimSpace(p[:i])
	var d dateline
	if p[i] == '(' {
		close := strings.IndexByte(p[i:min(len(p), i+maxAgencyBytes+2)], ')')
		if close < 0 {
			return dateline{}, false
		}
		inner := p[i+1 : i+close]
		if inner == "" || !hasLetterOrDigit(inner) {
			return dateline{}, false
		}
		d.agencyStart, d.agencyEnd = i, i+close+1
		d.credit = agency(inner, w)
		i += close + 1
		for i < len(p) && p[i] == ' ' {
			i++
		}
		n := dashAt(p, i)
		if n == 0 {
			return dateline{}, false
		}
		i += n
		if d.credit == "" {
			// An unknown name in parentheses is an agency only after a
			// place in capitals; "Sen. Ted Cruz (R-Texas) —" is story.
			if !isCapitalized(inner) || !capsPlace(place) {
				return dateline{}, false
			}
			d.credit = inner
		}
	} else {
		i += dashAt(p, i)
		if !capsPlace(place) {
			return dateline{}, false
		}
	}
	if place != "" && !isPlace(place, w, &d) {
		return dateline{}, false
	}
	d.end = len(strings.TrimRight(p[:i], " "))
	return d, true
}

// dashAt returns the length of the dash that ends a dateline at p[i:]: an
// em or en dash, "--", or a hyphen with spaces around it (a hyphen inside a
// word, as in "WILKES-BARRE", is part of the place).
func dashAt(p string, i int) int {
	if i >= len(p) {
		return 0
	}
	switch {
	case strings.HasPrefix(p[i:], "—"), strings.HasPrefix(p[i:], "–"):
		return 3
	case strings.HasPrefix(p[i:], "--"):
		return 2
	case p[i] == '-' && (i == 0 || p[i-1] == ' ') && i+1 < len(p) && p[i+1] == ' ':
		return 1
	}
	return 0
}

// capsPlace reports whether the place, up to its first comma, is written in
// capitals, the convention that tells a dateline from a sentence.
func capsPlace(place string) bool {
	head, _, _ := strings.Cut(place, ",")
	ws := fields(head)
	if len(ws) == 0 || len(ws) > 5 {
		return false
	}
	for _, x := range ws {
		if !isAllCapsWord(x) {
			return false
		}
	}
	return true
}

// isPlace checks the place of a dateline: a few capitalised words, then
// comma-separated parts that are a region ("N.H.") or a date ("March 3"),
// which it records in d.
func isPlace(place string, w *lang.StructureWords, d *dateline) bool {
	if len(place) > 60 {
		return false
	}
	for _, r := range place {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" .,'’-", r) {
			return false
		}
	}
	parts := strings.Split(place, ",")
	for i, part := range parts {
		part = strings.TrimSpace(part)
		if i > 0 && isDate(part, w) {
			d.date = part
			continue
		}
		ws := fields(part)
		if len(ws) == 0 || len(ws) > 5 || i > 0 && len(ws) > 3 {
			return false
		}
		for _, x := range ws {
			if !isCapitalized(x) {
				return false
			}
		}
	}
	return true
}

// maxBioScan bounds how far into a bio the parser looks for the author's
// trade and employer.
const maxBioScan = 2000

// bioOpener reads a first-person bio opener, "I am NAME, a journalist ...",
// and returns the name's bounds in s. The name is up to four capitalised
// words; the line must also name a trade near the start, so that "I am
// Spartacus," he said, or a first-person column stays story.
func bioOpener(s string, w *lang.StructureWords) (int, int, bool) {
	for _, o := range w.BioOpeners {
		if !strings.HasPrefix(s, o) {
			continue
		}
		start, end := len(o), 0
		for j, n := start, 0; n < 4 && j < len(s); n++ {
			k := j
			for k < len(s) && s[k] != ' ' {
				k++
			}
			tok := s[j:k]
			core := strings.TrimRight(tok, ",.;:")
			if !isCapitalized(core) || !isNameWord(core) {
				break
			}
			end = j + len(core)
			if len(core) < len(tok) {
				break
			}
			j = k + 1
		}
		if end == 0 || !hasTrade(s[:min(len(s), 400)], w) {
			continue
		}
		return start, end, true
	}
	return 0, 0, false
}

// isNameWord reports whether w is made of letters and the marks names use.
func isNameWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '.' && r != '-' && r != '\'' && r != '’' {
			return false
		}
	}
	return w != ""
}

// hasTrade reports whether s names a journalistic trade or work.
func hasTrade(s string, w *lang.StructureWords) bool {
	for _, x := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if inFold(x, w.BioRoles) || inFold(x, w.BioWorkWords) {
			return true
		}
	}
	return false
}

// isBioHeading reports whether s heads a bio ("About the author:").
func isBioHeading(s string, w *lang.StructureWords) bool {
	return inFold(strings.TrimRight(s, ":. "), w.BioHeadings)
}

// employer finds the organisation a bio says the author works for: a work
// word, at most two lowercase words, a preposition, then capitalised words
// ("writing regularly for The Daily Example since ..."). It returns the
// name's bounds in bio, or false.
func employer(bio string, w *lang.StructureWords) (int, int, bool) {
	bio = bio[:min(len(bio), maxBioScan)]
	type tok struct{ s, e int }
	var toks []tok
	for i := 0; i < len(bio); {
		for i < len(bio) && bio[i] == ' ' {
			i++
		}
		j := i
		for j < len(bio) && bio[j] != ' ' && bio[j] != '\n' {
			j++
		}
		if j > i {
			toks = append(toks, tok{i, j})
		}
		i = j + 1
	}
	word := func(t tok) string { return stripPunct(bio[t.s:t.e]) }
	ended := func(t tok) bool { return strings.TrimRight(bio[t.s:t.e], ",.;:!?)”’\"") != bio[t.s:t.e] }
	for k, t := range toks {
		if !inFold(word(t), w.BioWorkWords) || ended(t) {
			continue
		}
		m := k + 1
		for skipped := 0; m < len(toks) && skipped <= 2; m++ {
			x := word(toks[m])
			if inFold(x, w.EmployerPrepositions) || !startsLower(x) || ended(toks[m]) {
				break
			}
			skipped++
		}
		if m >= len(toks) || !inFold(word(toks[m]), w.EmployerPrepositions) || ended(toks[m]) {
			continue
		}
		start, end, lastName := -1, -1, -1
		for n := m + 1; n < len(toks) && n <= m+7; n++ {
			x := word(toks[n])
			if start < 0 && n == m+1 && inFold(x, w.NameConnectors) && !ended(toks[n]) {
				// "for the Daily Example": the article is not part of the name
				continue
			}
			isConn := inFold(x, w.NameConnectors) && start >= 0
			if !isConn && (!isCapitalized(x) || !isNameWord(strings.ReplaceAll(x, "&", "")) && x != "&") {
				break
			}
			if start < 0 {
				if inFold(x, w.Months) || inFold(x, w.Weekdays) || x == "I" {
					break
				}
				start = toks[n].s + strings.Index(bio[toks[n].s:toks[n].e], x)
			}
			if !isConn {
				end, lastName = toks[n].s+strings.Index(bio[toks[n].s:toks[n].e], x)+len(x), n
			}
			if ended(toks[n]) {
				break
			}
		}
		if lastName >= 0 {
			return start, start + len(strings.TrimRight(bio[start:end], ".")), true
		}
	}
	return 0, 0, false
}
