package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"verbatim"
	"verbatim/internal/keyset"
	"verbatim/internal/records"
	"verbatim/speaker"
)

// Article returns a stored article with its analysis.
func (s *Store) Article(ctx context.Context, id int64) (*verbatim.StoredArticle, error) {
	return s.article(ctx, `a.id = ?`, id)
}

// ArticleByURL returns the article stored under a URL.
func (s *Store) ArticleByURL(ctx context.Context, url string) (*verbatim.StoredArticle, error) {
	if url == "" {
		return nil, fmt.Errorf("sqlite: article by URL: %w", verbatim.ErrNotFound)
	}
	return s.article(ctx, `a.doc_key = ?`, url)
}

func (s *Store) article(ctx context.Context, where string, arg any) (*verbatim.StoredArticle, error) {
	// One transaction reads the article, its entities and its quotes from
	// the same snapshot, even while a new version is being written.
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: article: %w", err)
	}
	defer tx.Rollback()
	st, err := s.txStmt(ctx, tx, records.ArticleSelect+where)
	if err != nil {
		return nil, fmt.Errorf("sqlite: article: %w", err)
	}
	defer st.Close()
	a, err := records.Article(st.QueryRowContext(ctx, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: article %v: %w", arg, verbatim.ErrNotFound)
	}
	if err != nil || a.Analysis == nil {
		if err != nil {
			err = fmt.Errorf("sqlite: article %v: %w", arg, err)
		}
		return a, err
	}
	an := a.Analysis
	if an.Entities, err = collect(ctx, s, tx, records.EntitySelect+`?`+records.EntityOrder, a.ID, records.Entity); err != nil {
		return nil, fmt.Errorf("sqlite: article %d: %w", a.ID, err)
	}
	if an.Quotes, err = collect(ctx, s, tx, records.QuoteSelect+`?`+records.QuoteOrder, a.ID, records.Quote); err != nil {
		return nil, fmt.Errorf("sqlite: article %d: %w", a.ID, err)
	}
	return a, nil
}

