// Package warctest builds WARC files for tests: records, HTTP responses,
// gzip members, and the damage that real files show.
package warctest

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/klauspost/compress/gzip"
)

// Record is one WARC record to write. ID is set from Seq when empty.
type Record struct {
	Type   string // WARC-Type
	URI    string // WARC-Target-URI
	ID     string // WARC-Record-ID
	Date   string // WARC-Date; a fixed date when empty
	CType  string // Content-Type of the block
	Extra  [][2]string
	Block  []byte
	BadLen int // when not 0, the Content-Length written instead of the real one
}

// ID returns a record id for the n-th test record.
func ID(n int) string { return fmt.Sprintf("<urn:uuid:00000000-0000-4000-8000-%012d>", n) }

// Bytes is the record uncompressed, with its closing CRLF CRLF.
func (r Record) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString("WARC/1.0\r\n")
	field := func(k, v string) {
		if v != "" {
			b.WriteString(k + ": " + v + "\r\n")
		}
	}
	field("WARC-Type", r.Type)
	field("WARC-Record-ID", r.ID)
	date := r.Date
	if date == "" {
		date = "2026-03-01T12:00:00Z"
	}
	field("WARC-Date", date)
	field("WARC-Target-URI", r.URI)
	field("Content-Type", r.CType)
	for _, kv := range r.Extra {
		field(kv[0], kv[1])
	}
	n := len(r.Block)
	if r.BadLen != 0 {
		n = r.BadLen
	}
	field("Content-Length", strconv.Itoa(n))
	b.WriteString("\r\n")
	b.Write(r.Block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// Response returns a response record for uri with an HTTP message.
func Response(id int, uri string, http []byte) Record {
	return Record{Type: "response", URI: uri, ID: ID(id), CType: "application/http; msgtype=response", Block: http}
}

// HTTP returns an HTTP/1.1 response message.
func HTTP(status int, ctype string, body string, headers ...string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d Status\r\n", status)
	if ctype != "" {
		b.WriteString("Content-Type: " + ctype + "\r\n")
	}
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.WriteString(body)
	return b.Bytes()
}

// Gzip compresses b as one gzip member.
func Gzip(b []byte) []byte {
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

// File is a WARC file being built, and the offset of each member written.
type File struct {
	bytes.Buffer
	Offsets []int64
}

// Add appends a record, gzipped as its own member when gz is set.
func (f *File) Add(r Record, gz bool) {
	f.AddRaw(r.Bytes(), gz)
}

// AddRaw appends bytes, gzipped as one member when gz is set.
func (f *File) AddRaw(b []byte, gz bool) {
	f.Offsets = append(f.Offsets, int64(f.Len()))
	if gz {
		b = Gzip(b)
	}
	f.Write(b)
}
