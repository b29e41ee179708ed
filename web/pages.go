package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"verbatim"
)

// pageTemplate is one page's template set: the layout and the page.
type pageTemplate struct{ t *template.Template }

var pageFiles = []string{"home", "search", "article", "speakers", "speaker", "outlets", "outlet", "error"}

func parsePages() (map[string]*pageTemplate, error) {
	funcs := pageFuncs()
	out := map[string]*pageTemplate{}
	for _, name := range pageFiles {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		out[name] = &pageTemplate{t}
	}
	return out, nil
}

func pageFuncs() template.FuncMap {
	return template.FuncMap{
		"date":      fmtDate,
		"num":       fmtNum,
		"shorten":   shorten,
		"typeLabel": typeLabel,
		"safeURL":   safeURL,
		"f":         func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) },
		"join":      strings.Join,
		"list":      func(xs ...string) []string { return xs },
		"pct": func(n, total int) string {
			if total == 0 {
				return "–"
			}
			return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(total))
		},
		"month": func(t time.Time) string { return t.Format("Jan 2006") },
		// Written in Go (fragments.go): the most repeated markup.
		"hits":   hitsHTML,
		"pieces": piecesHTML,
	}
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return "undated"
	}
	return t.UTC().Format("2 Jan 2006")
}

// fmtNum writes an integer with thin thousands separators.
func fmtNum(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + fmtNum(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// pageData is what every page gets: its own data and the layout's.
type pageData struct {
	Title string
	Nav   string
	Data  any
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	var buf bytes.Buffer
	if err := s.pages[name].t.Execute(&buf, pageData{Title: title, Nav: name, Data: data}); err != nil {
		s.log.Error("web: render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) pageFail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	if status >= 500 && r.Context().Err() == nil {
		s.log.Error("web: page", "path", r.URL.Path, "err", err)
	}
	s.render(w, r, status, "error", http.StatusText(status), struct {
		Status  int
		Message string
	}{status, publicMessage(err, status)})
}

// home is the home page's data.
type homeData struct {
	Articles, Quotes int
	Latest           []verbatim.QuoteHit
	Week             []speakerCount
	// AllTime are the most quoted speakers, shown when nobody was quoted
	// this week.
	AllTime []verbatim.Speaker
	Stats   string
	Token   bool
}

func (s *Server) home(r *http.Request) (*homeData, error) {
	ctx := r.Context()
	h := &homeData{Token: s.cfg.Token != ""}
	os, _, err := s.outlets(ctx)
	if err != nil {
		return nil, err
	}
	for _, o := range os {
		h.Articles += o.Articles
		h.Quotes += o.Quotes
	}
	page, err := s.store.Search(ctx, verbatim.SearchQuery{Limit: 10})
	if err != nil {
		return nil, err
	}
	h.Latest = page.Hits
	st := s.stats.Load()
	h.Stats = st.state()
	now := s.cfg.Now()
	// Hours, not instants: the answer is memoised per hour.
	until := now.Truncate(time.Hour).Add(time.Hour)
	h.Week = st.topSpeakersSince(until.Add(-7*24*time.Hour), until, 10)
	if len(h.Week) == 0 {
		if h.AllTime, err = s.store.Speakers(ctx, verbatim.SpeakerQuery{Limit: 10}); err != nil {
			return nil, err
		}
	}
	return h, nil
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request) {
	h, err := s.home(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", "Verbatim: who said what", h)
}

// analyzePage analyses pasted text or a URL from the home page's form and
// shows the result, storing it only when asked and authorised.
func (s *Server) analyzePage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.pageFail(w, r, badRequest("could not read the form: %v", err))
		return
	}
	in := articleInput{Text: r.PostForm.Get("text"), URL: r.PostForm.Get("url")}
	if t := strings.TrimSpace(in.Text); strings.HasPrefix(t, "<") && strings.Contains(strings.ToLower(t[:min(len(t), 2000)]), "<html") {
		in.HTML, in.Text = in.Text, ""
	}
	store := r.PostForm.Get("store") != ""
	if store && !s.authorized(r, r.PostForm.Get("token")) {
		s.pageFail(w, r, errUnauthorized)
		return
	}
	a, err := s.analyze(r.Context(), in)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	if store {
		res, err := s.save(r.Context(), a)
		if err != nil {
			s.pageFail(w, r, err)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/articles/%d", res.ID), http.StatusSeeOther)
		return
	}
	v := newArticleView(a, nil, nil)
	s.render(w, r, http.StatusOK, "article", "Analysis: "+v.Title, v)
}

// errUnauthorized is a write without the right token.
var errUnauthorized = errors.New("storing needs the server's write token")

type searchData struct {
	Query      verbatim.SearchQuery
	Form       url.Values
	Count      int
	CountExact bool
	Hits       []verbatim.QuoteHit
	Outlets    map[string]verbatim.Outlet
	Next       string
	First      string
	Error      string
	Searched   bool
}

// OutletID is the id of a hit's outlet, for links, or 0.
func (d *searchData) OutletID(name string) int64 {
	return d.Outlets[strings.ToLower(name)].ID
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	d := &searchData{Form: v}
	q, err := parseSearch(v)
	d.Query = q
	if err != nil {
		d.Error = err.Error()
		s.render(w, r, http.StatusBadRequest, "search", "Search", d)
		return
	}
	_, d.Outlets, err = s.outlets(r.Context())
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	d.Searched = true
	page, n, exact, err := s.search(r.Context(), q)
	if err != nil {
		status := statusOf(err)
		if status != http.StatusBadRequest {
			s.pageFail(w, r, err)
			return
		}
		d.Error = publicMessage(err, status)
		s.render(w, r, status, "search", "Search", d)
		return
	}
	d.Hits, d.Count, d.CountExact = page.Hits, n, exact
	if page.Next != "" {
		nv := cloneValues(v)
		nv.Set("cursor", page.Next)
		d.Next = "/search?" + nv.Encode()
	}
	if q.Cursor != "" {
		fv := cloneValues(v)
		fv.Del("cursor")
		d.First = "/search?" + fv.Encode()
	}
	title := "Search"
	if q.Text != "" {
		title = "Search: " + q.Text
	}
	s.render(w, r, http.StatusOK, "search", title, d)
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		if len(vs) > 0 && vs[0] != "" {
			out[k] = vs[:1]
		}
	}
	return out
}

// loadArticle reads the article named by the path with its view. Articles
// asked for more than once are remembered with their view (see
// recordCache).
func (s *Server) loadArticle(r *http.Request) (*verbatim.StoredArticle, *articleView, error) {
	id, err := parseID(r)
	if err != nil {
		return nil, nil, err
	}
	st := s.stats.Load()
	key := strconv.FormatInt(id, 10)
	e, ok := s.articles.get(key)
	if !ok || e.st != st {
		a, err := s.store.Article(r.Context(), id)
		if err != nil {
			return nil, nil, err
		}
		e = statsBound[cachedArticle]{st, cachedArticle{a, newArticleView(a, st.articleFacts(a.ID), st)}}
		if st != nil {
			s.articles.put(key, e, articleCost(a))
		}
	}
	// The view is shared by the requests the cache serves: a copy gets
	// the outlet's id, which the outlet cache may have changed.
	v := *e.v.view
	if _, byName, err := s.outlets(r.Context()); err == nil {
		v.OutletID = byName[strings.ToLower(v.Outlet)].ID
	}
	return e.v.article, &v, nil
}

// quoteArticle finds the article of a quote through the statistics.
func (s *Server) quoteArticle(r *http.Request, id int64) (*verbatim.StoredArticle, *articleView, error) {
	f, ok := s.stats.Load().quoteFact(id)
	if !ok {
		return nil, nil, fmt.Errorf("quote %d: %w", id, verbatim.ErrNotFound)
	}
	st := s.stats.Load()
	aid := st.arts[f.article].id
	a, err := s.store.Article(r.Context(), aid)
	if err != nil {
		return nil, nil, err
	}
	return a, newArticleView(a, st.articleFacts(aid), st), nil
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) {
	_, v, err := s.loadArticle(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "article", v.Title, v)
}

func (s *Server) quotePage(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	f, ok := s.stats.Load().quoteFact(id)
	if !ok {
		s.pageFail(w, r, fmt.Errorf("quote %d: %w", id, verbatim.ErrNotFound))
		return
	}
	aid := s.stats.Load().arts[f.article].id
	http.Redirect(w, r, fmt.Sprintf("/articles/%d#quote-%d", aid, id), http.StatusFound)
}

// articleList lists articles newest first, of one outlet when the query
// names one (outlet_id).
func (s *Server) articleList(r *http.Request) ([]articleSummary, string, error) {
	v := r.URL.Query()
	limit, err := parseLimit(v.Get("limit"), 20, 100)
	if err != nil {
		return nil, "", err
	}
	cur, err := decodeArticleCursor(v.Get("cursor"))
	if err != nil {
		return nil, "", err
	}
	name := ""
	if o := v.Get("outlet_id"); o != "" {
		id, err := strconv.ParseInt(o, 10, 64)
		if err != nil {
			return nil, "", badRequest("outlet_id must be an integer")
		}
		out, err := s.outletByID(r.Context(), id)
		if err != nil {
			return nil, "", err
		}
		name = out.Name
	}
	list, more := s.stats.Load().outletArticles(name, cur, limit)
	next := ""
	if more && len(list) > 0 {
		next = encodeArticleCursor(list[len(list)-1])
	}
	return list, next, nil
}

type speakersData struct {
	Form     url.Values
	Speakers []verbatim.Speaker
	Next     string
	Error    string
}

func (s *Server) speakersPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	d := &speakersData{Form: v}
	sps, next, err := s.speakerList(r.Context(), v, 50)
	if err != nil {
		if statusOf(err) != http.StatusBadRequest {
			s.pageFail(w, r, err)
			return
		}
		d.Error = err.Error()
		s.render(w, r, http.StatusBadRequest, "speakers", "Speakers", d)
		return
	}
	d.Speakers = sps
	if next != "" {
		nv := cloneValues(v)
		nv.Set("cursor", next)
		d.Next = "/speakers?" + nv.Encode()
	}
	s.render(w, r, http.StatusOK, "speakers", "Speakers", d)
}

type speakerData struct {
	Speaker  *verbatim.SpeakerProfile
	Stats    string
	Months   []monthCount
	Chart    *chart
	CoQuoted []coQuoted
	Outlets  map[string]verbatim.Outlet
}

// OutletID is the id of an outlet by name, for links, or 0.
func (d *speakerData) OutletID(name string) int64 {
	return d.Outlets[strings.ToLower(name)].ID
}

// speakerProfile reads the speaker named by the path with the figures of
// the statistics. Profiles asked for more than once are remembered (see
// recordCache).
func (s *Server) speakerProfile(r *http.Request) (*speakerData, error) {
	id, err := parseID(r)
	if err != nil {
		return nil, err
	}
	st := s.stats.Load()
	key := strconv.FormatInt(id, 10)
	e, ok := s.profiles.get(key)
	if !ok || e.st != st {
		p, err := s.store.Speaker(r.Context(), id, 10)
		if err != nil {
			return nil, err
		}
		d := &speakerData{Speaker: p, Stats: st.state(), Months: st.speakerMonths(id), CoQuoted: st.coQuotedWith(id, 10)}
		d.Chart = quotesChart(d.Months)
		e = statsBound[*speakerData]{st, d}
		if st != nil {
			s.profiles.put(key, e, 1)
		}
	}
	d := *e.v // a copy for this request's outlets
	if _, d.Outlets, err = s.outlets(r.Context()); err != nil {
		return nil, err
	}
	return &d, nil
}

func (s *Server) speakerPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.speakerProfile(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "speaker", d.Speaker.Name, d)
}

