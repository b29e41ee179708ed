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
// Quote text is indexed by an FTS5 table with external content, kept in step
// with the quotes table by triggers, and ranked with bm25. BenchSearch
// generates a synthetic corpus and measures search latency.
package sqlite
