package web

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"verbatim"
)

// The statistics index. The Store answers searches and loads records, but
// has no aggregates yet: quotes of a speaker per month, the speakers quoted
// in the same articles, an outlet's speaker types over time, an outlet's
// articles, the most quoted speakers of the week. The server derives them
// from one pass of Store.Export over every quote, kept as compact facts (24
// bytes a quote) grouped by article, speaker and outlet, so that each page
// needs no scan of the store. The store should provide these later; until
// then a rebuild follows every change the server sees.

// fact is one stored quote, as the statistics need it.
type fact struct {
	quote   int64
	article int32 // index into stats.arts
	speaker int32 // index into stats.sps, -1 when the speaker has no identity
	hour    int32 // publication time in hours since the Unix epoch, noHour when unknown
	stype   uint8 // index into speakerTypes
	kind    uint8 // index into quoteKinds
}

// noHour marks a quote of an undated article.
const noHour = math.MinInt32

// speakerTypes are the speaker types in the order the mix charts show them;
// the last one collects quotes without a speaker type.
var speakerTypes = []verbatim.SpeakerType{verbatim.Person, verbatim.Organization, verbatim.Anonymous, verbatim.OtherSpeaker}

var quoteKinds = []verbatim.QuoteKind{verbatim.Direct, verbatim.Mixed, verbatim.Indirect}

func typeIndex(t verbatim.SpeakerType) uint8 {
	if i := slices.Index(speakerTypes, t); i >= 0 {
		return uint8(i)
	}
	return uint8(len(speakerTypes) - 1)
}

func kindIndex(k verbatim.QuoteKind) uint8 {
	if i := slices.Index(quoteKinds, k); i >= 0 {
		return uint8(i)
	}
	return uint8(len(quoteKinds) - 1)
}

type artMeta struct {
	id        int64
	title     string
	url       string
	published time.Time
	outlet    int32
	// first and n locate the article's facts in stats.byArticle.
	first, n int32
}

type spMeta struct {
	id    int64
	name  string
	stype verbatim.SpeakerType
	// first and n locate the speaker's facts, oldest first, in
	// stats.bySpeaker.
	first, n int32
}

type outletMeta struct {
	name string
	// articles are indexes into stats.arts, newest first.
	articles []int32
	// mix counts the outlet's dated quotes per month and speaker type;
	// total counts all its quotes per speaker type, undated ones too.
	mix   map[int32]*[4]int
	total [4]int
}

// stats is one immutable build of the index; a rebuild replaces it whole.
type stats struct {
	built, started time.Time
	took           time.Duration
	// articles and quotes are the store's totals when the build started,
	// compared with the current ones to see whether the store changed.
	articles, quotes int

	facts     []fact
	arts      []artMeta
	artIdx    map[int64]int32
	byArticle []int32
	sps       []spMeta
	spIdx     map[int64]int32
	bySpeaker []int32
	outlets   []outletMeta
	outletIdx map[string]int32 // by lower-case name

	// memo caches answers derived from this build (co-quoted speakers,
	// the week's most quoted), which stay true as long as it does.
	memoMu sync.Mutex
	memo   map[string]any
}

// state names how far the statistics are, for /healthz and the pages.
func (st *stats) state() string {
	if st == nil {
		return "building"
	}
	return "ready"
}

// storeTotals sums the store's outlet counters: a cheap question whose
// answer changes whenever articles or quotes are added or removed.
func storeTotals(ctx context.Context, store verbatim.Store) (articles, quotes int, err error) {
	os, err := store.Outlets(ctx)
	if err != nil {
		return 0, 0, err
	}
	for _, o := range os {
		articles += o.Articles
		quotes += o.Quotes
	}
	return articles, quotes, nil
}

func hourOf(t time.Time) int32 {
	if t.IsZero() {
		return noHour
	}
	h := t.Unix() / 3600
	if h <= noHour || h > math.MaxInt32 {
		return noHour
	}
	return int32(h)
}

func timeOfHour(h int32) time.Time { return time.Unix(int64(h)*3600, 0).UTC() }

