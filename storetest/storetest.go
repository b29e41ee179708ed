package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"verbatim"
)

// Open returns a new, empty store for one test; it arranges for the store
// to be closed and removed when the test ends.
type Open func(t *testing.T) verbatim.Store

// Run runs the conformance suite against a store implementation. Every
// subtest opens its own empty store.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(*testing.T, verbatim.Store)
	}{
		{"SaveAndRead", testSaveAndRead},
		{"SaveIsIdempotent", testIdempotent},
		{"UpdateReplacesQuotes", testUpdate},
		{"BatchIsAllOrNothing", testBatch},
		{"Search", testSearch},
		{"SearchSyntaxIsSafe", testSearchSyntax},
		{"Pagination", testPagination},
		{"Export", testExport},
		{"SpeakerIdentity", testSpeakerIdentity},
		{"SpeakerProfile", testSpeakerProfile},
		{"Outlets", testOutlets},
		{"ConcurrentSaves", testConcurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}

func ctxT(t *testing.T) context.Context { return t.Context() }

func saveAll(t *testing.T, s verbatim.Store, docs []fixture) []*verbatim.StoredArticle {
	t.Helper()
	var out []*verbatim.StoredArticle
	for _, d := range docs {
		a := d.article()
		r, err := s.SaveArticle(ctxT(t), a)
		if err != nil {
			t.Fatalf("save %s: %v", d.URL, err)
		}
		if r.Status != verbatim.Inserted {
			t.Fatalf("save %s: status %s; want inserted", d.URL, r.Status)
		}
		out = append(out, a)
	}
	return out
}

func testSaveAndRead(t *testing.T, s verbatim.Store) {
	ctx := ctxT(t)
	docs := corpus()
	saved := saveAll(t, s, docs)
	for i, want := range saved {
		if want.ID == 0 {
			t.Fatalf("article %d: no ID set", i)
		}
		if want.ContentHash != verbatim.ContentHash(want.Text) {
			t.Errorf("article %d: content hash %q not filled in", i, want.ContentHash)
		}
		for _, get := range []struct {
			how string
			fn  func() (*verbatim.StoredArticle, error)
		}{
			{"by id", func() (*verbatim.StoredArticle, error) { return s.Article(ctx, want.ID) }},
			{"by URL", func() (*verbatim.StoredArticle, error) { return s.ArticleByURL(ctx, want.URL) }},
		} {
			got, err := get.fn()
			if err != nil {
				t.Fatalf("article %d %s: %v", i, get.how, err)
			}
			if got.IngestedAt.IsZero() || got.UpdatedAt.IsZero() {
				t.Errorf("article %d %s: ingested %v updated %v; want both set", i, get.how, got.IngestedAt, got.UpdatedAt)
			}
			got.IngestedAt, got.UpdatedAt = time.Time{}, time.Time{}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("article %d %s:\n got %+v\nwant %+v", i, get.how, got, want)
			}
			if !reflect.DeepEqual(got.Analysis, want.Analysis) {
				t.Errorf("article %d %s: analysis differs:\n got %+v\nwant %+v", i, get.how, got.Analysis, want.Analysis)
			}
		}
	}
	if _, err := s.Article(ctx, 1<<40); !errors.Is(err, verbatim.ErrNotFound) {
		t.Errorf("missing article: err %v; want ErrNotFound", err)
	}
	if _, err := s.ArticleByURL(ctx, "https://nowhere.example/"); !errors.Is(err, verbatim.ErrNotFound) {
		t.Errorf("missing URL: err %v; want ErrNotFound", err)
	}

	// An article without analysis, URL or outlet is kept by its text.
	bare := &verbatim.StoredArticle{Text: "Just text, nobody quoted."}
	r, err := s.SaveArticle(ctx, bare)
	if err != nil || r.Status != verbatim.Inserted {
		t.Fatalf("bare article: %+v, %v", r, err)
	}
	got, err := s.Article(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Analysis != nil || got.Text != bare.Text || got.Outlet != "unknown" {
		t.Errorf("bare article read back as %+v", got)
	}
	// Unknown outlets are named after the URL's host.
	a := corpus()[0].article()
	a.URL, a.Outlet = "https://www.example.org/x", ""
	a.Text += " "
	if _, err := s.SaveArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Article(ctx, a.ID); err != nil || got.Outlet != "example.org" {
		t.Errorf("outlet from URL: %v, %v; want example.org", got.Outlet, err)
	}
	// An analysis that does not fit the text is refused.
	bad := corpus()[1].article()
	bad.Text = strings.ToUpper(bad.Text)
	if _, err := s.SaveArticle(ctx, bad); err == nil {
		t.Error("an analysis whose spans do not match the text was saved")
	}
}

// snapshot is what a store holds, seen through its interface.
type snapshot struct {
	Outlets  []verbatim.Outlet
	Speakers []verbatim.Speaker
	Quotes   []verbatim.QuoteHit
}

func snap(t *testing.T, s verbatim.Store) snapshot {
	t.Helper()
	var sn snapshot
	var err error
	if sn.Outlets, err = s.Outlets(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if sn.Speakers, err = s.Speakers(ctxT(t), verbatim.SpeakerQuery{Limit: verbatim.MaxLimit}); err != nil {
		t.Fatal(err)
	}
	sn.Quotes = export(t, s, verbatim.SearchQuery{})
	checkCounts(t, s, sn)
	return sn
}

// checkCounts checks that the counters a store keeps agree with the quotes
// it holds.
func checkCounts(t *testing.T, s verbatim.Store, sn snapshot) {
	t.Helper()
	bySpeaker := map[int64]int{}
	byOutlet := map[string]int{}
	for _, h := range sn.Quotes {
		if h.SpeakerID != 0 {
			bySpeaker[h.SpeakerID]++
		}
		byOutlet[h.Outlet]++
	}
	for _, sp := range sn.Speakers {
		if sp.Quotes != bySpeaker[sp.ID] {
			t.Errorf("speaker %q counts %d quotes; %d stored", sp.Name, sp.Quotes, bySpeaker[sp.ID])
		}
		delete(bySpeaker, sp.ID)
	}
	if len(bySpeaker) > 0 {
		t.Errorf("quotes of unlisted speakers: %v", bySpeaker)
	}
	for _, o := range sn.Outlets {
		if o.Quotes != byOutlet[o.Name] {
			t.Errorf("outlet %q counts %d quotes; %d stored", o.Name, o.Quotes, byOutlet[o.Name])
		}
	}
}

func export(t *testing.T, s verbatim.Store, q verbatim.SearchQuery) []verbatim.QuoteHit {
	t.Helper()
	var out []verbatim.QuoteHit
	for h, err := range s.Export(ctxT(t), q) {
		if err != nil {
			t.Fatalf("export %+v: %v", q, err)
		}
		out = append(out, h)
	}
	return out
}

func testIdempotent(t *testing.T, s verbatim.Store) {
	ctx := ctxT(t)
	saveAll(t, s, corpus())
	before := snap(t, s)
	for _, d := range corpus() {
		a := d.article()
		a.Origin.Path = "another-run.jsonl" // where it was found does not matter
		r, err := s.SaveArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != verbatim.Unchanged || r.ID == 0 || a.ID != r.ID {
			t.Errorf("resave %s: %+v; want unchanged with the same id", d.URL, r)
		}
	}
	// The same text under another URL is a duplicate of the stored article.
	dup := corpus()[2].article()
	dup.URL = "https://mirror.example/rutte"
	r, err := s.SaveArticle(ctx, dup)
	if err != nil || r.Status != verbatim.Duplicate {
		t.Errorf("same text, other URL: %+v, %v; want duplicate", r, err)
	}
	if after := snap(t, s); !reflect.DeepEqual(before, after) {
		t.Errorf("saving again changed the store:\nbefore %+v\nafter  %+v", before, after)
	}

	// Without a URL the content hash identifies the article.
	noURL := func() *verbatim.StoredArticle {
		d := corpus()[4]
		d.URL, d.Text = "", d.Text+" (wire copy)"
		return d.article()
	}
	r1, err := s.SaveArticle(ctx, noURL())
	if err != nil || r1.Status != verbatim.Inserted {
		t.Fatalf("no URL: %+v, %v", r1, err)
	}
	r2, err := s.SaveArticle(ctx, noURL())
	if err != nil || r2.Status != verbatim.Unchanged || r2.ID != r1.ID {
		t.Errorf("no URL again: %+v, %v; want unchanged %d", r2, err, r1.ID)
	}
}

func testUpdate(t *testing.T, s verbatim.Store) {
	ctx := ctxT(t)
	saved := saveAll(t, s, corpus())
	old := saved[0]
	d := corpus()[0]
	d.Outlet = "Reuters UK" // an update may move the article
	d.Text = `NATO Secretary General Mark Rutte said allies had agreed a new spending target. ` +
		`Officials said the summit ended early.`
	d.Quotes = []fixtureQuote{
		{Kind: verbatim.Indirect, Content: "allies had agreed a new spending target", Cue: "said", Lemma: "say",
			Speaker: "NATO Secretary General Mark Rutte", Entity: 0},
		{Kind: verbatim.Indirect, Content: "the summit ended early", Cue: "said", Lemma: "say",
			Speaker: "Officials", Entity: -1, Ref: "Officials", Type: verbatim.Anonymous},
	}
	d.Ents[0].Mentions = []string{"Mark Rutte"}
	a := d.article()
	r, err := s.SaveArticle(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != verbatim.Updated || r.ID != old.ID {
		t.Fatalf("update: %+v; want updated with id %d", r, old.ID)
	}
	got, err := s.Article(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != a.Text || !reflect.DeepEqual(got.Analysis, a.Analysis) || got.Outlet != "Reuters UK" {
		t.Errorf("article after update: %+v", got)
	}
	for _, c := range []struct {
		text string
		want int
	}{{"cannot wait", 0}, {`"air defence"`, 0}, {"spending target", 1}, {"summit", 1}} {
		if n := len(search(t, s, verbatim.SearchQuery{Text: c.text})); n != c.want {
			t.Errorf("after update, %q finds %d quotes; want %d", c.text, n, c.want)
		}
	}
	sn := snap(t, s)
	if len(sn.Quotes) != 11-4+2 {
		t.Errorf("%d quotes after the update; want %d", len(sn.Quotes), 11-4+2)
	}
	for _, o := range sn.Outlets {
		if o.Name == "Reuters" && o.Articles != 1 {
			t.Errorf("Reuters has %d articles after one moved away; want 1", o.Articles)
		}
	}
	// Updating back restores the first version's quotes.
	if r, err := s.SaveArticle(ctx, corpus()[0].article()); err != nil || r.Status != verbatim.Updated {
		t.Fatalf("update back: %+v, %v", r, err)
	}
	if n := len(snap(t, s).Quotes); n != 11 {
		t.Errorf("%d quotes after updating back; want 11", n)
	}
}

func testBatch(t *testing.T, s verbatim.Store) {
	ctx := ctxT(t)
	docs := corpus()
	bad := docs[3].article()
	bad.Analysis.Quotes[0].Content.Start++ // no longer the text it says
	batch := []*verbatim.StoredArticle{docs[0].article(), docs[1].article(), bad}
	if _, err := s.SaveArticles(ctx, batch); err == nil {
		t.Fatal("a batch with an invalid article was saved")
	}
	for _, a := range batch[:2] {
		if _, err := s.ArticleByURL(ctx, a.URL); !errors.Is(err, verbatim.ErrNotFound) {
			t.Errorf("%s stored from a failed batch: %v", a.URL, err)
		}
		if a.ID != 0 {
			t.Errorf("%s given id %d by a failed batch", a.URL, a.ID)
		}
	}

	var as []*verbatim.StoredArticle
	for _, d := range docs {
		as = append(as, d.article())
	}
	as = append(as, docs[0].article()) // the same article twice in one batch
	rs, err := s.SaveArticles(ctx, as)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rs[:len(docs)] {
		if r.Status != verbatim.Inserted || as[i].ID != r.ID {
			t.Errorf("batch result %d: %+v", i, r)
		}
	}
	if last := rs[len(rs)-1]; last.Status != verbatim.Unchanged || last.ID != rs[0].ID {
		t.Errorf("repeated article in batch: %+v; want unchanged %d", last, rs[0].ID)
	}
	if n := len(snap(t, s).Quotes); n != 11 {
		t.Errorf("%d quotes after the batch; want 11", n)
	}
	if rs, err := s.SaveArticles(ctx, nil); err != nil || len(rs) != 0 {
		t.Errorf("empty batch: %v, %v", rs, err)
	}
}

func search(t *testing.T, s verbatim.Store, q verbatim.SearchQuery) []verbatim.QuoteHit {
	t.Helper()
	page, err := s.Search(ctxT(t), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return page.Hits
}

func texts(hs []verbatim.QuoteHit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Text)
	}
	sort.Strings(out)
	return out
}

func testSearch(t *testing.T, s verbatim.Store) {
	saveAll(t, s, corpus())
	mark := speakerNamed(t, s, "Mark Rutte")
	const (
		allianceQ = "the alliance must spend more on defence"
		airQ      = "air defence was the priority"
		footballQ = "We played well against Norway and the defence held."
		tariffsQ  = "tariffs would hurt allies"
		noCommQ   = "it would not comment on football"
		winterQ   = "support for Ukraine would continue through the winter"
		tradeQ    = "Trade wars have no winners,"
		crisisQ   = "We cannot wait for another crisis,"
		brokenQ   = `talks had "completely broken down"`
	)
	tests := []struct {
		name string
		q    verbatim.SearchQuery
		want []string
	}{
		{"word", verbatim.SearchQuery{Text: "defence"}, []string{allianceQ, airQ, footballQ}},
		{"case-insensitive", verbatim.SearchQuery{Text: "DEFENCE"}, []string{allianceQ, airQ, footballQ}},
		{"all words", verbatim.SearchQuery{Text: "defence priority"}, []string{airQ}},
		{"phrase", verbatim.SearchQuery{Text: `"air defence"`}, []string{airQ}},
		{"phrase in order only", verbatim.SearchQuery{Text: `"defence air"`}, nil},
		{"excluded word", verbatim.SearchQuery{Text: "defence -air"}, []string{allianceQ, footballQ}},
		{"or", verbatim.SearchQuery{Text: "tariffs OR football"}, []string{tariffsQ, noCommQ}},
		{"quoted marks in content", verbatim.SearchQuery{Text: "completely broken"}, []string{brokenQ}},
		{"speaker by name", verbatim.SearchQuery{Text: "defence", Speaker: "Mark Rutte"}, []string{allianceQ}},
		{"speaker by name with title", verbatim.SearchQuery{Text: "defence", Speaker: "Secretary General Mark Rutte"}, []string{allianceQ}},
		{"speaker by surname", verbatim.SearchQuery{Text: "defence", Speaker: "rutte"}, []string{allianceQ, footballQ}},
		{"speaker by id", verbatim.SearchQuery{SpeakerID: mark.ID},
			[]string{allianceQ, crisisQ, tariffsQ, tradeQ, winterQ}},
		{"organisation by acronym", verbatim.SearchQuery{Speaker: "NATO"}, []string{airQ, noCommQ}},
		{"unknown speaker", verbatim.SearchQuery{Speaker: "Olaf Scholz"}, nil},
		{"outlet by name", verbatim.SearchQuery{Text: "defence", Outlet: "ap"}, []string{footballQ}},
		{"outlet by domain", verbatim.SearchQuery{Text: "defence", Outlet: "apnews.example"}, []string{footballQ}},
		{"unknown outlet", verbatim.SearchQuery{Outlet: "Le Monde"}, nil},
		{"kind", verbatim.SearchQuery{Kind: verbatim.Direct}, []string{crisisQ, tradeQ, footballQ}},
		{"kind and text", verbatim.SearchQuery{Kind: verbatim.Mixed, Text: "talks"}, []string{brokenQ}},
		{"dates", verbatim.SearchQuery{Since: day(5), Until: day(12)}, []string{tariffsQ, tradeQ, winterQ}},
		{"since is inclusive", verbatim.SearchQuery{Since: day(12), Text: "defence"}, []string{footballQ}},
		{"until is exclusive", verbatim.SearchQuery{Until: day(5), Kind: verbatim.Direct}, []string{crisisQ}},
		{"all filters", verbatim.SearchQuery{Text: "wars OR winter", Speaker: "Mark Rutte", Outlet: "Reuters",
			Since: day(2), Kind: verbatim.Indirect}, []string{winterQ}},
		{"no match", verbatim.SearchQuery{Text: "xylophone"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := slices.Clone(tt.want)
			sort.Strings(want)
			for _, sortBy := range []verbatim.SortOrder{"", verbatim.ByNewest} {
				q := tt.q
				q.Sort = sortBy
				if got := texts(search(t, s, q)); !slices.Equal(got, want) {
					t.Errorf("search (sort %q) = %q; want %q", sortBy, got, want)
				}
				if got := texts(export(t, s, q)); !slices.Equal(got, want) {
					t.Errorf("export = %q; want %q", got, want)
				}
			}
		})
	}

	// A hit carries what a result list shows.
	hs := search(t, s, verbatim.SearchQuery{Text: `"cannot wait"`})
	if len(hs) != 1 {
		t.Fatalf("%d hits; want 1", len(hs))
	}
	h := hs[0]
	want := verbatim.QuoteHit{QuoteID: h.QuoteID, ArticleID: h.ArticleID, Kind: verbatim.Direct, Text: crisisQ,
		Cue: "told", CueLemma: "tell", SpeakerID: mark.ID, Speaker: "Mark Rutte", SpeakerMention: "Rutte",
		SpeakerType: verbatim.Person, Outlet: "Reuters", URL: "https://www.reuters.example/world/nato-spending",
		Title: "NATO Secretary General Mark Rutte said the alliance must spend more on defence", Published: day(1), Score: h.Score}
	if h != want {
		t.Errorf("hit\n got %+v\nwant %+v", h, want)
	}
	if h.QuoteID == 0 || h.ArticleID == 0 || h.Score <= 0 {
		t.Errorf("hit ids %d/%d score %v; want set and positive", h.QuoteID, h.ArticleID, h.Score)
	}
	// Anonymous speakers are shown as the article names them.
	hs = search(t, s, verbatim.SearchQuery{Text: "summit"})
	if len(hs) != 1 || hs[0].SpeakerID != 0 || hs[0].Speaker != "Officials" || hs[0].SpeakerType != verbatim.Anonymous {
		t.Errorf("anonymous hit %+v", hs)
	}
	// Relevance: a quote that says it twice ranks first.
	d := fixture{URL: "https://x.example/1", Outlet: "X", Published: day(2),
		Text: `Mr Smith said: "Defence, defence and defence again."`,
		Ents: []fixtureEntity{{Name: "John Smith", Type: person, Mentions: []string{"Smith"}}},
		Quotes: []fixtureQuote{{Kind: verbatim.Direct, Content: "Defence, defence and defence again.", Cue: "said",
			Lemma: "say", Speaker: "Mr Smith", Entity: 0}}}
	if _, err := s.SaveArticle(ctxT(t), d.article()); err != nil {
		t.Fatal(err)
	}
	page, err := s.Search(ctxT(t), verbatim.SearchQuery{Text: "defence", Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Hits) != 2 || page.Hits[0].Text != "Defence, defence and defence again." || page.Hits[0].Score < page.Hits[1].Score {
		t.Errorf("ranked hits %+v", page.Hits)
	}
	if page.Next == "" {
		t.Error("no cursor for the next page")
	}
}

func speakerNamed(t *testing.T, s verbatim.Store, name string) verbatim.Speaker {
	t.Helper()
	sps, err := s.Speakers(ctxT(t), verbatim.SpeakerQuery{Limit: verbatim.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range sps {
		if sp.Name == name {
			return sp
		}
	}
	t.Fatalf("no speaker %q among %+v", name, sps)
	return verbatim.Speaker{}
}

func testSearchSyntax(t *testing.T, s verbatim.Store) {
	saveAll(t, s, corpus())
	// None of these may fail as syntax: user text is never query language.
	for _, q := range []string{`don't`, `C++`, `NEAR(`, `"unterminated`, `defence OR`, `OR defence`, `*`, `a*`,
		`AND`, `"`, `""`, `-`, `(defence)`, `column:defence`, `^defence`, `défence`, `'; DROP TABLE quotes; --`,
		`"we cannot" -"air defence"`, `NOT defence`, `100%`, `¯\_(ツ)_/¯`} {
		if _, err := s.Search(ctxT(t), verbatim.SearchQuery{Text: q}); err != nil {
			t.Errorf("search %q: %v", q, err)
		}
	}
	if hs := search(t, s, verbatim.SearchQuery{Text: `(defence)`}); len(hs) != 3 {
		t.Errorf("punctuation around a word: %d hits; want 3", len(hs))
	}
	// A query that only excludes cannot use the index and is refused.
	if _, err := s.Search(ctxT(t), verbatim.SearchQuery{Text: "-defence"}); err == nil {
		t.Error("a query of exclusions only was accepted")
	}
	// A cursor from another kind of query, or garbage, is refused.
	if _, err := s.Search(ctxT(t), verbatim.SearchQuery{Text: "defence", Cursor: "bm90IGEgY3Vyc29y"}); err == nil {
		t.Error("an invalid cursor was accepted")
	}
}

func testPagination(t *testing.T, s verbatim.Store) {
	ctx := ctxT(t)
	names := []string{"Olaf Scholz", "Emmanuel Macron", "Giorgia Meloni", "Pedro Sanchez"}
	var as []*verbatim.StoredArticle
	for i := range 23 {
		n := names[i%len(names)]
		// Repeating the word varies the rank; equal texts tie on it.
		word := strings.Repeat("budget ", 1+i%3)
		d := fixture{URL: fmt.Sprintf("https://pages.example/%d", i), Outlet: []string{"A", "B"}[i%2],
			Published: day(1 + i%7),
			Text:      fmt.Sprintf(`%s said "the %sis tight, item %d". He added "no budget talks today %d".`, n, word, i, i),
			Ents:      []fixtureEntity{{Name: n, Type: person, Mentions: []string{n}}},
			Quotes: []fixtureQuote{
				{Kind: verbatim.Direct, Content: fmt.Sprintf("the %sis tight, item %d", word, i), Cue: "said", Lemma: "say", Speaker: n, Entity: 0},
				{Kind: verbatim.Direct, Content: fmt.Sprintf("no budget talks today %d", i), Cue: "added", Lemma: "add", Speaker: "He", Entity: 0},
			}}
		as = append(as, d.article())
	}
	if _, err := s.SaveArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		q    verbatim.SearchQuery
	}{
		{"relevance", verbatim.SearchQuery{Text: "budget", Limit: 7}},
		{"text newest first", verbatim.SearchQuery{Text: "budget", Limit: 7, Sort: verbatim.ByNewest}},
		{"no text", verbatim.SearchQuery{Limit: 5}},
		{"relevance with filter", verbatim.SearchQuery{Text: "budget", Outlet: "A", Limit: 4}},
		{"speaker", verbatim.SearchQuery{Speaker: "Scholz", Limit: 3}},
	} {
		q := tt.q
		t.Run(tt.name, func(t *testing.T) {
			all := export(t, s, verbatim.SearchQuery{Text: q.Text, Outlet: q.Outlet, Speaker: q.Speaker})
			// Counting up to the number of matches is exact; up to one
			// less it is "more than".
			for _, upTo := range []int{len(all) + 5, len(all), len(all) - 1} {
				cq := q
				cq.CountUpTo = upTo
				page, err := s.Search(ctx, cq)
				if err != nil {
					t.Fatal(err)
				}
				if want := min(upTo, len(all)); page.Count != want || page.CountExact != (upTo >= len(all)) {
					t.Errorf("count up to %d: %d, exact %v; %d match", upTo, page.Count, page.CountExact, len(all))
				}
			}
			if page, err := s.Search(ctx, q); err != nil || page.Count != 0 {
				t.Errorf("count without asking: %d, %v", page.Count, err)
			}
			seen := map[int64]bool{}
			var prev *verbatim.QuoteHit
			pages := 0
			for {
				page, err := s.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				pages++
				if len(page.Hits) > q.Limit {
					t.Fatalf("page of %d hits; limit %d", len(page.Hits), q.Limit)
				}
				for _, h := range page.Hits {
					if seen[h.QuoteID] {
						t.Errorf("quote %d on two pages", h.QuoteID)
					}
					seen[h.QuoteID] = true
					if prev != nil {
						if q.Text != "" && q.Sort == "" && h.Score > prev.Score {
							t.Errorf("score %v after %v", h.Score, prev.Score)
						}
						if (q.Text == "" || q.Sort == verbatim.ByNewest) && h.Published.After(prev.Published) {
							t.Errorf("date %v after %v", h.Published, prev.Published)
						}
					}
					prev = &h
				}
				if page.Next == "" {
					break
				}
				q.Cursor = page.Next
				if pages > 100 {
					t.Fatal("pagination does not end")
				}
			}
			if len(seen) != len(all) || len(all) == 0 {
				t.Errorf("pages held %d quotes; %d match", len(seen), len(all))
			}
		})
	}
}

func testExport(t *testing.T, s verbatim.Store) {
	saveAll(t, s, corpus())
	all := export(t, s, verbatim.SearchQuery{})
	if len(all) != 11 {
		t.Fatalf("exported %d quotes; want 11", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i].QuoteID <= all[i-1].QuoteID {
			t.Errorf("export out of order at %d", i)
		}
	}
	for _, h := range all {
		if h.URL == "" || h.Outlet == "" || h.Published.IsZero() || h.Speaker == "" || h.Text == "" {
			t.Errorf("exported quote lacks a field: %+v", h)
		}
	}
	// Stopping early is allowed and releases the cursor: the store is
	// still usable afterwards.
	n := 0
	for _, err := range s.Export(ctxT(t), verbatim.SearchQuery{}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 2 {
			break
		}
	}
	if got := export(t, s, verbatim.SearchQuery{Limit: 3}); len(got) != 3 {
		t.Errorf("export with limit 3 gave %d", len(got))
	}
	if _, err := s.SaveArticle(ctxT(t), corpus()[0].article()); err != nil {
		t.Errorf("save after an abandoned export: %v", err)
	}
	// A cancelled context ends the stream with an error.
	ctx, cancel := context.WithCancel(ctxT(t))
	cancel()
	var err error
	for _, e := range s.Export(ctx, verbatim.SearchQuery{}) {
		if e != nil {
			err = e
			break
		}
	}
	if err == nil {
		t.Error("export with a cancelled context succeeded")
	}
}

func testSpeakerIdentity(t *testing.T, s verbatim.Store) {
	ctx := ctxT(t)
	docs := corpus()
	var decisions [][]verbatim.SpeakerDecision
	for _, d := range docs {
		r, err := s.SaveArticle(ctx, d.article())
		if err != nil {
			t.Fatal(err)
		}
		decisions = append(decisions, r.Speakers)
	}
	rules := func(ds []verbatim.SpeakerDecision) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Name+"="+d.Rule)
			if d.Reason == "" || d.SpeakerID == 0 {
				t.Errorf("decision %+v lacks a reason or speaker", d)
			}
		}
		return out
	}
	wantRules := [][]string{
		{"Mark Rutte=new", "NATO=new"},
		{"Mark Rutte=same-name"},
		{"Mark Rutte=same-outlet"},
		{"Anna Rutte=new-different-first-name", "North Atlantic Treaty Organization=acronym"},
		{"Rutte=new-ambiguous"},
	}
	for i, ds := range decisions {
		if got := rules(ds); !slices.Equal(got, wantRules[i]) {
			t.Errorf("article %d decisions %q; want %q", i, got, wantRules[i])
		}
	}

	sps, err := s.Speakers(ctx, verbatim.SpeakerQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Name   string
		Type   verbatim.SpeakerType
		Quotes int
	}
	var got []row
	for _, sp := range sps {
		got = append(got, row{sp.Name, sp.Type, sp.Quotes})
	}
	want := []row{
		{"Mark Rutte", verbatim.Person, 5},
		{"North Atlantic Treaty Organization", verbatim.Organization, 2},
		{"Anna Rutte", verbatim.Person, 1},
		{"Rutte", verbatim.Person, 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("speakers %+v; want %+v", got, want)
	}
	mark := sps[0]
	if !slices.Contains(mark.Roles, "NATO Secretary General") || !slices.Contains(mark.Aliases, "Rutte") {
		t.Errorf("Mark Rutte has aliases %q roles %q", mark.Aliases, mark.Roles)
	}
	if !slices.Contains(sps[1].Aliases, "NATO") {
		t.Errorf("the organisation's aliases %q lack its acronym", sps[1].Aliases)
	}
	for _, c := range []struct {
		q    verbatim.SpeakerQuery
		want int
	}{
		{verbatim.SpeakerQuery{Name: "Rutte"}, 3},
		{verbatim.SpeakerQuery{Name: "Mark Rutte"}, 1},
		{verbatim.SpeakerQuery{Name: "Rutte", Limit: 2}, 2},
		{verbatim.SpeakerQuery{Type: verbatim.Organization}, 1},
		{verbatim.SpeakerQuery{Name: "Nobody"}, 0},
	} {
		sps, err := s.Speakers(ctx, c.q)
		if err != nil || len(sps) != c.want {
			t.Errorf("speakers %+v: %d, %v; want %d", c.q, len(sps), err, c.want)
		}
	}
}

func testSpeakerProfile(t *testing.T, s verbatim.Store) {
	ctx := ctxT(t)
	saveAll(t, s, corpus())
	mark := speakerNamed(t, s, "Mark Rutte")
	p, err := s.Speaker(ctx, mark.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Mark Rutte" || p.Quotes != 5 {
		t.Errorf("profile %+v", p.Speaker)
	}
	if want := []verbatim.OutletCount{{Outlet: "Reuters", Quotes: 3}, {Outlet: "AP", Quotes: 2}}; !slices.Equal(p.Outlets, want) {
		t.Errorf("outlets %+v; want %+v", p.Outlets, want)
	}
	if len(p.Latest) != 3 || p.Latest[0].Published != day(9) || p.Latest[2].Published != day(5) {
		t.Errorf("latest %+v; want 3 newest first", p.Latest)
	}
	if _, err := s.Speaker(ctx, 1<<40, 1); !errors.Is(err, verbatim.ErrNotFound) {
		t.Errorf("missing speaker: %v; want ErrNotFound", err)
	}
}

func testOutlets(t *testing.T, s verbatim.Store) {
	saveAll(t, s, corpus())
	os, err := s.Outlets(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Name, Domain     string
		Articles, Quotes int
	}
	var got []row
	for _, o := range os {
		got = append(got, row{o.Name, o.Domain, o.Articles, o.Quotes})
		if o.ID == 0 {
			t.Errorf("outlet %q without id", o.Name)
		}
	}
	want := []row{{"Reuters", "reuters.example", 2, 5}, {"AP", "apnews.example", 2, 4}, {"BBC", "bbc.example", 1, 2}}
	if !slices.Equal(got, want) {
		t.Errorf("outlets %+v; want %+v", got, want)
	}
}

func testConcurrent(t *testing.T, s verbatim.Store) {
	docs := corpus()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range docs {
				d := docs[(i+w)%len(docs)]
				var err error
				if w%2 == 0 {
					_, err = s.SaveArticle(ctxT(t), d.article())
				} else {
					_, err = s.SaveArticles(ctxT(t), []*verbatim.StoredArticle{d.article(), docs[0].article()})
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	sn := snap(t, s)
	if len(sn.Quotes) != 11 {
		t.Errorf("%d quotes after concurrent saves; want 11", len(sn.Quotes))
	}
	arts := 0
	for _, o := range sn.Outlets {
		arts += o.Articles
	}
	if arts != len(docs) {
		t.Errorf("%d articles after concurrent saves; want %d", arts, len(docs))
	}
	// Which identities form depends on the order the articles arrive in;
	// that two savers create the same identity twice must never happen.
	names := map[string]bool{}
	for _, sp := range sn.Speakers {
		if names[sp.Name] {
			t.Errorf("two speakers named %q after concurrent saves", sp.Name)
		}
		names[sp.Name] = true
	}
}