// collect runs a query with one argument in tx and reads its rows.
func collect[T any](ctx context.Context, s *Store, tx *sql.Tx, query string, arg any, scan func(records.Scanner) (T, error)) ([]T, error) {
	st, err := s.txStmt(ctx, tx, query)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	rows, err := st.QueryContext(ctx, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return records.Collect(rows, scan)
}

// filter is the WHERE clause of the search filters, over quotes as q.
type filter struct {
	where []string
	args  []any
	// facets are the same filters but dates as FTS5 expressions over the
	// index's facets column, and dates the date conditions alone: a text
	// search filters inside the index and tests only dates on rows.
	facets   []string
	dates    []string
	dateArgs []any
	// none is set when a filter names a speaker or outlet that is not
	// stored, so nothing can match.
	none bool
}

// match is the FTS5 expression of an alternative of a text query (or of a
// whole query) under the filters: its words in the content column, ANDed
// with the facets.
func (f filter) match(text string) string {
	return strings.Join(append([]string{`content : (` + text + `)`}, f.facets...), ` AND `)
}

func (s *Store) filter(ctx context.Context, q verbatim.SearchQuery) (filter, error) {
	var f filter
	add := func(cond string, args ...any) {
		f.where = append(f.where, cond)
		f.args = append(f.args, args...)
	}
	if q.Kind != "" {
		add(`q.kind = ?`, string(q.Kind))
		f.facets = append(f.facets, facetAny('k', []any{string(q.Kind)}))
	}
	if q.SpeakerID != 0 {
		add(`q.speaker_id = ?`, q.SpeakerID)
		f.facets = append(f.facets, facetAny('s', []any{q.SpeakerID}))
	}
	if q.Speaker != "" {
		ids, err := s.ids(ctx, `SELECT DISTINCT speaker_id FROM speaker_keys WHERE key IN (`, speakerKeys(q.Speaker))
		if err != nil {
			return f, fmt.Errorf("speaker %q: %w", q.Speaker, err)
		}
		f.none = f.none || len(ids) == 0
		add(`q.speaker_id IN (`+placeholders(len(ids))+`)`, ids...)
		f.facets = append(f.facets, facetAny('s', ids))
	}
	if q.Outlet != "" {
		ids, err := s.outletIDs(ctx, q.Outlet)
		if err != nil {
			return f, fmt.Errorf("outlet %q: %w", q.Outlet, err)
		}
		f.none = f.none || len(ids) == 0
		add(`q.source_id IN (`+placeholders(len(ids))+`)`, ids...)
		f.facets = append(f.facets, facetAny('o', ids))
	}
	date := func(cond string, arg any) {
		add(cond, arg)
		f.dates = append(f.dates, cond)
		f.dateArgs = append(f.dateArgs, arg)
	}
	if !q.Since.IsZero() {
		date(`q.published_at >= ?`, q.Since.UnixMilli())
	}
	if !q.Until.IsZero() {
		// An undated article is stored at 0; it is not "before" anything.
		date(`q.published_at < ? AND q.published_at != 0`, q.Until.UnixMilli())
	}
	return f, nil
}

// outletIDs returns the ids of the outlets an outlet filter names (by name
// or domain). Names found are remembered for ten seconds, so that filtered
// searches under load make one query fewer; names not found are asked
// again each time, so that memory holds only outlets that exist and a new
// outlet is found at once.
func (s *Store) outletIDs(ctx context.Context, outlet string) ([]any, error) {
	o := strings.ToLower(strings.TrimSpace(outlet))
	if v, ok := s.outlets.Load(o); ok {
		if e := v.(outletEntry); time.Since(e.at) < 10*time.Second {
			return e.ids, nil
		}
	}
	ids, err := s.ids(ctx, `SELECT id FROM sources WHERE name_key IN (`, []string{o, strings.TrimPrefix(o, "www.")},
		` OR domain = ?`, strings.TrimPrefix(o, "www."))
	if err == nil && len(ids) > 0 {
		s.outlets.Store(o, outletEntry{ids: ids, at: time.Now()})
	}
	return ids, err
}

// outletEntry is a remembered answer of outletIDs.
type outletEntry struct {
	ids []any
	at  time.Time
}

// speakerKeys are the keys a speaker filter looks up: the name as given and
// without titles, and the surname when the filter is one word.
func speakerKeys(name string) []string {
	keys := []string{speaker.NameKey(name)}
	if n := speaker.ParseName(name); n.Full != "" {
		keys = append(keys, speaker.NameKey(n.Full))
	}
	if len(strings.Fields(speaker.Normalize(name))) == 1 {
		keys = append(keys, speaker.SurnameKey(name))
	}
	return keys
}

// ids runs a query that selects ids, with an IN list of values closed by
// the query and followed by more SQL and arguments.
func (s *Store) ids(ctx context.Context, query string, in []string, more ...any) ([]any, error) {
	args := make([]any, 0, len(in)+len(more))
	for _, v := range in {
		args = append(args, v)
	}
	tail := ")"
	if len(more) > 0 {
		tail += more[0].(string)
		args = append(args, more[1:]...)
	}
	rows, err := s.query(ctx, query+placeholders(len(in))+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []any
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Search returns one page of matching quotes. A text query is ranked by
// relevance among its RankWindow most recently stored matches (see
// rankSearch), unless Sort asks for the newest first.
func (s *Store) Search(ctx context.Context, q verbatim.SearchQuery) (verbatim.SearchPage, error) {
	var page verbatim.SearchPage
	limit := verbatim.PageSize(q.Limit)
	groups, err := matchGroups(q.Text)
	if err != nil {
		return page, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
	}
	byRank := len(groups) > 0 && q.Sort != verbatim.ByNewest
	cur, err := keyset.Decode(q.Cursor, byRank)
	if err != nil {
		return page, fmt.Errorf("sqlite: search: %w", err)
	}
	f, err := s.filter(ctx, q)
	if err != nil || f.none {
		return page, err
	}
	var keys []keyset.Cursor
	matches, counted := 0, false
	if byRank {
		keys, matches, counted, err = s.rankSearch(ctx, groups, f, cur, limit)
	} else {
		page.Hits, err = s.newestSearch(ctx, groups, f, cur, limit)
		if len(page.Hits) > limit {
			page.Hits = page.Hits[:limit]
			last := page.Hits[limit-1]
			page.Next = keyset.Cursor{Time: records.Millis(last.Published), ID: last.QuoteID}.Encode()
		}
	}
	if err == nil && q.CountUpTo > 0 {
		// A ranking that read more matches than asked for has counted
		// enough; one that did not read them all, or read none (newest
		// first), counts them up to the bound.
		if !counted && matches <= q.CountUpTo {
			matches, err = s.countMatches(ctx, groups, f, q.CountUpTo+1)
		}
		page.Count, page.CountExact = min(matches, q.CountUpTo), matches <= q.CountUpTo
	}
	if err != nil {
		return page, fmt.Errorf("sqlite: search: %w", err)
	}
	if !byRank {
		return page, nil
	}
	if len(keys) > limit {
		keys = keys[:limit]
		page.Next = keys[limit-1].Encode()
	}
	if page.Hits, err = s.hits(ctx, keys); err != nil {
		return page, fmt.Errorf("sqlite: search: %w", err)
	}
	return page, nil
}

// countMatches counts the quotes matching a search, up to most.
func (s *Store) countMatches(ctx context.Context, groups []string, f filter, most int) (int, error) {
	where, args := f.where, f.args
	from := `quotes q`
	if len(groups) > 0 {
		from = `quotes_fts`
		where = []string{`quotes_fts MATCH ?`}
		args = []any{f.match(strings.Join(groups, ` OR `))}
		if len(f.dates) > 0 {
			from += ` JOIN quotes q ON q.id = quotes_fts.rowid`
			where = append(where, f.dates...)
			args = append(args, f.dateArgs...)
		}
	}
	if len(where) == 0 {
		where = []string{`1 = 1`}
	}
	var n int
	err := s.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM `+from+` WHERE `+strings.Join(where, ` AND `)+
		` LIMIT ?)`, append(slices.Clip(args), most)...).Scan(&n)
	return n, err
}

// newestSearch returns at most limit+1 hits after cur, newest first, in
// one query. A text query's filters but dates are tested inside the index.
func (s *Store) newestSearch(ctx context.Context, groups []string, f filter, cur *keyset.Cursor, limit int) ([]verbatim.QuoteHit, error) {
	where, args := f.where, f.args
	from := `quotes q`
	if len(groups) > 0 {
		from = `quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid`
		where = append([]string{`quotes_fts MATCH ?`}, f.dates...)
		args = append([]any{f.match(strings.Join(groups, ` OR `))}, f.dateArgs...)
	}
	if cur != nil {
		where = append(slices.Clip(where), `(q.published_at < ? OR (q.published_at = ? AND q.id < ?))`)
		args = append(slices.Clip(args), cur.Time, cur.Time, cur.ID)
	}
	if len(where) == 0 {
		where = []string{`1 = 1`}
	}
	query := `SELECT ` + records.HitColumns + ` FROM ` + from + records.HitJoins + ` WHERE ` + strings.Join(where, ` AND `) +
		` ORDER BY q.published_at DESC, q.id DESC LIMIT ?`
	rows, err := s.query(ctx, query, append(slices.Clip(args), limit+1)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return records.Collect(rows, records.Hit)
}

// hits loads the quotes of a page, in the page's order.
func (s *Store) hits(ctx context.Context, keys []keyset.Cursor) ([]verbatim.QuoteHit, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k.ID
	}
	rows, err := s.query(ctx, `SELECT `+records.HitColumns+` FROM quotes q`+records.HitJoins+
		` WHERE q.id IN (`+placeholders(len(keys))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	hs, err := records.Collect(rows, records.Hit)
	if err != nil {
		return nil, err
	}
	// Ranks are lower for better matches.
	return records.InOrder(keys, hs, func(rank float64) float64 { return -rank }), nil
}

// Export streams the matching quotes in the order they were stored.
func (s *Store) Export(ctx context.Context, q verbatim.SearchQuery) iter.Seq2[verbatim.QuoteHit, error] {
	return func(yield func(verbatim.QuoteHit, error) bool) {
		fail := func(err error) { yield(verbatim.QuoteHit{}, fmt.Errorf("sqlite: export: %w", err)) }
		match, err := matchQuery(q.Text)
		if err != nil {
			fail(err)
			return
		}
		f, err := s.filter(ctx, q)
		if err != nil {
			fail(err)
			return
		}
		if f.none {
			return
		}
		where, args := f.where, f.args
		from := `quotes q`
		if match != "" {
			from = `quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid`
			where = append([]string{`quotes_fts MATCH ?`}, f.dates...)
			args = append([]any{f.match(match)}, f.dateArgs...)
		}
		if len(where) == 0 {
			where = []string{`1 = 1`}
		}
		query := `SELECT ` + records.HitColumns + ` FROM ` + from + records.HitJoins + ` WHERE ` + strings.Join(where, ` AND `) +
			` ORDER BY q.id`
		if q.Limit > 0 {
			query += ` LIMIT ?`
			args = append(args, q.Limit)
		}
		rows, err := s.query(ctx, query, args...)
		if err != nil {
			fail(err)
			return
		}
		defer rows.Close()
		if err := records.Yield(rows, records.Hit, func(h verbatim.QuoteHit) bool { return yield(h, nil) }); err != nil {
			fail(err)
		}
	}
}

// Speaker returns a speaker with its latest quotes and its outlets.
func (s *Store) Speaker(ctx context.Context, id int64, latest int) (*verbatim.SpeakerProfile, error) {
	sps, err := s.speakers(ctx, `id = ?`, []any{id}, 1)
	if err != nil {
		return nil, fmt.Errorf("sqlite: speaker %d: %w", id, err)
	}
	if len(sps) == 0 {
		return nil, fmt.Errorf("sqlite: speaker %d: %w", id, verbatim.ErrNotFound)
	}
	p := &verbatim.SpeakerProfile{Speaker: sps[0]}
	rows, err := s.query(ctx, `SELECT src.name, so.quotes FROM speaker_outlets so
		JOIN sources src ON src.id = so.source_id WHERE so.speaker_id = ? AND so.quotes > 0
		ORDER BY so.quotes DESC, src.name`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: speaker %d outlets: %w", id, err)
	}
	defer rows.Close()
	if p.Outlets, err = records.Collect(rows, records.OutletCount); err != nil {
		return nil, fmt.Errorf("sqlite: speaker %d outlets: %w", id, err)
	}
	if latest > 0 {
		page, err := s.Search(ctx, verbatim.SearchQuery{SpeakerID: id, Limit: latest})
		if err != nil {
			return nil, err
		}
		p.Latest = page.Hits
	}
	return p, nil
}

// Speakers lists speakers, most quoted first.
func (s *Store) Speakers(ctx context.Context, q verbatim.SpeakerQuery) ([]verbatim.Speaker, error) {
	where := []string{`quotes > 0`}
	var args []any
	if q.Type != "" {
		where = append(where, `type = ?`)
		args = append(args, string(q.Type))
	}
	if q.Name != "" {
		keys := speakerKeys(q.Name)
		where = append(where, `id IN (SELECT speaker_id FROM speaker_keys WHERE key IN (`+placeholders(len(keys))+`))`)
		for _, k := range keys {
			args = append(args, k)
		}
	}
	sps, err := s.speakers(ctx, strings.Join(where, ` AND `), args, verbatim.PageSize(q.Limit))
	if err != nil {
		return nil, fmt.Errorf("sqlite: speakers: %w", err)
	}
	return sps, nil
}

// speakers loads speakers with their aliases and roles.
func (s *Store) speakers(ctx context.Context, where string, args []any, limit int) ([]verbatim.Speaker, error) {
	inner := records.SpeakerSelect + where + ` ORDER BY quotes DESC, id LIMIT ?`
	rows, err := s.query(ctx, fmt.Sprintf(records.SpeakerNamesSelect, inner, ``), append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return records.SpeakersWithNames(rows)
}

// Outlets lists the outlets that have articles, most quotes first.
func (s *Store) Outlets(ctx context.Context) ([]verbatim.Outlet, error) {
	rows, err := s.query(ctx, records.OutletSelect+` ORDER BY quotes DESC, name`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: outlets: %w", err)
	}
	defer rows.Close()
	out, err := records.Collect(rows, records.Outlet)
	if err != nil {
		return nil, fmt.Errorf("sqlite: outlets: %w", err)
	}
	return out, nil
}
