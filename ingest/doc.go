// Package ingest turns what users have into articles: it reads plain text,
// JSONL, HTML files and pages, RSS and Atom feeds and WARC archives, and
// yields each article as a verbatim.Input with its origin.
//
// Open picks the reader for a path or URL (a directory is walked, a URL is
// fetched and read as a feed or a page by what it returns). Every reader
// streams: one article is in memory at a time, one record of a WARC.
//
// HTML is reduced to its main text with go-trafilatura, which scored best
// among the Go extractors on trafilatura's benchmark; the text it returns is
// the text that Verbatim's offsets refer to, so it travels in the Input.
//
// Bad input never stops a run: a binary file, invalid UTF-8, an overlong
// line, a damaged WARC record, a broken feed or a page that fails to fetch
// comes back as an Input whose Err names it, and the reader goes on.
//
// Fetching from the network goes through Fetcher, which has a timeout, a
// size limit and a User-Agent, and refuses loopback, private and link-local
// addresses at dial time (so after DNS resolution, rebinding included)
// unless WithAllowPrivate is given.
package ingest
