package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"verbatim"
)

// Kind is the kind of source Detect recognises.
type Kind string

// The kinds of source.
const (
	KindUnknown Kind = ""
	KindDir     Kind = "dir"
	KindText    Kind = "text"
	KindJSONL   Kind = "jsonl"
	KindHTML    Kind = "html"
	KindFeed    Kind = "feed"
	KindWARC    Kind = "warc"
	// KindURL is an http(s) URL: whether it is a feed or a page is known
	// only once it is fetched.
	KindURL Kind = "url"
)

// Detect tells the kind of src from its form alone: a URL scheme, a
// directory, or a file extension (.txt, .jsonl/.ndjson, .html/.htm,
// .xml/.rss/.atom, .warc/.warc.gz). Files with other extensions are
// KindUnknown here; Open sniffs their content.
func Detect(src string) Kind {
	if isURL(src) {
		return KindURL
	}
	if st, err := os.Stat(src); err == nil && st.IsDir() {
		return KindDir
	}
	return kindByName(src)
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func kindByName(name string) Kind {
	l := strings.ToLower(name)
	switch {
	case strings.HasSuffix(l, ".warc.gz"), strings.HasSuffix(l, ".warc"):
		return KindWARC
	}
	switch filepath.Ext(l) {
	case ".txt", ".text":
		return KindText
	case ".jsonl", ".ndjson":
		return KindJSONL
	case ".html", ".htm", ".xhtml":
		return KindHTML
	case ".xml", ".rss", ".atom":
		return KindFeed
	}
	return KindUnknown
}

// Open returns a reader of the articles in src: a file, a directory
// (walked, hidden entries and unknown extensions skipped), an http(s) URL
// of a page or feed, or "-" for standard input. A file of unknown
// extension, and standard input, are read as what their first bytes show.
// Open fails only when src cannot be opened at all; every later failure
// comes back from Next as an Input with Err.
func Open(src string, opts ...Option) (verbatim.Reader, error) {
	return openConfig(src, newConfig(opts))
}

// OpenAll reads several sources one after another. A source that cannot be
// opened comes back as an Input with Err, and the reader goes on.
func OpenAll(srcs []string, opts ...Option) verbatim.Reader {
	c := newConfig(opts)
	c.shareFetcher()
	return &seqReader{srcs: srcs, workers: c.workers, open: func(s string) (verbatim.Reader, error) { return openConfig(s, c) }}
}

// shareFetcher builds the one fetcher that all readers of a run use, so
// that its per-host delays hold across them.
func (c *config) shareFetcher() {
	if c.fetcher == nil {
		c.fetcher = newFetcher(c)
	}
}

func openConfig(src string, c *config) (verbatim.Reader, error) {
	c.shareFetcher()
	if isURL(src) {
		return &urlReader{url: src, cfg: c}, nil
	}
	if src == "-" {
		return openStream("(stdin)", nopCloser{os.Stdin}, c)
	}
	st, err := os.Stat(src)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		files, err := walk(src)
		if err != nil {
			return nil, err
		}
		return &seqReader{srcs: files, workers: c.workers, open: func(s string) (verbatim.Reader, error) { return openFile(s, kindByName(s), c) }}, nil
	}
	return openFile(src, kindByName(src), c)
}

