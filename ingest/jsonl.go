package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"verbatim"
)

// jsonlReader reads JSONL: one article per line, either in the eval
// format (verbatim.Document, gold quotes included) or any object with a
// "text" and optionally "id", "url", "title", "author", "published" or
// "date", "site_name" or "publisher", "lang". Other fields are ignored.
type jsonlReader struct {
	path string
	f    io.ReadCloser
	br   *bufio.Reader
	cfg  *config
	line int
	buf  []byte
	// started is set once the start of the file has been checked for
	// binary data, which would otherwise give one error per "line".
	started bool
	done    bool
}

func newJSONLReader(path string, f io.ReadCloser, c *config) *jsonlReader {
	return &jsonlReader{path: path, f: f, br: bufio.NewReaderSize(f, 64<<10), cfg: c}
}

func (r *jsonlReader) Next(ctx context.Context) (*verbatim.Input, error) {
	for {
		if r.done {
			return nil, io.EOF
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !r.started {
			r.started = true
			head, _ := r.br.Peek(8 << 10)
			if looksBinary(head) {
				r.done = true
				return failed(verbatim.Origin{Kind: verbatim.OriginJSONL, Path: r.path}, errBinary), nil
			}
		}
		line, tooLong, err := r.readLine()
		if err != nil && err != io.EOF {
			r.done = true
			return failed(verbatim.Origin{Kind: verbatim.OriginJSONL, Path: r.path}, err), nil
		}
		if err == io.EOF {
			r.done = true
			if len(line) == 0 && !tooLong {
				return nil, io.EOF
			}
		}
		r.line++
		origin := verbatim.Origin{Kind: verbatim.OriginJSONL, Path: r.path, Line: r.line}
		if tooLong {
			return failed(origin, fmt.Errorf("line longer than %d bytes, skipped", r.cfg.maxText)), nil
		}
		if r.line == 1 {
			line = stripBOM(line)
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		in, err := parseJSONLLine(line)
		if err != nil {
			return failed(origin, err), nil
		}
		in.Origin = origin
		if in.ID == "" {
			in.ID = origin.String()
		}
		return in, nil
	}
}

// readLine returns the next line without its newline. A line longer than
// maxText is consumed and dropped, so that one bad line costs no more
// memory than the limit and the next line is still read.
func (r *jsonlReader) readLine() (line []byte, tooLong bool, err error) {
	r.buf = r.buf[:0]
	for {
		chunk, err := r.br.ReadSlice('\n')
		if !tooLong {
			if int64(len(r.buf)+len(chunk)) > r.cfg.maxText+1 {
				tooLong, r.buf = true, r.buf[:0]
			} else {
				r.buf = append(r.buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimSuffix(r.buf, []byte("\n")), tooLong, err
	}
}

func (r *jsonlReader) Close() error { return r.f.Close() }

// jsonlDoc is a JSONL line: the eval format (verbatim.Document), the
// plain {"id", "text"} form, and the field names of news-please exports
// (maintext, authors, date_publish, language, source_domain). Fields other
// than text and quotes take whatever JSON type exports give them: ids are
// often numbers, authors lists.
type jsonlDoc struct {
	ID          flexString       `json:"id"`
	Text        *string          `json:"text"`
	MainText    *string          `json:"maintext"`
	Title       flexString       `json:"title"`
	Lang        flexString       `json:"lang"`
	Language    flexString       `json:"language"`
	Publisher   flexString       `json:"publisher"`
	SiteName    flexString       `json:"site_name"`
	Domain      flexString       `json:"source_domain"`
	Date        flexString       `json:"date"`
	Published   flexString       `json:"published"`
	DatePublish flexString       `json:"date_publish"`
	URL         flexString       `json:"url"`
	Author      flexString       `json:"author"`
	Authors     flexString       `json:"authors"`
	Quotes      []verbatim.Quote `json:"quotes"`
}

// flexString reads a JSON string, number or list of strings as a string,
// and anything else as "".
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch v := v.(type) {
	case string:
		*f = flexString(v)
	case float64:
		*f = flexString(strings.TrimSpace(string(b)))
	case []any:
		var parts []string
		for _, e := range v {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				parts = append(parts, strings.TrimSpace(s))
			}
		}
		*f = flexString(strings.Join(parts, ", "))
	default:
		*f = ""
	}
	return nil
}

// first returns the first non-empty value.
func first(vs ...flexString) string {
	for _, v := range vs {
		if s := strings.TrimSpace(string(v)); s != "" {
			return s
		}
	}
	return ""
}

// parseJSONLLine reads one JSONL line into an Input (Origin left empty).
// Invalid UTF-8 and NUL bytes are refused, not repaired: the gold offsets
// of the eval files point into the text as it is.
func parseJSONLLine(line []byte) (*verbatim.Input, error) {
	if i := invalidUTF8(line); i >= 0 {
		// encoding/json would quietly turn it into U+FFFD.
		return nil, fmt.Errorf("invalid UTF-8 at byte %d of the line", i)
	}
	var d jsonlDoc
	if err := json.Unmarshal(line, &d); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if d.Text == nil {
		d.Text = d.MainText
	}
	if d.Text == nil {
		return nil, errors.New(`no "text" field`)
	}
	text := *d.Text
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("empty text")
	}
	if strings.IndexByte(text, 0) >= 0 {
		return nil, errors.New("text contains NUL bytes")
	}
	if len(d.Quotes) > 0 {
		a := verbatim.Analysis{Quotes: d.Quotes}
		if err := a.Validate(text); err != nil {
			return nil, fmt.Errorf("gold quotes do not match the text: %w", err)
		}
	}
	return &verbatim.Input{
		ID:        first(d.ID),
		URL:       first(d.URL),
		Title:     first(d.Title),
		Author:    first(d.Author, d.Authors),
		SiteName:  first(d.SiteName, d.Publisher, d.Domain),
		Lang:      first(d.Lang, d.Language),
		Published: parseDate(first(d.Published, d.DatePublish, d.Date)),
		Text:      text,
		Gold:      d.Quotes,
	}, nil
}

// dateLayouts are the forms of dates seen in JSONL exports.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
}

// parseDate reads a date in one of dateLayouts, or Unix seconds or
// milliseconds, or returns the zero time.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 1e8 {
		if n > 1e11 {
			return time.UnixMilli(n).UTC()
		}
		return time.Unix(n, 0).UTC()
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
