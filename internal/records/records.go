package records

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"verbatim"
	"verbatim/internal/keyset"
)

// Scanner is one row of a result: *sql.Row, *sql.Rows, pgx.Row and
// pgx.Rows all are. Nullable columns are scanned into pointers, which both
// drivers set to nil for NULL.
type Scanner interface {
	Scan(dest ...any) error
}

// Rows is a result set of either driver; closing it stays with the caller,
// as the two drivers close differently.
type Rows interface {
	Scanner
	Next() bool
	Err() error
}

// Collect reads every row of rows with scan.
func Collect[T any](rows Rows, scan func(Scanner) (T, error)) ([]T, error) {
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Yield reads the rows of rows with scan and passes each to yield until it
// returns false: an iterator's loop over a result set.
func Yield[T any](rows Rows, scan func(Scanner) (T, error), yield func(T) bool) error {
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		if !yield(v) {
			return nil
		}
	}
	return rows.Err()
}

// Millis is a time as stored: Unix milliseconds, 0 for the zero time.
func Millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// FromMillis is the time of a stored value, in UTC.
func FromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// ArticleSelect selects an article row; the caller appends the condition.
const ArticleSelect = `SELECT a.id, a.url, src.name, a.title, a.author, a.lang, a.published_at,
	a.fetched_at, a.origin, a.text, a.content_hash, a.structure, a.analysis_meta, a.ingested_at, a.updated_at
	FROM articles a JOIN sources src ON src.id = a.source_id WHERE `

// Article reads a row of ArticleSelect. The analysis, when the article has
// one, comes without its entities and quotes, which are rows of their own.
func Article(row Scanner) (*verbatim.StoredArticle, error) {
	a := &verbatim.StoredArticle{}
	var (
		published, fetched, ingested, updated int64
		origin                                string
		structure, meta                       *string
	)
	if err := row.Scan(&a.ID, &a.URL, &a.Outlet, &a.Title, &a.Author, &a.Lang, &published, &fetched, &origin,
		&a.Text, &a.ContentHash, &structure, &meta, &ingested, &updated); err != nil {
		return nil, err
	}
	a.Published, a.Fetched, a.IngestedAt, a.UpdatedAt = FromMillis(published), FromMillis(fetched),
		FromMillis(ingested), FromMillis(updated)
	if origin != "" {
		if err := json.Unmarshal([]byte(origin), &a.Origin); err != nil {
			return nil, fmt.Errorf("article %d: origin: %w", a.ID, err)
		}
	}
	if structure == nil || meta == nil {
		return a, nil
	}
	an := &verbatim.Analysis{}
	var m analysisMeta
	if err := errors.Join(json.Unmarshal([]byte(*structure), &an.Article), json.Unmarshal([]byte(*meta), &m)); err != nil {
		return nil, fmt.Errorf("article %d: analysis: %w", a.ID, err)
	}
	an.ID, an.Lang = m.ID, m.Lang
	a.Analysis = an
	return a, nil
}

// analysisMeta is what the articles row keeps of an Analysis besides the
// structure: the fields that are neither quotes nor entities.
type analysisMeta struct {
	ID   string `json:"id"`
	Lang string `json:"lang"`
}

// ArticleFields are the JSON columns of an article row; nil is NULL.
type ArticleFields struct {
	Origin          string
	Structure, Meta *string
}

// ArticleColumns encodes an article's JSON columns.
func ArticleColumns(a *verbatim.StoredArticle) (ArticleFields, error) {
	var f ArticleFields
	origin, err := json.Marshal(a.Origin)
	if err != nil {
		return f, fmt.Errorf("encode origin: %w", err)
	}
	f.Origin = string(origin)
	if an := a.Analysis; an != nil {
		st, err := json.Marshal(an.Article)
		if err != nil {
			return f, fmt.Errorf("encode structure: %w", err)
		}
		meta, err := json.Marshal(analysisMeta{ID: an.ID, Lang: an.Lang})
		if err != nil {
			return f, fmt.Errorf("encode analysis: %w", err)
		}
		sts, metas := string(st), string(meta)
		f.Structure, f.Meta = &sts, &metas
	}
	return f, nil
}

// EntitySelect selects an article's entities in order; the caller appends
// the placeholder of the article's id.
const EntitySelect = `SELECT entity_id, name, type, aliases, roles, mentions, quotes
	FROM entities WHERE article_id = `

