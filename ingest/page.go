package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/mmcdole/gofeed"

	"verbatim"
)

// urlReader reads an http(s) URL: a feed, whose items it then reads, or a
// page. Which one is known only from what the server returns, so the URL
// is fetched once and its body handed on.
type urlReader struct {
	url   string
	cfg   *config
	feed  *feedReader
	taken bool
}

func (r *urlReader) Next(ctx context.Context) (*verbatim.Input, error) {
	if r.feed != nil {
		return r.feed.Next(ctx)
	}
	if r.taken {
		return nil, io.EOF
	}
	r.taken = true
	origin := verbatim.Origin{Kind: verbatim.OriginPage, Path: r.url}
	p, err := r.cfg.fetcher.Fetch(ctx, r.url)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// Fetch's error names the URL already.
		return &verbatim.Input{ID: r.url, Origin: origin, URL: r.url, Err: err}, nil
	}
	// The body decides, not the Content-Type: servers send feeds as
	// text/html and text/plain as often as with their own types.
	if gofeed.DetectFeedType(bytes.NewReader(p.Body)) != gofeed.FeedTypeUnknown {
		r.feed = &feedReader{src: r.url, cfg: r.cfg, data: p.Body, base: p.URL}
		return r.feed.Next(ctx)
	}
	if !isHTMLType(p.ContentType) && !isHTMLType(http.DetectContentType(p.Body)) {
		return failed(origin, fmt.Errorf("neither a feed nor an HTML page (Content-Type %q)", p.ContentType)), nil
	}
	in, err := extractHTML(p.Body, p.URL, p.ContentType, r.cfg.fallback)
	if err != nil {
		return failed(origin, err), nil
	}
	in.Origin = origin
	in.Fetched = p.Fetched
	in.ID = idOf(in)
	return in, nil
}

func (r *urlReader) Close() error { return nil }

// isHTMLType reports whether a Content-Type is HTML's.
func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(ct)), ";")
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}
