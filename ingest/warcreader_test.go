package ingest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"verbatim"
	"verbatim/ingest/internal/warctest"
)

// crawlWARC builds a gzip-per-record WARC as a news crawl leaves it: pages
// and everything around them, one damaged member, and the records a reader
// must pass over. It returns the file and, per good page, its story.
func crawlWARC(t testing.TB) ([]byte, map[string]story) {
	var f warctest.File
	good := map[string]story{}
	uri := func(i int) string { return fmt.Sprintf("https://courier.example/news/%d", i) }
	add := func(r warctest.Record) { f.Add(r, true) }

	add(warctest.Record{Type: "warcinfo", ID: warctest.ID(100), CType: "application/warc-fields", Block: []byte("software: test\r\n")})
	add(warctest.Record{Type: "request", ID: warctest.ID(101), URI: uri(0), CType: "application/http; msgtype=request",
		Block: []byte("GET /news/0 HTTP/1.1\r\nHost: courier.example\r\n\r\n")})
	add(warctest.Response(1, uri(0), warctest.HTTP(200, "text/html; charset=utf-8", stories[0].html(""))))
	good[uri(0)] = stories[0]
	add(warctest.Record{Type: "metadata", ID: warctest.ID(102), URI: uri(0), CType: "application/warc-fields", Block: []byte("fetchTimeMs: 120\r\n")})
	add(warctest.Response(2, uri(90), warctest.HTTP(404, "text/html", "<html><body>Not found</body></html>")))
	add(warctest.Response(3, uri(91), warctest.HTTP(301, "text/html", "", "Location: https://courier.example/")))
	add(warctest.Response(4, "https://courier.example/logo.png", warctest.HTTP(200, "image/png", "\x89PNG\r\n\x1a\n")))
	add(warctest.Response(5, "https://courier.example/feed", warctest.HTTP(200, "application/rss+xml", "<rss></rss>")))
	add(warctest.Record{Type: "response", ID: warctest.ID(6), URI: "dns:courier.example", CType: "text/dns", Block: []byte("courier.example. 300 IN A 192.0.2.1\n")})

	// A damaged member: bytes overwritten in the middle of its deflate data.
	bad := warctest.Gzip(warctest.Response(7, uri(92), warctest.HTTP(200, "text/html", stories[1].html("")+strings.Repeat("<p>filler</p>", 200))).Bytes())
	for i := len(bad) / 2; i < len(bad)/2+16; i++ {
		bad[i] ^= 0x5a
	}
	f.AddRaw(bad, false)

	// A page stored gzip-encoded and chunked, as wget and warcio keep them.
	var enc bytes.Buffer
	zw := gzip.NewWriter(&enc)
	zw.Write([]byte(stories[1].html("https://courier.example/news/school-meals")))
	zw.Close()
	chunked := fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", enc.Len(), enc.Bytes())
	add(warctest.Response(8, uri(1), []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"+chunked)))
	good["https://courier.example/news/school-meals"] = stories[1]

	// A page without a Content-Type, known by its content.
	add(warctest.Response(9, uri(2), warctest.HTTP(200, "", stories[2].html(""))))
	good[uri(2)] = stories[2]
	return f.Bytes(), good
}

func TestWARCReader(t *testing.T) {
	data, good := crawlWARC(t)
	path := write(t, t.TempDir(), "crawl.warc.gz", data)
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ins := readAll(t, r)
	var errs []*verbatim.Input
	for _, in := range ins {
		if in.Err != nil {
			errs = append(errs, in)
			continue
		}
		s, ok := good[in.URL]
		if !ok {
			t.Errorf("unexpected input %s (%s)", in.URL, in.Origin)
			continue
		}
		delete(good, in.URL)
		if !strings.Contains(in.Text, s.quote()) || in.Title != s.title || in.Author != s.author {
			t.Errorf("%s: title %q author %q text\n%s", in.URL, in.Title, in.Author, in.Text)
		}
		if in.Origin.Kind != verbatim.OriginWARC || in.Origin.Path != path || in.Origin.Record == "" || in.Fetched.IsZero() {
			t.Errorf("%s: origin %+v fetched %v", in.URL, in.Origin, in.Fetched)
		}
	}
	for u := range good {
		t.Errorf("page %s missing", u)
	}
	if len(errs) != 1 {
		t.Fatalf("%d errors, want 1 (the damaged record):\n%s", len(errs), summary(errs))
	}
	msg := errs[0].Err.Error()
	if !strings.Contains(msg, path) || !strings.Contains(msg, "offset") || errs[0].Origin.Offset == 0 {
		t.Errorf("error %q should name the file and the record's offset", msg)
	}
	if ins[len(ins)-1].Err != nil {
		t.Error("the reader did not go on after the damaged record")
	}
}

func TestWARCBodyLimit(t *testing.T) {
	var f warctest.File
	big := stories[0].html("") + strings.Repeat("<p>more</p>", 5000)
	f.Add(warctest.Response(1, "https://courier.example/big", warctest.HTTP(200, "text/html", big)), true)
	f.Add(warctest.Response(2, "https://courier.example/small", warctest.HTTP(200, "text/html", stories[1].html(""))), true)
	path := write(t, t.TempDir(), "limit.warc.gz", f.Bytes())
	r, err := Open(path, WithMaxBytes(20<<10))
	if err != nil {
		t.Fatal(err)
	}
	got := summary(readAll(t, r))
	want := "ERR " + path + " record " + warctest.ID(1) + " at offset 0: HTML body over the limit of 20480 bytes, skipped\nhttps://courier.example/small"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// largeCrawl is a WARC of n pages, each with its request record.
func largeCrawl(n int) []byte {
	var f warctest.File
	for i := range n {
		uri := fmt.Sprintf("https://courier.example/news/%d", i)
		f.Add(warctest.Record{Type: "request", ID: warctest.ID(2 * i), URI: uri, CType: "application/http; msgtype=request",
			Block: []byte("GET / HTTP/1.1\r\nHost: courier.example\r\n\r\n")}, true)
		s := stories[i%len(stories)]
		f.Add(warctest.Response(2*i+1, uri, warctest.HTTP(200, "text/html; charset=utf-8", s.html(uri))), true)
	}
	return f.Bytes()
}

// TestWARCReaderMemory streams a WARC of many pages and checks that the
// reader, extraction included, keeps no memory from one page to the next.
func TestWARCReaderMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts many pages")
	}
	path := write(t, t.TempDir(), "large.warc.gz", largeCrawl(1500))
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var heap []uint64
	ctx := t.Context()
	for n := 0; ; n++ {
		in, err := r.Next(ctx)
		if err != nil {
			break
		}
		if in.Err != nil {
			t.Fatal(in.Err)
		}
		if n%500 == 499 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			heap = append(heap, ms.HeapAlloc-min(ms.HeapAlloc, base))
		}
	}
	r.Close()
	t.Logf("live heap above start after 500, 1000, 1500 pages: %v bytes", heap)
	if len(heap) != 3 || heap[2] > heap[0]+2<<20 {
		t.Errorf("live heap grows with the pages read: %v", heap)
	}
}