func openFile(path string, k Kind, c *config) (verbatim.Reader, error) {
	switch k {
	case KindText:
		return &textReader{path: path, cfg: c}, nil
	case KindHTML:
		return &htmlReader{path: path, cfg: c}, nil
	case KindFeed:
		return &feedReader{src: path, cfg: c}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	switch k {
	case KindJSONL:
		return newJSONLReader(path, f, c), nil
	case KindWARC:
		return newWARCReader(path, f, c)
	}
	return openStream(path, f, c)
}

// openStream reads an input whose kind only its content shows.
func openStream(name string, f io.ReadCloser, c *config) (verbatim.Reader, error) {
	head, rc := peek(f, 512)
	switch sniff(head) {
	case KindWARC:
		return newWARCReader(name, rc, c)
	case KindJSONL:
		return newJSONLReader(name, rc, c), nil
	case KindFeed:
		return &feedReader{src: name, cfg: c, body: rc}, nil
	case KindHTML:
		return &htmlReader{path: name, cfg: c, body: rc}, nil
	}
	return &textReader{path: name, cfg: c, body: rc}, nil
}

// sniff tells a kind from the first bytes of an input.
func sniff(head []byte) Kind {
	b := bytes.TrimLeft(stripBOM(head), " \t\r\n")
	lower := bytes.ToLower(b[:min(len(b), 256)])
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}), bytes.HasPrefix(b, []byte("WARC/1.")):
		return KindWARC
	case bytes.HasPrefix(b, []byte("{")):
		return KindJSONL
	case bytes.Contains(lower, []byte("<rss")), bytes.Contains(lower, []byte("<feed")), bytes.Contains(lower, []byte("<rdf:rdf")):
		return KindFeed
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.Contains(lower, []byte("<html")), bytes.HasPrefix(lower, []byte("<head")), bytes.HasPrefix(lower, []byte("<body")):
		return KindHTML
	}
	return KindText
}

// peek returns up to n first bytes of r and a reader that still yields all.
func peek(r io.ReadCloser, n int) ([]byte, io.ReadCloser) {
	head := make([]byte, n)
	m, _ := io.ReadFull(r, head)
	head = head[:m]
	return head, struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), r), r}
}

type nopCloser struct{ io.Reader }

func (nopCloser) Close() error { return nil }

// walk lists the files under dir that Detect knows by extension, in
// lexical order. Hidden files and directories are skipped: they are
// editors' and tools' state, not articles.
func walk(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			// An unreadable subdirectory is reported as a source of its own.
			files = append(files, p)
			return fs.SkipDir
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && kindByName(p) != KindUnknown {
			files = append(files, p)
		}
		return nil
	})
	return files, err
}

// seqReader reads sources one after another, opening each when the one
// before is done.
//
// With more than one worker, the sources that hold one article each (text
// and HTML files, known by their extension) are read, and their HTML
// extracted, ahead on that many goroutines, and come out in the order of
// srcs: extracting a page's main text costs some hundred times what
// reading it does, so a folder of pages is read as fast as the cores
// extract. The other sources (JSONL, feeds, WARC files, folders, URLs)
// stream many articles each and are read in place when their turn comes;
// a WARC reader extracts on workers of its own.
type seqReader struct {
	srcs    []string
	open    func(string) (verbatim.Reader, error)
	cur     verbatim.Reader
	workers int

	// With workers: the sources in order, the one whose articles Next
	// waits for, and the articles of a source read ahead not yet returned.
	order    chan *fileJob
	waiting  *fileJob
	ready    []*verbatim.Input
	stop     chan struct{}
	cancel   context.CancelFunc
	stopOnce sync.Once
	wg       sync.WaitGroup
}

// fileJob is one source of a seqReader with workers.
type fileJob struct {
	src string
	// done is closed when ins holds the source's articles; it is nil for
	// a source to be read in place.
	done chan struct{}
	ins  []*verbatim.Input
}

func (s *seqReader) Next(ctx context.Context) (*verbatim.Input, error) {
	if s.workers > 1 {
		return s.nextAhead(ctx)
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if s.cur == nil {
			if len(s.srcs) == 0 {
				return nil, io.EOF
			}
			src := s.srcs[0]
			s.srcs = s.srcs[1:]
			if err := s.openNext(src); err != nil {
				return failed(verbatim.Origin{Kind: originKind(src), Path: src}, err), nil
			}
		}
		in, err := s.cur.Next(ctx)
		if err == io.EOF {
			s.cur.Close()
			s.cur = nil
			continue
		}
		return in, err
	}
}

func (s *seqReader) openNext(src string) error {
	r, err := s.open(src)
	if err != nil {
		return err
	}
	s.cur = r
	return nil
}

