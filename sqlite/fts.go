package sqlite

import (
	"errors"
	"strings"
	"unicode"
)

// errNothingToFind is returned for a query that only excludes words.
var errNothingToFind = errors.New("the query has no word to search for, only words to exclude")

// term is one word or phrase of a web-search query.
type term struct {
	text string
	not  bool
}

// matchQuery translates a query in web-search syntax (PostgreSQL's
// websearch_to_tsquery: words all required, "phrases", OR, -excluded) into
// an FTS5 MATCH expression. User text never reaches FTS5's own syntax: each
// word and phrase becomes a quoted FTS5 string, so that "don't", "C++" or
// "NEAR(" search for words instead of failing as syntax. OR binds loosest,
// as in PostgreSQL: "a b OR c" is (a AND b) OR c. It returns "" for a query
// without words.
func matchQuery(q string) (string, error) {
	groups, err := matchGroups(q)
	return strings.Join(groups, " OR "), err
}

// matchGroups is matchQuery's expression split at its ORs: one
// parenthesised FTS5 expression per alternative, none for a query without
// words.
func matchGroups(q string) ([]string, error) {
	var groups [][]term
	var cur []term
	rs := []rune(q)
	for i := 0; i < len(rs); {
		switch {
		case unicode.IsSpace(rs[i]):
			i++
			continue
		}
		not := false
		if rs[i] == '-' {
			not = true
			i++
		}
		var text string
		if i < len(rs) && rs[i] == '"' {
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			text = string(rs[i+1 : min(j, len(rs))])
			i = j + 1
		} else {
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' {
				j++
			}
			text = string(rs[i:j])
			i = j
		}
		if text == "OR" && !not && len(cur) > 0 && i < len(rs) {
			groups = append(groups, cur)
			cur = nil
			continue
		}
		if hasToken(text) {
			cur = append(cur, term{text: text, not: not})
		}
	}
	groups = append(groups, cur)

	var out []string
	sawTerm := false
	for _, g := range groups {
		var pos, neg []string
		for _, t := range g {
			sawTerm = true
			s := `"` + strings.ReplaceAll(t.text, `"`, `""`) + `"`
			if t.not {
				neg = append(neg, s)
			} else {
				pos = append(pos, s)
			}
		}
		// FTS5's NOT needs something to subtract from; a group of
		// exclusions alone cannot be searched by the index.
		if len(pos) == 0 {
			continue
		}
		e := strings.Join(pos, " AND ")
		for _, n := range neg {
			e += " NOT " + n
		}
		out = append(out, "("+e+")")
	}
	if len(out) == 0 && sawTerm {
		return nil, errNothingToFind
	}
	return out, nil
}

// hasToken reports whether text holds a character the unicode61 tokenizer
// indexes; a term of punctuation alone would be an empty phrase.
func hasToken(text string) bool {
	return strings.ContainsFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) })
}
