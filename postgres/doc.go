// Package postgres implements verbatim.Store on PostgreSQL with pgx, for
// deployments that outgrow a single SQLite file or want several writers on
// several machines.
//
// The schema is the same migration set as SQLite's (package migrations);
// full-text search is a generated tsvector column ('simple' configuration,
// no stemming) with a GIN index, queried with websearch_to_tsquery and
// ranked with ts_rank. Writers take one transaction-scoped advisory lock, so
// that two processes never resolve the same new speaker into two
// identities; readers are not blocked.
package postgres
