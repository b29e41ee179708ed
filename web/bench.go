package web

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// BenchConfig configures a load check of a running server.
type BenchConfig struct {
	// BaseURL is the server, e.g. "http://127.0.0.1:8080".
	BaseURL string
	// Clients run concurrently, each one request at a time.
	Clients  int
	Duration time.Duration
	// ServerPID, when set, is the server's process, whose memory is
	// reported from /proc (Linux).
	ServerPID int
	Seed      uint64
}

// BenchReport is what a load check measured.
type BenchReport struct {
	Articles, Quotes int
	Clients          int
	Duration         time.Duration
	Requests         int
	// Errors are transport failures and responses other than 200.
	Errors             int
	Throughput         float64 // requests per second
	P50, P90, P99, Max time.Duration
	// ByKind holds the latencies of each kind of request.
	ByKind []BenchKind
	// Server memory (Linux, 0 when unknown): the resident set at its
	// peak, and now split into anonymous memory (the Go heap, SQLite's
	// page caches) and file pages (the database, memory-mapped, shared
	// with the page cache); and the Go heap in use from /metrics.
	PeakRSS, RSSAnon, RSSFile, HeapInuse int64
	// ServerCores is the server's CPU time during the run over its
	// duration (Linux, 0 when unknown): how many cores it kept busy.
	ServerCores float64
}

// BenchKind is the latency of one kind of request.
type BenchKind struct {
	Kind     string
	Requests int
	Errors   int
	P50, P99 time.Duration
}

// String formats the report for a terminal.
func (r BenchReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "store        %d articles, %d quotes\n", r.Articles, r.Quotes)
	fmt.Fprintf(&b, "load         %d clients for %v on loopback\n", r.Clients, r.Duration.Round(time.Second))
	fmt.Fprintf(&b, "requests     %d, %d errors, %.0f requests/s\n", r.Requests, r.Errors, r.Throughput)
	fmt.Fprintf(&b, "latency      p50 %v, p90 %v, p99 %v, max %v\n", r.P50.Round(10*time.Microsecond),
		r.P90.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), r.Max.Round(time.Millisecond))
	for _, k := range r.ByKind {
		fmt.Fprintf(&b, "  %-14s %6d requests, %d errors, p50 %v, p99 %v\n", k.Kind, k.Requests, k.Errors,
			k.P50.Round(10*time.Microsecond), k.P99.Round(10*time.Microsecond))
	}
	if r.ServerCores > 0 {
		fmt.Fprintf(&b, "server CPU   %.2f cores busy\n", r.ServerCores)
	}
	if r.PeakRSS > 0 {
		fmt.Fprintf(&b, "server RSS   %.0f MB anonymous + %.0f MB mapped database file now; peak %.0f MB\n",
			float64(r.RSSAnon)/1e6, float64(r.RSSFile)/1e6, float64(r.PeakRSS)/1e6)
	}
	if r.HeapInuse > 0 {
		fmt.Fprintf(&b, "server heap  %.0f MB in use\n", float64(r.HeapInuse)/1e6)
	}
	return b.String()
}

// benchPool is what the requests are drawn from: words of stored quotes,
// and the articles, speakers and outlets that searches for them return.
type benchPool struct {
	words    []string
	articles []int64
	speakers []int64
	outlets  []string
}

// Bench runs a mix of page and API requests against a server: searches
// for words of stored quotes (some with a filter), article pages, speaker
// pages and API searches, from Clients concurrent clients for Duration.
func Bench(ctx context.Context, cfg BenchConfig) (BenchReport, error) {
	r := BenchReport{Clients: cfg.Clients, Duration: cfg.Duration}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConnsPerHost: cfg.Clients, MaxConnsPerHost: cfg.Clients, DisableCompression: true}}
	defer client.CloseIdleConnections()
	var home apiHome
	if err := getJSON(ctx, client, cfg.BaseURL+"/api/home", &home); err != nil {
		return r, err
	}
	r.Articles, r.Quotes = home.Articles, home.Quotes
	pool, err := samplePool(ctx, client, cfg.BaseURL, cfg.Seed)
	if err != nil {
		return r, err
	}

	type sample struct {
		kind string
		d    time.Duration
		ok   bool
	}
	results := make([][]sample, cfg.Clients)
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	cpu0 := procCPU(cfg.ServerPID)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range cfg.Clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(cfg.Seed, uint64(c)))
			for ctx.Err() == nil {
				kind, path := pool.request(rng)
				t := time.Now()
				ok := fetch(ctx, client, cfg.BaseURL+path)
				if ctx.Err() != nil {
					return // cut off by the end of the run: not a result
				}
				results[c] = append(results[c], sample{kind, time.Since(t), ok})
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if cpu1 := procCPU(cfg.ServerPID); cpu0 > 0 && cpu1 > cpu0 {
		r.ServerCores = (cpu1 - cpu0).Seconds() / elapsed.Seconds()
	}

	var all []time.Duration
	byKind := map[string][]time.Duration{}
	errs := map[string]int{}
	for _, rs := range results {
		for _, s := range rs {
			all = append(all, s.d)
			byKind[s.kind] = append(byKind[s.kind], s.d)
			if !s.ok {
				r.Errors++
				errs[s.kind]++
			}
		}
	}
	r.Requests = len(all)
	r.Throughput = float64(len(all)) / elapsed.Seconds()
	r.P50, r.P90, r.P99, r.Max = pct(all, 0.5), pct(all, 0.9), pct(all, 0.99), pct(all, 1)
	for _, k := range sortedKinds(byKind) {
		ds := byKind[k]
		r.ByKind = append(r.ByKind, BenchKind{Kind: k, Requests: len(ds), Errors: errs[k], P50: pct(ds, 0.5), P99: pct(ds, 0.99)})
	}
	if cfg.ServerPID > 0 {
		r.PeakRSS, r.RSSAnon, r.RSSFile = procMemory(cfg.ServerPID)
	}
	r.HeapInuse = scrapeGauge(context.Background(), client, cfg.BaseURL+"/metrics", "go_memstats_heap_inuse_bytes")
	return r, nil
}

