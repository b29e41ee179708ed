package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"strings"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"

	"verbatim"
	"verbatim/ingest/warc"
)

// warcReader yields the HTML pages of a WARC file: response records of
// status 200 whose Content-Type is HTML. Requests, metadata, revisits,
// redirects, errors and non-HTML responses are passed over silently; a
// damaged record, or an HTML body over the size limit, yields an Input
// with Err and the reader goes on.
type warcReader struct {
	path string
	f    io.Closer
	w    *warc.Reader
	cfg  *config
	br   *bufio.Reader // reused for each record's HTTP message
	buf  bytes.Buffer  // reused for each HTML body
	done bool
}

func newWARCReader(path string, f io.ReadCloser, c *config) (verbatim.Reader, error) {
	w, err := warc.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &warcReader{path: path, f: f, w: w, cfg: c, br: bufio.NewReaderSize(nil, 16<<10)}, nil
}

func (r *warcReader) Next(ctx context.Context) (*verbatim.Input, error) {
	for {
		if r.done {
			return nil, io.EOF
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rec, err := r.w.Next()
		if err == io.EOF {
			r.done = true
			return nil, io.EOF
		}
		var re *warc.RecordError
		if errors.As(err, &re) {
			return failed(verbatim.Origin{Kind: verbatim.OriginWARC, Path: r.path, Record: re.ID, Offset: re.Offset}, re.Err), nil
		}
		if err != nil {
			// The file itself failed to read: nothing after this can be.
			r.done = true
			return failed(verbatim.Origin{Kind: verbatim.OriginWARC, Path: r.path}, err), nil
		}
		if rec.Type() != "response" || !strings.HasPrefix(strings.ToLower(rec.Header.Get("Content-Type")), "application/http") {
			continue
		}
		origin := verbatim.Origin{Kind: verbatim.OriginWARC, Path: r.path, Record: rec.ID(), Offset: rec.Offset}
		uri := rec.TargetURI()
		body, ctype, err := r.htmlBody(rec)
		if err != nil {
			if errors.As(err, &re) {
				err = re.Err // the origin names the record already
			}
			in := failed(origin, err)
			in.URL = uri
			return in, nil
		}
		if body == nil {
			continue
		}
		in, err := extractHTML(body, uri, ctype, r.cfg.fallback)
		if err != nil {
			in = failed(origin, err)
			in.URL = uri
			return in, nil
		}
		in.Origin = origin
		in.Fetched = rec.Date()
		in.ID = idOf(in)
		return in, nil
	}
}

// htmlBody reads the HTML body of an HTTP response record. It returns a
// nil body for a response that is not a 200 with HTML. The slice is valid
// until the next call.
func (r *warcReader) htmlBody(rec *warc.Record) (body []byte, ctype string, err error) {
	r.br.Reset(rec.Content)
	tp := textproto.NewReader(r.br)
	status, err := tp.ReadLine()
	if err != nil {
		return nil, "", fmt.Errorf("HTTP status line: %w", err)
	}
	proto, rest, _ := strings.Cut(status, " ")
	code, _, _ := strings.Cut(rest, " ")
	if !strings.HasPrefix(proto, "HTTP/") {
		return nil, "", fmt.Errorf("not an HTTP response: %q", clipString(status))
	}
	if code != "200" {
		return nil, "", nil
	}
	hdr, err := tp.ReadMIMEHeader()
	if err != nil {
		return nil, "", fmt.Errorf("HTTP header: %w", err)
	}
	ctype = hdr.Get("Content-Type")
	if ctype == "" {
		head, _ := r.br.Peek(512)
		ctype = http.DetectContentType(head)
	}
	if !isHTMLType(ctype) {
		return nil, "", nil
	}
	var payload io.Reader = r.br
	if strings.Contains(strings.ToLower(hdr.Get("Transfer-Encoding")), "chunked") && looksChunked(r.br) {
		payload = httputil.NewChunkedReader(payload)
	}
	if payload, err = decoded(payload, hdr.Get("Content-Encoding")); err != nil {
		return nil, "", err
	}
	r.buf.Reset()
	if _, err := r.buf.ReadFrom(io.LimitReader(payload, r.cfg.maxBytes+1)); err != nil {
		return nil, "", fmt.Errorf("HTTP body: %w", err)
	}
	if int64(r.buf.Len()) > r.cfg.maxBytes {
		return nil, "", fmt.Errorf("HTML body over the limit of %d bytes, skipped", r.cfg.maxBytes)
	}
	return r.buf.Bytes(), ctype, nil
}

// looksChunked reports whether a body starts with a chunk size line.
// Archivers that store the body decoded (Common Crawl among them) mostly
// rename the Transfer-Encoding header, but not all do.
func looksChunked(br *bufio.Reader) bool {
	head, _ := br.Peek(18)
	i := 0
	for i < len(head) && strings.IndexByte("0123456789abcdefABCDEF", head[i]) >= 0 {
		i++
	}
	return i > 0 && i < len(head) && (head[i] == '\r' || head[i] == ';' || head[i] == '\n')
}

// decoded undoes a Content-Encoding when the body is really encoded: some
// archivers store the decoded body and keep the header as it was, so the
// body's first bytes decide.
func decoded(body io.Reader, encoding string) (io.Reader, error) {
	br := bufio.NewReader(body)
	head, _ := br.Peek(4)
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "gzip", "x-gzip":
		if bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
			zr, err := gzip.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("gzip body: %w", err)
			}
			return zr, nil
		}
	case "deflate":
		// "deflate" is zlib by the standard, raw deflate by many servers.
		switch {
		case len(head) >= 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0:
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("deflate body: %w", err)
			}
			return zr, nil
		case !looksLikeMarkup(head):
			return flate.NewReader(br), nil
		}
	case "br", "zstd":
		if !looksLikeMarkup(head) {
			return nil, fmt.Errorf("%s-encoded body is not supported", encoding)
		}
	}
	return br, nil
}

// looksLikeMarkup reports whether a body starts as HTML does, unencoded.
func looksLikeMarkup(head []byte) bool {
	head = bytes.TrimLeft(stripBOM(head), " \t\r\n")
	return len(head) == 0 || head[0] == '<'
}

func clipString(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func (r *warcReader) Close() error { return r.f.Close() }
