package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"verbatim"
	"verbatim/internal/records"
	"verbatim/speaker"
)

// SaveArticle stores one article in one transaction.
func (s *Store) SaveArticle(ctx context.Context, a *verbatim.StoredArticle) (verbatim.SaveResult, error) {
	rs, err := s.SaveArticles(ctx, []*verbatim.StoredArticle{a})
	if err != nil {
		return verbatim.SaveResult{}, err
	}
	return rs[0], nil
}

// SaveArticles stores the articles in one transaction: all or none. The
// same article twice in one batch is saved once.
func (s *Store) SaveArticles(ctx context.Context, as []*verbatim.StoredArticle) ([]verbatim.SaveResult, error) {
	for i, a := range as {
		if err := a.Prepare(); err != nil {
			return nil, fmt.Errorf("postgres: article %d (%s): %w", i, a.Key(), err)
		}
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: begin: %w", err)
	}
	defer tx.Rollback(ctx)
	sv := &saver{tx: tx, now: time.Now().UnixMilli()}
	results := make([]verbatim.SaveResult, len(as))
	for i, a := range as {
		if results[i], err = sv.save(ctx, a); err != nil {
			return nil, fmt.Errorf("postgres: save article %d (%s): %w", i, a.Key(), err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("postgres: commit: %w", err)
	}
	// IDs are handed out only once they are durable.
	for i, a := range as {
		a.ID = results[i].ID
	}
	return results, nil
}

// saver saves articles within one transaction.
type saver struct {
	tx  pgx.Tx
	now int64
}

func (sv *saver) save(ctx context.Context, a *verbatim.StoredArticle) (verbatim.SaveResult, error) {
	fp, err := a.Fingerprint()
	if err != nil {
		return verbatim.SaveResult{}, fmt.Errorf("fingerprint: %w", err)
	}
	var (
		id        int64
		oldFP     string
		oldSource int64
	)
	err = sv.tx.QueryRow(ctx, `SELECT id, fingerprint, source_id FROM articles WHERE doc_key = $1`, a.Key()).
		Scan(&id, &oldFP, &oldSource)
	switch {
	case err == nil && oldFP == fp:
		return verbatim.SaveResult{ID: id, Status: verbatim.Unchanged}, nil
	case err == nil:
		if err := sv.removeContent(ctx, id, oldSource); err != nil {
			return verbatim.SaveResult{}, err
		}
	case errors.Is(err, pgx.ErrNoRows):
		if a.Text != "" {
			err := sv.tx.QueryRow(ctx, `SELECT id FROM articles WHERE content_hash = $1 LIMIT 1`, a.ContentHash).Scan(&id)
			if err == nil {
				return verbatim.SaveResult{ID: id, Status: verbatim.Duplicate}, nil
			}
			if !errors.Is(err, pgx.ErrNoRows) {
				return verbatim.SaveResult{}, fmt.Errorf("look up content hash: %w", err)
			}
		}
		id = 0
	default:
		return verbatim.SaveResult{}, fmt.Errorf("look up article: %w", err)
	}

	sourceID, err := sv.source(ctx, a)
	if err != nil {
		return verbatim.SaveResult{}, err
	}
	status := verbatim.Updated
	if id == 0 {
		status = verbatim.Inserted
	}
	row, err := records.ArticleColumns(a)
	if err != nil {
		return verbatim.SaveResult{}, err
	}
	if id == 0 {
		err = sv.tx.QueryRow(ctx, `INSERT INTO articles (doc_key, url, content_hash, fingerprint, source_id,
			title, author, lang, published_at, fetched_at, origin, text, structure, analysis_meta, ingested_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
			a.Key(), a.URL, a.ContentHash, fp, sourceID, a.Title, a.Author, a.Lang, records.Millis(a.Published),
			records.Millis(a.Fetched), row.Origin, a.Text, row.Structure, row.Meta, sv.now, sv.now).Scan(&id)
	} else {
		_, err = sv.tx.Exec(ctx, `UPDATE articles SET url = $1, content_hash = $2, fingerprint = $3, source_id = $4,
			title = $5, author = $6, lang = $7, published_at = $8, fetched_at = $9, origin = $10, text = $11,
			structure = $12, analysis_meta = $13, updated_at = $14 WHERE id = $15`,
			a.URL, a.ContentHash, fp, sourceID, a.Title, a.Author, a.Lang, records.Millis(a.Published), records.Millis(a.Fetched),
			row.Origin, a.Text, row.Structure, row.Meta, sv.now, id)
	}
	if err != nil {
		return verbatim.SaveResult{}, fmt.Errorf("write article: %w", err)
	}
	if _, err := sv.tx.Exec(ctx, `UPDATE sources SET articles = articles + 1 WHERE id = $1`, sourceID); err != nil {
		return verbatim.SaveResult{}, fmt.Errorf("count article: %w", err)
	}
	decisions, err := sv.content(ctx, id, sourceID, a)
	if err != nil {
		return verbatim.SaveResult{}, err
	}
	return verbatim.SaveResult{ID: id, Status: status, Speakers: decisions}, nil
}

// source returns the id of the article's outlet, creating it if new.
func (sv *saver) source(ctx context.Context, a *verbatim.StoredArticle) (int64, error) {
	name := a.OutletName()
	var id int64
	err := sv.tx.QueryRow(ctx, `SELECT id FROM sources WHERE name_key = $1`, strings.ToLower(name)).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		err = sv.tx.QueryRow(ctx, `INSERT INTO sources (name, name_key, domain) VALUES ($1, $2, $3) RETURNING id`,
			name, strings.ToLower(name), a.Domain()).Scan(&id)
	}
	if err != nil {
		return 0, fmt.Errorf("outlet %q: %w", name, err)
	}
	return id, nil
}

// removeContent takes an article's quotes and entities out, with their
// counts, before a new version is written.
func (sv *saver) removeContent(ctx context.Context, articleID, sourceID int64) error {
	rows, err := sv.tx.Query(ctx, `SELECT speaker_id, source_id, count(*) FROM quotes
		WHERE article_id = $1 GROUP BY speaker_id, source_id`, articleID)
	if err != nil {
		return fmt.Errorf("count old quotes: %w", err)
	}
	type group struct {
		speaker   *int64
		source, n int64
	}
	var groups []group
	for rows.Next() {
		var g group
		if err := rows.Scan(&g.speaker, &g.source, &g.n); err != nil {
			rows.Close()
			return fmt.Errorf("count old quotes: %w", err)
		}
		groups = append(groups, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("count old quotes: %w", err)
	}
	b := &pgx.Batch{}
	for _, g := range groups {
		b.Queue(`UPDATE sources SET quotes = quotes - $1 WHERE id = $2`, g.n, g.source)
		if g.speaker == nil {
			continue
		}
		b.Queue(`UPDATE speakers SET quotes = quotes - $1 WHERE id = $2`, g.n, *g.speaker)
		b.Queue(`UPDATE speaker_outlets SET quotes = quotes - $1 WHERE speaker_id = $2 AND source_id = $3`,
			g.n, *g.speaker, g.source)
	}
	b.Queue(`DELETE FROM quotes WHERE article_id = $1`, articleID)
	b.Queue(`DELETE FROM entities WHERE article_id = $1`, articleID)
	b.Queue(`UPDATE sources SET articles = articles - 1 WHERE id = $1`, sourceID)
	if err := sv.tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("remove old version: %w", err)
	}
	return nil
}

// content writes an article's entities and quotes, filing each speaker
// under its identity, and counts the quotes.
func (sv *saver) content(ctx context.Context, articleID, sourceID int64, a *verbatim.StoredArticle) ([]verbatim.SpeakerDecision, error) {
	an := a.Analysis
	if an == nil {
		return nil, nil
	}
	speakers, actx := speaker.ArticleSpeakers(an)
	byEntity := map[int]int64{}
	byRef := map[string]int64{}
	var decisions []verbatim.SpeakerDecision
	for _, as := range speakers {
		d, err := sv.resolve(ctx, as.Mention, actx, sourceID)
		if err != nil {
			return nil, fmt.Errorf("speaker %q: %w", as.Mention.Name, err)
		}
		d.Entity = as.Entity
		if as.Entity >= 0 {
			byEntity[as.Entity] = d.SpeakerID
		} else {
			byRef[as.Ref] = d.SpeakerID
		}
		decisions = append(decisions, d)
	}

	// Entities and quotes go to the server in one round trip.
	b := &pgx.Batch{}
	for i, e := range an.Entities {
		js, err := jsonStrings(e.Aliases, e.Roles, e.Mentions)
		if err != nil {
			return nil, fmt.Errorf("entity %d: %w", i, err)
		}
		b.Queue(`INSERT INTO entities (article_id, idx, entity_id, name, type, aliases, roles, mentions, quotes,
			speaker_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			articleID, i, e.ID, e.Name, string(e.Type), js[0], js[1], js[2], e.Quotes, nullID(byEntity[i]))
	}
	perSpeaker := map[int64]int64{}
	for i, q := range an.Quotes {
		var spk int64
		if q.Entity >= 0 {
			spk = byEntity[q.Entity]
		} else if q.SpeakerRef != "" {
			spk = byRef[q.SpeakerRef]
		}
		if spk != 0 {
			perSpeaker[spk]++
		}
		r, err := records.QuoteColumns(q)
		if err != nil {
			return nil, fmt.Errorf("quote %d: %w", i, err)
		}
		b.Queue(`INSERT INTO quotes (article_id, seq, source_id, published_at, kind, content, content_start,
			content_end, content_segments, cue_span, cue, cue_lemma, speaker_span, speaker_text, speaker_ref,
			speaker_type, entity, speaker_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
			articleID, i, sourceID, records.Millis(a.Published), string(q.Kind), q.Content.Text, q.Content.Start,
			q.Content.End, r.Segments, r.Cue, r.CueText, q.CueLemma, r.Speaker, r.SpeakerText, q.SpeakerRef,
			string(q.SpeakerType), q.Entity, nullID(spk))
	}
	b.Queue(`UPDATE sources SET quotes = quotes + $1 WHERE id = $2`, len(an.Quotes), sourceID)
	for id, n := range perSpeaker {
		b.Queue(`UPDATE speakers SET quotes = quotes + $1 WHERE id = $2`, n, id)
		b.Queue(`INSERT INTO speaker_outlets (speaker_id, source_id, quotes) VALUES ($1, $2, $3)
			ON CONFLICT (speaker_id, source_id) DO UPDATE SET quotes = speaker_outlets.quotes + excluded.quotes`,
			id, sourceID, n)
	}
	if err := sv.tx.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("write entities and quotes: %w", err)
	}
	return decisions, nil
}

// resolve files a mention under a speaker identity, creating the identity
// when package speaker decides it is new.
func (sv *saver) resolve(ctx context.Context, m speaker.Mention, actx speaker.Context, sourceID int64) (verbatim.SpeakerDecision, error) {
	cands, err := sv.candidates(ctx, speaker.Keys(m), sourceID)
	if err != nil {
		return verbatim.SpeakerDecision{}, err
	}
	d := speaker.Resolve(m, cands, actx)
	out := verbatim.SpeakerDecision{Name: d.Name, SpeakerID: d.ID, Rule: string(d.Rule), Reason: d.Reason}
	switch {
	case d.Rule == speaker.RuleNoIdentity:
		return out, nil
	case d.ID == 0:
		out.New = true
		if err := sv.tx.QueryRow(ctx, `INSERT INTO speakers (name, type, created_at) VALUES ($1, $2, $3) RETURNING id`,
			d.Name, string(m.Type), sv.now).Scan(&out.SpeakerID); err != nil {
			return out, fmt.Errorf("create speaker: %w", err)
		}
	case d.Former != "":
		if _, err := sv.tx.Exec(ctx, `UPDATE speakers SET name = $1 WHERE id = $2`, d.Name, d.ID); err != nil {
			return out, fmt.Errorf("rename speaker: %w", err)
		}
	}
	f := speaker.File(m, d)
	b := &pgx.Batch{}
	for _, n := range []struct {
		kind   string
		values []string
	}{{"alias", f.Aliases}, {"role", f.Roles}} {
		for _, v := range n.values {
			b.Queue(`INSERT INTO speaker_names (speaker_id, kind, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
				out.SpeakerID, n.kind, v)
		}
	}
	for _, k := range f.Keys {
		b.Queue(`INSERT INTO speaker_keys (key, speaker_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, k, out.SpeakerID)
	}
	if err := sv.tx.SendBatch(ctx, b).Close(); err != nil {
		return out, fmt.Errorf("file names: %w", err)
	}
	return out, nil
}

// candidates loads the identities filed under any of the keys.
func (sv *saver) candidates(ctx context.Context, keys []string, sourceID int64) ([]speaker.Candidate, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	rows, err := sv.tx.Query(ctx, `SELECT s.id, s.name, s.type, s.quotes,
		EXISTS (SELECT 1 FROM speaker_outlets o WHERE o.speaker_id = s.id AND o.source_id = $1 AND o.quotes > 0),
		coalesce((SELECT array_agg(n.kind || ':' || n.value) FROM speaker_names n WHERE n.speaker_id = s.id), '{}')
		FROM speakers s WHERE s.id IN (SELECT speaker_id FROM speaker_keys WHERE key = ANY($2))
		ORDER BY s.id`, sourceID, keys)
	if err != nil {
		return nil, fmt.Errorf("find candidates: %w", err)
	}
	defer rows.Close()
	var cands []speaker.Candidate
	for rows.Next() {
		var c speaker.Candidate
		var t string
		var names []string
		if err := rows.Scan(&c.ID, &c.Name, &t, &c.Quotes, &c.SameOutlet, &names); err != nil {
			return nil, fmt.Errorf("find candidates: %w", err)
		}
		c.Type = verbatim.SpeakerType(t)
		for _, n := range names {
			if v, ok := strings.CutPrefix(n, "role:"); ok {
				c.Roles = append(c.Roles, v)
			} else {
				c.Aliases = append(c.Aliases, strings.TrimPrefix(n, "alias:"))
			}
		}
		cands = append(cands, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find candidates: %w", err)
	}
	return cands, nil
}

// nullID is a speaker id for a nullable column: nil for none.
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// jsonStrings encodes values as JSON text columns.
func jsonStrings(vs ...any) ([]string, error) {
	out := make([]string, len(vs))
	for i, v := range vs {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("encode: %w", err)
		}
		out[i] = string(b)
	}
	return out, nil
}