func (s *Server) outletsPage(w http.ResponseWriter, r *http.Request) {
	os, _, err := s.outlets(r.Context())
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "outlets", "Outlets", os)
}

type outletData struct {
	Outlet   verbatim.Outlet
	Stats    string
	Mix      []typeMix
	Totals   typeMix
	Dated    int // quotes in the chart; undated ones are in Totals only
	Chart    *chart
	Articles []articleSummary
	Next     string
}

func (s *Server) outletProfile(r *http.Request) (*outletData, error) {
	id, err := parseID(r)
	if err != nil {
		return nil, err
	}
	o, err := s.outletByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	v := r.URL.Query()
	limit, err := parseLimit(v.Get("limit"), 20, 100)
	if err != nil {
		return nil, err
	}
	cur, err := decodeArticleCursor(v.Get("cursor"))
	if err != nil {
		return nil, err
	}
	st := s.stats.Load()
	d := &outletData{Outlet: o, Stats: st.state(), Mix: st.outletMix(o.Name), Totals: st.outletTotals(o.Name)}
	for _, m := range d.Mix {
		d.Dated += m.Total()
	}
	d.Chart = mixChart(d.Mix)
	var more bool
	d.Articles, more = st.outletArticles(o.Name, cur, limit)
	if more && len(d.Articles) > 0 {
		d.Next = encodeArticleCursor(d.Articles[len(d.Articles)-1])
	}
	return d, nil
}

func (s *Server) outletPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.outletProfile(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "outlet", d.Outlet.Name, d)
}
