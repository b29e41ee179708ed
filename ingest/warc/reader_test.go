package warc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"verbatim/ingest/internal/warctest"
)

const page = `<html><head><title>Council votes</title></head><body><p>"We will build the bridge by spring," the mayor said on Tuesday.</p></body></html>`

// onlyReader hides Seek, to test recovery on a stream.
type onlyReader struct{ io.Reader }

// events reads every record and says what happened to each: "id" for a
// record read whole, "bad@offset" for a damaged one.
func events(t *testing.T, r io.Reader) []string {
	t.Helper()
	w, err := NewReader(r)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := 0; i < 1000; i++ {
		rec, err := w.Next()
		if err == io.EOF {
			return out
		}
		var re *RecordError
		if errors.As(err, &re) {
			out = append(out, fmt.Sprintf("bad@%d", re.Offset))
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		n, err := io.Copy(io.Discard, rec.Content)
		if errors.As(err, &re) {
			out = append(out, fmt.Sprintf("bad@%d", re.Offset))
			continue
		}
		if err != nil {
			t.Fatalf("reading %s: %v", rec.ID(), err)
		}
		if n != rec.ContentLength {
			t.Fatalf("%s: read %d bytes, Content-Length %d", rec.ID(), n, rec.ContentLength)
		}
		out = append(out, rec.Type()+" "+rec.ID())
	}
	t.Fatal("reader does not end")
	return nil
}

// sample is a file with the records and the damage the tests need, and
// the events a reader should report for it.
func sample(gz bool) (data []byte, want []string) {
	var f warctest.File
	add := func(r warctest.Record) {
		f.Add(r, gz)
		want = append(want, r.Type+" "+r.ID)
	}
	bad := func(b []byte) {
		f.AddRaw(b, false)
		want = append(want, fmt.Sprintf("bad@%d", f.Offsets[len(f.Offsets)-1]))
	}
	add(warctest.Record{Type: "warcinfo", ID: warctest.ID(0), CType: "application/warc-fields", Block: []byte("software: test\r\n")})
	add(warctest.Record{Type: "request", ID: warctest.ID(1), URI: "https://news.example/a", CType: "application/http; msgtype=request", Block: []byte("GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n")})
	add(warctest.Response(2, "https://news.example/a", warctest.HTTP(200, "text/html", page)))
	add(warctest.Response(3, "https://news.example/gone", warctest.HTTP(404, "text/html", "not here")))

	// A header line without a colon, in an otherwise sound record.
	malformed := []byte("WARC/1.0\r\nWARC-Type response\r\nContent-Length: 4\r\n\r\nbody\r\n\r\n")
	if gz {
		bad(warctest.Gzip(malformed))
	} else {
		bad(malformed)
	}
	add(warctest.Response(4, "https://news.example/b", warctest.HTTP(200, "text/html", page)))
	if gz {
		// Deflate data overwritten in the middle.
		m := warctest.Gzip(warctest.Response(5, "https://news.example/c", warctest.HTTP(200, "text/html", strings.Repeat(page, 20))).Bytes())
		for i := len(m) / 2; i < len(m)/2+16; i++ {
			m[i] ^= 0x5a
		}
		bad(m)
		// A wrong CRC in the member's trailer: the content reads whole,
		// and the damage shows only at its end.
		m = warctest.Gzip(warctest.Response(6, "https://news.example/d", warctest.HTTP(200, "text/html", page)).Bytes())
		m[len(m)-6] ^= 0xff
		bad(m)
	} else {
		// A Content-Length that is not a number.
		r := warctest.Response(5, "https://news.example/c", warctest.HTTP(200, "text/html", page))
		b := bytes.Replace(r.Bytes(), []byte("Content-Length: "), []byte("Content-Length: x"), 1)
		bad(b)
	}
	add(warctest.Response(7, "https://news.example/e", warctest.HTTP(200, "text/html", page)))
	return f.Bytes(), want
}

func TestReader(t *testing.T) {
	for _, tc := range []struct {
		name     string
		gz, seek bool
	}{
		{"gzip per record, seekable", true, true},
		{"gzip per record, stream", true, false},
		{"uncompressed, seekable", false, true},
		{"uncompressed, stream", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, want := sample(tc.gz)
			var r io.Reader = bytes.NewReader(data)
			if !tc.seek {
				r = onlyReader{r}
			}
			got := events(t, r)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
			}
		})
	}
}

