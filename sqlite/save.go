package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"verbatim"
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
			return nil, fmt.Errorf("sqlite: article %d (%s): %w", i, a.Key(), err)
		}
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	sv := &saver{tx: tx, now: time.Now().UnixMilli()}
	results := make([]verbatim.SaveResult, len(as))
	for i, a := range as {
		if results[i], err = sv.save(ctx, a); err != nil {
			return nil, fmt.Errorf("sqlite: save article %d (%s): %w", i, a.Key(), err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: commit: %w", err)
	}
	// IDs are handed out only once they are durable.
	for i, a := range as {
		a.ID = results[i].ID
	}
	return results, nil
}

// saver saves articles within one transaction.
type saver struct {
	tx  *sql.Tx
	now int64
	// stmts caches the transaction's prepared statements: a batch runs
	// the same few statements thousands of times, and preparing is a
	// large share of the cost of each.
	stmts map[string]*sql.Stmt
}

func (sv *saver) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := sv.stmts[query]; ok {
		return st, nil
	}
	st, err := sv.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if sv.stmts == nil {
		sv.stmts = map[string]*sql.Stmt{}
	}
	sv.stmts[query] = st
	return st, nil
}

func (sv *saver) exec(ctx context.Context, query string, args ...any) error {
	st, err := sv.stmt(ctx, query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

func (sv *saver) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := sv.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// queryRow scans the first row of a query into dest; it returns
// sql.ErrNoRows when there is none.
func (sv *saver) queryRow(ctx context.Context, query string, args []any, dest ...any) error {
	st, err := sv.stmt(ctx, query)
	if err != nil {
		return err
	}
	return st.QueryRowContext(ctx, args...).Scan(dest...)
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
	err = sv.queryRow(ctx, `SELECT id, fingerprint, source_id FROM articles WHERE doc_key = ?`, []any{a.Key()},
		&id, &oldFP, &oldSource)
	switch {
	case err == nil && oldFP == fp:
		return verbatim.SaveResult{ID: id, Status: verbatim.Unchanged}, nil
	case err == nil:
		if err := sv.removeContent(ctx, id, oldSource); err != nil {
			return verbatim.SaveResult{}, err
		}
	case errors.Is(err, sql.ErrNoRows):
		if a.Text != "" {
			err := sv.queryRow(ctx, `SELECT id FROM articles WHERE content_hash = ? LIMIT 1`, []any{a.ContentHash}, &id)
			if err == nil {
				return verbatim.SaveResult{ID: id, Status: verbatim.Duplicate}, nil
			}
			if !errors.Is(err, sql.ErrNoRows) {
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
	row, err := articleRow(a)
	if err != nil {
		return verbatim.SaveResult{}, err
	}
	if id == 0 {
		err = sv.queryRow(ctx, `INSERT INTO articles (doc_key, url, content_hash, fingerprint, source_id,
			title, author, lang, published_at, fetched_at, origin, text, structure, analysis_meta, ingested_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			[]any{a.Key(), a.URL, a.ContentHash, fp, sourceID, a.Title, a.Author, a.Lang, millis(a.Published),
				millis(a.Fetched), row.origin, a.Text, row.structure, row.meta, sv.now, sv.now}, &id)
	} else {
		err = sv.exec(ctx, `UPDATE articles SET url = ?, content_hash = ?, fingerprint = ?, source_id = ?,
			title = ?, author = ?, lang = ?, published_at = ?, fetched_at = ?, origin = ?, text = ?, structure = ?,
			analysis_meta = ?, updated_at = ? WHERE id = ?`,
			a.URL, a.ContentHash, fp, sourceID, a.Title, a.Author, a.Lang, millis(a.Published), millis(a.Fetched),
			row.origin, a.Text, row.structure, row.meta, sv.now, id)
	}
	if err != nil {
		return verbatim.SaveResult{}, fmt.Errorf("write article: %w", err)
	}
	if err := sv.exec(ctx, `UPDATE sources SET articles = articles + 1 WHERE id = ?`, sourceID); err != nil {
		return verbatim.SaveResult{}, fmt.Errorf("count article: %w", err)
	}
	decisions, err := sv.content(ctx, id, sourceID, a)
	if err != nil {
		return verbatim.SaveResult{}, err
	}
	return verbatim.SaveResult{ID: id, Status: status, Speakers: decisions}, nil
}

// articleFields are the JSON columns of an article row.
type articleFields struct {
	origin          string
	structure, meta sql.NullString
}

// analysisMeta is what the articles row keeps of an Analysis besides the
// structure: the fields that are neither quotes nor entities.
type analysisMeta struct {
	ID   string `json:"id"`
	Lang string `json:"lang"`
}

func articleRow(a *verbatim.StoredArticle) (articleFields, error) {
	var f articleFields
	origin, err := json.Marshal(a.Origin)
	if err != nil {
		return f, fmt.Errorf("encode origin: %w", err)
	}
	f.origin = string(origin)
	if an := a.Analysis; an != nil {
		st, err := json.Marshal(an.Article)
		if err != nil {
			return f, fmt.Errorf("encode structure: %w", err)
		}
		meta, err := json.Marshal(analysisMeta{ID: an.ID, Lang: an.Lang})
		if err != nil {
			return f, fmt.Errorf("encode analysis: %w", err)
		}
		f.structure = sql.NullString{String: string(st), Valid: true}
		f.meta = sql.NullString{String: string(meta), Valid: true}
	}
	return f, nil
}

// source returns the id of the article's outlet, creating it if new.
func (sv *saver) source(ctx context.Context, a *verbatim.StoredArticle) (int64, error) {
	name := a.OutletName()
	var id int64
	err := sv.queryRow(ctx, `SELECT id FROM sources WHERE name_key = ?`, []any{strings.ToLower(name)}, &id)
	if errors.Is(err, sql.ErrNoRows) {
		err = sv.queryRow(ctx, `INSERT INTO sources (name, name_key, domain) VALUES (?, ?, ?) RETURNING id`,
			[]any{name, strings.ToLower(name), a.Domain()}, &id)
	}
	if err != nil {
		return 0, fmt.Errorf("outlet %q: %w", name, err)
	}
	return id, nil
}

// removeContent takes an article's quotes and entities out, with their
// counts, before a new version is written.
func (sv *saver) removeContent(ctx context.Context, articleID, sourceID int64) error {
	rows, err := sv.query(ctx, `SELECT speaker_id, source_id, count(*) FROM quotes
		WHERE article_id = ? GROUP BY speaker_id, source_id`, articleID)
	if err != nil {
		return fmt.Errorf("count old quotes: %w", err)
	}
	type group struct {
		speaker   sql.NullInt64
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
	if err := rows.Close(); err != nil {
		return fmt.Errorf("count old quotes: %w", err)
	}
	for _, g := range groups {
		if err := sv.exec(ctx, `UPDATE sources SET quotes = quotes - ? WHERE id = ?`, g.n, g.source); err != nil {
			return fmt.Errorf("uncount quotes: %w", err)
		}
		if !g.speaker.Valid {
			continue
		}
		if err := sv.exec(ctx, `UPDATE speakers SET quotes = quotes - ? WHERE id = ?`, g.n, g.speaker.Int64); err != nil {
			return fmt.Errorf("uncount quotes: %w", err)
		}
		if err := sv.exec(ctx, `UPDATE speaker_outlets SET quotes = quotes - ?
			WHERE speaker_id = ? AND source_id = ?`, g.n, g.speaker.Int64, g.source); err != nil {
			return fmt.Errorf("uncount quotes: %w", err)
		}
	}
	for _, q := range []string{
		`DELETE FROM quotes WHERE article_id = ?`,
		`DELETE FROM entities WHERE article_id = ?`,
	} {
		if err := sv.exec(ctx, q, articleID); err != nil {
			return fmt.Errorf("remove old version: %w", err)
		}
	}
	if err := sv.exec(ctx, `UPDATE sources SET articles = articles - 1 WHERE id = ?`, sourceID); err != nil {
		return fmt.Errorf("uncount article: %w", err)
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

	ent, err := sv.stmt(ctx, `INSERT INTO entities (article_id, idx, entity_id, name, type, aliases,
		roles, mentions, quotes, speaker_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("prepare entities: %w", err)
	}
	for i, e := range an.Entities {
		js, err := jsonStrings(e.Aliases, e.Roles, e.Mentions)
		if err != nil {
			return nil, fmt.Errorf("entity %d: %w", i, err)
		}
		if _, err := ent.ExecContext(ctx, articleID, i, e.ID, e.Name, string(e.Type), js[0], js[1], js[2], e.Quotes,
			nullID(byEntity[i])); err != nil {
			return nil, fmt.Errorf("write entity %d: %w", i, err)
		}
	}

	qs, err := sv.stmt(ctx, `INSERT INTO quotes (article_id, seq, source_id, published_at, kind,
		content, content_start, content_end, content_segments, cue_span, cue, cue_lemma, speaker_span,
		speaker_text, speaker_ref, speaker_type, entity, speaker_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("prepare quotes: %w", err)
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
		r, err := quoteRow(q)
		if err != nil {
			return nil, fmt.Errorf("quote %d: %w", i, err)
		}
		if _, err := qs.ExecContext(ctx, articleID, i, sourceID, millis(a.Published), string(q.Kind),
			q.Content.Text, q.Content.Start, q.Content.End, r.segments, r.cue, r.cueText, q.CueLemma,
			r.speaker, r.speakerText, q.SpeakerRef, string(q.SpeakerType), q.Entity, nullID(spk)); err != nil {
			return nil, fmt.Errorf("write quote %d: %w", i, err)
		}
	}

	if err := sv.exec(ctx, `UPDATE sources SET quotes = quotes + ? WHERE id = ?`,
		len(an.Quotes), sourceID); err != nil {
		return nil, fmt.Errorf("count quotes: %w", err)
	}
	for id, n := range perSpeaker {
		if err := sv.exec(ctx, `UPDATE speakers SET quotes = quotes + ? WHERE id = ?`, n, id); err != nil {
			return nil, fmt.Errorf("count quotes: %w", err)
		}
		if err := sv.exec(ctx, `INSERT INTO speaker_outlets (speaker_id, source_id, quotes) VALUES (?, ?, ?)
			ON CONFLICT (speaker_id, source_id) DO UPDATE SET quotes = quotes + excluded.quotes`, id, sourceID, n); err != nil {
			return nil, fmt.Errorf("count quotes: %w", err)
		}
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
		if err := sv.queryRow(ctx, `INSERT INTO speakers (name, type, created_at) VALUES (?, ?, ?) RETURNING id`,
			[]any{d.Name, string(m.Type), sv.now}, &out.SpeakerID); err != nil {
			return out, fmt.Errorf("create speaker: %w", err)
		}
	case d.Former != "":
		if err := sv.exec(ctx, `UPDATE speakers SET name = ? WHERE id = ?`, d.Name, d.ID); err != nil {
			return out, fmt.Errorf("rename speaker: %w", err)
		}
	}
	f := speaker.File(m, d)
	for _, n := range []struct {
		kind   string
		values []string
	}{{"alias", f.Aliases}, {"role", f.Roles}} {
		for _, v := range n.values {
			if err := sv.exec(ctx, `INSERT INTO speaker_names (speaker_id, kind, value) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING`, out.SpeakerID, n.kind, v); err != nil {
				return out, fmt.Errorf("file %s: %w", n.kind, err)
			}
		}
	}
	for _, k := range f.Keys {
		if err := sv.exec(ctx, `INSERT INTO speaker_keys (key, speaker_id) VALUES (?, ?)
			ON CONFLICT DO NOTHING`, k, out.SpeakerID); err != nil {
			return out, fmt.Errorf("file key: %w", err)
		}
	}
	return out, nil
}

// candidates loads the identities filed under any of the keys.
func (sv *saver) candidates(ctx context.Context, keys []string, sourceID int64) ([]speaker.Candidate, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	in := placeholders(len(keys))
	args := []any{sourceID}
	for _, k := range keys {
		args = append(args, k)
	}
	rows, err := sv.query(ctx, `SELECT s.id, s.name, s.type, s.quotes,
		EXISTS (SELECT 1 FROM speaker_outlets o WHERE o.speaker_id = s.id AND o.source_id = ? AND o.quotes > 0)
		FROM speakers s WHERE s.id IN (SELECT speaker_id FROM speaker_keys WHERE key IN (`+in+`))
		ORDER BY s.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("find candidates: %w", err)
	}
	var cands []speaker.Candidate
	index := map[int64]int{}
	for rows.Next() {
		var c speaker.Candidate
		var t string
		if err := rows.Scan(&c.ID, &c.Name, &t, &c.Quotes, &c.SameOutlet); err != nil {
			rows.Close()
			return nil, fmt.Errorf("find candidates: %w", err)
		}
		c.Type = verbatim.SpeakerType(t)
		index[c.ID] = len(cands)
		cands = append(cands, c)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("find candidates: %w", err)
	}
	if len(cands) == 0 {
		return nil, nil
	}
	rows, err = sv.query(ctx, `SELECT speaker_id, kind, value FROM speaker_names
		WHERE speaker_id IN (SELECT speaker_id FROM speaker_keys WHERE key IN (`+in+`))`, args[1:]...)
	if err != nil {
		return nil, fmt.Errorf("load candidate names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind, v string
		if err := rows.Scan(&id, &kind, &v); err != nil {
			return nil, fmt.Errorf("load candidate names: %w", err)
		}
		c := &cands[index[id]]
		if kind == "role" {
			c.Roles = append(c.Roles, v)
		} else {
			c.Aliases = append(c.Aliases, v)
		}
	}
	return cands, rows.Err()
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

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

// quoteFields are the columns of a quote row that are derived from spans.
type quoteFields struct {
	segments, cue, speaker sql.NullString
	cueText, speakerText   string
}

func quoteRow(q verbatim.Quote) (quoteFields, error) {
	var f quoteFields
	enc := func(v any) (sql.NullString, error) {
		b, err := json.Marshal(v)
		if err != nil {
			return sql.NullString{}, fmt.Errorf("encode span: %w", err)
		}
		return sql.NullString{String: string(b), Valid: true}, nil
	}
	var err error
	if len(q.Content.Segments) > 0 {
		if f.segments, err = enc(q.Content.Segments); err != nil {
			return f, err
		}
	}
	if q.Cue != nil {
		if f.cue, err = enc(q.Cue); err != nil {
			return f, err
		}
		f.cueText = q.Cue.Text
	}
	if q.Speaker != nil {
		if f.speaker, err = enc(q.Speaker); err != nil {
			return f, err
		}
		f.speakerText = q.Speaker.Text
	}
	return f, nil
}