// EntityOrder follows EntitySelect's condition.
const EntityOrder = ` ORDER BY idx`

// Entity reads a row of EntitySelect.
func Entity(row Scanner) (verbatim.Entity, error) {
	var e verbatim.Entity
	var typ, aliases, roles, mentions string
	if err := row.Scan(&e.ID, &e.Name, &typ, &aliases, &roles, &mentions, &e.Quotes); err != nil {
		return e, fmt.Errorf("entities: %w", err)
	}
	e.Type = verbatim.EntityType(typ)
	if err := errors.Join(json.Unmarshal([]byte(aliases), &e.Aliases), json.Unmarshal([]byte(roles), &e.Roles),
		json.Unmarshal([]byte(mentions), &e.Mentions)); err != nil {
		return e, fmt.Errorf("entity %q: %w", e.Name, err)
	}
	return e, nil
}

// QuoteSelect selects an article's quotes in order; the caller appends the
// placeholder of the article's id and QuoteOrder.
const QuoteSelect = `SELECT kind, content, content_start, content_end, content_segments,
	cue_span, cue_lemma, speaker_span, speaker_ref, speaker_type, entity
	FROM quotes WHERE article_id = `

// QuoteOrder follows QuoteSelect's condition.
const QuoteOrder = ` ORDER BY seq`

// Quote reads a row of QuoteSelect.
func Quote(row Scanner) (verbatim.Quote, error) {
	var q verbatim.Quote
	var kind, stype string
	var segments, cue, spk *string
	if err := row.Scan(&kind, &q.Content.Text, &q.Content.Start, &q.Content.End, &segments, &cue,
		&q.CueLemma, &spk, &q.SpeakerRef, &stype, &q.Entity); err != nil {
		return q, fmt.Errorf("quotes: %w", err)
	}
	q.Kind, q.SpeakerType = verbatim.QuoteKind(kind), verbatim.SpeakerType(stype)
	var errs []error
	if segments != nil {
		errs = append(errs, json.Unmarshal([]byte(*segments), &q.Content.Segments))
	}
	if cue != nil {
		q.Cue = &verbatim.Span{}
		errs = append(errs, json.Unmarshal([]byte(*cue), q.Cue))
	}
	if spk != nil {
		q.Speaker = &verbatim.Span{}
		errs = append(errs, json.Unmarshal([]byte(*spk), q.Speaker))
	}
	if err := errors.Join(errs...); err != nil {
		return q, fmt.Errorf("quote spans: %w", err)
	}
	return q, nil
}

// QuoteFields are the columns of a quote row derived from its spans; nil
// is NULL.
type QuoteFields struct {
	Segments, Cue, Speaker *string
	CueText, SpeakerText   string
}

// QuoteColumns encodes a quote's span columns.
func QuoteColumns(q verbatim.Quote) (QuoteFields, error) {
	var f QuoteFields
	enc := func(v any) (*string, error) {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("encode span: %w", err)
		}
		s := string(b)
		return &s, nil
	}
	var err error
	if len(q.Content.Segments) > 0 {
		if f.Segments, err = enc(q.Content.Segments); err != nil {
			return f, err
		}
	}
	if q.Cue != nil {
		if f.Cue, err = enc(q.Cue); err != nil {
			return f, err
		}
		f.CueText = q.Cue.Text
	}
	if q.Speaker != nil {
		if f.Speaker, err = enc(q.Speaker); err != nil {
			return f, err
		}
		f.SpeakerText = q.Speaker.Text
	}
	return f, nil
}

// HitColumns select a QuoteHit from quotes q joined by HitJoins to its
// article a, outlet src and speaker sp; Hit reads them.
const HitColumns = `q.id, q.article_id, q.kind, q.content, q.cue, q.cue_lemma, q.speaker_id, sp.name,
	q.speaker_text, q.speaker_ref, q.speaker_type, src.name, a.url, a.title, q.published_at`

// HitJoins join what HitColumns select besides the quote.
const HitJoins = ` JOIN articles a ON a.id = q.article_id JOIN sources src ON src.id = q.source_id
	LEFT JOIN speakers sp ON sp.id = q.speaker_id`

