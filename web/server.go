package web

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"verbatim"
	"verbatim/extract"
	"verbatim/ingest"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

//go:embed openapi.json
var openAPIDoc []byte

// Config configures a Server. The zero value serves read-only pages and
// API with the defaults below.
type Config struct {
	// Token is the bearer token that writes require (POST /api/articles,
	// and storing an article from the home page). Empty disables writes.
	Token string
	// AllowPrivate lets URL fetches reach loopback and private addresses,
	// which are refused by default so that a visitor cannot make the
	// server probe the network it runs in.
	AllowPrivate bool
	// Fetcher fetches URLs given to analyse or ingest; nil builds one from
	// AllowPrivate with ingest's defaults.
	Fetcher *ingest.Fetcher
	// MaxBodyBytes bounds a request body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// RequestTimeout bounds a read request; 0 means 10 s.
	RequestTimeout time.Duration
	// WriteTimeout bounds an analysis or an ingest (URL fetch included);
	// 0 means 60 s.
	WriteTimeout time.Duration
	// MaxAnalyses bounds the analyses and ingests running at once (they
	// take a core each); 0 means 2. Requests beyond it get 503.
	MaxAnalyses int
	// MaxReads bounds the read requests (GET) served at once; those
	// beyond it wait their turn in arrival order. 0 means twice the
	// cores. See admit.
	MaxReads int
	// StatsInterval is how often the server checks whether the store
	// changed and its statistics need rebuilding; 0 means 30 s.
	StatsInterval time.Duration
	// Logger receives request errors; nil means slog.Default().
	Logger *slog.Logger
	// Now is the clock ("this week" on the home page); nil means time.Now.
	Now func() time.Time
}

// searchCacheHits bounds the hits the search cache holds: about 50 MB of
// quotes at most.
const searchCacheHits = 100000

// DefaultMaxBodyBytes bounds request bodies: an article's text or HTML is
// far smaller, and a bound keeps one request from filling the memory.
const DefaultMaxBodyBytes = 8 << 20

// Server serves the web app and the JSON API from a store. Create it with
// New, serve it as an http.Handler (or with ListenAndServe), and Close it.
type Server struct {
	store verbatim.Store
	cfg   Config
	log   *slog.Logger
	// ex detects each article's language; extractors holds those for
	// languages clients named (at most 32).
	ex             *extract.Extractor
	extractors     sync.Map
	extractorCount atomic.Int32
	fetcher        *ingest.Fetcher
	mux            *http.ServeMux
	pages          map[string]*pageTemplate
	metrics        *metrics
	// tokenSum is the SHA-256 of the token: comparing fixed-size digests
	// in constant time leaks neither the token nor its length.
	tokenSum [32]byte
	// analyses is a semaphore bounding the CPU spent on analyses and
	// ingests. Store searches have no bound of their own (one that let a
	// few run at once made them queue behind each other under load):
	// reads as a whole are admitted in order (reads, admit).
	analyses chan struct{}
	// reads admits read requests, at most MaxReads at once (see admit).
	reads chan struct{}

	stats       atomic.Pointer[stats]
	statsDirty  atomic.Bool
	statsWake   chan struct{}
	statsMu     sync.Mutex                      // one rebuild at a time
	searches    *ttlCache[*verbatim.SearchPage] // at most searchCacheHits hits
	outletCache outletList
	// articles and profiles remember article pages' and speaker pages'
	// records (recordCache).
	articles *ttlCache[statsBound[cachedArticle]]
	profiles *ttlCache[statsBound[*speakerData]]

	stop context.CancelFunc
	// done is closed when the statistics loop ends, firstBuild when its
	// first build is over.
	done, firstBuild chan struct{}
}

