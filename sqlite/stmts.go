package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// maxStatements bounds the prepared statements kept: the texts of the
// store's queries are few, but a list of ids makes one text per length.
const maxStatements = 512

// statements keeps the reading queries prepared, by their SQL text. Under
// the web app's load, SQLite spent as long preparing the short queries of
// a page as running them (9% of the server's CPU); a statement prepared
// once is reused on every pooled connection (database/sql prepares it
// again on a connection that has not seen it).
type statements struct {
	mu   sync.Mutex
	byQ  map[string]*sql.Stmt
	full bool
}

// stmt returns the prepared statement of query, or nil when there is no
// room for it (the caller runs the query unprepared).
func (s *Store) stmt(ctx context.Context, query string) *sql.Stmt {
	c := &s.stmts
	c.mu.Lock()
	st, full := c.byQ[query], c.full
	c.mu.Unlock()
	if st != nil || full {
		return st
	}
	st, err := s.r.PrepareContext(ctx, query)
	if err != nil {
		return nil // the unprepared query reports the error
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.byQ[query]; old != nil || c.full {
		st.Close()
		return old
	}
	if c.byQ == nil {
		c.byQ = map[string]*sql.Stmt{}
	}
	c.byQ[query] = st
	c.full = len(c.byQ) >= maxStatements
	return st
}

// query runs a reading query, prepared once.
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := s.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return s.r.QueryContext(ctx, query, args...)
}

// queryRow runs a reading query of one row, prepared once.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := s.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.r.QueryRowContext(ctx, query, args...)
}

// txStmt returns query prepared for tx, from the kept statements when
// there is room, else prepared for tx alone; close it after use.
func (s *Store) txStmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	if st := s.stmt(ctx, query); st != nil {
		return tx.StmtContext(ctx, st), nil
	}
	return tx.PrepareContext(ctx, query)
}

// closeStatements closes the kept statements.
func (s *Store) closeStatements() error {
	c := &s.stmts
	c.mu.Lock()
	defer c.mu.Unlock()
	var first error
	for _, st := range c.byQ {
		if err := st.Close(); err != nil && first == nil {
			first = err
		}
	}
	c.byQ, c.full = nil, true
	return first
}