// Hit reads a row of HitColumns. Its speaker is the resolved speaker's
// name, else the quote's own reference, else the mention.
func Hit(row Scanner) (verbatim.QuoteHit, error) {
	var h verbatim.QuoteHit
	var spID *int64
	var spName *string
	var kind, stype, ref string
	var published int64
	err := row.Scan(&h.QuoteID, &h.ArticleID, &kind, &h.Text, &h.Cue, &h.CueLemma, &spID, &spName,
		&h.SpeakerMention, &ref, &stype, &h.Outlet, &h.URL, &h.Title, &published)
	h.Kind, h.SpeakerType, h.Published = verbatim.QuoteKind(kind), verbatim.SpeakerType(stype), FromMillis(published)
	if spID != nil {
		h.SpeakerID = *spID
	}
	switch {
	case spName != nil:
		h.Speaker = *spName
	case ref != "":
		h.Speaker = ref
	default:
		h.Speaker = h.SpeakerMention
	}
	return h, err
}

// InOrder arranges hits loaded by id in the order of the keys that found
// them, leaving out a key without a hit (a quote replaced since its key was
// read). The hits of a relevance search get score(rank) as their Score.
func InOrder(keys []keyset.Cursor, hits []verbatim.QuoteHit, score func(rank float64) float64) []verbatim.QuoteHit {
	byID := make(map[int64]verbatim.QuoteHit, len(hits))
	for _, h := range hits {
		byID[h.QuoteID] = h
	}
	out := make([]verbatim.QuoteHit, 0, len(keys))
	for _, k := range keys {
		if h, ok := byID[k.ID]; ok {
			if k.ByRank {
				h.Score = score(k.Rank)
			}
			out = append(out, h)
		}
	}
	return out
}

// SpeakerSelect selects speakers; the caller appends the condition, order
// and limit.
const SpeakerSelect = `SELECT id, name, type, quotes FROM speakers WHERE `

// Speaker reads a row of SpeakerSelect.
func Speaker(row Scanner) (verbatim.Speaker, error) {
	var sp verbatim.Speaker
	var typ string
	err := row.Scan(&sp.ID, &sp.Name, &typ, &sp.Quotes)
	sp.Type = verbatim.SpeakerType(typ)
	return sp, err
}

// SpeakerNamesSelect selects speakers with their names, a row per name and
// one without for a speaker with none. The caller puts a query of
// SpeakerSelect's columns, ordered and limited, in place of the first %s,
// and the collation that orders names byte by byte in the second.
const SpeakerNamesSelect = `SELECT sp.id, sp.name, sp.type, sp.quotes, n.kind, n.value FROM (%s) sp
	LEFT JOIN speaker_names n ON n.speaker_id = sp.id ORDER BY sp.quotes DESC, sp.id, n.kind, n.value%s`

// SpeakersWithNames reads the rows of SpeakerNamesSelect: a speaker's rows
// follow each other.
func SpeakersWithNames(rows Rows) ([]verbatim.Speaker, error) {
	var out []verbatim.Speaker
	for rows.Next() {
		var sp verbatim.Speaker
		var typ string
		var kind, value *string
		if err := rows.Scan(&sp.ID, &sp.Name, &typ, &sp.Quotes, &kind, &value); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].ID != sp.ID {
			sp.Type = verbatim.SpeakerType(typ)
			out = append(out, sp)
		}
		last := &out[len(out)-1]
		switch {
		case kind == nil || value == nil:
		case *kind == "role":
			last.Roles = append(last.Roles, *value)
		default:
			last.Aliases = append(last.Aliases, *value)
		}
	}
	return out, rows.Err()
}

// OutletSelect selects the outlets that have articles; the caller appends
// the order, whose collation differs.
const OutletSelect = `SELECT id, name, domain, articles, quotes FROM sources WHERE articles > 0`

// Outlet reads a row of OutletSelect.
func Outlet(row Scanner) (verbatim.Outlet, error) {
	var o verbatim.Outlet
	err := row.Scan(&o.ID, &o.Name, &o.Domain, &o.Articles, &o.Quotes)
	return o, err
}

// OutletCount reads a row of (outlet name, quotes).
func OutletCount(row Scanner) (verbatim.OutletCount, error) {
	var o verbatim.OutletCount
	err := row.Scan(&o.Outlet, &o.Quotes)
	return o, err
}