func TestOffsets(t *testing.T) {
	var f warctest.File
	for i := range 5 {
		f.Add(warctest.Response(i, fmt.Sprintf("https://news.example/%d", i), warctest.HTTP(200, "text/html", page)), true)
	}
	w, err := NewReader(bytes.NewReader(f.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for i, off := range f.Offsets {
		rec, err := w.Next()
		if err != nil {
			t.Fatal(err)
		}
		if rec.Offset != off {
			t.Errorf("record %d: offset %d, want %d", i, rec.Offset, off)
		}
		// Reading one member from the offset alone finds the record, as
		// a CDX lookup would.
		one, err := NewReader(bytes.NewReader(f.Bytes()[off:]))
		if err != nil {
			t.Fatal(err)
		}
		if r2, err := one.Next(); err != nil || r2.ID() != rec.ID() {
			t.Errorf("record %d read from its offset: %v, %v", i, r2, err)
		}
	}
}

func TestDamagedFiles(t *testing.T) {
	var f warctest.File
	for i := range 3 {
		f.Add(warctest.Response(i, "https://news.example/x", warctest.HTTP(200, "text/html", page)), true)
	}
	full := f.Bytes()
	// The whole file as a single gzip stream, as some tools write it.
	var plain bytes.Buffer
	for i := range 3 {
		plain.Write(warctest.Response(i, "https://news.example/x", warctest.HTTP(200, "text/html", page)).Bytes())
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"truncated gzip", full[:len(full)-30], "response " + warctest.ID(0) + ",response " + warctest.ID(1) + fmt.Sprintf(",bad@%d", f.Offsets[2])},
		{"one gzip stream", warctest.Gzip(plain.Bytes()), "response " + warctest.ID(0) + ",response " + warctest.ID(1) + ",response " + warctest.ID(2)},
		{"empty", nil, ""},
		{"not a WARC", []byte("<html>hello</html>\n"), "bad@0"},
		{"garbage then record", append([]byte("junk\r\nmore junk\r\n"), warctest.Response(0, "https://news.example/x", warctest.HTTP(200, "text/html", page)).Bytes()...), "bad@0,response " + warctest.ID(0)},
		{"gzip of text", warctest.Gzip([]byte("just text\n")), "bad@0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, seek := range []bool{true, false} {
				var r io.Reader = bytes.NewReader(tc.data)
				if !seek {
					r = onlyReader{r}
				}
				if got := strings.Join(events(t, r), ","); got != tc.want {
					t.Errorf("seek=%v: got %q, want %q", seek, got, tc.want)
				}
			}
		})
	}
}

func TestRecordError(t *testing.T) {
	data, _ := sample(true)
	w, _ := NewReader(bytes.NewReader(data))
	for {
		_, err := w.Next()
		if err == io.EOF {
			t.Fatal("no record error")
		}
		if err != nil {
			if !strings.Contains(err.Error(), "at offset") || !strings.Contains(err.Error(), "malformed header line") {
				t.Errorf("error %q should name the offset and the damage", err)
			}
			return
		}
	}
}

// words makes text that compresses about as well as a news page does.
func words(rng *rand.Rand, n int) string {
	vocab := strings.Fields(`the minister said on Tuesday that council would vote against plan
		"we cannot accept this," she told reporters in Berlin after meeting with union leaders who
		warned of strikes across the country unless wages rise by five percent next year according to`)
	var b strings.Builder
	for range n {
		b.WriteString(vocab[rng.IntN(len(vocab))])
		b.WriteByte(' ')
	}
	return b.String()
}

// bigWARC builds a gzip-per-record WARC of about size compressed bytes,
// each response preceded by its request as in a crawl.
func bigWARC(size int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var f warctest.File
	for i := 0; f.Len() < size; i++ {
		uri := fmt.Sprintf("https://news.example/%d", i)
		f.Add(warctest.Record{Type: "request", ID: warctest.ID(2 * i), URI: uri, CType: "application/http; msgtype=request",
			Block: []byte("GET / HTTP/1.1\r\nHost: news.example\r\n\r\n")}, true)
		body := "<html><body><p>" + words(rng, 3000) + "</p></body></html>"
		f.Add(warctest.Response(2*i+1, uri, warctest.HTTP(200, "text/html; charset=utf-8", body)), true)
	}
	return f.Bytes()
}

// TestBoundedMemory streams a file much larger than the memory the reader
// may use and checks that the live heap stays small.
func TestBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large file")
	}
	data := bigWARC(32 << 20)
	w, err := NewReader(onlyReader{bytes.NewReader(data)})
	if err != nil {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, total0 := ms.HeapAlloc, ms.TotalAlloc
	var peak uint64
	n := 0
	for ; ; n++ {
		rec, err := w.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rec.Content); err != nil {
			t.Fatal(err)
		}
		if n%200 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc-min(ms.HeapAlloc, base))
		}
	}
	runtime.ReadMemStats(&ms)
	perRecord := (ms.TotalAlloc - total0) / uint64(n)
	t.Logf("%d records from %d MB: live heap growth at most %d KB, %d bytes allocated per record", n, len(data)>>20, peak>>10, perRecord)
	if peak > 4<<20 {
		t.Errorf("live heap grew by %d KB while streaming", peak>>10)
	}
	if perRecord > 8<<10 {
		t.Errorf("%d bytes allocated per record", perRecord)
	}
}

func BenchmarkReader(b *testing.B) {
	data := bigWARC(16 << 20)
	var content int64
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		w, err := NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		content = 0
		for {
			rec, err := w.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n, err := io.Copy(io.Discard, rec.Content)
			if err != nil {
				b.Fatal(err)
			}
			content += n
		}
	}
	b.ReportMetric(float64(content)/1e6/(b.Elapsed().Seconds()/float64(b.N)), "content-MB/s")
}

func FuzzReader(f *testing.F) {
	gzData, _ := sample(true)
	plainData, _ := sample(false)
	f.Add(gzData)
	f.Add(plainData)
	f.Add(gzData[:len(gzData)/2])
	f.Add([]byte("WARC/1.0\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, r := range []io.Reader{bytes.NewReader(data), onlyReader{bytes.NewReader(data)}} {
			w, err := NewReader(r)
			if err != nil {
				t.Fatal(err)
			}
			// Each call must make progress: no more calls than bytes.
			for i := 0; ; i++ {
				if i > len(data)+2 {
					t.Fatalf("more than %d calls on %d bytes", i, len(data))
				}
				rec, err := w.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					var re *RecordError
					if !errors.As(err, &re) {
						t.Fatalf("non-record error on in-memory input: %v", err)
					}
					continue
				}
				if rec.ContentLength < 0 {
					t.Fatal("negative length")
				}
				if i%2 == 0 {
					io.Copy(io.Discard, io.LimitReader(rec.Content, 1<<20))
				}
			}
		}
	})
}