// monthOf is a month as a number: year*12 + month-1.
func monthOf(h int32) int32 {
	t := timeOfHour(h)
	return int32(t.Year()*12 + int(t.Month()) - 1)
}

func monthTime(m int32) time.Time {
	return time.Date(int(m/12), time.Month(m%12+1), 1, 0, 0, 0, 0, time.UTC)
}

// buildStats reads every quote of the store once and builds the index.
func buildStats(ctx context.Context, store verbatim.Store) (*stats, error) {
	st := &stats{started: time.Now(), artIdx: map[int64]int32{}, spIdx: map[int64]int32{}, outletIdx: map[string]int32{}}
	var err error
	if st.articles, st.quotes, err = storeTotals(ctx, store); err != nil {
		return nil, err
	}
	st.facts = make([]fact, 0, st.quotes)
	for h, err := range store.Export(ctx, verbatim.SearchQuery{}) {
		if err != nil {
			return nil, err
		}
		ai, ok := st.artIdx[h.ArticleID]
		if !ok {
			oi, ok := st.outletIdx[strings.ToLower(h.Outlet)]
			if !ok {
				oi = int32(len(st.outlets))
				st.outlets = append(st.outlets, outletMeta{name: h.Outlet, mix: map[int32]*[4]int{}})
				st.outletIdx[strings.ToLower(h.Outlet)] = oi
			}
			ai = int32(len(st.arts))
			st.arts = append(st.arts, artMeta{id: h.ArticleID, title: h.Title, url: h.URL, published: h.Published, outlet: oi})
			st.artIdx[h.ArticleID] = ai
		}
		si := int32(-1)
		if h.SpeakerID != 0 {
			if si, ok = st.spIdx[h.SpeakerID]; !ok {
				si = int32(len(st.sps))
				st.sps = append(st.sps, spMeta{id: h.SpeakerID, name: h.Speaker, stype: h.SpeakerType})
				st.spIdx[h.SpeakerID] = si
			}
		}
		f := fact{quote: h.QuoteID, article: ai, speaker: si, hour: hourOf(h.Published),
			stype: typeIndex(h.SpeakerType), kind: kindIndex(h.Kind)}
		st.facts = append(st.facts, f)
		o := &st.outlets[st.arts[ai].outlet]
		o.total[f.stype]++
		if f.hour != noHour {
			m := monthOf(f.hour)
			c := o.mix[m]
			if c == nil {
				c = &[4]int{}
				o.mix[m] = c
			}
			c[f.stype]++
		}
	}
	// Export yields quotes in the order they were stored; the index's
	// lookups by quote id rely on that order.
	if !slices.IsSortedFunc(st.facts, func(a, b fact) int { return cmp.Compare(a.quote, b.quote) }) {
		slices.SortFunc(st.facts, func(a, b fact) int { return cmp.Compare(a.quote, b.quote) })
	}
	st.group()
	st.built = time.Now()
	st.took = st.built.Sub(st.started)
	return st, nil
}

