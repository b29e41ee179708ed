package web

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"verbatim"
)

// This file holds what pages and API share: reading the query string,
// counting results, and classifying store errors.

// errBadRequest marks an error in what the client sent.
type errBadRequest struct{ msg string }

func (e errBadRequest) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return errBadRequest{fmt.Sprintf(format, args...)}
}

// parseSearch reads a search from query parameters: q, speaker, speaker_id,
// outlet, since, until, kind, sort, limit, cursor.
func parseSearch(v url.Values) (verbatim.SearchQuery, error) {
	q := verbatim.SearchQuery{
		Text:    strings.TrimSpace(v.Get("q")),
		Speaker: strings.TrimSpace(v.Get("speaker")),
		Outlet:  strings.TrimSpace(v.Get("outlet")),
		Cursor:  v.Get("cursor"),
	}
	var err error
	if s := v.Get("speaker_id"); s != "" {
		if q.SpeakerID, err = strconv.ParseInt(s, 10, 64); err != nil || q.SpeakerID <= 0 {
			return q, badRequest("speaker_id must be a positive integer")
		}
	}
	if q.Since, err = parseDate(v.Get("since"), false); err != nil {
		return q, err
	}
	if q.Until, err = parseDate(v.Get("until"), true); err != nil {
		return q, err
	}
	switch k := verbatim.QuoteKind(v.Get("kind")); k {
	case "", verbatim.Direct, verbatim.Mixed, verbatim.Indirect:
		q.Kind = k
	default:
		return q, badRequest("kind must be direct, mixed or indirect")
	}
	switch o := verbatim.SortOrder(v.Get("sort")); o {
	case "", verbatim.ByRelevance, verbatim.ByNewest:
		q.Sort = o
	default:
		return q, badRequest("sort must be relevance or newest")
	}
	if q.Limit, err = parseLimit(v.Get("limit"), verbatim.DefaultLimit, 100); err != nil {
		return q, err
	}
	return q, nil
}

// parseDate reads YYYY-MM-DD or an RFC 3339 time. A bare date as the end
// of a range includes that whole day.
func parseDate(s string, end bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		if end {
			t = t.AddDate(0, 0, 1)
		}
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, badRequest("dates are YYYY-MM-DD or RFC 3339, not %q", s)
}

func parseLimit(s string, def, most int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > most {
		return 0, badRequest("limit must be between 1 and %d", most)
	}
	return n, nil
}

func parseID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, badRequest("id must be a positive integer")
	}
	return id, nil
}

// searchCountUpTo is how far a search's matches are counted: the count is
// exact up to this many and "more than" beyond.
var searchCountUpTo = 200

// searchKey identifies a page of a search.
func searchKey(q verbatim.SearchQuery) string {
	return fmt.Sprintf("%q|%q|%d|%q|%d|%d|%s|%s|%d|%q", q.Text, q.Speaker, q.SpeakerID, q.Outlet,
		q.Since.UnixMilli(), q.Until.UnixMilli(), q.Kind, q.Sort, verbatim.PageSize(q.Limit), q.Cursor)
}

// search returns a page of a search and the count of its matches. Pages
// asked for more than once are remembered for a minute, or until the
// store changes: searches repeat (popular names, the back button), and a
// store search costs milliseconds of CPU where a remembered page costs
// microseconds.
func (s *Server) search(ctx context.Context, q verbatim.SearchQuery) (page verbatim.SearchPage, n int, exact bool, err error) {
	key := searchKey(q)
	if p, ok := s.searches.get(key); ok {
		return *p, p.Count, p.CountExact, nil
	}
	q.CountUpTo = searchCountUpTo
	page, err = s.store.Search(ctx, q)
	if err != nil {
		return page, 0, false, err
	}
	s.searches.put(key, &page, len(page.Hits)+1)
	return page, page.Count, page.CountExact, nil
}

