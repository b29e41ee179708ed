package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"verbatim"
	"verbatim/internal/keyset"
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
	a := &verbatim.StoredArticle{}
	var (
		published, fetched, ingested, updated int64
		origin                                string
		structure, meta                       sql.NullString
	)
	err = tx.QueryRowContext(ctx, `SELECT a.id, a.url, src.name, a.title, a.author, a.lang, a.published_at,
		a.fetched_at, a.origin, a.text, a.content_hash, a.structure, a.analysis_meta, a.ingested_at, a.updated_at
		FROM articles a JOIN sources src ON src.id = a.source_id WHERE `+where, arg).Scan(
		&a.ID, &a.URL, &a.Outlet, &a.Title, &a.Author, &a.Lang, &published, &fetched, &origin, &a.Text,
		&a.ContentHash, &structure, &meta, &ingested, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: article %v: %w", arg, verbatim.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: article %v: %w", arg, err)
	}
	a.Published, a.Fetched, a.IngestedAt, a.UpdatedAt = fromMillis(published), fromMillis(fetched),
		fromMillis(ingested), fromMillis(updated)
	if origin != "" {
		if err := json.Unmarshal([]byte(origin), &a.Origin); err != nil {
			return nil, fmt.Errorf("sqlite: article %d: origin: %w", a.ID, err)
		}
	}
	if !structure.Valid {
		return a, nil
	}
	an := &verbatim.Analysis{}
	var m analysisMeta
	if err := errors.Join(json.Unmarshal([]byte(structure.String), &an.Article),
		json.Unmarshal([]byte(meta.String), &m)); err != nil {
		return nil, fmt.Errorf("sqlite: article %d: analysis: %w", a.ID, err)
	}
	an.ID, an.Lang = m.ID, m.Lang
	if an.Entities, err = entities(ctx, tx, a.ID); err != nil {
		return nil, fmt.Errorf("sqlite: article %d: %w", a.ID, err)
	}
	if an.Quotes, err = quotes(ctx, tx, a.ID); err != nil {
		return nil, fmt.Errorf("sqlite: article %d: %w", a.ID, err)
	}
	a.Analysis = an
	return a, nil
}

