// Package migrations holds the database schema of Verbatim's stores as one
// numbered set of SQL migrations for both SQLite and PostgreSQL.
//
// Most of the schema is plain SQL that both databases read the same way. The
// few places where they differ are marked inside the files: {{ID}} stands
// for an auto-numbered primary key, and lines after "-- +sqlite" or
// "-- +postgres" belong to that dialect only, up to the next marker or
// "-- +all". Full-text search is such a place: an FTS5 table on SQLite, which the
// store fills by batch (triggers did it until migration 0002), a generated
// tsvector column with a GIN index on PostgreSQL.
//
// Times are stored as Unix milliseconds in BIGINT columns on both, 0 meaning
// unknown, so that the schema, the comparisons and the pagination cursors are
// the same everywhere. Each store records the applied versions in a
// schema_version table and applies the pending ones in one transaction each.
package migrations
