package web

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"verbatim"
	"verbatim/extract"
	"verbatim/ingest"
)

// articleInput is what a client sends to analyse or store an article:
// its plain text, its HTML, or only a URL to fetch; the other fields are
// metadata that win over what is found in the text.
type articleInput struct {
	Text      string `json:"text"`
	HTML      string `json:"html"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Author    string `json:"author"`
	Lang      string `json:"lang"`
	Published string `json:"published"`
}

// errUnprocessable marks input that was well-formed but could not be
// analysed: a URL that failed to fetch or was refused, a page without text.
type errUnprocessable struct{ err error }

func (e errUnprocessable) Error() string { return e.err.Error() }
func (e errUnprocessable) Unwrap() error { return e.err }

// analyze reads the input (fetching its URL when that is all there is),
// runs extraction and returns the article as it would be stored. It takes
// one of the server's analysis slots.
func (s *Server) analyze(ctx context.Context, in articleInput) (*verbatim.StoredArticle, error) {
	in.URL = strings.TrimSpace(in.URL)
	if in.URL != "" {
		u, err := url.Parse(in.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, badRequest("url must be an absolute http or https URL")
		}
	}
	var published time.Time
	if in.Published != "" {
		var err error
		if published, err = parseDate(in.Published, false); err != nil {
			return nil, err
		}
	}
	release, ok := s.acquireAnalysis(ctx)
	if !ok {
		s.metrics.analysis("busy")
		return nil, fmt.Errorf("all analysis slots busy: %w", context.DeadlineExceeded)
	}
	defer release()

	var input *verbatim.Input
	var err error
	switch {
	case strings.TrimSpace(in.Text) != "":
		input = &verbatim.Input{Text: in.Text, URL: in.URL, Origin: verbatim.Origin{Kind: verbatim.OriginText, Path: in.URL}}
	case strings.TrimSpace(in.HTML) != "":
		input, err = ingest.ExtractHTML([]byte(in.HTML), in.URL, "text/html")
		if err != nil {
			s.metrics.analysis("error")
			return nil, errUnprocessable{fmt.Errorf("reading the HTML: %w", err)}
		}
		input.Origin = verbatim.Origin{Kind: verbatim.OriginHTML, Path: in.URL}
	case in.URL != "":
		input, err = s.fetchArticle(ctx, in.URL)
		if err != nil {
			s.metrics.analysis("fetch_error")
			return nil, err
		}
	default:
		return nil, badRequest("send the article's text, its HTML, or its URL")
	}
	if !utf8.ValidString(input.Text) {
		input.Text = strings.ToValidUTF8(input.Text, "\uFFFD")
	}
	input.Text = strings.ReplaceAll(input.Text, "\x00", " ")
	if strings.TrimSpace(input.Text) == "" {
		s.metrics.analysis("empty")
		return nil, errUnprocessable{errors.New("no article text found")}
	}
	an, err := s.extractor(in.Lang).Extract(input.Text)
	if err != nil {
		s.metrics.analysis("error")
		return nil, errUnprocessable{err}
	}
	s.metrics.analysis("ok")
	a := &verbatim.StoredArticle{
		URL:       cmpOr(in.URL, input.URL),
		Outlet:    cmpOr(in.Outlet, input.SiteName, an.Article.Publisher),
		Title:     cmpOr(in.Title, input.Title, an.Article.Title),
		Author:    cmpOr(in.Author, input.Author, an.Article.Author),
		Lang:      cmpOr(in.Lang, input.Lang, an.Lang),
		Published: published,
		Fetched:   input.Fetched,
		Origin:    input.Origin,
		Text:      input.Text,
		Analysis:  an,
	}
	if a.Published.IsZero() {
		a.Published = input.Published
	}
	// The analysis ID is part of the fingerprint; the URL keeps it the same
	// whoever posts the article, as the ingest command does.
	an.ID = a.URL
	return a, nil
}

// extractor returns the extractor for a language the client named, or
// the server's own, which detects the language of each article.
func (s *Server) extractor(code string) *extract.Extractor {
	code = strings.ToLower(strings.TrimSpace(code))
	if code == "" || code == "auto" {
		return s.ex
	}
	if e, ok := s.extractors.Load(code); ok {
		return e.(*extract.Extractor)
	}
	// An unsupported code detects, as extract documents; the map holds at
	// most one entry per code asked for, which a client could grow, so it
	// is bounded.
	if s.extractorCount.Add(1) > 32 {
		return s.ex
	}
	e, _ := s.extractors.LoadOrStore(code, extract.New(extract.WithLanguage(code)))
	return e.(*extract.Extractor)
}

// fetchArticle gets a page through the server's fetcher, which refuses
// private addresses unless allowed, and reads its main text.
func (s *Server) fetchArticle(ctx context.Context, rawURL string) (*verbatim.Input, error) {
	page, err := s.fetcher.Fetch(ctx, rawURL)
	if err != nil {
		var blocked *ingest.BlockedAddressError
		if errors.As(err, &blocked) {
			return nil, errUnprocessable{fmt.Errorf("refusing to fetch %s: it resolves to a %s address", rawURL, blocked.Kind)}
		}
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, errUnprocessable{fmt.Errorf("fetching %s: %w", rawURL, err)}
	}
	mt, _, _ := mime.ParseMediaType(page.ContentType)
	var in *verbatim.Input
	switch {
	case mt == "text/plain":
		in = &verbatim.Input{Text: string(page.Body), URL: page.URL}
	case mt == "" || mt == "text/html" || mt == "application/xhtml+xml":
		in, err = ingest.ExtractHTML(page.Body, page.URL, page.ContentType)
		if err != nil {
			return nil, errUnprocessable{fmt.Errorf("reading %s: %w", rawURL, err)}
		}
	default:
		return nil, errUnprocessable{fmt.Errorf("%s is %s, not an HTML page or plain text", rawURL, mt)}
	}
	in.Fetched = page.Fetched
	in.Origin = verbatim.Origin{Kind: verbatim.OriginPage, Path: page.URL}
	if in.URL == "" {
		in.URL = page.URL
	}
	return in, nil
}

// save stores an analysed article and schedules a statistics rebuild.
func (s *Server) save(ctx context.Context, a *verbatim.StoredArticle) (verbatim.SaveResult, error) {
	if err := a.Prepare(); err != nil {
		s.metrics.ingest("error")
		return verbatim.SaveResult{}, errUnprocessable{err}
	}
	res, err := s.store.SaveArticle(ctx, a)
	if err != nil {
		s.metrics.ingest("error")
		return res, err
	}
	s.metrics.ingest(string(res.Status))
	if res.Status != verbatim.Unchanged && res.Status != verbatim.Duplicate {
		s.markStale()
	}
	return res, nil
}

func cmpOr(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
