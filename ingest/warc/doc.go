// Package warc streams the records of WARC files (ISO 28500, versions 1.0
// and 1.1), plain or gzip-compressed, one record at a time in bounded memory.
//
// It exists instead of a WARC library because, measured on the same
// gzip-per-record files, the maintained libraries were about half as fast
// and allocated one to two hundred times as much (see reader_test.go's
// benchmarks), and the nlnwa one silently truncated or emptied bodies under
// some of its options. What Verbatim needs is small: headers, a streamed
// content block, and recovery from a damaged record.
//
// Recovery is the part a library would not give: a record whose gzip member
// or WARC header is damaged yields a *RecordError naming the record and its
// offset, and the next call to Next resynchronises on the next gzip member
// (or, in an uncompressed file, the next "WARC/1." line) and goes on.
package warc