func sortedKinds(m map[string][]time.Duration) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// request draws one request of the mix.
func (p *benchPool) request(rng *rand.Rand) (kind, path string) {
	word := func() string { return p.words[rng.IntN(len(p.words))] }
	switch x := rng.IntN(100); {
	case x < 30:
		return "search", "/search?q=" + url.QueryEscape(word())
	case x < 35:
		return "search", "/search?q=" + url.QueryEscape(word()+" "+word())
	case x < 40 && len(p.outlets) > 0:
		return "search+filter", "/search?q=" + url.QueryEscape(word()) + "&outlet=" + url.QueryEscape(p.outlets[rng.IntN(len(p.outlets))])
	case x < 45 && len(p.speakers) > 0:
		return "search+filter", "/search?q=" + url.QueryEscape(word()) + "&speaker_id=" + strconv.FormatInt(p.speakers[rng.IntN(len(p.speakers))], 10)
	case x < 70:
		return "article", "/articles/" + strconv.FormatInt(p.articles[rng.IntN(len(p.articles))], 10)
	case x < 90 && len(p.speakers) > 0:
		return "speaker", "/speakers/" + strconv.FormatInt(p.speakers[rng.IntN(len(p.speakers))], 10)
	}
	return "api-search", "/api/search?q=" + url.QueryEscape(word())
}

// samplePool reads the newest quotes for words, then searches for some of
// them to collect articles, speakers and outlets across the store.
func samplePool(ctx context.Context, client *http.Client, base string, seed uint64) (*benchPool, error) {
	p := &benchPool{}
	var res apiSearch
	if err := getJSON(ctx, client, base+"/api/search?sort=newest&limit=100", &res); err != nil {
		return nil, err
	}
	seenW := map[string]bool{}
	addHits := func(hs []apiHit, words bool) {
		for _, h := range hs {
			p.articles = append(p.articles, h.ArticleID)
			if h.SpeakerID != 0 {
				p.speakers = append(p.speakers, int64(h.SpeakerID))
			}
			if !slices.Contains(p.outlets, h.Outlet) {
				p.outlets = append(p.outlets, h.Outlet)
			}
			if !words {
				continue
			}
			for _, w := range strings.FieldsFunc(h.Text, func(r rune) bool {
				return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127)
			}) {
				if w = strings.ToLower(w); len(w) > 2 && !seenW[w] {
					seenW[w] = true
					p.words = append(p.words, w)
				}
			}
		}
	}
	addHits(res.Hits, true)
	if len(p.words) == 0 {
		return nil, fmt.Errorf("bench: the store has no quotes to search for")
	}
	rng := rand.New(rand.NewPCG(seed, 99))
	for range 40 {
		w := p.words[rng.IntN(len(p.words))]
		if err := getJSON(ctx, client, base+"/api/search?limit=100&q="+url.QueryEscape(w), &res); err != nil {
			return nil, err
		}
		addHits(res.Hits, false)
	}
	return p, nil
}

func getJSON(ctx context.Context, client *http.Client, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("bench: GET %s: %s", u, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// fetch gets a page whole, as a browser would, and reports a 200.
func fetch(ctx context.Context, client *http.Client, u string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return false
	}
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return err == nil && resp.StatusCode == http.StatusOK
}

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(p*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

// procCPU reads the user and system CPU time a process has used from
// /proc/PID/stat (Linux), or 0.
func procCPU(pid int) time.Duration {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may hold spaces; the fields
	// after it are numbered from 3: utime is 14, stime 15.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, e1 := strconv.ParseInt(f[11], 10, 64)
	stime, e2 := strconv.ParseInt(f[12], 10, 64)
	if e1 != nil || e2 != nil {
		return 0
	}
	// Clock ticks are 100 a second on Linux for every architecture Go
	// supports (USER_HZ).
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// procMemory reads a process's peak resident set size and its current
// anonymous and file-backed parts from /proc/PID/status.
func procMemory(pid int) (peak, anon, file int64) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) < 1 {
			continue
		}
		n, _ := strconv.ParseInt(f[0], 10, 64)
		switch k {
		case "VmHWM":
			peak = n * 1024
		case "RssAnon":
			anon = n * 1024
		case "RssFile":
			file = n * 1024
		}
	}
	return peak, anon, file
}

// scrapeGauge reads one unlabelled value from a Prometheus text page.
func scrapeGauge(ctx context.Context, client *http.Client, u, name string) int64 {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return int64(f)
		}
	}
	return 0
}
