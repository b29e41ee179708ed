package warc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
)

const (
	// maxLine bounds one header line: a longer one means the input is not a
	// WARC header (or is damaged), and reading on would buffer without end.
	maxLine = 64 << 10
	// maxHeader bounds a record's whole header block for the same reason.
	maxHeader = 1 << 20
	// probeSize is how much compressed input is decompressed to test whether
	// a gzip magic number found while resynchronising starts a WARC record.
	probeSize = 16 << 10
)

// Header holds a record's named fields. Keys are canonical MIME header keys
// ("Warc-Record-Id"); use Get, which is case-insensitive as WARC names are.
type Header map[string][]string

// Get returns the first value of the named field, or "".
func (h Header) Get(name string) string {
	if v := h[textproto.CanonicalMIMEHeaderKey(name)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Record is one WARC record. Content streams its content block and is valid
// only until the next call to Next; reading it is optional.
type Record struct {
	Version string // "WARC/1.0" or "WARC/1.1"
	Header  Header
	// Offset is where the record starts in the file. In a gzip file it is
	// the offset of the gzip member that holds the record, which is what a
	// CDX index stores, so seeking there and reading one member finds it.
	Offset int64
	// ContentLength is the length of the content block, from its header.
	ContentLength int64
	Content       io.Reader
}

// Type is the WARC-Type ("response", "request", "warcinfo", ...).
func (r *Record) Type() string { return r.Header.Get("WARC-Type") }

// ID is the WARC-Record-ID, angle brackets included as the file has them.
func (r *Record) ID() string { return r.Header.Get("WARC-Record-ID") }

// TargetURI is the WARC-Target-URI. The angle brackets that the WARC 1.1
// grammar showed by mistake, and that some writers copied, are removed.
func (r *Record) TargetURI() string {
	u := r.Header.Get("WARC-Target-URI")
	if len(u) >= 2 && u[0] == '<' && u[len(u)-1] == '>' {
		u = u[1 : len(u)-1]
	}
	return u
}

// Date is the WARC-Date, or the zero time when it is missing or malformed.
func (r *Record) Date() time.Time {
	t, err := time.Parse(time.RFC3339Nano, r.Header.Get("WARC-Date"))
	if err != nil {
		return time.Time{}
	}
	return t
}

// RecordError reports a record that could not be read. After one, Next
// skips to the next record it can find and goes on.
type RecordError struct {
	Offset int64  // where the record (or its gzip member) starts
	ID     string // its WARC-Record-ID, when the header could be read
	Err    error
}

func (e *RecordError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("record %s at offset %d: %v", e.ID, e.Offset, e.Err)
	}
	return fmt.Sprintf("record at offset %d: %v", e.Offset, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// Reader reads records from a WARC file. It is not safe for concurrent use.
type Reader struct {
	src    *countingReader
	seeker io.Seeker // set when the source can seek, for exact resynchronisation
	br     *bufio.Reader
	gz     bool
	zr     *gzip.Reader
	probe  *gzip.Reader // reused to test candidate members while resynchronising
	dr     *bufio.Reader
	// inMember is true while dr reads the decompressed gzip member that
	// began at memberOff.
	inMember  bool
	memberOff int64
	cur       *content // the last record's unread content
	resync    bool     // the last record was damaged: skip to the next one
	err       error    // sticky: io.EOF or a failure of the source itself
}

// NewReader returns a reader of the records in r, which may be an
// uncompressed WARC or a gzip one (a member per record, as Common Crawl
// writes them, or one stream for the whole file). When r is an io.Seeker,
// recovery from a damaged gzip member is exact; otherwise it scans on from
// where decompression failed.
func NewReader(r io.Reader) (*Reader, error) {
	w := &Reader{src: &countingReader{r: r}}
	if s, ok := r.(io.Seeker); ok {
		if off, err := s.Seek(0, io.SeekCurrent); err == nil {
			w.seeker, w.src.n = s, off
		}
	}
	w.br = bufio.NewReaderSize(w.src, 64<<10)
	magic, err := w.br.Peek(2)
	if err != nil && err != io.EOF {
		return nil, err
	}
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		w.gz = true
		w.dr = bufio.NewReaderSize(nil, maxLine)
	} else {
		// Uncompressed, records are read from the source's buffer itself,
		// and pos() is where the next record starts.
		w.dr = w.br
	}
	return w, nil
}

// Next returns the next record, io.EOF after the last, or a *RecordError for
// a damaged one; after a *RecordError the following call goes on with the
// next record. Any other error is the source's own and is final.
func (w *Reader) Next() (*Record, error) {
	if w.err != nil {
		return nil, w.err
	}
	if c := w.cur; c != nil {
		w.cur = nil
		if c.err == nil {
			// The caller left content unread: skip it, so that damage
			// in it is reported now, as this record's. Damage the caller
			// met while reading was reported to it already.
			if _, err := io.Copy(io.Discard, c); err != nil {
				return nil, err
			}
		}
	}
	if w.resync {
		w.resync = false
		if err := w.resynchronise(); err != nil {
			w.err = err
			return nil, err
		}
	}
	for {
		if w.gz && !w.inMember {
			off := w.pos()
			if err := w.startMember(); err != nil {
				if err == io.EOF {
					w.err = io.EOF
					return nil, io.EOF
				}
				return nil, w.damaged(off, "", err)
			}
			w.memberOff = off
		}
		off := w.memberOff
		if !w.gz {
			off = w.pos()
		}
		rec, err := w.readHeader(off)
		if err == io.EOF {
			if w.gz {
				w.inMember = false
				continue
			}
			w.err = io.EOF
			return nil, io.EOF
		}
		if err != nil {
			id := ""
			if rec != nil {
				id = rec.ID()
			}
			return nil, w.damaged(off, id, err)
		}
		w.cur = &content{w: w, rec: rec, n: rec.ContentLength}
		rec.Content = w.cur
		return rec, nil
	}
}

func (w *Reader) startMember() error {
	var err error
	if w.zr == nil {
		w.zr, err = gzip.NewReader(w.br)
	} else {
		err = w.zr.Reset(w.br)
	}
	if err != nil {
		return err
	}
	// One member at a time, so that a damaged member is skipped alone and
	// each record's offset is its member's.
	w.zr.Multistream(false)
	w.dr.Reset(w.zr)
	w.inMember = true
	return nil
}

// pos is the offset in the source of the next byte br will return.
func (w *Reader) pos() int64 { return w.src.n - int64(w.br.Buffered()) }

// damaged turns an error met while reading the record at off into the
// error Next reports, and arranges for the next call to resynchronise.
func (w *Reader) damaged(off int64, id string, err error) error {
	if w.src.err != nil {
		// The source failed, not the record: nothing after it can be read.
		w.err = fmt.Errorf("reading at offset %d: %w", w.pos(), w.src.err)
		return w.err
	}
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	w.resync = true
	return &RecordError{Offset: off, ID: id, Err: err}
}

// readLine returns the next line without its line ending. The slice is
// valid until the next read. A line cut off by the end of the input comes
// back with io.ErrUnexpectedEOF.
func (w *Reader) readLine() ([]byte, error) {
	line, err := w.dr.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		return nil, fmt.Errorf("header line longer than %d bytes", maxLine)
	}
	if err == io.EOF && len(line) > 0 {
		return line, io.ErrUnexpectedEOF
	}
	if err != nil {
		return nil, err
	}
	line = line[:len(line)-1]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, nil
}

// readHeader reads a record's version line and header fields. It returns
// io.EOF when the stream (or gzip member) ends before a record starts, and
// a partly filled record with the error when the header is damaged.
func (w *Reader) readHeader(off int64) (*Record, error) {
	var line []byte
	var err error
	// Writers disagree on blank lines between records; a few are harmless.
	for blank := 0; ; blank++ {
		line, err = w.readLine()
		if err != nil {
			if len(line) > 0 && !bytes.HasPrefix(line, []byte("WARC/")) {
				return nil, fmt.Errorf("not a WARC record: starts with %q", clip(line))
			}
			return nil, err
		}
		if len(line) > 0 {
			break
		}
		if blank == 8 {
			return nil, errors.New("blank lines where a record should start")
		}
	}
	if !bytes.HasPrefix(line, []byte("WARC/")) {
		return nil, fmt.Errorf("not a WARC record: starts with %q", clip(line))
	}
	rec := &Record{Version: string(line), Offset: off, Header: make(Header, 12)}
	total := len(line)
	var last string
	for {
		line, err = w.readLine()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return rec, fmt.Errorf("header: %w", err)
		}
		if len(line) == 0 {
			break
		}
		if total += len(line); total > maxHeader {
			return rec, fmt.Errorf("header longer than %d bytes", maxHeader)
		}
		if line[0] == ' ' || line[0] == '\t' {
			// A folded continuation of the previous field.
			if last == "" {
				return rec, fmt.Errorf("header continuation line with no field: %q", clip(line))
			}
			v := rec.Header[last]
			v[len(v)-1] += " " + string(bytes.TrimSpace(line))
			continue
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok || len(bytes.TrimSpace(name)) == 0 {
			return rec, fmt.Errorf("malformed header line %q", clip(line))
		}
		last = textproto.CanonicalMIMEHeaderKey(string(bytes.TrimSpace(name)))
		rec.Header[last] = append(rec.Header[last], string(bytes.TrimSpace(value)))
	}
	cl := rec.Header.Get("Content-Length")
	n, err := strconv.ParseInt(cl, 10, 64)
	if err != nil || n < 0 {
		return rec, fmt.Errorf("invalid Content-Length %q", clip([]byte(cl)))
	}
	rec.ContentLength = n
	return rec, nil
}

// skipRecordEnd consumes the CRLF CRLF that ends a record. It takes only
// line-ending bytes so that a writer that left them out loses nothing.
func (w *Reader) skipRecordEnd() {
	for range 4 {
		b, err := w.dr.ReadByte()
		if err != nil {
			return
		}
		if b != '\r' && b != '\n' {
			_ = w.dr.UnreadByte()
			return
		}
	}
}

// resynchronise moves to the next place a record can start after a damaged
// one: the next gzip member that decompresses to "WARC/", or in an
// uncompressed file the next line that starts with "WARC/1.".
func (w *Reader) resynchronise() error {
	if !w.gz {
		return w.scanPlain()
	}
	w.inMember = false
	if w.seeker != nil {
		// Decompression may have read past the end of the damaged member
		// before it failed; go back to just after its start.
		if _, err := w.seeker.Seek(w.memberOff+1, io.SeekStart); err != nil {
			return err
		}
		w.src.n, w.src.err = w.memberOff+1, nil
		w.br.Reset(w.src)
	}
	for {
		buf, err := w.br.Peek(w.br.Size())
		if len(buf) == 0 {
			if err == nil || err == io.EOF {
				return io.EOF
			}
			return err
		}
		i := bytes.IndexByte(buf, 0x1f)
		if i < 0 {
			_, _ = w.br.Discard(len(buf))
			continue
		}
		_, _ = w.br.Discard(i)
		cand, _ := w.br.Peek(probeSize)
		if w.startsRecord(cand) {
			return nil
		}
		_, _ = w.br.Discard(1)
	}
}

// startsRecord reports whether b begins a gzip member whose data starts
// with "WARC/": the gzip magic alone occurs by chance in compressed data.
func (w *Reader) startsRecord(b []byte) bool {
	if len(b) < 10 || b[0] != 0x1f || b[1] != 0x8b || b[2] != 8 || b[3]&0xe0 != 0 {
		return false
	}
	var err error
	if w.probe == nil {
		w.probe, err = gzip.NewReader(bytes.NewReader(b))
	} else {
		err = w.probe.Reset(bytes.NewReader(b))
	}
	if err != nil {
		return false
	}
	w.probe.Multistream(false)
	var head [5]byte
	_, err = io.ReadFull(w.probe, head[:])
	return err == nil && string(head[:]) == "WARC/"
}

// scanPlain skips to the next line of an uncompressed WARC that starts
// with "WARC/1.".
func (w *Reader) scanPlain() error {
	for {
		head, err := w.dr.Peek(7)
		if string(head) == "WARC/1." {
			return nil
		}
		if err != nil {
			if err == io.EOF {
				return io.EOF
			}
			return err
		}
		for {
			_, err = w.dr.ReadSlice('\n')
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err == io.EOF {
			return io.EOF
		}
		if err != nil {
			return err
		}
	}
}

// content streams one record's content block and turns failures into
// *RecordError naming the record.
type content struct {
	w     *Reader
	rec   *Record
	n     int64 // bytes of the block not yet read
	ended bool  // endRecord has run
	err   error
}

func (c *content) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if c.n <= 0 {
		if !c.ended {
			// An empty block: nothing was read to end the record.
			c.ended = true
			if err := c.w.endRecord(); err != nil {
				c.err = c.w.damaged(c.rec.Offset, c.rec.ID(), err)
				return 0, c.err
			}
		}
		return 0, io.EOF
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	n, err := c.w.dr.Read(p)
	c.n -= int64(n)
	if err == io.EOF && c.n > 0 {
		err = fmt.Errorf("content block ends %d bytes before its Content-Length", c.n)
	}
	if err == io.EOF {
		err = nil
	}
	if err == nil && c.n == 0 {
		c.ended = true
		err = c.w.endRecord()
	}
	if err != nil {
		c.err = c.w.damaged(c.rec.Offset, c.rec.ID(), err)
		return n, c.err
	}
	return n, nil
}

// endRecord consumes what follows a content block and, in a gzip file,
// makes sure that the member ends there (or another record follows in it)
// before the content is declared whole. Reading to the member's end is
// what checks its CRC, so damage shows as this record's error, not the
// next one's.
func (w *Reader) endRecord() error {
	w.skipRecordEnd()
	if !w.gz {
		return nil
	}
	b, err := w.dr.Peek(1)
	switch {
	case err == io.EOF:
		return nil
	case err != nil:
		return err
	case b[0] != 'W':
		return errors.New("data after the content block: the member is damaged or the Content-Length is wrong")
	}
	return nil
}

// countingReader counts the bytes read from the source and remembers its
// first failure, which tells a damaged record from a failing disk.
type countingReader struct {
	r   io.Reader
	n   int64
	err error
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err != nil && err != io.EOF && c.err == nil {
		c.err = err
	}
	return n, err
}

func clip(b []byte) string {
	s := string(b)
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
