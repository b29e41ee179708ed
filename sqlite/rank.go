package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"verbatim/internal/keyset"
)

// RankWindow is how many matches of a text query, the most recently stored,
// a relevance search ranks; 0 ranks them all. Each ranked match costs a
// read of its length (about a microsecond), so the window bounds a search
// for a word found in a tenth of a million quotes to a few milliseconds.
// Within the window the order is exact; sorting by newest, or narrowing the
// query, reaches matches beyond it.
var RankWindow = 1000

// BM25's parameters, as FTS5's own bm25() and most engines use them.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// ranked is one match of a relevance search: its quote, its length in
// tokens and the OR-alternatives of the query it matches (a bit each).
type ranked struct {
	id     int64
	tokens int
	groups uint64
	rank   float64
}

// rankSearch returns the page of a relevance search after cur: the keys of
// at most limit+1 hits, best first.
//
// FTS5's bm25() is not used: before scoring a single row it counts every
// row that holds each phrase of the query, for the phrase's inverse
// document frequency, which for a word in a million quotes costs tens of
// milliseconds however few rows are ranked. Here each alternative of the
// query reads its newest matches with their lengths from the index, the
// alternative's document frequency is estimated from how densely its
// matches lie among the newest quotes (exact when it has fewer matches than
// the window), and the matches are scored by BM25 with term presence for
// term frequency: on texts of a quote's length a word rarely occurs twice,
// so the order is that of BM25 but for such repetitions. Quotes matching
// more, and rarer, alternatives rank first; among equals, shorter ones,
// then newer ones.
//
// It also returns how many quotes it ranked, and whether that is every
// match (no alternative filled its window).
func (s *Store) rankSearch(ctx context.Context, groups []string, f filter, cur *keyset.Cursor, limit int) (keys []keyset.Cursor, matches int, all bool, err error) {
	if len(groups) > 64 {
		groups = groups[:64]
	}
	newest, err := s.newestQuote(ctx)
	if err != nil {
		return nil, 0, false, err
	}
	byID := map[int64]*ranked{}
	var hits []*ranked
	idf := make([]float64, len(groups))
	all = true
	for gi, g := range groups {
		window, err := s.window(ctx, g, f)
		if err != nil {
			return nil, 0, false, err
		}
		if RankWindow > 0 && len(window) >= RankWindow {
			all = false
		}
		if len(window) > 0 {
			// The remembered newest id may predate the window's matches.
			newest = max(newest, window[0].id)
		}
		idf[gi] = inverseFrequency(window, newest)
		for _, m := range window {
			r := byID[m.id]
			if r == nil {
				r = &ranked{id: m.id, tokens: m.tokens}
				byID[m.id] = r
				hits = append(hits, r)
			}
			r.groups |= 1 << gi
		}
	}
	if len(hits) == 0 {
		return nil, 0, all, nil
	}
	var total float64
	for _, r := range hits {
		total += float64(r.tokens)
	}
	avg := max(total/float64(len(hits)), 1)
	for _, r := range hits {
		norm := (bm25K1 + 1) / (1 + bm25K1*(1-bm25B+bm25B*float64(r.tokens)/avg))
		var score float64
		for gi := range groups {
			if r.groups&(1<<gi) != 0 {
				score += idf[gi] * norm
			}
		}
		// The rank is the negated score, lower first, as FTS5 ranks; it
		// is rounded so that a cursor's decimal form compares equal.
		r.rank, _ = strconv.ParseFloat(strconv.FormatFloat(-score, 'g', 12, 64), 64)
	}
	slices.SortFunc(hits, func(a, b *ranked) int {
		if a.rank != b.rank {
			if a.rank < b.rank {
				return -1
			}
			return 1
		}
		return -cmpInt(a.id, b.id)
	})
	start := 0
	if cur != nil {
		start = len(hits)
		for i, r := range hits {
			if r.rank > cur.Rank || r.rank == cur.Rank && r.id < cur.ID {
				start = i
				break
			}
		}
	}
	matches = len(hits)
	hits = hits[start:min(len(hits), start+limit+1)]
	keys = make([]keyset.Cursor, len(hits))
	for i, r := range hits {
		keys[i] = keyset.Cursor{ByRank: true, Rank: r.rank, ID: r.id}
	}
	return keys, matches, all, nil
}

