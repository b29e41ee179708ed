package verbatim

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// OriginKind names the kind of source an input came from.
type OriginKind string

// The kinds of origin, one per reader.
const (
	OriginText  OriginKind = "text"  // a plain-text file: the whole file is one article
	OriginJSONL OriginKind = "jsonl" // one line of a JSONL file
	OriginHTML  OriginKind = "html"  // an HTML file on disk
	OriginPage  OriginKind = "page"  // an HTML page fetched from a URL
	OriginFeed  OriginKind = "feed"  // an item of an RSS or Atom feed
	OriginWARC  OriginKind = "warc"  // a response record of a WARC file
)

// Origin says where an input came from, precisely enough to find it again:
// the file or URL, and within it the line, the WARC record or the feed item.
type Origin struct {
	Kind OriginKind `json:"kind"`
	// Path is the file path or URL of the source: the JSONL, HTML or WARC
	// file, the feed's file or URL, or the page's URL.
	Path string `json:"path"`
	// Line is the 1-based line of a JSONL input.
	Line int `json:"line,omitempty"`
	// Record is the WARC-Record-ID of a WARC input.
	Record string `json:"record,omitempty"`
	// Offset is the byte offset in the (compressed) file at which the WARC
	// record starts, so that one record can be read again without a scan.
	Offset int64 `json:"offset,omitempty"`
	// Item is the feed item's GUID, or its link when it has none.
	Item string `json:"item,omitempty"`
}

// String names the origin the way error messages and logs show it:
// "a.jsonl:12", "cc.warc.gz record <urn:uuid:…> at 1234", "feed.xml item …".
func (o Origin) String() string {
	var b strings.Builder
	b.WriteString(o.Path)
	if b.Len() == 0 {
		b.WriteString("(unnamed " + string(o.Kind) + ")")
	}
	switch {
	case o.Line > 0:
		fmt.Fprintf(&b, ":%d", o.Line)
	case o.Record != "":
		fmt.Fprintf(&b, " record %s at offset %d", o.Record, o.Offset)
	case o.Kind == OriginWARC && o.Offset > 0:
		fmt.Fprintf(&b, " at offset %d", o.Offset)
	}
	if o.Item != "" {
		fmt.Fprintf(&b, " item %s", o.Item)
	}
	return b.String()
}

// Input is one article to analyse, as a reader found it. Text is the plain
// text that every offset Verbatim reports refers to: for HTML it is the
// extracted main text, not the page, so it must be stored along with the
// analysis. Text is valid UTF-8 without NUL bytes.
type Input struct {
	// ID identifies the article within its source: the JSONL "id" when
	// there is one, else the URL, else the origin.
	ID     string `json:"id"`
	Origin Origin `json:"origin"`
	// URL is the article's canonical URL when the page names one, else the
	// URL it was fetched or archived from.
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Author    string    `json:"author,omitempty"`
	Published time.Time `json:"published,omitzero"`
	// Fetched is when the page was fetched or archived (the WARC-Date).
	Fetched  time.Time `json:"fetched,omitzero"`
	SiteName string    `json:"site_name,omitempty"`
	// Lang is the language the source declares (a BCP 47 tag, often just
	// "en") or, for a page that declares none, the one the HTML extractor
	// detected. It is a hint; empty when unknown.
	Lang string `json:"lang,omitempty"`
	Text string `json:"text"`
	// Gold holds the annotated quotes of an eval-format JSONL line.
	Gold []Quote `json:"gold,omitempty"`
	// Err is set when this item could not be read; the other fields then
	// hold what is known (at least Origin) and the reader can go on.
	Err error `json:"-"`
}

// Reader yields the articles of one or more sources.
//
// Next returns the next input, or io.EOF when there are none left. An item
// that cannot be read (a corrupt record, a page that fails to fetch, an
// invalid line) comes back as an Input with Err set, naming its origin, and
// the following call goes on with the next item. A non-nil error other than
// io.EOF means the reader cannot go on (the context was cancelled, or the
// source itself failed). Close releases open files.
type Reader interface {
	Next(ctx context.Context) (*Input, error)
	Close() error
}