// New returns a server over store and starts building its statistics in
// the background (see RefreshStats).
func New(store verbatim.Store, cfg Config) (*Server, error) {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 10 * time.Second
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = 60 * time.Second
	}
	if cfg.MaxAnalyses <= 0 {
		cfg.MaxAnalyses = 2
	}
	if cfg.MaxReads <= 0 {
		cfg.MaxReads = 2 * runtime.GOMAXPROCS(0)
	}
	if cfg.StatsInterval <= 0 {
		cfg.StatsInterval = 30 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{
		store:      store,
		cfg:        cfg,
		log:        cfg.Logger,
		ex:         extract.New(),
		fetcher:    cfg.Fetcher,
		mux:        http.NewServeMux(),
		metrics:    newMetrics(),
		analyses:   make(chan struct{}, cfg.MaxAnalyses),
		reads:      make(chan struct{}, cfg.MaxReads),
		statsWake:  make(chan struct{}, 1),
		searches:   newTTLCache[*verbatim.SearchPage](searchCacheHits, time.Minute),
		articles:   newTTLCache[statsBound[cachedArticle]](articleCacheKiB, time.Minute),
		profiles:   newTTLCache[statsBound[*speakerData]](profileCacheSpeakers, time.Minute),
		done:       make(chan struct{}),
		firstBuild: make(chan struct{}),
	}
	s.metrics.searchCache = s.searches
	if s.fetcher == nil {
		s.fetcher = ingest.NewFetcher(ingest.WithAllowPrivate(cfg.AllowPrivate))
	}
	if cfg.Token != "" {
		s.tokenSum = sha256.Sum256([]byte(cfg.Token))
	}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	s.routes()
	ctx, cancel := context.WithCancel(context.Background())
	s.stop = cancel
	go s.statsLoop(ctx)
	return s, nil
}

// Close stops the background statistics work. It does not close the store.
func (s *Server) Close() error {
	s.stop()
	<-s.done
	return nil
}

func (s *Server) routes() {
	m := s.mux
	// Pages.
	m.HandleFunc("GET /{$}", s.homePage)
	m.HandleFunc("POST /analyze", s.analyzePage)
	m.HandleFunc("GET /search", s.searchPage)
	m.HandleFunc("GET /articles/{id}", s.articlePage)
	m.HandleFunc("GET /quotes/{id}", s.quotePage)
	m.HandleFunc("GET /speakers", s.speakersPage)
	m.HandleFunc("GET /speakers/{id}", s.speakerPage)
	m.HandleFunc("GET /outlets", s.outletsPage)
	m.HandleFunc("GET /outlets/{id}", s.outletPage)
	static, _ := fs.Sub(staticFS, "static")
	m.Handle("GET /static/", cacheFor(time.Hour, http.StripPrefix("/static/", http.FileServerFS(static))))

	// API.
	m.HandleFunc("GET /api/openapi.json", s.apiOpenAPI)
	m.HandleFunc("GET /api/home", s.apiHome)
	m.HandleFunc("GET /api/search", s.apiSearch)
	m.HandleFunc("GET /api/quotes/{id}", s.apiQuote)
	m.HandleFunc("GET /api/articles", s.apiArticles)
	m.HandleFunc("GET /api/articles/{id}", s.apiArticle)
	m.HandleFunc("POST /api/articles", s.apiIngest)
	m.HandleFunc("POST /api/analyze", s.apiAnalyze)
	m.HandleFunc("GET /api/speakers", s.apiSpeakers)
	m.HandleFunc("GET /api/speakers/{id}", s.apiSpeaker)
	m.HandleFunc("GET /api/outlets", s.apiOutlets)
	m.HandleFunc("GET /api/outlets/{id}", s.apiOutlet)
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.apiError(w, r, http.StatusNotFound, "no such endpoint; see /api/openapi.json")
	})

	// Operations.
	m.HandleFunc("GET /healthz", s.healthz)
	m.HandleFunc("GET /metrics", s.serveMetrics)
}

