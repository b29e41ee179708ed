package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"time"

	"verbatim"
)

// The JSON API mirrors the pages. Its records are declared here with their
// JSON names, apart from the store's types, so that the API stays what
// openapi.json documents when the store's records grow; the tests check
// every response against that document.

// apiTime is a time that is null when unknown.
type apiTime time.Time

// MarshalJSON writes the time in RFC 3339, or null for the zero time.
func (t apiTime) MarshalJSON() ([]byte, error) {
	if time.Time(t).IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(time.Time(t).UTC())
}

// UnmarshalJSON reads an RFC 3339 time or null.
func (t *apiTime) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*t = apiTime{}
		return nil
	}
	return json.Unmarshal(b, (*time.Time)(t))
}

// apiID is an id that is null when unknown (0).
type apiID int64

// MarshalJSON writes the id, or null for 0.
func (id apiID) MarshalJSON() ([]byte, error) {
	if id == 0 {
		return []byte("null"), nil
	}
	return json.Marshal(int64(id))
}

type apiHit struct {
	ID             int64                `json:"id"`
	ArticleID      int64                `json:"article_id"`
	Kind           verbatim.QuoteKind   `json:"kind"`
	Text           string               `json:"text"`
	Cue            string               `json:"cue"`
	CueLemma       string               `json:"cue_lemma"`
	SpeakerID      apiID                `json:"speaker_id"`
	Speaker        string               `json:"speaker"`
	SpeakerMention string               `json:"speaker_mention"`
	SpeakerType    verbatim.SpeakerType `json:"speaker_type"`
	Outlet         string               `json:"outlet"`
	URL            string               `json:"url"`
	Title          string               `json:"title"`
	Published      apiTime              `json:"published"`
	Score          float64              `json:"score"`
}

func toHits(hs []verbatim.QuoteHit) []apiHit {
	out := make([]apiHit, len(hs))
	for i, h := range hs {
		out[i] = apiHit{ID: h.QuoteID, ArticleID: h.ArticleID, Kind: h.Kind, Text: h.Text, Cue: h.Cue,
			CueLemma: h.CueLemma, SpeakerID: apiID(h.SpeakerID), Speaker: h.Speaker, SpeakerMention: h.SpeakerMention,
			SpeakerType: h.SpeakerType, Outlet: h.Outlet, URL: h.URL, Title: h.Title, Published: apiTime(h.Published),
			Score: h.Score}
	}
	return out
}

