package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"verbatim"
	"verbatim/postgres"
	"verbatim/sqlite"
)

// defaultDB is the SQLite file a command uses when --db is not given: one
// file in the working directory, so that ingest and search meet without
// configuration.
const defaultDB = "verbatim.db"

// dbFlag adds the --db flag that every store command shares.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", defaultDB, "store: a SQLite file path, or a postgres:// URL")
}

// isPostgres reports whether a DSN names a PostgreSQL server rather than a
// SQLite file. Only URLs count: a key=value DSN would be ambiguous with a
// file name.
func isPostgres(dsn string) bool {
	l := strings.ToLower(dsn)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// openStore opens the store a --db value names, creating a SQLite file or
// a PostgreSQL schema as needed.
func openStore(ctx context.Context, dsn string) (verbatim.Store, error) {
	if dsn == "" {
		dsn = defaultDB
	}
	if isPostgres(dsn) {
		s, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, fmt.Errorf("open store %s: %w", redact(dsn), err)
		}
		return s, nil
	}
	s, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", dsn, err)
	}
	return s, nil
}

// redact hides the password of a database URL in messages.
func redact(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	scheme := strings.Index(dsn, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return dsn
	}
	userinfo := dsn[scheme+3 : at]
	if i := strings.Index(userinfo, ":"); i >= 0 {
		return dsn[:scheme+3] + userinfo[:i] + ":xxxxx" + dsn[at:]
	}
	return dsn
}