// contentSecurityPolicy allows scripts, styles and images from this server
// only: no inline script or style can run, whatever an article smuggles
// into a page. SVG charts are inline markup with classes, not styles.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// ServeHTTP serves a request with the security headers, the body and time
// limits, panic recovery and the request metrics around the routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	rw := &statusWriter{ResponseWriter: w, status: http.StatusOK}

	limit := s.cfg.RequestTimeout
	if r.Method == http.MethodPost {
		limit = s.cfg.WriteTimeout
	}
	ctx, cancel := context.WithTimeout(r.Context(), limit)
	defer cancel()
	r = r.WithContext(ctx)
	if r.Body != nil {
		r.Body = http.MaxBytesReader(rw, r.Body, s.cfg.MaxBodyBytes)
	}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.log.Error("web: panic", "method", r.Method, "path", r.URL.Path, "panic", p)
			if !rw.wrote {
				http.Error(rw, "internal error", http.StatusInternalServerError)
			}
			rw.status = http.StatusInternalServerError
		}
		// The mux records the matched pattern on the request it was
		// given, which is this r.
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		s.metrics.observeRequest(route, rw.status, time.Since(start))
	}()
	if release, ok := s.admit(rw, r); ok {
		defer release()
		s.mux.ServeHTTP(rw, r)
	}
}

// admit makes a read request wait until fewer than MaxReads are being
// served, and reports whether it may go on (false when its time ran out
// while it waited: it has been answered 503).
//
// Reads are CPU work in this process (the store is in-process SQLite, or
// a few milliseconds of PostgreSQL). Served all at once, they share the
// cores, and each takes as long as its own work times the number running:
// under load a search that costs 3 ms of CPU took 100 ms while the cheap
// pages around it were slowed too. Served a few at a time in arrival
// order, each waits about as long as the others and then runs at full
// speed, so that the slowest requests are no longer the costliest ones
// stretched out. Go queues the goroutines waiting on a channel in order.
// Writes (analyses, ingests) have their own bound; health checks and
// metrics are never held.
func (s *Server) admit(w http.ResponseWriter, r *http.Request) (release func(), ok bool) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead || r.URL.Path == "/healthz" || r.URL.Path == "/metrics" {
		return func() {}, true
	}
	select {
	case s.reads <- struct{}{}:
		return func() { <-s.reads }, true
	case <-r.Context().Done():
		http.Error(w, publicMessage(r.Context().Err(), http.StatusServiceUnavailable), http.StatusServiceUnavailable)
		return nil, false
	}
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func cacheFor(d time.Duration, h http.Handler) http.Handler {
	v := fmt.Sprintf("public, max-age=%d", int(d.Seconds()))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", v)
		h.ServeHTTP(w, r)
	})
}

// authorized reports whether the request carries the write token, as
// "Authorization: Bearer T" or, from the home page's form, as the given
// form value. Without a configured token nothing is authorized.
func (s *Server) authorized(r *http.Request, formToken string) bool {
	if s.cfg.Token == "" {
		return false
	}
	given := formToken
	if auth := r.Header.Get("Authorization"); auth != "" {
		scheme, tok, ok := strings.Cut(auth, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return false
		}
		given = strings.TrimSpace(tok)
	}
	if given == "" {
		return false
	}
	sum := sha256.Sum256([]byte(given))
	return subtle.ConstantTimeCompare(sum[:], s.tokenSum[:]) == 1
}

// acquireAnalysis takes a slot for CPU-heavy work, or reports that all are
// busy.
func (s *Server) acquireAnalysis(ctx context.Context) (release func(), ok bool) {
	select {
	case s.analyses <- struct{}{}:
		return func() { <-s.analyses }, true
	default:
	}
	// Wait briefly: a burst of two or three should queue, not fail.
	t := time.NewTimer(2 * time.Second)
	defer t.Stop()
	select {
	case s.analyses <- struct{}{}:
		return func() { <-s.analyses }, true
	case <-t.C:
	case <-ctx.Done():
	}
	return nil, false
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	st := s.stats.Load()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if _, err := s.store.Outlets(r.Context()); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, `{"status":"unavailable","stats":%q}`+"\n", st.state())
		return
	}
	fmt.Fprintf(w, `{"status":"ok","stats":%q}`+"\n", st.state())
}

// ListenAndServe serves on addr until ctx is cancelled, then shuts down
// gracefully, giving running requests up to 10 s. The http.Server's
// timeouts bound slow clients: a client that trickles its headers or body,
// or reads the response slowly, is cut off.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       s.cfg.WriteTimeout,
		WriteTimeout:      s.cfg.WriteTimeout + 5*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