// nextCursor is a cursor that is null on the last page.
func nextCursor(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

type apiSearch struct {
	Count      int      `json:"count"`
	CountExact bool     `json:"count_exact"`
	Hits       []apiHit `json:"hits"`
	Next       *string  `json:"next"`
}

type apiArticleQuote struct {
	ID            apiID                `json:"id"`
	Seq           int                  `json:"seq"`
	Kind          verbatim.QuoteKind   `json:"kind"`
	Content       verbatim.Span        `json:"content"`
	Cue           *verbatim.Span       `json:"cue"`
	CueLemma      string               `json:"cue_lemma"`
	Speaker       *verbatim.Span       `json:"speaker"`
	SpeakerRef    string               `json:"speaker_ref"`
	SpeakerType   verbatim.SpeakerType `json:"speaker_type"`
	SpeakerEntity *int                 `json:"speaker_entity"`
	SpeakerID     apiID                `json:"speaker_id"`
}

type apiArticle struct {
	ID          apiID               `json:"id"`
	URL         string              `json:"url"`
	Outlet      string              `json:"outlet"`
	Title       string              `json:"title"`
	Author      string              `json:"author"`
	Lang        string              `json:"lang"`
	Published   apiTime             `json:"published"`
	Fetched     apiTime             `json:"fetched"`
	IngestedAt  apiTime             `json:"ingested_at"`
	UpdatedAt   apiTime             `json:"updated_at"`
	ContentHash string              `json:"content_hash"`
	Text        string              `json:"text"`
	Structure   verbatim.Article    `json:"structure"`
	Quotes      []apiArticleQuote   `json:"quotes"`
	Entities    []verbatim.Entity   `json:"entities"`
	Origin      *verbatim.Origin    `json:"origin"`
	Stored      bool                `json:"stored"`
	Speakers    []apiArticleSpeaker `json:"speakers"`
}

// apiArticleSpeaker is a speaker of one article with the number of its
// quotes there.
type apiArticleSpeaker struct {
	Name   string               `json:"name"`
	Type   verbatim.SpeakerType `json:"type"`
	ID     apiID                `json:"id"`
	Quotes int                  `json:"quotes"`
}

func toAPIArticle(a *verbatim.StoredArticle, v *articleView) apiArticle {
	out := apiArticle{ID: apiID(a.ID), URL: a.URL, Outlet: a.OutletName(), Title: v.Title, Author: a.Author,
		Lang: a.Lang, Published: apiTime(a.Published), Fetched: apiTime(a.Fetched), IngestedAt: apiTime(a.IngestedAt),
		UpdatedAt: apiTime(a.UpdatedAt), ContentHash: cmpOr(a.ContentHash, verbatim.ContentHash(a.Text)), Text: a.Text,
		Quotes: []apiArticleQuote{}, Entities: []verbatim.Entity{}, Stored: a.ID != 0, Speakers: []apiArticleSpeaker{}}
	if a.Origin != (verbatim.Origin{}) {
		o := a.Origin
		out.Origin = &o
	}
	if a.Analysis != nil {
		out.Structure = a.Analysis.Article
		for i, q := range a.Analysis.Quotes {
			aq := apiArticleQuote{Seq: i, Kind: q.Kind, Content: q.Content, Cue: q.Cue, CueLemma: q.CueLemma,
				Speaker: q.Speaker, SpeakerRef: q.SpeakerRef, SpeakerType: q.SpeakerType}
			if q.Entity >= 0 {
				e := q.Entity
				aq.SpeakerEntity = &e
			}
			if i < len(v.Quotes) {
				aq.ID, aq.SpeakerID = apiID(v.Quotes[i].ID), apiID(v.Quotes[i].SpeakerID)
			}
			out.Quotes = append(out.Quotes, aq)
		}
		out.Entities = append(out.Entities, a.Analysis.Entities...)
		for i := range out.Entities {
			// Empty lists rather than null, as the schema says.
			e := &out.Entities[i]
			if e.Aliases == nil {
				e.Aliases = []string{}
			}
			if e.Roles == nil {
				e.Roles = []string{}
			}
			if e.Mentions == nil {
				e.Mentions = []verbatim.Span{}
			}
		}
		normalizeStructure(&out.Structure)
	}
	for _, p := range v.Speakers {
		out.Speakers = append(out.Speakers, apiArticleSpeaker{Name: p.Name, Type: p.Type, ID: apiID(p.ID), Quotes: len(p.Quotes)})
	}
	return out
}

func normalizeStructure(a *verbatim.Article) {
	if a.Subheads == nil {
		a.Subheads = []verbatim.Span{}
	}
	if a.Notes == nil {
		a.Notes = []verbatim.Span{}
	}
	if a.Paragraphs == nil {
		a.Paragraphs = []verbatim.Span{}
	}
}

type apiArticleSummary struct {
	ID        int64   `json:"id"`
	Title     string  `json:"title"`
	URL       string  `json:"url"`
	Outlet    string  `json:"outlet"`
	Published apiTime `json:"published"`
	Quotes    int     `json:"quotes"`
}

func toSummaries(as []articleSummary) []apiArticleSummary {
	out := make([]apiArticleSummary, len(as))
	for i, a := range as {
		out[i] = apiArticleSummary{a.ID, a.Title, a.URL, a.Outlet, apiTime(a.Published), a.Quotes}
	}
	return out
}

type apiSpeaker struct {
	ID      int64                `json:"id"`
	Name    string               `json:"name"`
	Type    verbatim.SpeakerType `json:"type"`
	Aliases []string             `json:"aliases"`
	Roles   []string             `json:"roles"`
	Quotes  int                  `json:"quotes"`
}

func toAPISpeaker(sp verbatim.Speaker) apiSpeaker {
	out := apiSpeaker{ID: sp.ID, Name: sp.Name, Type: sp.Type, Aliases: sp.Aliases, Roles: sp.Roles, Quotes: sp.Quotes}
	if out.Aliases == nil {
		out.Aliases = []string{}
	}
	if out.Roles == nil {
		out.Roles = []string{}
	}
	return out
}

type apiMonth struct {
	Month  string `json:"month"`
	Quotes int    `json:"quotes"`
}

type apiCoQuoted struct {
	ID       int64                `json:"id"`
	Name     string               `json:"name"`
	Type     verbatim.SpeakerType `json:"type"`
	Articles int                  `json:"articles"`
}

type apiOutletCount struct {
	Outlet string `json:"outlet"`
	Quotes int    `json:"quotes"`
}

type apiSpeakerProfile struct {
	apiSpeaker
	Stats    string           `json:"stats"`
	Months   []apiMonth       `json:"months"`
	CoQuoted []apiCoQuoted    `json:"co_quoted"`
	Latest   []apiHit         `json:"latest"`
	Outlets  []apiOutletCount `json:"outlets"`
}

type apiOutlet struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Domain   string `json:"domain"`
	Articles int    `json:"articles"`
	Quotes   int    `json:"quotes"`
}