// readAhead reports whether a source holds one article, to be read ahead.
func readAhead(src string) bool {
	if isURL(src) || src == "-" {
		return false
	}
	k := kindByName(src)
	return k == KindText || k == KindHTML
}

func (s *seqReader) nextAhead(ctx context.Context) (*verbatim.Input, error) {
	if s.order == nil {
		s.start()
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(s.ready) > 0 {
			in := s.ready[0]
			s.ready = s.ready[1:]
			return in, nil
		}
		if s.cur != nil {
			in, err := s.cur.Next(ctx)
			if err == io.EOF {
				s.cur.Close()
				s.cur = nil
				continue
			}
			return in, err
		}
		if s.waiting == nil {
			select {
			case j, ok := <-s.order:
				if !ok {
					return nil, io.EOF
				}
				if j.done == nil {
					if err := s.openNext(j.src); err != nil {
						return failed(verbatim.Origin{Kind: originKind(j.src), Path: j.src}, err), nil
					}
					continue
				}
				s.waiting = j
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		select {
		case <-s.waiting.done:
			s.ready, s.waiting = s.waiting.ins, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// start runs the goroutine that lists the sources in order and the workers
// that read ahead. A job goes into order before it goes to a worker, so
// that the one Next waits for is always with a worker or done; order's
// capacity bounds how far ahead of Next the workers read.
func (s *seqReader) start() {
	n := s.workers
	s.order = make(chan *fileJob, 2*n)
	s.stop = make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	work := make(chan *fileJob, n)
	for range n {
		s.wg.Go(func() {
			for j := range work {
				j.ins = s.readAll(ctx, j.src)
				close(j.done)
			}
		})
	}
	srcs := s.srcs
	s.srcs = nil
	s.wg.Go(func() {
		defer close(s.order)
		defer close(work)
		for _, src := range srcs {
			j := &fileJob{src: src}
			if readAhead(src) {
				j.done = make(chan struct{})
			}
			select {
			case s.order <- j:
			case <-s.stop:
				return
			}
			if j.done == nil {
				continue
			}
			select {
			case work <- j:
			case <-s.stop:
				return
			}
		}
	})
}

// readAll reads every article of a source read ahead: one, unless the
// name misled (a folder called "x.html").
func (s *seqReader) readAll(ctx context.Context, src string) []*verbatim.Input {
	r, err := s.open(src)
	if err != nil {
		return []*verbatim.Input{failed(verbatim.Origin{Kind: originKind(src), Path: src}, err)}
	}
	defer r.Close()
	var ins []*verbatim.Input
	for {
		in, err := r.Next(ctx)
		if err != nil {
			// io.EOF, or the reader is closing and nobody reads these.
			return ins
		}
		ins = append(ins, in)
	}
}

// Close stops the workers, if any, and closes the source being read.
func (s *seqReader) Close() error {
	if s.stop != nil {
		s.stopOnce.Do(func() {
			close(s.stop)
			s.cancel()
		})
		s.wg.Wait()
	}
	if s.cur != nil {
		return s.cur.Close()
	}
	return nil
}

func originKind(src string) verbatim.OriginKind {
	switch Detect(src) {
	case KindText:
		return verbatim.OriginText
	case KindJSONL:
		return verbatim.OriginJSONL
	case KindHTML:
		return verbatim.OriginHTML
	case KindFeed:
		return verbatim.OriginFeed
	case KindWARC:
		return verbatim.OriginWARC
	case KindURL:
		return verbatim.OriginPage
	}
	return verbatim.OriginText
}

// failed is the Input of an item that could not be read. Its error names
// the origin, so that a caller can log it as it is.
func failed(o verbatim.Origin, err error) *verbatim.Input {
	return &verbatim.Input{ID: o.String(), Origin: o, Err: fmt.Errorf("%s: %w", o, err)}
}

// idOf is an Input's ID when its source gives none: the URL, else the
// origin.
func idOf(in *verbatim.Input) string {
	if in.URL != "" {
		return in.URL
	}
	return in.Origin.String()
}