// statusOf maps an error to an HTTP status: the client's mistakes are 400,
// missing records 404, time limits 503, the rest 500.
func statusOf(err error) int {
	var bad errBadRequest
	var unp errUnprocessable
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &bad):
		return http.StatusBadRequest
	case errors.Is(err, errUnauthorized):
		return http.StatusUnauthorized
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge
	case errors.As(err, &unp):
		return http.StatusUnprocessableEntity
	case errors.Is(err, verbatim.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable
	}
	// The stores report a bad cursor or a query without words as plain
	// errors; until they export error values, their wording tells.
	msg := err.Error()
	if strings.Contains(msg, "invalid cursor") || strings.Contains(msg, "no word to search") {
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

// publicMessage is what a client is told about an error: its own mistakes
// in full, server failures without internals (they are logged).
func publicMessage(err error, status int) string {
	switch status {
	case http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusUnauthorized, http.StatusForbidden:
		msg := err.Error()
		// Store errors name their package ("sqlite: search: ..."); the
		// client needs only the reason.
		if i := strings.LastIndex(msg, ": "); i >= 0 && (strings.HasPrefix(msg, "sqlite:") || strings.HasPrefix(msg, "postgres:")) {
			msg = msg[i+2:]
		}
		return msg
	case http.StatusNotFound:
		return "not found"
	case http.StatusRequestEntityTooLarge:
		return "the request body is too large"
	case http.StatusServiceUnavailable:
		return "the server is busy or the request took too long; try again"
	}
	return "internal error"
}

// offsetCursor pages through lists the store returns whole (speakers): the
// cursor is the offset of the next page.
func encodeOffset(n int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o|" + strconv.Itoa(n)))
}

func decodeOffset(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	rest, ok := strings.CutPrefix(string(b), "o|")
	n, err2 := strconv.Atoi(rest)
	if err != nil || !ok || err2 != nil || n < 0 {
		return 0, badRequest("invalid cursor")
	}
	return n, nil
}

// article list cursors: publication time and id of the last article.
func encodeArticleCursor(a articleSummary) string {
	return base64.RawURLEncoding.EncodeToString([]byte("a|" + strconv.FormatInt(a.Published.UnixMilli(), 10) +
		"|" + strconv.FormatInt(a.ID, 10)))
}

func decodeArticleCursor(s string) (*articleCursor, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	parts := strings.Split(string(b), "|")
	if err != nil || len(parts) != 3 || parts[0] != "a" {
		return nil, badRequest("invalid cursor")
	}
	ms, e1 := strconv.ParseInt(parts[1], 10, 64)
	id, e2 := strconv.ParseInt(parts[2], 10, 64)
	if e1 != nil || e2 != nil {
		return nil, badRequest("invalid cursor")
	}
	c := &articleCursor{id: id}
	if ms != (time.Time{}).UnixMilli() {
		c.published = time.UnixMilli(ms).UTC()
	}
	return c, nil
}

// outletList caches the store's outlets for a few seconds: hits name their
// outlet, and pages link it by id.
type outletList struct {
	mu      sync.Mutex
	at      time.Time
	outlets []verbatim.Outlet
	byName  map[string]verbatim.Outlet
}

func (s *Server) outlets(ctx context.Context) ([]verbatim.Outlet, map[string]verbatim.Outlet, error) {
	ol := &s.outletCache
	ol.mu.Lock()
	defer ol.mu.Unlock()
	if time.Since(ol.at) < 5*time.Second && ol.byName != nil {
		return ol.outlets, ol.byName, nil
	}
	os, err := s.store.Outlets(ctx)
	if err != nil {
		return nil, nil, err
	}
	ol.outlets, ol.byName, ol.at = os, make(map[string]verbatim.Outlet, len(os)), time.Now()
	for _, o := range os {
		ol.byName[strings.ToLower(o.Name)] = o
	}
	return ol.outlets, ol.byName, nil
}

func (s *Server) outletByID(ctx context.Context, id int64) (verbatim.Outlet, error) {
	os, _, err := s.outlets(ctx)
	if err != nil {
		return verbatim.Outlet{}, err
	}
	for _, o := range os {
		if o.ID == id {
			return o, nil
		}
	}
	return verbatim.Outlet{}, fmt.Errorf("outlet %d: %w", id, verbatim.ErrNotFound)
}

// speakerPage reads a page of the speaker list: the store returns a list
// from the top, so a page past the first asks for the pages before it too,
// up to the store's limit.
func (s *Server) speakerList(ctx context.Context, v url.Values, def int) ([]verbatim.Speaker, string, error) {
	limit, err := parseLimit(v.Get("limit"), def, 100)
	if err != nil {
		return nil, "", err
	}
	off, err := decodeOffset(v.Get("cursor"))
	if err != nil {
		return nil, "", err
	}
	q := verbatim.SpeakerQuery{Name: strings.TrimSpace(v.Get("name"))}
	switch t := verbatim.SpeakerType(v.Get("type")); t {
	case "", verbatim.Person, verbatim.Organization, verbatim.Anonymous, verbatim.OtherSpeaker:
		q.Type = t
	default:
		return nil, "", badRequest("type must be person, organization, anonymous or other")
	}
	if off >= verbatim.MaxLimit {
		return nil, "", nil
	}
	q.Limit = min(verbatim.MaxLimit, off+limit+1)
	sps, err := s.store.Speakers(ctx, q)
	if err != nil {
		return nil, "", err
	}
	if off >= len(sps) {
		return nil, "", nil
	}
	sps = sps[off:]
	next := ""
	if len(sps) > limit {
		sps = sps[:limit]
		next = encodeOffset(off + limit)
	}
	return sps, next, nil
}

// recordCache: an article page and a speaker page each read the store (an
// article with its analysis; a speaker's profile, latest quotes and
// outlets) and lay the records out with the statistics (an article's
// pieces and quote ids; a speaker's months, chart and co-quoted speakers),
// a few hundred microseconds of CPU and a wait for one of the store's
// connections. Like search pages, those asked for a second time within a
// minute are remembered, for a minute at most, admitted by the same door
// keeper so that one-off pages do not evict those people return to. Each
// entry holds the statistics it was laid out with and is a miss under
// others; the caches are emptied whenever the statistics are rebuilt after
// the store changed. Outlet ids are looked up per request.

// articleCacheKiB bounds the article cache by the articles' text, in KiB
// (an entry costs its text's KiB and 4 more for its analysis and view):
// about 100 MB of memory at most.
const articleCacheKiB = 32768

// profileCacheSpeakers bounds the speaker profile cache: a profile holds
// ten hits, its outlets and its months, a few KB.
const profileCacheSpeakers = 4096

// statsBound is a cached value with the statistics it was made with.
type statsBound[V any] struct {
	st *stats
	v  V
}

type cachedArticle struct {
	article *verbatim.StoredArticle
	view    *articleView
}

func articleCost(a *verbatim.StoredArticle) int {
	return len(a.Text)/1024 + 4
}
