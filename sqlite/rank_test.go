package sqlite

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"verbatim"
)

// corpusStore is a store holding the first n articles of the synthetic
// corpus, and the corpus.
func corpusStore(t *testing.T, n int) (*Store, *corpus) {
	t.Helper()
	s := openTemp(t)
	g := newCorpus()
	var as []*verbatim.StoredArticle
	for i := range n {
		as = append(as, g.article(i))
	}
	if _, err := s.SaveArticles(t.Context(), as); err != nil {
		t.Fatal(err)
	}
	return s, g
}

// said is one quote of a test article: who said what.
type said struct{ who, what string }

// saidArticle is an article of quotes "WHO said that "WHAT"." in outlet.
func saidArticle(n int, outlet string, quotes ...said) *verbatim.StoredArticle {
	var text strings.Builder
	an := &verbatim.Analysis{ID: fmt.Sprint(n), Lang: "en"}
	for i, q := range quotes {
		if i > 0 {
			text.WriteString("\n\n")
		}
		sp := verbatim.Span{Start: text.Len(), End: text.Len() + len(q.who), Text: q.who}
		text.WriteString(q.who + ` said that "`)
		c := verbatim.Span{Start: text.Len(), End: text.Len() + len(q.what), Text: q.what}
		text.WriteString(q.what + `".`)
		k := slices.IndexFunc(an.Entities, func(e verbatim.Entity) bool { return e.Name == q.who })
		if k < 0 {
			k = len(an.Entities)
			an.Entities = append(an.Entities, verbatim.Entity{ID: k, Name: q.who, Type: verbatim.EntityPerson})
		}
		an.Entities[k].Quotes++
		an.Entities[k].Mentions = append(an.Entities[k].Mentions, sp)
		an.Quotes = append(an.Quotes, verbatim.Quote{Kind: verbatim.Direct, Content: c, CueLemma: "say",
			Speaker: &sp, SpeakerRef: q.who, SpeakerType: verbatim.Person, Entity: k})
	}
	return &verbatim.StoredArticle{
		URL:    fmt.Sprintf("https://%s.example/%d", strings.ToLower(strings.ReplaceAll(outlet, " ", "")), n),
		Outlet: outlet, Title: fmt.Sprintf("Article %d", n), Lang: "en",
		Published: time.Date(2025, 3, 1+n, 9, 0, 0, 0, time.UTC), Text: text.String(), Analysis: an,
	}
}

