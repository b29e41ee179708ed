package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"

	"verbatim"
)

// errNoText is the error of a page in which no main text was found.
var errNoText = errors.New("no main text found")

// ExtractHTML extracts the main text and the metadata of an HTML page:
// title, author, publication date, site name, canonical URL, language.
// pageURL (may be empty) resolves relative links and is the URL reported
// when the page names no canonical one; contentType (may be empty) is the
// HTTP Content-Type, whose charset wins over the page's own declaration.
// The Input's Origin is left for the caller to fill.
func ExtractHTML(body []byte, pageURL, contentType string, opts ...Option) (*verbatim.Input, error) {
	return extractHTML(body, pageURL, contentType, newConfig(opts).fallback)
}

func extractHTML(body []byte, pageURL, contentType string, fallback bool) (in *verbatim.Input, err error) {
	defer func() {
		// The extractor is a large port of Python code; a page that trips
		// it must cost that page only, not the run.
		if r := recover(); r != nil {
			in, err = nil, fmt.Errorf("HTML extraction failed: %v", r)
		}
	}()
	if bytes.IndexByte(body[:min(len(body), 8<<10)], 0) >= 0 && !utf16(body, contentType) {
		return nil, errBinary
	}
	doc, err := html.Parse(bytes.NewReader(decodeHTML(body, contentType)))
	if err != nil {
		return nil, fmt.Errorf("parsing HTML: %w", err)
	}
	o := trafilatura.Options{
		EnableFallback: fallback,
		// Readers' comments are not the article's quotations.
		ExcludeComments: true,
		// The publication date, not the last update, and with its time:
		// a story's quotes are dated by it.
		HtmlDateOptions: &htmldate.Options{UseOriginalDate: true, ExtractTime: true, SkipExtensiveSearch: !fallback},
	}
	if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
		o.OriginalURL = u
	}
	res, err := trafilatura.ExtractDocument(doc, o)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNoText, err)
	}
	// ContentText runs the paragraphs together; the paragraphs are the
	// article's structure, so the text is taken from the tree instead.
	text := nodeText(res.ContentNode)
	if text == "" {
		text = strings.TrimSpace(repairText(res.ContentText))
	}
	if text == "" {
		return nil, errNoText
	}
	m := res.Metadata
	in = &verbatim.Input{
		URL:      m.URL,
		Title:    oneLine(m.Title),
		Author:   oneLine(m.Author),
		SiteName: oneLine(m.Sitename),
		Lang:     declaredLang(doc),
		Text:     text,
	}
	if in.URL == "" {
		in.URL = pageURL
	}
	if in.Lang == "" {
		in.Lang = m.Language
	}
	if !m.Date.IsZero() {
		in.Published = m.Date
	}
	return in, nil
}

// decodeHTML returns body as NFC-normalised UTF-8. The HTTP charset wins,
// then a BOM or <meta charset>, then valid UTF-8, then windows-1252, as
// browsers do; go-trafilatura's own reader guesses statistically instead,
// which misreads short UTF-8 pages.
func decodeHTML(body []byte, contentType string) []byte {
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	if name != "utf-8" {
		if b, err := enc.NewDecoder().Bytes(body); err == nil {
			body = b
		}
	}
	if !utf8.Valid(body) {
		body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	// One form for "é" whether the page wrote it composed or not, so that
	// searching quotes for names finds both.
	return norm.NFC.Bytes(body)
}

// utf16 reports whether a page is in UTF-16, whose NUL bytes do not make
// it binary.
func utf16(b []byte, contentType string) bool {
	return bytes.HasPrefix(b, []byte{0xfe, 0xff}) || bytes.HasPrefix(b, []byte{0xff, 0xfe}) ||
		strings.Contains(strings.ToLower(contentType), "utf-16")
}

// declaredLang is the lang attribute of the <html> element.
func declaredLang(doc *html.Node) string {
	for n := doc.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.DataAtom == atom.Html {
			for _, a := range n.Attr {
				if strings.EqualFold(a.Key, "lang") {
					return strings.TrimSpace(a.Val)
				}
			}
		}
	}
	return ""
}

// oneLine collapses the whitespace of a metadata value.
func oneLine(s string) string {
	return strings.Join(strings.Fields(repairText(s)), " ")
}

// htmlReader reads one HTML file.
type htmlReader struct {
	path string
	cfg  *config
	body io.ReadCloser // set when the file is open already; else path is opened
	done bool
}

func (r *htmlReader) Next(ctx context.Context) (*verbatim.Input, error) {
	if r.done {
		return nil, io.EOF
	}
	r.done = true
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	origin := verbatim.Origin{Kind: verbatim.OriginHTML, Path: r.path}
	in, err := r.read()
	if err != nil {
		return failed(origin, err), nil
	}
	in.Origin = origin
	in.ID = idOf(in)
	return in, nil
}

func (r *htmlReader) read() (*verbatim.Input, error) {
	body, err := readSource(r.path, r.body, r.cfg.maxBytes)
	if err != nil {
		return nil, err
	}
	return extractHTML(body, "", "", r.cfg.fallback)
}

func (r *htmlReader) Close() error { return closeBody(r.body) }

// readSource reads a whole input, which must not be larger than max: body
// when it is open already, else the file at path.
func readSource(path string, body io.ReadCloser, max int64) ([]byte, error) {
	if body == nil {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Size() > max {
			return nil, fmt.Errorf("file of %d bytes is over the limit of %d", st.Size(), max)
		}
		body = f
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(body, max+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > max {
		return nil, fmt.Errorf("input over the limit of %d bytes", max)
	}
	return buf.Bytes(), nil
}

func closeBody(body io.Closer) error {
	if body == nil {
		return nil
	}
	return body.Close()
}
