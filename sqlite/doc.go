// Package sqlite implements verbatim.Store on a single SQLite file, the
// default store, with the pure-Go modernc.org/sqlite driver.
//
// The file runs in WAL mode so that searches read while an ingest writes;
// writes go through one connection and take the write lock when their
// transaction begins (BEGIN IMMEDIATE), so that concurrent savers queue on
// busy_timeout instead of failing halfway. synchronous=NORMAL keeps a
// committed article across a process crash (a power cut may lose the last
// transactions, never corrupt the file).
//
// A batch of articles is saved in one transaction with few statements: the
// batch's stored keys, content hashes and candidate speakers are read up
// front, speakers are resolved in memory, each article's entities and quotes
// are one multi-row INSERT each, and counters, speaker names and keys are
// written once at the end. A goroutine copies committed transactions from
// the WAL into the file (a passive checkpoint) while the next batch is
// saved.
//
// Quote text is indexed by an FTS5 table with external content, whose
// second column holds each quote's speaker, outlet and kind as tokens, so
// that filters are posting lists intersected inside the index (migration
// 0003). The saver fills it with each batch's quotes in one statement and
// takes a replaced version's quotes out before deleting them, inside the
// batch's transaction (see migration 0002 for why not by triggers).
// Relevance is BM25 computed here over the newest matches (rank.go), not
// FTS5's bm25(), whose cost grows with the number of matches in the whole
// store; the quotes' lengths it needs are kept in memory (norms.go), and
// reading queries are prepared once (stmts.go).
// BenchSearch generates a synthetic corpus and measures search latency.
package sqlite
