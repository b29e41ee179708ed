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
	"sync"
	"time"

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
//
// With more than one worker, records are read on one goroutine and their
// HTML extracted on the others, in order: extraction costs some forty
// times what reading does, so it is what a second core should do.
type warcReader struct {
	path string
	f    io.Closer
	w    *warc.Reader
	cfg  *config
	br   *bufio.Reader // reused for each record's HTTP message
	buf  bytes.Buffer  // reused for each HTML body
	done bool

	// With workers: jobs in the order of the file, the stop signal for
	// Close, and the goroutines to wait for.
	order    chan *job
	stop     chan struct{}
	stopOnce sync.Once
	wg       sync.WaitGroup
}

// job is one page of a WARC on its way to an Input.
type job struct {
	in      *verbatim.Input // the result, or a failure met while reading
	body    []byte          // HTML still to extract, when not nil
	uri     string
	ctype   string
	origin  verbatim.Origin
	fetched time.Time
	done    chan struct{} // closed when in is final, with workers
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
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if r.cfg.workers <= 1 {
		j, err := r.read()
		if err != nil {
			return nil, err
		}
		r.extract(j)
		return j.in, nil
	}
	if r.order == nil {
		r.start()
	}
	select {
	case j, ok := <-r.order:
		if !ok {
			return nil, io.EOF
		}
		select {
		case <-j.done:
			return j.in, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// start runs the reading goroutine and the extracting workers. Jobs go
// into order before work, so that the one Next waits for is always with a
// worker or done.
func (r *warcReader) start() {
	n := r.cfg.workers
	r.order = make(chan *job, 2*n)
	r.stop = make(chan struct{})
	work := make(chan *job, n)
	for range n {
		r.wg.Go(func() {
			for j := range work {
				r.extract(j)
				close(j.done)
			}
		})
	}
	r.wg.Go(func() {
		defer close(r.order)
		defer close(work)
		for {
			j, err := r.read()
			if err != nil {
				return
			}
			j.body = bytes.Clone(j.body) // the read buffer is reused
			j.done = make(chan struct{})
			select {
			case r.order <- j:
			case <-r.stop:
				return
			}
			select {
			case work <- j:
			case <-r.stop:
				return
			}
		}
	})
}

// read returns the next page's job, or io.EOF.
func (r *warcReader) read() (*job, error) {
	for {
		if r.done {
			return nil, io.EOF
		}
		rec, err := r.w.Next()
		if err == io.EOF {
			r.done = true
			return nil, io.EOF
		}
		var re *warc.RecordError
		if errors.As(err, &re) {
			return &job{in: failed(verbatim.Origin{Kind: verbatim.OriginWARC, Path: r.path, Record: re.ID, Offset: re.Offset}, re.Err)}, nil
		}
		if err != nil {
			// The file itself failed to read: nothing after this can be.
			r.done = true
			return &job{in: failed(verbatim.Origin{Kind: verbatim.OriginWARC, Path: r.path}, err)}, nil
		}
		if rec.Type() != "response" || !strings.HasPrefix(strings.ToLower(rec.Header.Get("Content-Type")), "application/http") {
			continue
		}
		j := &job{origin: verbatim.Origin{Kind: verbatim.OriginWARC, Path: r.path, Record: rec.ID(), Offset: rec.Offset},
			uri: rec.TargetURI(), fetched: rec.Date()}
		j.body, j.ctype, err = r.htmlBody(rec)
		if err != nil {
			if errors.As(err, &re) {
				err = re.Err // the origin names the record already
			}
			j.in = failed(j.origin, err)
			j.in.URL = j.uri
			return j, nil
		}
		if j.body != nil {
			return j, nil
		}
	}
}

// extract turns a job's HTML into its Input.
func (r *warcReader) extract(j *job) {
	if j.in != nil {
		return
	}
	in, err := extractHTML(j.body, j.uri, j.ctype, r.cfg.fallback)
	j.body = nil
	if err != nil {
		j.in = failed(j.origin, err)
		j.in.URL = j.uri
		return
	}
	in.Origin = j.origin
	in.Fetched = j.fetched
	in.ID = idOf(in)
	j.in = in
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

// Close stops the workers, if any, and closes the file. Closing the file
// first ends a read in progress, so the reading goroutine is never waited
// for longer than one record.
func (r *warcReader) Close() error {
	if r.stop == nil {
		return r.f.Close()
	}
	r.stopOnce.Do(func() { close(r.stop) })
	err := r.f.Close()
	r.wg.Wait()
	return err
}
