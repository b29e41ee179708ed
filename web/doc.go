// Package web is Verbatim's web app and JSON API: the pages a journalist or
// researcher reads (search, article, speaker, outlet, home) and the same
// data as JSON under /api/, served from a verbatim.Store.
//
// Pages are rendered on the server with html/template; the little
// JavaScript there is (app.js) only enhances them, and the charts are SVG
// drawn on the server. Templates, the stylesheet, the script and the
// OpenAPI document are embedded, so the binary serves everything itself.
//
// Charts, search results and an article's highlighted pieces are the
// exceptions to html/template: their markup is written in Go (chart.go,
// fragments.go) with every text escaped, as a template's per-value escaping
// made them the costliest part of a page. fragments.go escapes exactly as
// html/template does, and a test holds its output byte for byte to the
// templates it replaced.
//
// Article text is hostile input. Everything is escaped by html/template,
// the Content-Security-Policy forbids inline scripts and styles, request
// bodies and times are bounded, the write token is compared in constant
// time, and URLs are fetched through ingest's Fetcher, which refuses
// private addresses unless the server allows them.
//
// Some figures the pages show (quotes per month, co-quoted speakers, an
// outlet's speaker-type mix over time, an outlet's articles) have no Store
// method yet. The server computes them from a compact in-memory index of
// every quote that it builds from Store.Export and rebuilds when the store
// changes (stats.go); the store should provide them later.
//
// Search pages asked for a second time within a minute come from a cache
// (query.go) that admits a page only on its second ask, so that one-off
// searches do not evict the ones people repeat; it is emptied whenever the
// statistics are rebuilt after the store changed. Article and speaker
// pages keep their records and layout the same way (recordCache in
// query.go), bounded by text size and by count.
package web
