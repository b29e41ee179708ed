package web

import (
	"bufio"
	"fmt"
	"hash/maphash"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// metrics counts what the server does, for /metrics in the Prometheus text
// exposition format (version 0.0.4). It is written by hand: a handful of
// counters and one histogram do not need a client library.
type metrics struct {
	start time.Time

	mu       sync.Mutex
	requests map[reqKey]uint64
	latency  map[string]*histogram
	ingested map[string]uint64 // by save status, and "error"
	analyses map[string]uint64 // by outcome

	statsQuotes, statsArticles int
	statsSeconds               float64
	statsBuilds                uint64

	// searchCache is the server's, read for its counters.
	searchCache interface{ counts() (uint64, uint64) }
}

type reqKey struct {
	route string
	code  int
}

// latencyBuckets are the histogram's upper bounds in seconds: fine below
// 50 ms, where a healthy server answers, coarse above.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	n      uint64
}

func newMetrics() *metrics {
	return &metrics{start: time.Now(), requests: map[reqKey]uint64{}, latency: map[string]*histogram{},
		ingested: map[string]uint64{}, analyses: map[string]uint64{}}
}

func (m *metrics) observeRequest(route string, code int, d time.Duration) {
	sec := d.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[reqKey{route, code}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets)+1)}
		m.latency[route] = h
	}
	i, _ := slices.BinarySearch(latencyBuckets, sec)
	h.counts[i]++
	h.sum += sec
	h.n++
}

func (m *metrics) ingest(status string) {
	m.mu.Lock()
	m.ingested[status]++
	m.mu.Unlock()
}

func (m *metrics) analysis(outcome string) {
	m.mu.Lock()
	m.analyses[outcome]++
	m.mu.Unlock()
}

func (m *metrics) statsBuilt(st *stats) {
	m.mu.Lock()
	m.statsQuotes, m.statsArticles, m.statsSeconds = len(st.facts), len(st.arts), st.took.Seconds()
	m.statsBuilds++
	m.mu.Unlock()
}

func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	bw := bufio.NewWriter(w)
	s.metrics.write(bw)
	bw.Flush()
}

func (m *metrics) write(w *bufio.Writer) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.mu.Lock()
	defer m.mu.Unlock()

	head := func(name, typ, help string) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}
	head("verbatim_http_requests_total", "counter", "HTTP requests served, by route pattern and status code.")
	keys := make([]reqKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b reqKey) int {
		if c := strings.Compare(a.route, b.route); c != 0 {
			return c
		}
		return a.code - b.code
	})
	for _, k := range keys {
		fmt.Fprintf(w, "verbatim_http_requests_total{route=%s,code=\"%d\"} %d\n", label(k.route), k.code, m.requests[k])
	}

	head("verbatim_http_request_duration_seconds", "histogram", "Time to serve a request, by route pattern.")
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	for _, r := range routes {
		h := m.latency[r]
		var cum uint64
		for i, b := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "verbatim_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", label(r),
				strconv.FormatFloat(b, 'g', -1, 64), cum)
		}
		fmt.Fprintf(w, "verbatim_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", label(r), h.n)
		fmt.Fprintf(w, "verbatim_http_request_duration_seconds_sum{route=%s} %g\n", label(r), h.sum)
		fmt.Fprintf(w, "verbatim_http_request_duration_seconds_count{route=%s} %d\n", label(r), h.n)
	}

	head("verbatim_ingested_articles_total", "counter", "Articles posted to /api/articles or stored from the home page, by save status.")
	for _, st := range sortedKeys(m.ingested) {
		fmt.Fprintf(w, "verbatim_ingested_articles_total{status=%s} %d\n", label(st), m.ingested[st])
	}
	head("verbatim_analyses_total", "counter", "Texts and URLs analysed, by outcome.")
	for _, o := range sortedKeys(m.analyses) {
		fmt.Fprintf(w, "verbatim_analyses_total{outcome=%s} %d\n", label(o), m.analyses[o])
	}

	head("verbatim_stats_quotes", "gauge", "Quotes in the in-memory statistics index.")
	fmt.Fprintf(w, "verbatim_stats_quotes %d\n", m.statsQuotes)
	head("verbatim_stats_articles", "gauge", "Articles with quotes in the in-memory statistics index.")
	fmt.Fprintf(w, "verbatim_stats_articles %d\n", m.statsArticles)
	head("verbatim_stats_build_seconds", "gauge", "Duration of the last statistics build.")
	fmt.Fprintf(w, "verbatim_stats_build_seconds %g\n", m.statsSeconds)
	head("verbatim_stats_builds_total", "counter", "Statistics builds.")
	fmt.Fprintf(w, "verbatim_stats_builds_total %d\n", m.statsBuilds)

	head("verbatim_search_cache_requests_total", "counter", "Searches answered from the result cache (hit) or the store (miss).")
	h, mi := m.searchCache.counts()
	fmt.Fprintf(w, "verbatim_search_cache_requests_total{result=\"hit\"} %d\n", h)
	fmt.Fprintf(w, "verbatim_search_cache_requests_total{result=\"miss\"} %d\n", mi)

	head("go_goroutines", "gauge", "Goroutines that currently exist.")
	fmt.Fprintf(w, "go_goroutines %d\n", runtime.NumGoroutine())
	head("go_memstats_heap_inuse_bytes", "gauge", "Bytes in in-use heap spans.")
	fmt.Fprintf(w, "go_memstats_heap_inuse_bytes %d\n", ms.HeapInuse)
	head("go_memstats_sys_bytes", "gauge", "Bytes obtained from the system.")
	fmt.Fprintf(w, "go_memstats_sys_bytes %d\n", ms.Sys)
	head("process_start_time_seconds", "gauge", "Start time of the server since the Unix epoch in seconds.")
	fmt.Fprintf(w, "process_start_time_seconds %d\n", m.start.Unix())
}

