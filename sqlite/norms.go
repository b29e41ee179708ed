package sqlite

import (
	"context"
	"database/sql"
	"log/slog"
	"math"
	"slices"
	"sync"
	"time"
)

// norms keeps each quote's length in tokens, by id, as FTS5's table of row
// sizes records it, so that ranking a search reads no row size from the
// file: Lucene keeps its "norms" in memory for the same reason. Reading
// them per search was an eighth of the server's CPU under load. Two bytes
// a quote: 4 MB for two million.
//
// Lengths are loaded in the background, the first time a search ranks,
// and again for the quotes stored since when a search meets them (at most
// every normRefresh); until then they are read from the file as before.
// Ids are reused only when the newest quotes are deleted and others
// written after them: the store's own saver reports the smallest id it
// deletes (forget), so that no stale length is kept. Another process's
// rewrite of its newest articles could leave a few stale lengths, which
// would only shift those quotes' rank a little.
type norms struct {
	mu     sync.RWMutex
	tokens []uint16 // by id; 0: no quote
	// upTo is the last id loaded (0: none); forgotten the smallest id
	// forget was given since the running load began (0: none).
	upTo, forgotten int64
	loading         bool
	loadedAt        time.Time
}

// normChunk is how many row sizes one loading query reads, so that a load
// holds a connection only briefly at a time; normRefresh is how often
// lengths of new quotes are loaded at most.
const (
	normChunk   = 100000
	normRefresh = 10 * time.Second
)

// lookup fills in the lengths it holds and returns the matches it could
// not fill (ids above upTo), in the order given, as copies.
func (n *norms) lookup(ms []windowMatch) (rest []windowMatch) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	for i := range ms {
		id := ms[i].id
		if id > n.upTo || id <= 0 {
			rest = append(rest, ms[i])
			continue
		}
		ms[i].tokens = max(int(n.tokens[id]), 1) // 0: a row replaced meanwhile
	}
	return rest
}

// forget drops the lengths from id on: the saver deletes quotes there,
// whose ids may be given to new ones.
func (n *norms) forget(id int64) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.upTo = min(n.upTo, max(id-1, 0))
	if n.loading && (n.forgotten == 0 || id < n.forgotten) {
		n.forgotten = id
	}
}

// due reports whether a load of the lengths after upTo should start now,
// and marks it started.
func (n *norms) due() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.loading || time.Since(n.loadedAt) < normRefresh && n.upTo > 0 {
		return false
	}
	n.loading, n.forgotten = true, 0
	return true
}

// loadNorms reads the lengths of the quotes after the last loaded, a chunk
// at a time, and adds them to s.norms.
func (s *Store) loadNorms(ctx context.Context) {
	n := &s.norms
	n.mu.RLock()
	after := n.upTo
	tokens := slices.Clone(n.tokens[:min(int(after)+1, len(n.tokens))])
	n.mu.RUnlock()
	err := func() error {
		for {
			select {
			case <-s.stop:
				return nil // the store is closing
			default:
			}
			rows, err := s.r.QueryContext(ctx, `SELECT id, sz FROM quotes_fts_docsize WHERE id > ? ORDER BY id LIMIT ?`,
				after, normChunk)
			if err != nil {
				return err
			}
			read := 0
			var sz sql.RawBytes
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id, &sz); err != nil {
					rows.Close()
					return err
				}
				if id >= int64(len(tokens)) {
					tokens = append(tokens, make([]uint16, int(id)+1-len(tokens))...)
				}
				tokens[id] = uint16(min(firstVarint(sz), math.MaxUint16))
				after, read = id, read+1
			}
			if err := rows.Close(); err != nil {
				return err
			}
			if read < normChunk {
				return nil
			}
		}
	}()
	n.mu.Lock()
	defer n.mu.Unlock()
	n.loading, n.loadedAt = false, time.Now()
	if err != nil {
		slog.Warn("sqlite: loading quote lengths", "err", err)
		return
	}
	// A save may have deleted quotes while the load ran: what it read
	// from there on may be stale.
	if n.forgotten > 0 {
		after = min(after, n.forgotten-1)
	}
	n.tokens, n.upTo = tokens, after
}
