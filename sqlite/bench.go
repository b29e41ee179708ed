package sqlite

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"time"

	"verbatim"
)

// BenchReport is what BenchSearch measured.
type BenchReport struct {
	Path     string
	Quotes   int
	Articles int
	// Generated counts the quotes this run wrote; an existing corpus is
	// reused and only topped up.
	Generated  int
	InsertTime time.Duration
	// InsertRate is quotes saved per second, through SaveArticles with
	// speaker resolution, entities and the full-text index.
	InsertRate float64
	FileBytes  int64
	// Queries were run after a warm-up; the percentiles are of their
	// wall-clock latency for a first page of 20 hits, hits loaded.
	Queries            int
	P50, P90, P99, Max time.Duration
	MeanHits           float64
	// Common are queries for the ten most frequent words of the corpus,
	// the worst case for ranking (every window is full), measured
	// apart from the mix.
	CommonQueries        int
	CommonP50, CommonP99 time.Duration
}

// String formats the report for a terminal, one line per measurement.
func (r BenchReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "corpus: %d quotes in %d articles, %.0f MB (%s)\n", r.Quotes, r.Articles, float64(r.FileBytes)/1e6, r.Path)
	if r.Generated > 0 {
		fmt.Fprintf(&b, "insert: %d quotes in %v, %.0f quotes/s\n", r.Generated, r.InsertTime.Round(time.Millisecond), r.InsertRate)
	}
	fmt.Fprintf(&b, "search: %d queries, p50 %v, p90 %v, p99 %v, max %v, %.0f hits on average\n",
		r.Queries, r.P50.Round(time.Microsecond), r.P90.Round(time.Microsecond), r.P99.Round(time.Microsecond),
		r.Max.Round(time.Microsecond), r.MeanHits)
	fmt.Fprintf(&b, "most frequent words: %d queries, p50 %v, p99 %v\n", r.CommonQueries,
		r.CommonP50.Round(time.Microsecond), r.CommonP99.Round(time.Microsecond))
	return b.String()
}

// BenchSearch makes sure the SQLite file at path holds at least n synthetic
// quotes, generating what is missing (the corpus is deterministic, so an
// interrupted run continues where it stopped), then runs a mix of search
// queries and reports their latency. The file is a normal store; keep it out
// of the repository.
func BenchSearch(ctx context.Context, path string, n, queries int) (BenchReport, error) {
	r := BenchReport{Path: path}
	s, err := Open(ctx, path)
	if err != nil {
		return r, err
	}
	defer s.Close()
	g := newCorpus()
	have, err := s.count(ctx, `SELECT count(*) FROM articles`)
	if err != nil {
		return r, err
	}
	want := (n + quotesPerArticle - 1) / quotesPerArticle
	start := time.Now()
	const batch = 250
	for i := have; i < want; i += batch {
		var as []*verbatim.StoredArticle
		for j := i; j < min(i+batch, want); j++ {
			as = append(as, g.article(j))
		}
		if _, err := s.SaveArticles(ctx, as); err != nil {
			return r, fmt.Errorf("bench: generate: %w", err)
		}
		r.Generated += len(as) * quotesPerArticle
	}
	if r.Generated > 0 {
		r.InsertTime = time.Since(start)
		r.InsertRate = float64(r.Generated) / r.InsertTime.Seconds()
		// Let the optimizer know the tables' shapes, as a long-lived
		// store would after PRAGMA optimize.
		for _, q := range []string{`PRAGMA optimize`, `PRAGMA wal_checkpoint(TRUNCATE)`} {
			if _, err := s.w.ExecContext(ctx, q); err != nil {
				return r, fmt.Errorf("bench: %s: %w", q, err)
			}
		}
	}
	if r.Quotes, err = s.count(ctx, `SELECT count(*) FROM quotes`); err != nil {
		return r, err
	}
	if r.Articles, err = s.count(ctx, `SELECT count(*) FROM articles`); err != nil {
		return r, err
	}
	if fi, err := os.Stat(path); err == nil {
		r.FileBytes = fi.Size()
	}

	rng := rand.New(rand.NewPCG(7, uint64(queries)))
	mix := make([]verbatim.SearchQuery, queries)
	for i := range mix {
		mix[i] = g.query(rng, want)
	}
	warm := min(queries, 100)
	if _, _, err := runQueries(ctx, s, mix[:warm]); err != nil {
		return r, err
	}
	lat, hits, err := runQueries(ctx, s, mix)
	if err != nil {
		return r, err
	}
	r.Queries = len(lat)
	r.P50, r.P90, r.P99, r.Max = percentile(lat, 0.50), percentile(lat, 0.90), percentile(lat, 0.99), percentile(lat, 1)
	r.MeanHits = float64(hits) / float64(max(1, r.Queries))

	var common []verbatim.SearchQuery
	for range 5 {
		for w := range 10 {
			common = append(common, verbatim.SearchQuery{Text: g.words[w]})
		}
	}
	lat, _, err = runQueries(ctx, s, common)
	if err != nil {
		return r, err
	}
	r.CommonQueries = len(lat)
	r.CommonP50, r.CommonP99 = percentile(lat, 0.5), percentile(lat, 0.99)
	return r, nil
}