func TestRelevanceOrder(t *testing.T) {
	s := openTemp(t)
	_, err := s.SaveArticles(t.Context(), []*verbatim.StoredArticle{
		saidArticle(1, "Daily Post",
			said{"Mark Rutte", "Support for Ukraine is more important than the debate over membership and every other question on the table today"},
			said{"Mark Rutte", "Ukraine needs support"},
			said{"Dmitry Peskov", "Membership is a question for later"}),
		saidArticle(2, "Evening Star",
			said{"Olaf Scholz", "Our support for Ukraine and for its membership will not waver"},
			said{"Olaf Scholz", "The weather in Ukraine was fine"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		query string
		want  []string // the hits' first words, best first
	}{
		// One word: every match holds it once, so shorter quotes first.
		{"support", []string{"Ukraine needs", "Our support", "Support for"}},
		// Alternatives: the quote with both ranks above those with one,
		// and the rarer word counts for more.
		{"ukraine OR weather", []string{"The weather", "Ukraine needs", "Our support", "Support for"}},
		{"membership OR weather", []string{"The weather", "Membership is", "Our support", "Support for"}},
		// Words of the query are never matched against the facets.
		{"s1 OR o1 OR kdirect", nil},
	} {
		page, err := s.Search(t.Context(), verbatim.SearchQuery{Text: tt.query})
		if err != nil {
			t.Fatalf("%q: %v", tt.query, err)
		}
		var got []string
		for _, h := range page.Hits {
			f := strings.Fields(h.Text)
			got = append(got, f[0]+" "+f[1])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: %q; want %q", tt.query, got, tt.want)
		}
		for i := 1; i < len(page.Hits); i++ {
			if page.Hits[i].Score > page.Hits[i-1].Score {
				t.Errorf("%q: hit %d scores %v after %v", tt.query, i, page.Hits[i].Score, page.Hits[i-1].Score)
			}
		}
	}
}

// TestFacetFilters checks that filters applied inside the full-text index
// select what the same filters select on rows.
func TestFacetFilters(t *testing.T) {
	s, g := corpusStore(t, 60)
	word := g.words[3]
	all := exportIDs(t, s, verbatim.SearchQuery{Text: word})
	if len(all) < 50 {
		t.Fatalf("%d matches of %q; the test needs more", len(all), word)
	}
	hits := exportHits(t, s, verbatim.SearchQuery{Text: word})
	h := hits[len(hits)/2]
	for _, q := range []verbatim.SearchQuery{
		{Text: word, SpeakerID: h.SpeakerID},
		{Text: word, Outlet: h.Outlet},
		{Text: word, Kind: h.Kind},
		{Text: word, Kind: h.Kind, Outlet: h.Outlet},
		{Text: word, Outlet: h.Outlet, Since: h.Published.Add(-48 * time.Hour), Until: h.Published.Add(48 * time.Hour)},
	} {
		var want []int64
		for _, x := range hits {
			if (q.SpeakerID == 0 || x.SpeakerID == q.SpeakerID) && (q.Outlet == "" || x.Outlet == q.Outlet) &&
				(q.Kind == "" || x.Kind == q.Kind) && (q.Since.IsZero() || !x.Published.Before(q.Since)) &&
				(q.Until.IsZero() || x.Published.Before(q.Until)) {
				want = append(want, x.QuoteID)
			}
		}
		for _, sort := range []verbatim.SortOrder{verbatim.ByRelevance, verbatim.ByNewest} {
			q.Sort, q.Limit, q.Cursor = sort, 100, ""
			var got []int64
			for {
				page, err := s.Search(t.Context(), q)
				if err != nil {
					t.Fatal(err)
				}
				for _, x := range page.Hits {
					got = append(got, x.QuoteID)
				}
				if q.Cursor = page.Next; q.Cursor == "" {
					break
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("%+v: %d hits %v; want %d %v", q, len(got), got, len(want), want)
			}
		}
	}
}

func exportHits(t *testing.T, s *Store, q verbatim.SearchQuery) []verbatim.QuoteHit {
	t.Helper()
	var out []verbatim.QuoteHit
	for h, err := range s.Export(t.Context(), q) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, h)
	}
	return out
}

func exportIDs(t *testing.T, s *Store, q verbatim.SearchQuery) []int64 {
	var ids []int64
	for _, h := range exportHits(t, s, q) {
		ids = append(ids, h.QuoteID)
	}
	return ids
}

func TestFirstVarint(t *testing.T) {
	for _, tt := range []struct {
		in   []byte
		want int
	}{
		{[]byte{0x17, 0x02}, 23},        // 23 tokens in content, 2 in facets
		{[]byte{0x81, 0x00, 0x03}, 128}, // two bytes: 1<<7 | 0
		{[]byte{0x82, 0x2c}, 300},
		{nil, 1},          // malformed: one token
		{[]byte{0x00}, 1}, // empty content counts as one
		{[]byte{0xff, 0xff}, 16383},
	} {
		if got := firstVarint(tt.in); got != tt.want {
			t.Errorf("firstVarint(% x) = %d; want %d", tt.in, got, tt.want)
		}
	}
}

// TestLengths reads quote lengths both ways, a stretch of the index's row
// sizes and lookups of scattered rows, and compares them with the rows.
func TestLengths(t *testing.T) {
	s, _ := corpusStore(t, 10)
	var n int64
	if err := s.r.QueryRow(`SELECT max(id) FROM quotes`).Scan(&n); err != nil || n < 100 {
		t.Fatalf("%d quotes, %v", n, err)
	}
	for _, step := range []int64{1, 2, 13} { // dense, dense enough, scattered
		var ms []windowMatch
		for id := n; id > 0; id -= step {
			ms = append(ms, windowMatch{id: id})
		}
		ms = append([]windowMatch{{id: n + 5}}, ms...) // not stored: one token
		if err := s.lengths(t.Context(), ms); err != nil {
			t.Fatal(err)
		}
		if ms[0].tokens != 1 {
			t.Errorf("step %d: a quote not stored has %d tokens", step, ms[0].tokens)
		}
		for _, m := range ms[1:] {
			var content string
			if err := s.r.QueryRow(`SELECT content FROM quotes WHERE id = ?`, m.id).Scan(&content); err != nil {
				t.Fatal(err)
			}
			if want := len(strings.Fields(content)); m.tokens != want {
				t.Errorf("step %d: quote %d has %d tokens; its %d words %q", step, m.id, m.tokens, want, content)
			}
		}
	}
}

// TestNorms checks the lengths kept in memory against the file's, and that
// a rewritten article's quotes are read again rather than kept.
func TestNorms(t *testing.T) {
	s, g := corpusStore(t, 10)
	if s.norms.due() {
		s.loadNorms(t.Context())
	}
	var n int64
	if err := s.r.QueryRow(`SELECT max(id) FROM quotes`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if s.norms.upTo != n {
		t.Fatalf("loaded up to %d of %d", s.norms.upTo, n)
	}
	check := func(what string) {
		t.Helper()
		var ms, fromFile []windowMatch
		for id := n; id > 0; id-- {
			ms = append(ms, windowMatch{id: id})
			fromFile = append(fromFile, windowMatch{id: id})
		}
		if err := s.lengths(t.Context(), ms); err != nil {
			t.Fatal(err)
		}
		if err := s.readLengths(t.Context(), fromFile); err != nil {
			t.Fatal(err)
		}
		for i := range ms {
			if ms[i].tokens != fromFile[i].tokens {
				t.Errorf("%s: quote %d: %d tokens kept, %d in the file", what, ms[i].id, ms[i].tokens, fromFile[i].tokens)
			}
		}
	}
	check("loaded")
	// Rewriting the newest article deletes its quotes, whose ids are
	// given to the new version's: their lengths must not be kept.
	last := g.article(9)
	last.Text += "\n\nA closing line."
	last.Analysis.Quotes[0].Content.Text = "one two"
	last.Analysis.Quotes[0].Content.End = last.Analysis.Quotes[0].Content.Start + len("one two")
	last.Text = last.Text[:last.Analysis.Quotes[0].Content.Start] + "one two" + last.Text[last.Analysis.Quotes[0].Content.Start+len("one two"):]
	if _, err := s.SaveArticles(t.Context(), []*verbatim.StoredArticle{last}); err != nil {
		t.Fatal(err)
	}
	if s.norms.upTo >= n {
		t.Errorf("after a rewrite the lengths are kept up to %d, the rewritten quotes included", s.norms.upTo)
	}
	if err := s.r.QueryRow(`SELECT max(id) FROM quotes`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	check("after a rewrite")
}
