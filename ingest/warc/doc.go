// Package warc streams the records of WARC files (ISO 28500, versions 1.0
// and 1.1), plain or gzip-compressed, one record at a time in bounded memory.
//
// It exists instead of a WARC library because of a measurement: on one
// 64 MB gzip-per-record file of 24,178 records, reading every content
// block, this reader ran at 48 MB/s allocating 1.3 KB per record, and
// github.com/nlnwa/gowarc/v3 v3.1.0 at 25 MB/s allocating 108 KB per record
// (2 shared cores; the comparison was run in a scratch module so as not
// to add the library here). That library also truncated or emptied bodies
// under some of its options. What Verbatim needs is small: headers, a
// streamed content block, and recovery from a damaged record. Neither is
// the bottleneck of ingestion, which is HTML extraction at 2-10 ms a page.
//
// Recovery is the part a library would not give: a record whose gzip member
// or WARC header is damaged yields a *RecordError naming the record and its
// offset, and the next call to Next resynchronises on the next gzip member
// (or, in an uncompressed file, the next "WARC/1." line) and goes on.
package warc
