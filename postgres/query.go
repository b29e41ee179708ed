package postgres

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/jackc/pgx/v5"

	"verbatim"
	"verbatim/internal/keyset"
	"verbatim/internal/records"
	"verbatim/speaker"
)

// Article returns a stored article with its analysis.
func (s *Store) Article(ctx context.Context, id int64) (*verbatim.StoredArticle, error) {
	return s.article(ctx, `a.id = $1`, id)
}

// ArticleByURL returns the article stored under a URL.
func (s *Store) ArticleByURL(ctx context.Context, url string) (*verbatim.StoredArticle, error) {
	if url == "" {
		return nil, fmt.Errorf("postgres: article by URL: %w", verbatim.ErrNotFound)
	}
	return s.article(ctx, `a.doc_key = $1`, url)
}

func (s *Store) article(ctx context.Context, where string, arg any) (*verbatim.StoredArticle, error) {
	// One repeatable-read transaction reads the article, its entities and
	// its quotes from the same snapshot, even while a new version is
	// being written.
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("postgres: article: %w", err)
	}
	defer tx.Rollback(ctx)
	a, err := records.Article(tx.QueryRow(ctx, records.ArticleSelect+where, arg))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: article %v: %w", arg, verbatim.ErrNotFound)
	}
	if err != nil || a.Analysis == nil {
		if err != nil {
			err = fmt.Errorf("postgres: article %v: %w", arg, err)
		}
		return a, err
	}
	an := a.Analysis
	if an.Entities, err = collect(ctx, tx, records.EntitySelect+`$1`+records.EntityOrder, a.ID, records.Entity); err != nil {
		return nil, fmt.Errorf("postgres: article %d: %w", a.ID, err)
	}
	if an.Quotes, err = collect(ctx, tx, records.QuoteSelect+`$1`+records.QuoteOrder, a.ID, records.Quote); err != nil {
		return nil, fmt.Errorf("postgres: article %d: %w", a.ID, err)
	}
	return a, nil
}

// collect runs a query with one argument in tx and reads its rows.
func collect[T any](ctx context.Context, tx pgx.Tx, query string, arg any, scan func(records.Scanner) (T, error)) ([]T, error) {
	rows, err := tx.Query(ctx, query, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return records.Collect(rows, scan)
}

// errNothingToFind is returned for a query that only excludes words.
var errNothingToFind = errors.New("the query has no word to search for, only words to exclude")

// textQuery checks a web-search query: it reports whether the query has
// words at all, and refuses one that only excludes words, which the GIN
// index cannot answer (querytree is 'T' for it) and SQLite refuses too.
func (s *Store) textQuery(ctx context.Context, text string) (bool, error) {
	if strings.TrimSpace(text) == "" {
		return false, nil
	}
	var tree string
	if err := s.pool.QueryRow(ctx, `SELECT querytree(websearch_to_tsquery('simple', $1))`, text).Scan(&tree); err != nil {
		return false, err
	}
	switch tree {
	case "":
		return false, nil
	case "T":
		return false, errNothingToFind
	}
	return true, nil
}

// filter is the WHERE clause of the search filters, over quotes as q.
type filter struct {
	where []string
	// none is set when a filter names a speaker or outlet that is not
	// stored, so nothing can match.
	none bool
}

func (s *Store) filter(ctx context.Context, q verbatim.SearchQuery, p *params) (filter, error) {
	var f filter
	if q.Kind != "" {
		f.where = append(f.where, `q.kind = `+p.add(string(q.Kind)))
	}
	if q.SpeakerID != 0 {
		f.where = append(f.where, `q.speaker_id = `+p.add(q.SpeakerID))
	}
	if q.Speaker != "" {
		ids, err := s.ids(ctx, `SELECT DISTINCT speaker_id FROM speaker_keys WHERE key = ANY($1)`, speakerKeys(q.Speaker))
		if err != nil {
			return f, fmt.Errorf("speaker %q: %w", q.Speaker, err)
		}
		f.none = f.none || len(ids) == 0
		f.where = append(f.where, `q.speaker_id = ANY(`+p.add(ids)+`)`)
	}
	if q.Outlet != "" {
		o := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(q.Outlet)), "www.")
		ids, err := s.ids(ctx, `SELECT id FROM sources WHERE name_key = $1 OR name_key = $2 OR domain = $2`,
			strings.ToLower(strings.TrimSpace(q.Outlet)), o)
		if err != nil {
			return f, fmt.Errorf("outlet %q: %w", q.Outlet, err)
		}
		f.none = f.none || len(ids) == 0
		f.where = append(f.where, `q.source_id = ANY(`+p.add(ids)+`)`)
	}
	if !q.Since.IsZero() {
		f.where = append(f.where, `q.published_at >= `+p.add(q.Since.UnixMilli()))
	}
	if !q.Until.IsZero() {
		// An undated article is stored at 0; it is not "before" anything.
		f.where = append(f.where, `q.published_at < `+p.add(q.Until.UnixMilli())+` AND q.published_at != 0`)
	}
	return f, nil
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