// group sorts fact indexes by article (in quote order) and by speaker (by
// time), a counting sort each, and lists each outlet's articles.
func (st *stats) group() {
	st.byArticle = make([]int32, len(st.facts))
	counts := make([]int32, len(st.arts)+1)
	for _, f := range st.facts {
		counts[f.article+1]++
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	for i := range st.arts {
		st.arts[i].first, st.arts[i].n = counts[i], counts[i+1]-counts[i]
	}
	next := slices.Clone(counts[:len(st.arts)])
	for i, f := range st.facts {
		st.byArticle[next[f.article]] = int32(i)
		next[f.article]++
	}

	counts = make([]int32, len(st.sps)+1)
	named := 0
	for _, f := range st.facts {
		if f.speaker >= 0 {
			counts[f.speaker+1]++
			named++
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	st.bySpeaker = make([]int32, named)
	next = slices.Clone(counts[:len(st.sps)])
	for i, f := range st.facts {
		if f.speaker >= 0 {
			st.bySpeaker[next[f.speaker]] = int32(i)
			next[f.speaker]++
		}
	}
	for i := range st.sps {
		sp := &st.sps[i]
		sp.first, sp.n = counts[i], counts[i+1]-counts[i]
		g := st.bySpeaker[sp.first : sp.first+sp.n]
		slices.SortStableFunc(g, func(a, b int32) int { return cmp.Compare(st.facts[a].hour, st.facts[b].hour) })
	}

	for ai := range st.arts {
		o := &st.outlets[st.arts[ai].outlet]
		o.articles = append(o.articles, int32(ai))
	}
	for i := range st.outlets {
		slices.SortFunc(st.outlets[i].articles, st.newestFirst)
	}
}

// newestFirst orders article indexes by publication time, newest first,
// then by id, newest first.
func (st *stats) newestFirst(a, b int32) int {
	x, y := &st.arts[a], &st.arts[b]
	if c := y.published.Compare(x.published); c != 0 {
		return c
	}
	return cmp.Compare(y.id, x.id)
}

// articleFacts returns the facts of an article, in quote order, or nil.
func (st *stats) articleFacts(id int64) []fact {
	if st == nil {
		return nil
	}
	ai, ok := st.artIdx[id]
	if !ok {
		return nil
	}
	a := st.arts[ai]
	out := make([]fact, a.n)
	for i, fi := range st.byArticle[a.first : a.first+a.n] {
		out[i] = st.facts[fi]
	}
	return out
}

// quoteFact finds a quote by id.
func (st *stats) quoteFact(id int64) (fact, bool) {
	if st == nil {
		return fact{}, false
	}
	i, ok := slices.BinarySearchFunc(st.facts, id, func(f fact, id int64) int { return cmp.Compare(f.quote, id) })
	if !ok {
		return fact{}, false
	}
	return st.facts[i], true
}

func (st *stats) speakerID(si int32) int64 {
	if si < 0 {
		return 0
	}
	return st.sps[si].id
}

// monthCount is a number of quotes in one month.
type monthCount struct {
	Month  time.Time
	Quotes int
}

// speakerMonths counts a speaker's dated quotes per month, every month
// from the first to the last included.
func (st *stats) speakerMonths(id int64) []monthCount {
	if st == nil {
		return nil
	}
	si, ok := st.spIdx[id]
	if !ok {
		return nil
	}
	sp := st.sps[si]
	var out []monthCount
	var first int32
	for _, fi := range st.bySpeaker[sp.first : sp.first+sp.n] {
		h := st.facts[fi].hour
		if h == noHour {
			continue
		}
		m := monthOf(h)
		if out == nil {
			first = m
		}
		for int32(len(out)) <= m-first {
			out = append(out, monthCount{Month: monthTime(first + int32(len(out)))})
		}
		out[m-first].Quotes++
	}
	return out
}

// coQuoted is a speaker quoted in the same articles as another.
type coQuoted struct {
	ID       int64
	Name     string
	Type     verbatim.SpeakerType
	Articles int
}

// coQuotedWith lists the speakers most often quoted in the same articles
// as the speaker, by number of shared articles.
func (st *stats) coQuotedWith(id int64, limit int) []coQuoted {
	if st == nil {
		return nil
	}
	key := "co:" + itoa(id)
	if v, ok := st.memoGet(key); ok {
		return v.([]coQuoted)
	}
	si, ok := st.spIdx[id]
	if !ok {
		return nil
	}
	sp := st.sps[si]
	shared := map[int32]int{}
	seenArt := map[int32]bool{}
	seenSp := map[int32]bool{}
	for _, fi := range st.bySpeaker[sp.first : sp.first+sp.n] {
		ai := st.facts[fi].article
		if seenArt[ai] {
			continue
		}
		seenArt[ai] = true
		a := st.arts[ai]
		clear(seenSp)
		for _, gi := range st.byArticle[a.first : a.first+a.n] {
			o := st.facts[gi].speaker
			if o >= 0 && o != si && !seenSp[o] {
				seenSp[o] = true
				shared[o]++
			}
		}
	}
	out := make([]coQuoted, 0, len(shared))
	for o, n := range shared {
		out = append(out, coQuoted{ID: st.sps[o].id, Name: st.sps[o].name, Type: st.sps[o].stype, Articles: n})
	}
	slices.SortFunc(out, func(a, b coQuoted) int {
		if c := cmp.Compare(b.Articles, a.Articles); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	out = out[:min(limit, len(out))]
	st.memoPut(key, out)
	return out
}

// speakerCount is a speaker with a number of quotes.
type speakerCount struct {
	ID     int64
	Name   string
	Type   verbatim.SpeakerType
	Quotes int
}

// topSpeakersSince lists the speakers with the most quotes published in
// [since, until), most first. The answer is memoised per hour.
func (st *stats) topSpeakersSince(since, until time.Time, limit int) []speakerCount {
	if st == nil {
		return nil
	}
	lo, hi := hourOf(since), hourOf(until)
	key := "top:" + itoa(int64(lo)) + ":" + itoa(int64(hi)) + ":" + itoa(int64(limit))
	if v, ok := st.memoGet(key); ok {
		return v.([]speakerCount)
	}
	counts := map[int32]int{}
	for _, f := range st.facts {
		if f.speaker >= 0 && f.hour != noHour && f.hour >= lo && f.hour < hi {
			counts[f.speaker]++
		}
	}
	out := make([]speakerCount, 0, len(counts))
	for si, n := range counts {
		sp := st.sps[si]
		out = append(out, speakerCount{ID: sp.id, Name: sp.name, Type: sp.stype, Quotes: n})
	}
	slices.SortFunc(out, func(a, b speakerCount) int {
		if c := cmp.Compare(b.Quotes, a.Quotes); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	out = out[:min(limit, len(out))]
	st.memoPut(key, out)
	return out
}

// typeMix is the number of quotes per speaker type in one month, in the
// order of speakerTypes.
type typeMix struct {
	Month  time.Time
	Counts [4]int
}

// Total is the month's number of quotes.
func (m typeMix) Total() int { return m.Counts[0] + m.Counts[1] + m.Counts[2] + m.Counts[3] }

// outletMix returns an outlet's speaker-type mix per month, every month
// from the first to the last included.
func (st *stats) outletMix(name string) []typeMix {
	if st == nil {
		return nil
	}
	oi, ok := st.outletIdx[strings.ToLower(name)]
	if !ok {
		return nil
	}
	o := st.outlets[oi]
	if len(o.mix) == 0 {
		return nil
	}
	months := make([]int32, 0, len(o.mix))
	for m := range o.mix {
		months = append(months, m)
	}
	slices.Sort(months)
	out := make([]typeMix, 0, months[len(months)-1]-months[0]+1)
	for m := months[0]; m <= months[len(months)-1]; m++ {
		tm := typeMix{Month: monthTime(m)}
		if c := o.mix[m]; c != nil {
			tm.Counts = *c
		}
		out = append(out, tm)
	}
	return out
}

// outletTotals counts all of an outlet's quotes per speaker type.
func (st *stats) outletTotals(name string) typeMix {
	if st == nil {
		return typeMix{}
	}
	if oi, ok := st.outletIdx[strings.ToLower(name)]; ok {
		return typeMix{Counts: st.outlets[oi].total}
	}
	return typeMix{}
}

// articleSummary is an article as lists show it.
type articleSummary struct {
	ID        int64
	Title     string
	URL       string
	Outlet    string
	Published time.Time
	Quotes    int
}

func (st *stats) summary(ai int32) articleSummary {
	a := st.arts[ai]
	return articleSummary{ID: a.id, Title: a.title, URL: a.url, Outlet: st.outlets[a.outlet].name,
		Published: a.published, Quotes: int(a.n)}
}

// articleCursor is the position after an article in a newest-first list.
type articleCursor struct {
	published time.Time
	id        int64
}

// outletArticles lists the articles with quotes of an outlet (all outlets
// when name is ""), newest first, after the cursor.
func (st *stats) outletArticles(name string, after *articleCursor, limit int) (out []articleSummary, more bool) {
	if st == nil {
		return nil, false
	}
	var list []int32
	if name == "" {
		list = st.memoAllArticles()
	} else if oi, ok := st.outletIdx[strings.ToLower(name)]; ok {
		list = st.outlets[oi].articles
	}
	start := 0
	if after != nil {
		start, _ = slices.BinarySearchFunc(list, *after, func(ai int32, c articleCursor) int {
			a := &st.arts[ai]
			if x := c.published.Compare(a.published); x != 0 {
				return x
			}
			if a.id > c.id {
				return -1
			}
			if a.id == c.id {
				return -1 // the cursor's own article comes before the page
			}
			return 1
		})
	}
	for _, ai := range list[start:] {
		if len(out) == limit {
			return out, true
		}
		out = append(out, st.summary(ai))
	}
	return out, false
}

func (st *stats) memoAllArticles() []int32 {
	if v, ok := st.memoGet("all-articles"); ok {
		return v.([]int32)
	}
	all := make([]int32, len(st.arts))
	for i := range all {
		all[i] = int32(i)
	}
	slices.SortFunc(all, st.newestFirst)
	st.memoPut("all-articles", all)
	return all
}

func (st *stats) memoGet(key string) (any, bool) {
	st.memoMu.Lock()
	defer st.memoMu.Unlock()
	v, ok := st.memo[key]
	return v, ok
}

func (st *stats) memoPut(key string, v any) {
	st.memoMu.Lock()
	defer st.memoMu.Unlock()
	if st.memo == nil || len(st.memo) > 10000 {
		st.memo = map[string]any{}
	}
	st.memo[key] = v
}

// RefreshStats rebuilds the statistics now, from the store as it is. The
// server does this by itself in the background, at start and when the
// store changes; tests and tools call it to wait for a build.
func (s *Server) RefreshStats(ctx context.Context) error {
	asked := time.Now()
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	if st := s.stats.Load(); st != nil && !st.started.Before(asked) {
		// A build that started after the call has seen every change
		// the caller knows of.
		return nil
	}
	s.statsDirty.Store(false)
	st, err := buildStats(ctx, s.store)
	if err != nil {
		s.statsDirty.Store(true)
		return err
	}
	s.stats.Store(st)
	s.searches.clear()
	s.articles.clear()
	s.profiles.clear()
	s.metrics.statsBuilt(st)
	return nil
}

// markStale notes that the store was written through this server, so that
// the next check rebuilds without waiting for the interval.
func (s *Server) markStale() {
	s.statsDirty.Store(true)
	select {
	case s.statsWake <- struct{}{}:
	default:
	}
}

// statsLoop builds the statistics at start and rebuilds them when the store
// changed: after a write through this server, or when the store's totals
// differ from the build's (another process ingested). A rebuild reads every
// quote, so rebuilds are spaced by at least ten times the last build's
// duration: at most a tenth of the time goes to them.
func (s *Server) statsLoop(ctx context.Context) {
	defer close(s.done)
	if err := s.RefreshStats(ctx); err != nil && ctx.Err() == nil {
		s.log.Error("web: building statistics", "err", err)
	}
	close(s.firstBuild)
	t := time.NewTicker(s.cfg.StatsInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.statsWake:
		}
		st := s.stats.Load()
		if st != nil {
			if wait := time.Until(st.built.Add(max(time.Second, 10*st.took))); wait > 0 {
				select {
				case <-ctx.Done():
					return
				case <-time.After(wait):
				}
			}
		}
		stale := s.statsDirty.Load() || st == nil
		if !stale {
			a, q, err := storeTotals(ctx, s.store)
			stale = err == nil && (a != st.articles || q != st.quotes)
		}
		if stale {
			if err := s.RefreshStats(ctx); err != nil && ctx.Err() == nil {
				s.log.Error("web: rebuilding statistics", "err", err)
			}
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
