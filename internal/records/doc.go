// Package records turns the rows of the store's tables into domain records
// and records into column values: what the SQLite and PostgreSQL stores
// share once their placeholders, drivers and transactions are set aside.
// The schema is one (package migrations), so the columns and their
// encodings are too; keeping them here keeps the two stores from drifting
// apart in how they read and write a quote.
package records