func (s *Store) ids(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// tsquery is the text query as SQL, given its parameter.
func tsquery(param string) string { return `websearch_to_tsquery('simple', ` + param + `)` }

// RankWindow is how many matches of a text query, the most recently stored,
// a relevance search ranks; 0 ranks them all. It bounds the cost of
// ranking a word found in a large share of the quotes. ts_rank costs only
// per ranked row, so the window is wider than the SQLite store's
// (sqlite.RankWindow, whose lengths and scores the store computes itself):
// for a word in more than a thousand quotes the two stores may rank
// differently.
var RankWindow = 10000

// Search returns one page of matching quotes. A text query is ranked by
// ts_rank among its RankWindow most recently stored matches, unless Sort
// asks for the newest first.
func (s *Store) Search(ctx context.Context, q verbatim.SearchQuery) (verbatim.SearchPage, error) {
	var page verbatim.SearchPage
	limit := verbatim.PageSize(q.Limit)
	hasText, err := s.textQuery(ctx, q.Text)
	if err != nil {
		return page, fmt.Errorf("postgres: search %q: %w", q.Text, err)
	}
	byRank := hasText && q.Sort != verbatim.ByNewest
	cur, err := keyset.Decode(q.Cursor, byRank)
	if err != nil {
		return page, fmt.Errorf("postgres: search: %w", err)
	}
	var p params
	var text string
	if hasText {
		text = p.add(q.Text)
	}
	f, err := s.filter(ctx, q, &p)
	if err != nil || f.none {
		return page, err
	}
	where := f.where
	if hasText {
		where = append([]string{`q.tsv @@ ` + tsquery(text)}, where...)
	}
	if !byRank {
		// Newest first needs no second query for the hits: one reads
		// them in order.
		if cur != nil {
			t, id := p.add(cur.Time), p.add(cur.ID)
			where = append(where, `(q.published_at < `+t+` OR (q.published_at = `+t+` AND q.id < `+id+`))`)
		}
		rows, err := s.pool.Query(ctx, `SELECT `+records.HitColumns+` FROM quotes q`+records.HitJoins+` WHERE `+and(where)+
			` ORDER BY q.published_at DESC, q.id DESC LIMIT `+p.add(limit+1), p...)
		if err != nil {
			return page, fmt.Errorf("postgres: search: %w", err)
		}
		page.Hits, err = records.Collect(rows, records.Hit)
		rows.Close()
		if err != nil {
			return page, fmt.Errorf("postgres: search: %w", err)
		}
		if len(page.Hits) > limit {
			page.Hits = page.Hits[:limit]
			last := page.Hits[limit-1]
			page.Next = keyset.Cursor{Time: records.Millis(last.Published), ID: last.QuoteID}.Encode()
		}
		return page, s.count(ctx, q, hasText, &page)
	}
	var after string
	if cur != nil {
		r, id := p.add(cur.Rank), p.add(cur.ID)
		after = `WHERE score < ` + r + ` OR (score = ` + r + ` AND id > ` + id + `)`
	}
	inner := `SELECT q.id, ts_rank(q.tsv, ` + tsquery(text) + `)::float8 AS score FROM quotes q WHERE ` + and(where)
	if RankWindow > 0 {
		// ts_rank runs in the select list, so it is computed only for
		// the rows the window keeps.
		inner = `SELECT id, ts_rank(tsv, ` + tsquery(text) + `)::float8 AS score FROM (SELECT q.id, q.tsv FROM quotes q
			WHERE ` + and(where) + ` ORDER BY q.id DESC LIMIT ` + p.add(RankWindow) + `) newest`
	}
	rows, err := s.pool.Query(ctx, `SELECT id, score FROM (`+inner+`) ranked `+after+
		` ORDER BY score DESC, id LIMIT `+p.add(limit+1), p...)
	if err != nil {
		return page, fmt.Errorf("postgres: search: %w", err)
	}
	keys, err := records.Collect(rows, func(r records.Scanner) (keyset.Cursor, error) {
		c := keyset.Cursor{ByRank: true}
		err := r.Scan(&c.ID, &c.Rank)
		return c, err
	})
	rows.Close()
	if err != nil {
		return page, fmt.Errorf("postgres: search: %w", err)
	}
	if len(keys) > limit {
		keys = keys[:limit]
		page.Next = keys[limit-1].Encode()
	}
	if page.Hits, err = s.hits(ctx, keys); err != nil {
		return page, fmt.Errorf("postgres: search: %w", err)
	}
	return page, s.count(ctx, q, hasText, &page)
}

// count fills in the page's count when the query asks for one.
func (s *Store) count(ctx context.Context, q verbatim.SearchQuery, hasText bool, page *verbatim.SearchPage) error {
	if q.CountUpTo <= 0 {
		return nil
	}
	n, err := s.countMatches(ctx, q, hasText, q.CountUpTo+1)
	if err != nil {
		return fmt.Errorf("postgres: search: count: %w", err)
	}
	page.Count, page.CountExact = min(n, q.CountUpTo), n <= q.CountUpTo
	return nil
}

// conditions are the WHERE conditions of a query's text and filters over
// quotes q, their arguments added to p; none reports a filter naming
// nothing stored.
func (s *Store) conditions(ctx context.Context, q verbatim.SearchQuery, hasText bool, p *params) (where []string, none bool, err error) {
	if hasText {
		where = append(where, `q.tsv @@ `+tsquery(p.add(q.Text)))
	}
	f, err := s.filter(ctx, q, p)
	if err != nil || f.none {
		return nil, f.none, err
	}
	return append(where, f.where...), false, nil
}

// countMatches counts the quotes matching a search, up to most. Its
// parameters are its own: PostgreSQL refuses a parameter a statement does
// not use.
func (s *Store) countMatches(ctx context.Context, q verbatim.SearchQuery, hasText bool, most int) (int, error) {
	var p params
	where, none, err := s.conditions(ctx, q, hasText, &p)
	if err != nil || none {
		return 0, err
	}
	var n int
	err = s.pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM quotes q WHERE `+and(where)+
		` LIMIT `+p.add(most)+`) c`, p...).Scan(&n)
	return n, err
}

// hits loads the quotes of a page, in the page's order.
func (s *Store) hits(ctx context.Context, keys []keyset.Cursor) ([]verbatim.QuoteHit, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(keys))
	for i, k := range keys {
		ids[i] = k.ID
	}
	rows, err := s.pool.Query(ctx, `SELECT `+records.HitColumns+` FROM quotes q`+records.HitJoins+` WHERE q.id = ANY($1)`, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	hs, err := records.Collect(rows, records.Hit)
	if err != nil {
		return nil, err
	}
	// ts_rank is higher for better matches.
	return records.InOrder(keys, hs, func(rank float64) float64 { return rank }), nil
}

// Export streams the matching quotes in the order they were stored.
func (s *Store) Export(ctx context.Context, q verbatim.SearchQuery) iter.Seq2[verbatim.QuoteHit, error] {
	return func(yield func(verbatim.QuoteHit, error) bool) {
		fail := func(err error) { yield(verbatim.QuoteHit{}, fmt.Errorf("postgres: export: %w", err)) }
		hasText, err := s.textQuery(ctx, q.Text)
		if err != nil {
			fail(err)
			return
		}
		var p params
		where, none, err := s.conditions(ctx, q, hasText, &p)
		if err != nil {
			fail(err)
			return
		}
		if none {
			return
		}
		query := `SELECT ` + records.HitColumns + ` FROM quotes q` + records.HitJoins + ` WHERE ` + and(where) + ` ORDER BY q.id`
		if q.Limit > 0 {
			query += ` LIMIT ` + p.add(q.Limit)
		}
		rows, err := s.pool.Query(ctx, query, p...)
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
	sps, err := s.speakers(ctx, `id = $1`, []any{id}, 1)
	if err != nil {
		return nil, fmt.Errorf("postgres: speaker %d: %w", id, err)
	}
	if len(sps) == 0 {
		return nil, fmt.Errorf("postgres: speaker %d: %w", id, verbatim.ErrNotFound)
	}
	p := &verbatim.SpeakerProfile{Speaker: sps[0]}
	rows, err := s.pool.Query(ctx, `SELECT src.name, so.quotes FROM speaker_outlets so
		JOIN sources src ON src.id = so.source_id WHERE so.speaker_id = $1 AND so.quotes > 0
		ORDER BY so.quotes DESC, src.name COLLATE "C"`, id)
	if err != nil {
		return nil, fmt.Errorf("postgres: speaker %d outlets: %w", id, err)
	}
	defer rows.Close()
	if p.Outlets, err = records.Collect(rows, records.OutletCount); err != nil {
		return nil, fmt.Errorf("postgres: speaker %d outlets: %w", id, err)
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
	var p params
	where := []string{`quotes > 0`}
	if q.Type != "" {
		where = append(where, `type = `+p.add(string(q.Type)))
	}
	if q.Name != "" {
		where = append(where, `id IN (SELECT speaker_id FROM speaker_keys WHERE key = ANY(`+p.add(speakerKeys(q.Name))+`))`)
	}
	sps, err := s.speakers(ctx, and(where), p, verbatim.PageSize(q.Limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: speakers: %w", err)
	}
	return sps, nil
}

// speakers loads speakers with their aliases and roles.
func (s *Store) speakers(ctx context.Context, where string, args []any, limit int) ([]verbatim.Speaker, error) {
	p := params(args)
	inner := records.SpeakerSelect + where + ` ORDER BY quotes DESC, id LIMIT ` + p.add(limit)
	rows, err := s.pool.Query(ctx, fmt.Sprintf(records.SpeakerNamesSelect, inner, ` COLLATE "C"`), p...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return records.SpeakersWithNames(rows)
}

// Outlets lists the outlets that have articles, most quotes first.
func (s *Store) Outlets(ctx context.Context) ([]verbatim.Outlet, error) {
	rows, err := s.pool.Query(ctx, records.OutletSelect+` ORDER BY quotes DESC, name COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("postgres: outlets: %w", err)
	}
	defer rows.Close()
	out, err := records.Collect(rows, records.Outlet)
	if err != nil {
		return nil, fmt.Errorf("postgres: outlets: %w", err)
	}
	return out, nil
}