// newestQuote returns the id of the newest stored quote, read from the
// table at most once a second: ranking only estimates document frequencies
// from it, and under load every query of a search waits for a connection.
func (s *Store) newestQuote(ctx context.Context) (int64, error) {
	if at := s.newestAt.Load(); at != 0 && time.Since(time.Unix(0, at)) < time.Second {
		return s.newestID.Load(), nil
	}
	var id int64
	if err := s.queryRow(ctx, `SELECT coalesce(max(id), 0) FROM quotes`).Scan(&id); err != nil {
		return 0, err
	}
	s.newestID.Store(id)
	s.newestAt.Store(time.Now().UnixNano())
	return id, nil
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// windowMatch is one match of an alternative: a quote and its length.
type windowMatch struct {
	id     int64
	tokens int
}

// window reads the newest RankWindow matches of one alternative of a text
// query under the filters, with their lengths from the index's own table
// of row sizes.
func (s *Store) window(ctx context.Context, group string, f filter) ([]windowMatch, error) {
	from := `quotes_fts`
	where := []string{`quotes_fts MATCH ?`}
	args := []any{f.match(group)}
	if len(f.dates) > 0 {
		from += ` JOIN quotes q ON q.id = quotes_fts.rowid`
		where = append(where, f.dates...)
		args = append(args, f.dateArgs...)
	}
	query := `SELECT quotes_fts.rowid FROM ` + from + ` WHERE ` + strings.Join(where, ` AND `) +
		` ORDER BY quotes_fts.rowid DESC`
	if RankWindow > 0 {
		query += ` LIMIT ?`
		args = append(args, RankWindow)
	}
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var out []windowMatch
	for rows.Next() {
		var m windowMatch
		if err := rows.Scan(&m.id); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, m)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil || len(out) == 0 {
		return nil, err
	}
	return out, s.lengths(ctx, out)
}

// lengths fills in the token counts of matches, newest first: from the
// lengths kept in memory (norms.go), else from the file. The matches
// of a common word lie close together, and reading the row sizes of their
// whole stretch in order costs a fifth of looking each one up; scattered
// matches are looked up one by one.
func (s *Store) lengths(ctx context.Context, ms []windowMatch) error {
	rest := s.norms.lookup(ms)
	if len(rest) == 0 {
		return nil
	}
	if s.norms.due() {
		// In the background: this search reads its lengths from the
		// file meanwhile.
		go s.loadNorms(context.WithoutCancel(ctx))
	}
	if err := s.readLengths(ctx, rest); err != nil {
		return err
	}
	// rest holds copies: put their lengths back, both lists in order.
	j := 0
	for i := range ms {
		if j < len(rest) && ms[i].id == rest[j].id {
			ms[i].tokens = rest[j].tokens
			j++
		}
	}
	return nil
}

// readLengths reads the lengths of matches, newest first, from FTS5's
// table of row sizes.
func (s *Store) readLengths(ctx context.Context, ms []windowMatch) error {
	newest, oldest := ms[0].id, ms[len(ms)-1].id
	var rows *sql.Rows
	var err error
	if newest-oldest+1 <= 8*int64(len(ms)) {
		rows, err = s.query(ctx, `SELECT id, sz FROM quotes_fts_docsize WHERE id BETWEEN ? AND ?
			ORDER BY id DESC`, oldest, newest)
	} else {
		ids := make([]any, len(ms))
		for i, m := range ms {
			ids[i] = m.id
		}
		rows, err = s.query(ctx, `SELECT id, sz FROM quotes_fts_docsize WHERE id IN (`+
			placeholders(len(ids))+`) ORDER BY id DESC`, ids...)
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	// Both lists descend by id: one merge pass.
	i := 0
	var id int64
	var sz sql.RawBytes
	for rows.Next() && i < len(ms) {
		if err := rows.Scan(&id, &sz); err != nil {
			return err
		}
		for i < len(ms) && ms[i].id > id {
			ms[i].tokens = 1 // no size recorded: a row replaced meanwhile
			i++
		}
		if i < len(ms) && ms[i].id == id {
			ms[i].tokens = firstVarint(sz)
			i++
		}
	}
	for ; i < len(ms); i++ {
		ms[i].tokens = 1
	}
	return rows.Err()
}

// inverseFrequency is BM25's idf of an alternative whose newest matches
// are window, in a store whose newest quote is newest. A window shorter
// than RankWindow holds every match; a full one is extrapolated from the
// share of quotes since its oldest match that match.
func inverseFrequency(window []windowMatch, newest int64) float64 {
	n := float64(max(newest, 1))
	df := float64(len(window))
	if RankWindow > 0 && len(window) >= RankWindow {
		oldest := window[len(window)-1].id
		df = min(n, df*n/float64(max(newest-oldest+1, 1)))
	}
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// firstVarint decodes the first value of an FTS5 row-size record: the
// token count of the content column, as a SQLite varint (big-endian groups
// of seven bits, the high bit marking that more follow). A malformed
// record reads as one token.
func firstVarint(b []byte) int {
	var v uint64
	for i, c := range b {
		if i == 8 {
			v = v<<8 | uint64(c)
			break
		}
		v = v<<7 | uint64(c&0x7f)
		if c&0x80 == 0 {
			break
		}
	}
	if v == 0 || v > math.MaxInt32 {
		return 1
	}
	return int(v)
}

// facetToken is the token of the facets column for a speaker ('s'), an
// outlet ('o') or a kind ('k'), as the generated column of migration 0003
// writes them.
func facetToken(prefix byte, v string) string {
	return `"` + string(prefix) + strings.ReplaceAll(v, `"`, ``) + `"`
}

// facetAny is an FTS5 expression matching any of the facet tokens.
func facetAny(prefix byte, ids []any) string {
	ts := make([]string, len(ids))
	for i, id := range ids {
		ts[i] = facetToken(prefix, fmt.Sprint(id))
	}
	return `facets : (` + strings.Join(ts, ` OR `) + `)`
}
