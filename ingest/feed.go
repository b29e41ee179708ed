package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"

	"verbatim"
)

// minCompleteContent is the length in characters from which a feed item's
// own content is taken to be the whole article: summaries and teasers run
// to a few hundred characters, news articles to several thousand.
const minCompleteContent = 1000

// feedReader reads an RSS, Atom or JSON feed from a file or URL and yields
// one article per item: the item's own content when it is complete, else
// the page its link points to, fetched and extracted.
type feedReader struct {
	src  string // the feed's path or URL, as the origin names it
	cfg  *config
	body io.ReadCloser // set when the file is open already
	data []byte        // set when the feed was fetched already
	base string        // resolves relative item links

	loaded bool
	feed   *gofeed.Feed
	next   int
}

func (r *feedReader) Next(ctx context.Context) (*verbatim.Input, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !r.loaded {
		r.loaded = true
		if err := r.load(ctx); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return failed(verbatim.Origin{Kind: verbatim.OriginFeed, Path: r.src}, err), nil
		}
	}
	if r.feed == nil || r.next >= len(r.feed.Items) {
		return nil, io.EOF
	}
	it := r.feed.Items[r.next]
	r.next++
	in, err := r.item(ctx, it)
	if err != nil && ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return in, nil
}

func (r *feedReader) load(ctx context.Context) error {
	data := r.data
	if data == nil {
		var err error
		if isURL(r.src) {
			var p *Page
			if p, err = r.cfg.fetcher.Fetch(ctx, r.src); err == nil {
				data, r.base = p.Body, p.URL
			}
		} else {
			data, err = readSource(r.src, r.body, r.cfg.maxBytes)
		}
		if err != nil {
			return err
		}
	}
	f, err := parseFeed(data)
	if err != nil {
		return err
	}
	r.feed = f
	if r.base == "" && isURL(r.src) {
		r.base = r.src
	}
	if r.base == "" {
		r.base = f.Link
	}
	return nil
}

// parseFeed parses an RSS, Atom or JSON feed.
func parseFeed(data []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("parsing feed failed: %v", r)
		}
	}()
	if looksBinary(data) {
		return nil, errBinary
	}
	f, err = gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parsing feed: %w", err)
	}
	return f, nil
}

// item turns a feed item into an Input. The error it returns is only for
// the caller to tell a cancelled context; the Input carries it too.
func (r *feedReader) item(ctx context.Context, it *gofeed.Item) (*verbatim.Input, error) {
	origin := verbatim.Origin{Kind: verbatim.OriginFeed, Path: r.src, Item: it.GUID}
	link := resolveURL(r.base, strings.TrimSpace(it.Link))
	if origin.Item == "" {
		origin.Item = link
	}
	content := it.Content
	if strings.TrimSpace(content) == "" {
		content = it.Description
	}
	text := fragmentText(content)
	useContent := r.cfg.feedContent == FeedContentAlways || link == "" ||
		(r.cfg.feedContent == FeedContentAuto && complete(text))
	var in *verbatim.Input
	if useContent {
		if text == "" {
			return failed(origin, errors.New("item has no content and no link to fetch")), nil
		}
		in = &verbatim.Input{URL: link, Text: text}
	} else {
		p, err := r.cfg.fetcher.Fetch(ctx, link)
		if err != nil {
			return failed(origin, err), err
		}
		in, err = extractHTML(p.Body, p.URL, p.ContentType, r.cfg.fallback)
		if err != nil {
			return failed(origin, fmt.Errorf("%s: %w", link, err)), nil
		}
		in.Fetched = p.Fetched
	}
	// The feed's fields are structured data, the page's are guesses from
	// markup: the feed's win where it has them.
	if t := oneLine(html.UnescapeString(it.Title)); t != "" {
		in.Title = t
	}
	if len(it.Authors) > 0 && it.Authors[0] != nil && it.Authors[0].Name != "" {
		in.Author = oneLine(it.Authors[0].Name)
	}
	switch {
	case it.PublishedParsed != nil:
		in.Published = *it.PublishedParsed
	case it.UpdatedParsed != nil && in.Published.IsZero():
		in.Published = *it.UpdatedParsed
	}
	if in.SiteName == "" {
		in.SiteName = oneLine(r.feed.Title)
	}
	if in.Lang == "" {
		in.Lang = r.feed.Language
	}
	in.Origin = origin
	in.ID = idOf(in)
	return in, nil
}

func (r *feedReader) Close() error { return closeBody(r.body) }

// resolveURL resolves a possibly relative link against base.
func resolveURL(base, link string) string {
	if link == "" || base == "" {
		return link
	}
	b, err := url.Parse(base)
	if err != nil {
		return link
	}
	l, err := url.Parse(link)
	if err != nil {
		return link
	}
	return b.ResolveReference(l).String()
}

// truncationMarks end the content of feed items that are only teasers.
var truncationMarks = []string{"…", "...", "[…]", "[...]", "read more", "continue reading", "weiterlesen", "mehr lesen"}

// complete reports whether a feed item's text looks like a whole article.
func complete(text string) bool {
	if utf8.RuneCountInString(text) < minCompleteContent {
		return false
	}
	tail := strings.ToLower(text[max(0, len(text)-40):])
	tail = strings.TrimRight(tail, " \n\t\u00a0")
	for _, m := range truncationMarks {
		if strings.HasSuffix(tail, m) {
			return false
		}
	}
	return true
}

// fragmentText turns the HTML of a feed item's content into plain text.
// Feed content is a fragment of clean markup, so a walk over it is enough
// and keeps every paragraph, where a main-text extractor would drop short
// ones as boilerplate.
func fragmentText(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	body := &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return ""
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return norm.NFC.String(nodeText(body))
}