type apiTypeMonth struct {
	Month        string `json:"month"`
	Person       int    `json:"person"`
	Organization int    `json:"organization"`
	Anonymous    int    `json:"anonymous"`
	Other        int    `json:"other"`
}

type apiOutletProfile struct {
	apiOutlet
	Stats        string              `json:"stats"`
	SpeakerTypes []apiTypeMonth      `json:"speaker_types"`
	Articles     []apiArticleSummary `json:"latest_articles"`
	Next         *string             `json:"next"`
}

type apiTopSpeaker struct {
	ID     int64                `json:"id"`
	Name   string               `json:"name"`
	Type   verbatim.SpeakerType `json:"type"`
	Quotes int                  `json:"quotes"`
}

type apiHome struct {
	Articles        int             `json:"articles"`
	Quotes          int             `json:"quotes"`
	Latest          []apiHit        `json:"latest"`
	TopSpeakersWeek []apiTopSpeaker `json:"top_speakers_week"`
}

type apiIngestResult struct {
	ID     int64               `json:"id"`
	Status verbatim.SaveStatus `json:"status"`
	Page   string              `json:"page"`
	API    string              `json:"api"`
}

type apiErr struct {
	Error string `json:"error"`
}

func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true) // the API's text may be pasted into pages
	if err := enc.Encode(v); err != nil {
		s.log.Warn("web: writing JSON", "err", err)
	}
}

