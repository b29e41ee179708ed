package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"verbatim"
	"verbatim/migrations"
)

// Store is a verbatim.Store in one SQLite file. It is safe for concurrent
// use, also by several processes on the same file.
type Store struct {
	path string
	// w holds the single connection that writes; r the connections that
	// read. WAL lets readers proceed while a write transaction runs.
	w, r *sql.DB

	// checkpoint is signalled after each commit; the checkpointer copies
	// the WAL into the database file meanwhile (see checkpointer).
	checkpoint chan struct{}
	stop       chan struct{}
	done       sync.WaitGroup
	closeOnce  sync.Once
	closeErr   error

	// newestID is the newest quote's id as read at newestAt (Unix
	// nanoseconds), for ranking (see newestQuote).
	newestID, newestAt atomic.Int64
	// outlets remembers outlet filters found (see outletIDs).
	outlets sync.Map
	// stmts are the reading queries, prepared (see stmts.go).
	stmts statements
	// norms are the quotes' lengths for ranking (see norms.go).
	norms norms
}

var _ verbatim.Store = (*Store)(nil)

// pragmas apply to every connection. The memory map lets searches over a
// large file read pages without copying them through the driver each time.
var pragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"synchronous(NORMAL)",
	"foreign_keys(1)",
	"mmap_size(1073741824)",
	"temp_store(MEMORY)",
	// The checkpointer copies the WAL into the file in the background.
	// A commit still checkpoints when the WAL has grown past this many
	// pages (16 MB), copying only what the checkpointer has not, so that
	// the next transaction can start the WAL over: while batches follow
	// each other, the checkpointer alone never finds a moment when all of
	// it is copied, and the WAL would grow.
	"wal_autocheckpoint(4000)",
}

// The page cache of each reading connection, and of the writing one, in
// KiB. Readers keep much of a large index in memory for searches. The
// writer needs room for the pages one batch changes (a few MB for a
// thousand articles) and little more: a larger cache made saving slower,
// since every page it has not held yet is a new allocation, while a full
// one reuses its least recently used pages.
const (
	readCacheKiB  = 65536
	writeCacheKiB = 16384
)

// Open opens, or creates, the store in the file at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || path == ":memory:" || strings.ContainsAny(path, "?#") {
		// Each pooled connection to ":memory:" would be its own database.
		return nil, fmt.Errorf("sqlite: %q is not a usable database file path", path)
	}
	dsn := func(txlock string, cacheKiB int) string {
		v := url.Values{}
		for _, p := range pragmas {
			v.Add("_pragma", p)
		}
		v.Add("_pragma", fmt.Sprintf("cache_size(%d)", -cacheKiB))
		if txlock != "" {
			v.Set("_txlock", txlock)
		}
		return "file:" + path + "?" + v.Encode()
	}
	w, err := sql.Open("sqlite", dsn("immediate", writeCacheKiB))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", dsn("", readCacheKiB))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	r.SetMaxIdleConns(max(4, runtime.NumCPU()))
	s := &Store{path: path, w: w, r: r, checkpoint: make(chan struct{}, 1), stop: make(chan struct{})}
	s.done.Go(s.checkpointer)
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the store's connections.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		close(s.stop)
		s.done.Wait()
		s.closeErr = errors.Join(s.closeStatements(), s.w.Close(), s.r.Close())
	})
	return s.closeErr
}

// checkpointer copies committed transactions from the WAL into the
// database file, on a reading connection, while the writer goes on. Left
// to SQLite, the commit that fills the WAL past its threshold does it,
// which made every other batch of an ingest wait for a copy of its pages
// and two fsyncs; here it overlaps with the next batch. A passive
// checkpoint neither waits for nor blocks readers and the writer, and what
// it copies is committed already, so a crash at any moment loses nothing
// that a commit returned.
func (s *Store) checkpointer() {
	for {
		select {
		case <-s.stop:
			return
		case <-s.checkpoint:
		}
		// An error (the file busy, or closing) leaves the pages in the
		// WAL, where readers find them; the next commit tries again.
		s.r.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
	}
}

// committed tells the checkpointer that the WAL has grown.
func (s *Store) committed() {
	select {
	case s.checkpoint <- struct{}{}:
	default: // one is pending or running: it will copy this commit too
	}
}

// migrate applies the pending migrations, each in its own transaction. The
// immediate transaction makes a second process wait for the first to
// finish migrating instead of applying the same step twice.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations.For(migrations.SQLite)
	if err != nil {
		return err
	}
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: create schema_version: %w", err)
	}
	for _, m := range ms {
		if err := s.apply(ctx, m); err != nil {
			return fmt.Errorf("sqlite: migration %d %s: %w", m.Version, m.Name, err)
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m migrations.Migration) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_version WHERE version = ?`, m.Version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, time.Now().UnixMilli()); err != nil {
		return err
	}
	return tx.Commit()
}