// label quotes a label value as the exposition format wants it.
func label(v string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(v) + `"`
}

func sortedKeys(m map[string]uint64) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// ttlCache remembers recent answers for a while, the oldest evicted
// first when the entries' total cost exceeds the maximum. The server clears
// it when the store changes.
//
// An answer is kept only when its key was asked for before (the "door
// keeper" of TinyLFU): most queries are asked once, and admitting each
// would evict the popular ones that repeat, so that a stream of one-off
// searches emptied the cache of the searches worth keeping.
type ttlCache[V any] struct {
	mu        sync.Mutex
	max, cost int
	ttl       time.Duration
	byK       map[string]ttlEntry[V]
	keys      []string
	// asked holds hashes of keys put once but not kept; it is emptied
	// when it grows past doorKeys, so that it remembers recent keys only.
	asked map[uint64]struct{}
	seed  maphash.Seed
	// hits and misses are counted for /metrics.
	hits, misses uint64
}

// doorKeys bounds the door keeper's memory of keys asked for once.
const doorKeys = 100000

type ttlEntry[V any] struct {
	v       V
	cost    int
	expires time.Time
}

func newTTLCache[V any](max int, ttl time.Duration) *ttlCache[V] {
	return &ttlCache[V]{max: max, ttl: ttl, byK: map[string]ttlEntry[V]{}, asked: map[uint64]struct{}{},
		seed: maphash.MakeSeed()}
}

func (c *ttlCache[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byK[key]
	if !ok || time.Now().After(e.expires) {
		c.misses++
		var zero V
		return zero, false
	}
	c.hits++
	return e.v, true
}

// put remembers v under key at a cost (for search pages, their hits), if
// the key was put before.
func (c *ttlCache[V]) put(key string, v V, cost int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.byK[key]; ok {
		c.cost -= old.cost
	} else {
		h := maphash.String(c.seed, key)
		if _, ok := c.asked[h]; !ok {
			if len(c.asked) >= doorKeys {
				clear(c.asked)
			}
			c.asked[h] = struct{}{}
			return
		}
		delete(c.asked, h)
		c.keys = append(c.keys, key)
	}
	c.byK[key] = ttlEntry[V]{v: v, cost: cost, expires: time.Now().Add(c.ttl)}
	c.cost += cost
	for c.cost > c.max && len(c.keys) > 1 {
		c.cost -= c.byK[c.keys[0]].cost
		delete(c.byK, c.keys[0])
		c.keys = c.keys[1:]
	}
}

func (c *ttlCache[V]) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.byK)
	clear(c.asked)
	c.keys, c.cost = nil, 0
}

func (c *ttlCache[V]) counts() (hits, misses uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}