func (s *Server) apiError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="verbatim"`)
	}
	s.writeJSON(w, status, apiErr{msg})
}

func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	if status >= 500 && r.Context().Err() == nil {
		s.log.Error("web: api", "path", r.URL.Path, "err", err)
	}
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "5")
	}
	s.apiError(w, r, status, publicMessage(err, status))
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write(openAPIDoc)
}

func (s *Server) apiHome(w http.ResponseWriter, r *http.Request) {
	h, err := s.home(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiHome{Articles: h.Articles, Quotes: h.Quotes, Latest: toHits(h.Latest), TopSpeakersWeek: []apiTopSpeaker{}}
	for _, t := range h.Week {
		out.TopSpeakersWeek = append(out.TopSpeakersWeek, apiTopSpeaker(t))
	}
	s.writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q, err := parseSearch(r.URL.Query())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	page, n, exact, err := s.search(r.Context(), q)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, apiSearch{Count: n, CountExact: exact, Hits: toHits(page.Hits), Next: nextCursor(page.Next)})
}

type apiQuoteResult struct {
	Quote   apiArticleQuote   `json:"quote"`
	Article apiArticleSummary `json:"article"`
}

func (s *Server) apiQuote(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	a, v, err := s.quoteArticle(r, id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	full := toAPIArticle(a, v)
	for _, q := range full.Quotes {
		if int64(q.ID) == id {
			s.writeJSON(w, http.StatusOK, apiQuoteResult{Quote: q, Article: apiArticleSummary{ID: a.ID, Title: v.Title,
				URL: a.URL, Outlet: a.OutletName(), Published: apiTime(a.Published), Quotes: len(full.Quotes)}})
			return
		}
	}
	s.apiFail(w, r, fmt.Errorf("quote %d: %w", id, verbatim.ErrNotFound))
}

func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) {
	list, next, err := s.articleList(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, struct {
		Articles []apiArticleSummary `json:"articles"`
		Next     *string             `json:"next"`
	}{toSummaries(list), nextCursor(next)})
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	a, v, err := s.loadArticle(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, toAPIArticle(a, v))
}

// readArticleInput decodes a JSON article input.
func readArticleInput(r *http.Request) (articleInput, error) {
	var in articleInput
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return in, badRequest("send application/json: {\"text\"|\"html\"|\"url\": ...}")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return in, err
		}
		return in, badRequest("invalid JSON: %v", err)
	}
	return in, nil
}

func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Token == "" {
		s.apiError(w, r, http.StatusForbidden, "writes are disabled: start the server with --token")
		return
	}
	if !s.authorized(r, "") {
		s.apiError(w, r, http.StatusUnauthorized, "a valid bearer token is required")
		return
	}
	in, err := readArticleInput(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	a, err := s.analyze(r.Context(), in)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	res, err := s.save(r.Context(), a)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	status := http.StatusOK
	if res.Status == verbatim.Inserted {
		status = http.StatusCreated
		w.Header().Set("Location", fmt.Sprintf("/api/articles/%d", res.ID))
	}
	s.writeJSON(w, status, apiIngestResult{ID: res.ID, Status: res.Status,
		Page: fmt.Sprintf("/articles/%d", res.ID), API: fmt.Sprintf("/api/articles/%d", res.ID)})
}

func (s *Server) apiAnalyze(w http.ResponseWriter, r *http.Request) {
	in, err := readArticleInput(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	a, err := s.analyze(r.Context(), in)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, toAPIArticle(a, newArticleView(a, nil, nil)))
}

func (s *Server) apiSpeakers(w http.ResponseWriter, r *http.Request) {
	sps, next, err := s.speakerList(r.Context(), r.URL.Query(), 20)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := make([]apiSpeaker, len(sps))
	for i, sp := range sps {
		out[i] = toAPISpeaker(sp)
	}
	s.writeJSON(w, http.StatusOK, struct {
		Speakers []apiSpeaker `json:"speakers"`
		Next     *string      `json:"next"`
	}{out, nextCursor(next)})
}

func (s *Server) apiSpeaker(w http.ResponseWriter, r *http.Request) {
	p, err := s.speakerProfile(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiSpeakerProfile{apiSpeaker: toAPISpeaker(p.Speaker.Speaker), Stats: p.Stats, Months: []apiMonth{},
		CoQuoted: []apiCoQuoted{}, Latest: toHits(p.Speaker.Latest), Outlets: []apiOutletCount{}}
	for _, m := range p.Months {
		out.Months = append(out.Months, apiMonth{m.Month.Format("2006-01"), m.Quotes})
	}
	for _, c := range p.CoQuoted {
		out.CoQuoted = append(out.CoQuoted, apiCoQuoted(c))
	}
	for _, o := range p.Speaker.Outlets {
		out.Outlets = append(out.Outlets, apiOutletCount{o.Outlet, o.Quotes})
	}
	s.writeJSON(w, http.StatusOK, out)
}

func toAPIOutlet(o verbatim.Outlet) apiOutlet {
	return apiOutlet{o.ID, o.Name, o.Domain, o.Articles, o.Quotes}
}

func (s *Server) apiOutlets(w http.ResponseWriter, r *http.Request) {
	os, _, err := s.outlets(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := make([]apiOutlet, len(os))
	for i, o := range os {
		out[i] = toAPIOutlet(o)
	}
	s.writeJSON(w, http.StatusOK, struct {
		Outlets []apiOutlet `json:"outlets"`
	}{out})
}

func (s *Server) apiOutlet(w http.ResponseWriter, r *http.Request) {
	p, err := s.outletProfile(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiOutletProfile{apiOutlet: toAPIOutlet(p.Outlet), Stats: p.Stats, SpeakerTypes: []apiTypeMonth{},
		Articles: toSummaries(p.Articles), Next: nextCursor(p.Next)}
	for _, m := range p.Mix {
		out.SpeakerTypes = append(out.SpeakerTypes, apiTypeMonth{m.Month.Format("2006-01"), m.Counts[0], m.Counts[1], m.Counts[2], m.Counts[3]})
	}
	s.writeJSON(w, http.StatusOK, out)
}