func entities(ctx context.Context, tx *sql.Tx, articleID int64) ([]verbatim.Entity, error) {
	rows, err := tx.QueryContext(ctx, `SELECT entity_id, name, type, aliases, roles, mentions, quotes
		FROM entities WHERE article_id = ? ORDER BY idx`, articleID)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	defer rows.Close()
	var out []verbatim.Entity
	for rows.Next() {
		var e verbatim.Entity
		var aliases, roles, mentions string
		if err := rows.Scan(&e.ID, &e.Name, &e.Type, &aliases, &roles, &mentions, &e.Quotes); err != nil {
			return nil, fmt.Errorf("entities: %w", err)
		}
		if err := errors.Join(json.Unmarshal([]byte(aliases), &e.Aliases), json.Unmarshal([]byte(roles), &e.Roles),
			json.Unmarshal([]byte(mentions), &e.Mentions)); err != nil {
			return nil, fmt.Errorf("entity %q: %w", e.Name, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func quotes(ctx context.Context, tx *sql.Tx, articleID int64) ([]verbatim.Quote, error) {
	rows, err := tx.QueryContext(ctx, `SELECT kind, content, content_start, content_end, content_segments,
		cue_span, cue_lemma, speaker_span, speaker_ref, speaker_type, entity
		FROM quotes WHERE article_id = ? ORDER BY seq`, articleID)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	defer rows.Close()
	var out []verbatim.Quote
	for rows.Next() {
		var q verbatim.Quote
		var segments, cue, spk sql.NullString
		if err := rows.Scan(&q.Kind, &q.Content.Text, &q.Content.Start, &q.Content.End, &segments, &cue,
			&q.CueLemma, &spk, &q.SpeakerRef, &q.SpeakerType, &q.Entity); err != nil {
			return nil, fmt.Errorf("quotes: %w", err)
		}
		var errs []error
		if segments.Valid {
			errs = append(errs, json.Unmarshal([]byte(segments.String), &q.Content.Segments))
		}
		if cue.Valid {
			q.Cue = &verbatim.Span{}
			errs = append(errs, json.Unmarshal([]byte(cue.String), q.Cue))
		}
		if spk.Valid {
			q.Speaker = &verbatim.Span{}
			errs = append(errs, json.Unmarshal([]byte(spk.String), q.Speaker))
		}
		if err := errors.Join(errs...); err != nil {
			return nil, fmt.Errorf("quote spans: %w", err)
		}
		out = append(out, q)
	}
	return out, rows.Err()
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
		o := strings.ToLower(strings.TrimSpace(q.Outlet))
		ids, err := s.ids(ctx, `SELECT id FROM sources WHERE name_key IN (`, []string{o, strings.TrimPrefix(o, "www.")},
			` OR domain = ?`, strings.TrimPrefix(o, "www."))
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
	rows, err := s.r.QueryContext(ctx, query+placeholders(len(in))+tail, args...)
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
		keys, err = s.newestSearch(ctx, groups, f, cur, limit)
	}
	if err == nil && q.CountUpTo > 0 {
		if !counted {
			matches, err = s.countMatches(ctx, groups, f, q.CountUpTo+1)
		}
		page.Count, page.CountExact = min(matches, q.CountUpTo), matches <= q.CountUpTo
	}
	if err != nil {
		return page, fmt.Errorf("sqlite: search: %w", err)
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
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM `+from+` WHERE `+strings.Join(where, ` AND `)+
		` LIMIT ?)`, append(slices.Clip(args), most)...).Scan(&n)
	return n, err
}

// newestSearch returns the keys of at most limit+1 hits after cur, newest
// first. A text query's filters but dates are tested inside the index.
func (s *Store) newestSearch(ctx context.Context, groups []string, f filter, cur *keyset.Cursor, limit int) ([]keyset.Cursor, error) {
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
	query := `SELECT q.id, q.published_at FROM ` + from + ` WHERE ` + strings.Join(where, ` AND `) +
		` ORDER BY q.published_at DESC, q.id DESC LIMIT ?`
	rows, err := s.r.QueryContext(ctx, query, append(slices.Clip(args), limit+1)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []keyset.Cursor
	for rows.Next() {
		var c keyset.Cursor
		if err := rows.Scan(&c.ID, &c.Time); err != nil {
			return nil, err
		}
		keys = append(keys, c)
	}
	return keys, rows.Err()
}

// hitColumns select a QuoteHit from quotes q joined to its article a,
// outlet src and speaker sp; scanHit reads them.
const hitColumns = `q.id, q.article_id, q.kind, q.content, q.cue, q.cue_lemma, q.speaker_id, sp.name,
	q.speaker_text, q.speaker_ref, q.speaker_type, src.name, a.url, a.title, q.published_at`

const hitJoins = ` JOIN articles a ON a.id = q.article_id JOIN sources src ON src.id = q.source_id
	LEFT JOIN speakers sp ON sp.id = q.speaker_id`

func scanHit(rows *sql.Rows) (verbatim.QuoteHit, error) {
	var h verbatim.QuoteHit
	var spID sql.NullInt64
	var spName sql.NullString
	var ref string
	var published int64
	err := rows.Scan(&h.QuoteID, &h.ArticleID, &h.Kind, &h.Text, &h.Cue, &h.CueLemma, &spID, &spName,
		&h.SpeakerMention, &ref, &h.SpeakerType, &h.Outlet, &h.URL, &h.Title, &published)
	h.SpeakerID, h.Published = spID.Int64, fromMillis(published)
	switch {
	case spName.Valid:
		h.Speaker = spName.String
	case ref != "":
		h.Speaker = ref
	default:
		h.Speaker = h.SpeakerMention
	}
	return h, err
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
	rows, err := s.r.QueryContext(ctx, `SELECT `+hitColumns+` FROM quotes q`+hitJoins+
		` WHERE q.id IN (`+placeholders(len(keys))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := map[int64]verbatim.QuoteHit{}
	for rows.Next() {
		h, err := scanHit(rows)
		if err != nil {
			return nil, err
		}
		byID[h.QuoteID] = h
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]verbatim.QuoteHit, 0, len(keys))
	for _, k := range keys {
		// A quote replaced between the two queries is left out.
		if h, ok := byID[k.ID]; ok {
			if k.ByRank {
				h.Score = -k.Rank // ranks are lower for better matches
			}
			out = append(out, h)
		}
	}
	return out, nil
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
		query := `SELECT ` + hitColumns + ` FROM ` + from + hitJoins + ` WHERE ` + strings.Join(where, ` AND `) +
			` ORDER BY q.id`
		if q.Limit > 0 {
			query += ` LIMIT ?`
			args = append(args, q.Limit)
		}
		rows, err := s.r.QueryContext(ctx, query, args...)
		if err != nil {
			fail(err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			h, err := scanHit(rows)
			if err != nil {
				fail(err)
				return
			}
			if !yield(h, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
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
	rows, err := s.r.QueryContext(ctx, `SELECT src.name, so.quotes FROM speaker_outlets so
		JOIN sources src ON src.id = so.source_id WHERE so.speaker_id = ? AND so.quotes > 0
		ORDER BY so.quotes DESC, src.name`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: speaker %d outlets: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var o verbatim.OutletCount
		if err := rows.Scan(&o.Outlet, &o.Quotes); err != nil {
			return nil, fmt.Errorf("sqlite: speaker %d outlets: %w", id, err)
		}
		p.Outlets = append(p.Outlets, o)
	}
	if err := rows.Err(); err != nil {
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
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, type, quotes FROM speakers WHERE `+where+
		` ORDER BY quotes DESC, id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	var out []verbatim.Speaker
	for rows.Next() {
		var sp verbatim.Speaker
		if err := rows.Scan(&sp.ID, &sp.Name, &sp.Type, &sp.Quotes); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, sp)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	ids := make([]any, len(out))
	for i, sp := range out {
		ids[i] = sp.ID
	}
	rows, err = s.r.QueryContext(ctx, `SELECT speaker_id, kind, value FROM speaker_names
		WHERE speaker_id IN (`+placeholders(len(ids))+`) ORDER BY speaker_id, kind, value`, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind, v string
		if err := rows.Scan(&id, &kind, &v); err != nil {
			return nil, err
		}
		i := slices.IndexFunc(out, func(sp verbatim.Speaker) bool { return sp.ID == id })
		if kind == "role" {
			out[i].Roles = append(out[i].Roles, v)
		} else {
			out[i].Aliases = append(out[i].Aliases, v)
		}
	}
	return out, rows.Err()
}

// Outlets lists the outlets that have articles, most quotes first.
func (s *Store) Outlets(ctx context.Context) ([]verbatim.Outlet, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, domain, articles, quotes FROM sources
		WHERE articles > 0 ORDER BY quotes DESC, name`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: outlets: %w", err)
	}
	defer rows.Close()
	var out []verbatim.Outlet
	for rows.Next() {
		var o verbatim.Outlet
		if err := rows.Scan(&o.ID, &o.Name, &o.Domain, &o.Articles, &o.Quotes); err != nil {
			return nil, fmt.Errorf("sqlite: outlets: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: outlets: %w", err)
	}
	return out, nil
}