func BenchmarkWARCReader(b *testing.B) {
	data := largeCrawl(300)
	path := write(b, b.TempDir(), "bench.warc.gz", data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(readAll(b, r)); n != 300 {
			b.Fatalf("%d pages", n)
		}
	}
	b.ReportMetric(300*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// TestWARCWorkers checks that extraction on workers gives what the serial
// reader gives, in the same order, and that closing early stops them.
func TestWARCWorkers(t *testing.T) {
	data, _ := crawlWARC(t)
	dir := t.TempDir()
	small := write(t, dir, "crawl.warc.gz", data)
	large := write(t, dir, "large.warc.gz", largeCrawl(60))
	for _, path := range []string{small, large} {
		r, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		want := summary(readAll(t, r))
		for _, n := range []int{2, 3} {
			r, err := Open(path, WithWorkers(n))
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(readAll(t, r)); got != want {
				t.Errorf("%d workers: got\n%s\nwant\n%s", n, got, want)
			}
		}
	}
	r, _ := Open(large, WithWorkers(2))
	for range 5 {
		if _, err := r.Next(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan error)
	go func() { done <- r.Close() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not stop the workers")
	}
}

func BenchmarkWARCReaderWorkers(b *testing.B) {
	data := largeCrawl(300)
	path := write(b, b.TempDir(), "bench.warc.gz", data)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r, err := Open(path, WithWorkers(2))
		if err != nil {
			b.Fatal(err)
		}
		if n := len(readAll(b, r)); n != 300 {
			b.Fatalf("%d pages", n)
		}
	}
	b.ReportMetric(300*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