func (s *Store) count(ctx context.Context, q string) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, q).Scan(&n); err != nil {
		return 0, fmt.Errorf("bench: %s: %w", q, err)
	}
	return n, nil
}

func runQueries(ctx context.Context, s *Store, qs []verbatim.SearchQuery) ([]time.Duration, int, error) {
	lat := make([]time.Duration, 0, len(qs))
	hits := 0
	for _, q := range qs {
		t := time.Now()
		page, err := s.Search(ctx, q)
		if err != nil {
			return nil, 0, fmt.Errorf("bench: query %+v: %w", q, err)
		}
		lat = append(lat, time.Since(t))
		hits += len(page.Hits)
	}
	return lat, hits, nil
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(p*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

// The synthetic corpus: a vocabulary with a Zipf distribution, as natural
// language has, so that some words occur in a large share of the quotes
// and most in few; people from a fixed pool, several sharing surnames;
// outlets and dates spread evenly.
const (
	quotesPerArticle = 20
	vocabulary       = 30000
	people           = 5000
	outlets          = 50
)

var (
	benchFirst = strings.Fields(`Anna Mark Olaf Maria Pedro Giorgia Emmanuel Ursula Jens Sanna Mette Kaja Andrej
		Viktor Petr Robert Donald Joe Kamala Keir Rishi Justin Narendra Xi Vladimir Volodymyr Recep Benjamin Ali Fatima
		Aiko Hiroshi Chen Li Ngozi Kofi Amina Carlos Lucia Sofia Jonas Emma Lars Ingrid Tomas Eva Paolo Chiara Ahmed Leila`)
	benchSurnames = func() []string {
		syl := strings.Fields(`ber kov han sen mar tel lin dor vas qui ston rak pel mun gor tes bri fal nor wen`)
		var out []string
		for _, a := range syl {
			for _, b := range syl {
				out = append(out, strings.ToUpper(a[:1])+a[1:]+b)
			}
		}
		return out // 400 surnames: 5000 people share them
	}()
)

type corpus struct {
	words []string
	rank  map[string]int
}

func newCorpus() *corpus {
	syl := strings.Fields(`ka lo mi ne ru ta shi po de fa gu ri so ve na tu be zo li ma`)
	words := make([]string, vocabulary)
	for i := range words {
		// Distinct pseudo-words, shorter for the frequent ones.
		var b strings.Builder
		for x := i + 1; x > 0; x /= len(syl) {
			b.WriteString(syl[x%len(syl)])
		}
		if i >= len(syl) {
			b.WriteString("n")
		}
		words[i] = b.String()
	}
	rank := make(map[string]int, len(words))
	for i, w := range words {
		rank[w] = i
	}
	return &corpus{words: words, rank: rank}
}

func (c *corpus) zipf(rng *rand.Rand) *rand.Zipf {
	return rand.NewZipf(rng, 1.07, 1, vocabulary-1)
}

func personName(p int) string {
	return benchFirst[p%len(benchFirst)] + " " + benchSurnames[(p/len(benchFirst)+p*7)%len(benchSurnames)]
}

// article returns synthetic article i; the same i always gives the same
// article.
func (c *corpus) article(i int) *verbatim.StoredArticle {
	rng := rand.New(rand.NewPCG(uint64(i), 0x5eed))
	z := c.zipf(rng)
	outlet := i % outlets
	published := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 31 * time.Minute)
	nSpeakers := 3 + rng.IntN(4)
	var who []int
	for range nSpeakers {
		who = append(who, rng.IntN(people))
	}
	var text strings.Builder
	an := &verbatim.Analysis{ID: fmt.Sprint(i), Lang: "en"}
	for k, p := range who {
		an.Entities = append(an.Entities, verbatim.Entity{ID: k, Name: personName(p), Type: verbatim.EntityPerson})
	}
	for q := range quotesPerArticle {
		k := rng.IntN(len(who))
		name := personName(who[k])
		var content strings.Builder
		for w := range 8 + rng.IntN(23) {
			if w > 0 {
				content.WriteByte(' ')
			}
			content.WriteString(c.words[z.Uint64()])
		}
		kind := verbatim.Direct
		switch x := rng.IntN(20); {
		case x < 7:
			kind = verbatim.Indirect
		case x < 10:
			kind = verbatim.Mixed
		}
		if q > 0 {
			text.WriteString("\n\n")
		}
		spStart := text.Len()
		text.WriteString(name)
		spEnd := text.Len()
		text.WriteString(" ")
		cueStart := text.Len()
		text.WriteString("said")
		cueEnd := text.Len()
		text.WriteString(` that "`)
		cStart := text.Len()
		text.WriteString(content.String())
		cEnd := text.Len()
		text.WriteString(`".`)
		quote := verbatim.Quote{Kind: kind, CueLemma: "say", SpeakerRef: name, SpeakerType: verbatim.Person, Entity: k}
		quote.Content = verbatim.Span{Start: cStart, End: cEnd, Text: content.String()}
		quote.Cue = &verbatim.Span{Start: cueStart, End: cueEnd, Text: "said"}
		quote.Speaker = &verbatim.Span{Start: spStart, End: spEnd, Text: name}
		an.Quotes = append(an.Quotes, quote)
		an.Entities[k].Quotes++
		an.Entities[k].Mentions = append(an.Entities[k].Mentions, *quote.Speaker)
	}
	return &verbatim.StoredArticle{
		URL:       fmt.Sprintf("https://outlet%d.bench.example/%d", outlet, i),
		Outlet:    fmt.Sprintf("Outlet %d", outlet),
		Title:     fmt.Sprintf("Article %d", i),
		Lang:      "en",
		Published: published,
		Text:      text.String(),
		Analysis:  an,
	}
}

// query returns a search as a user might type it: mostly one or two topical
// words (the hundred most frequent words, the corpus's "the" and "said", are
// left to the separate worst case), some phrases, some with filters.
func (c *corpus) query(rng *rand.Rand, articles int) verbatim.SearchQuery {
	// Log-uniform over ranks 100..vocabulary: frequent words are asked for
	// more often than rare ones, as with real searches.
	word := func() string {
		lo, hi := math.Log(100), math.Log(vocabulary)
		return c.words[int(math.Exp(lo+rng.Float64()*(hi-lo)))]
	}
	q := verbatim.SearchQuery{Limit: 20}
	switch x := rng.IntN(10); {
	case x < 5:
		q.Text = word()
	case x < 7:
		q.Text = word() + " " + word()
	case x < 8:
		// Two adjacent words of a stored quote as a phrase, neither of
		// them among the hundred most frequent: "climate change", not
		// "of the".
		for q.Text == "" {
			a := c.article(rng.IntN(max(1, articles)))
			ws := strings.Fields(a.Analysis.Quotes[rng.IntN(quotesPerArticle)].Content.Text)
			j := rng.IntN(len(ws) - 1)
			if c.rank[ws[j]] >= 100 && c.rank[ws[j+1]] >= 100 {
				q.Text = `"` + ws[j] + " " + ws[j+1] + `"`
			}
		}
	case x < 9:
		q.Text = word()
		switch rng.IntN(3) {
		case 0:
			q.Outlet = fmt.Sprintf("Outlet %d", rng.IntN(outlets))
		case 1:
			q.Kind = verbatim.Indirect
		default:
			q.Since = time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC)
			q.Until = q.Since.AddDate(0, 3, 0)
		}
	default:
		q.Text = word()
		q.Speaker = benchSurnames[rng.IntN(len(benchSurnames))]
	}
	return q
}
