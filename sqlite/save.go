package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

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
//
// Fingerprints are computed before the transaction takes the write lock,
// so that another process waits less for it; the rows of the articles to
// write are encoded once the transaction knows which those are, so that a
// rerun over stored articles encodes nothing it does not write. Both run on
// all cores: SQLite runs one write transaction at a time, and work taken out
// of its goroutine is work that another core can do meanwhile.
func (s *Store) SaveArticles(ctx context.Context, as []*verbatim.StoredArticle) ([]verbatim.SaveResult, error) {
	for i, a := range as {
		if err := a.Prepare(); err != nil {
			return nil, fmt.Errorf("sqlite: article %d (%s): %w", i, a.Key(), err)
		}
	}
	rows := make([]articleRows, len(as))
	if err := parallel(len(as), func(i int) error { return rows[i].fingerprint(as[i]) }); err != nil {
		return nil, err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	sv := newSaver(tx)
	if err := sv.prefetch(ctx, as, rows); err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	results := make([]verbatim.SaveResult, len(as))
	for i, a := range as {
		if results[i], err = sv.save(ctx, a, &rows[i]); err != nil {
			return nil, fmt.Errorf("sqlite: save article %d (%s): %w", i, a.Key(), err)
		}
	}
	if err := sv.finish(ctx); err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	if sv.removedFrom > 0 {
		// Before the commit: no search may see a reused id with the
		// length of the quote it replaced. A failed commit only costs
		// lengths that are read again from the file.
		s.norms.forget(sv.removedFrom)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: commit: %w", err)
	}
	s.committed()
	// IDs are handed out only once they are durable.
	for i, a := range as {
		a.ID = results[i].ID
	}
	return results, nil
}

// parallel runs f(0) ... f(n-1) on all cores and returns their errors.
func parallel(n int, f func(i int) error) error {
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	// Eight items at least per goroutine: starting one costs about what
	// encoding a small article does.
	for range min(runtime.GOMAXPROCS(0), (n+7)/8) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				errs[i] = f(i)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// articleRows is what an article's rows hold besides the ids that the
// store assigns: its fingerprint, then, for an article to write, its JSON
// columns and its speakers.
type articleRows struct {
	fp       string
	encoded  bool
	fields   records.ArticleFields
	entities [][3]string // aliases, roles, mentions as JSON
	quotes   []records.QuoteFields
	speakers []speaker.ArticleSpeaker
	// keys are speaker.Keys of each speaker's mention.
	keys [][]string
	actx speaker.Context
}

func (r *articleRows) fingerprint(a *verbatim.StoredArticle) error {
	fp, err := a.Fingerprint()
	if err != nil {
		return fmt.Errorf("sqlite: %s: fingerprint: %w", a.Key(), err)
	}
	r.fp = fp
	return nil
}

// encode fills in what writing the article needs: the JSON columns, which
// may be encoded concurrently, then the speakers, which may not (see
// findSpeakers).
func (r *articleRows) encode(a *verbatim.StoredArticle) error {
	if err := r.encodeJSON(a); err != nil {
		return err
	}
	r.findSpeakers(a)
	return nil
}

// encodeJSON encodes the article's JSON columns.
func (r *articleRows) encodeJSON(a *verbatim.StoredArticle) error {
	if r.encoded {
		return nil
	}
	var err error
	if r.fields, err = records.ArticleColumns(a); err != nil {
		return err
	}
	if an := a.Analysis; an != nil {
		r.entities = make([][3]string, len(an.Entities))
		for i, e := range an.Entities {
			js, err := jsonStrings(e.Aliases, e.Roles, e.Mentions)
			if err != nil {
				return fmt.Errorf("entity %d: %w", i, err)
			}
			r.entities[i] = [3]string{js[0], js[1], js[2]}
		}
		r.quotes = make([]records.QuoteFields, len(an.Quotes))
		for i, q := range an.Quotes {
			if r.quotes[i], err = records.QuoteColumns(q); err != nil {
				return fmt.Errorf("quote %d: %w", i, err)
			}
		}
	}
	r.encoded = true
	return nil
}

// findSpeakers lists the speakers of the article and their keys. It runs
// on the transaction's goroutine only: package speaker folds names with a
// transformer that it shares between calls, which two goroutines must not
// use at once.
func (r *articleRows) findSpeakers(a *verbatim.StoredArticle) {
	if r.keys != nil || a.Analysis == nil {
		return
	}
	r.speakers, r.actx = speaker.ArticleSpeakers(a.Analysis)
	r.keys = make([][]string, len(r.speakers))
	for i, s := range r.speakers {
		r.keys[i] = speaker.Keys(s.Mention)
	}
}

// saver saves articles within one transaction. It keeps what the
// transaction has read and written in memory (the batch's articles by key
// and by content hash, outlets, speaker identities) and the changes to
// counters, names and the full-text index that are written once at the
// end: SQLite runs one statement at a time, and a batch of a hundred
// articles took some forty statements each when every row and counter was
// a statement of its own.
type saver struct {
	tx  *sql.Tx
	now int64
	// removedFrom is the smallest id of the quotes the batch deleted, 0
	// for none: their ids may be given again (see norms).
	removedFrom int64
	// stmts caches the transaction's prepared statements: a batch runs
	// the same few statements many times, and preparing is a large share
	// of the cost of each.
	stmts map[string]*sql.Stmt

	// byKey holds the stored state of every key looked up: found is false
	// for a key not stored.
	byKey map[string]keyState
	// byHash is the smallest id of an article stored with a content hash,
	// 0 for none, for the hashes looked up; a hash missing is not known.
	byHash map[string]int64
	// sources maps an outlet's name_key to its id.
	sources map[string]int64
	// sourceDelta are the changes to the outlets' counters.
	sourceDelta map[int64]*[2]int64 // articles, quotes
	speakers    *speakerDir
	// unindexed are the articles whose quotes are written and not yet in
	// the full-text index. Filling the index once per batch instead of by
	// a trigger per quote saves FTS5 from flushing its pending terms into
	// a new segment at every statement (each statement with a trigger opens
	// a savepoint, and FTS5 flushes at every savepoint).
	unindexed []int64
}

type keyState struct {
	found             bool
	id, source        int64
	fingerprint, hash string
}

func newSaver(tx *sql.Tx) *saver {
	sv := &saver{tx: tx, now: time.Now().UnixMilli(), byKey: map[string]keyState{}, byHash: map[string]int64{},
		sources: map[string]int64{}, sourceDelta: map[int64]*[2]int64{}}
	sv.speakers = newSpeakerDir(sv)
	return sv
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

// insert runs an INSERT of one row and returns the row's id. It takes the
// id from the connection rather than from RETURNING: a query in a
// transaction costs database/sql a goroutine to watch its context, an
// exec does not.
func (sv *saver) insert(ctx context.Context, query string, args ...any) (int64, error) {
	st, err := sv.stmt(ctx, query)
	if err != nil {
		return 0, err
	}
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
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

// prefetch reads in a few queries what saving the batch will look up: the
// stored state of its keys, the articles stored with the texts of its new
// ones, and the speaker identities its new and changed articles may join.
func (sv *saver) prefetch(ctx context.Context, as []*verbatim.StoredArticle, rows []articleRows) error {
	keys := make([]string, len(as))
	for i, a := range as {
		keys[i] = a.Key()
	}
	if err := sv.lookupKeys(ctx, keys); err != nil {
		return err
	}
	var hashes []string
	for _, a := range as {
		if !sv.byKey[a.Key()].found && a.Text != "" {
			hashes = append(hashes, a.ContentHash)
		}
	}
	if err := sv.lookupHashes(ctx, hashes); err != nil {
		return err
	}
	// The articles that will most likely be written: not stored with the
	// same fingerprint, not a duplicate of a stored text. One that turns
	// out otherwise in the batch is encoded when it is saved.
	var write []int
	for i, a := range as {
		st := sv.byKey[a.Key()]
		if st.found && st.fingerprint == rows[i].fp {
			continue
		}
		if !st.found && a.Text != "" && sv.byHash[a.ContentHash] != 0 {
			continue
		}
		write = append(write, i)
	}
	if err := parallel(len(write), func(j int) error {
		i := write[j]
		if err := rows[i].encodeJSON(as[i]); err != nil {
			return fmt.Errorf("article %d (%s): %w", i, as[i].Key(), err)
		}
		return nil
	}); err != nil {
		return err
	}
	var speakerKeys []string
	for _, i := range write {
		rows[i].findSpeakers(as[i])
		for _, ks := range rows[i].keys {
			speakerKeys = append(speakerKeys, ks...)
		}
	}
	return sv.speakers.load(ctx, speakerKeys)
}

// lookupKeys reads the stored state of the keys.
func (sv *saver) lookupKeys(ctx context.Context, keys []string) error {
	rows, err := sv.query(ctx, `SELECT doc_key, id, fingerprint, source_id, content_hash FROM articles
		WHERE doc_key IN (SELECT value FROM json_each(?))`, jsonArg(keys))
	if err != nil {
		return fmt.Errorf("look up articles: %w", err)
	}
	defer rows.Close()
	for _, k := range keys {
		sv.byKey[k] = keyState{}
	}
	for rows.Next() {
		var k string
		st := keyState{found: true}
		if err := rows.Scan(&k, &st.id, &st.fingerprint, &st.source, &st.hash); err != nil {
			return fmt.Errorf("look up articles: %w", err)
		}
		sv.byKey[k] = st
	}
	return rows.Err()
}

// lookupHashes reads which articles are stored with the content hashes.
func (sv *saver) lookupHashes(ctx context.Context, hashes []string) error {
	if len(hashes) == 0 {
		return nil
	}
	rows, err := sv.query(ctx, `SELECT content_hash, min(id) FROM articles
		WHERE content_hash IN (SELECT value FROM json_each(?)) GROUP BY content_hash`, jsonArg(hashes))
	if err != nil {
		return fmt.Errorf("look up content hashes: %w", err)
	}
	defer rows.Close()
	for _, h := range hashes {
		sv.byHash[h] = 0
	}
	for rows.Next() {
		var h string
		var id int64
		if err := rows.Scan(&h, &id); err != nil {
			return fmt.Errorf("look up content hashes: %w", err)
		}
		sv.byHash[h] = id
	}
	return rows.Err()
}

func (sv *saver) save(ctx context.Context, a *verbatim.StoredArticle, r *articleRows) (verbatim.SaveResult, error) {
	key := a.Key()
	st, ok := sv.byKey[key]
	if !ok {
		if err := sv.lookupKeys(ctx, []string{key}); err != nil {
			return verbatim.SaveResult{}, err
		}
		st = sv.byKey[key]
	}
	var id int64
	switch {
	case st.found && st.fingerprint == r.fp:
		return verbatim.SaveResult{ID: st.id, Status: verbatim.Unchanged}, nil
	case st.found:
		id = st.id
		if err := sv.removeContent(ctx, id, st.source); err != nil {
			return verbatim.SaveResult{}, err
		}
	case a.Text != "":
		if _, ok := sv.byHash[a.ContentHash]; !ok {
			if err := sv.lookupHashes(ctx, []string{a.ContentHash}); err != nil {
				return verbatim.SaveResult{}, err
			}
		}
		if dup := sv.byHash[a.ContentHash]; dup != 0 {
			return verbatim.SaveResult{ID: dup, Status: verbatim.Duplicate}, nil
		}
	}

	if err := r.encode(a); err != nil {
		return verbatim.SaveResult{}, err
	}
	sourceID, err := sv.source(ctx, a)
	if err != nil {
		return verbatim.SaveResult{}, err
	}
	status := verbatim.Updated
	if id == 0 {
		status = verbatim.Inserted
	}
	row := r.fields
	if id == 0 {
		id, err = sv.insert(ctx, `INSERT INTO articles (doc_key, url, content_hash, fingerprint, source_id,
			title, author, lang, published_at, fetched_at, origin, text, structure, analysis_meta, ingested_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			key, a.URL, a.ContentHash, r.fp, sourceID, a.Title, a.Author, a.Lang, records.Millis(a.Published),
			records.Millis(a.Fetched), row.Origin, a.Text, row.Structure, row.Meta, sv.now, sv.now)
	} else {
		err = sv.exec(ctx, `UPDATE articles SET url = ?, content_hash = ?, fingerprint = ?, source_id = ?,
			title = ?, author = ?, lang = ?, published_at = ?, fetched_at = ?, origin = ?, text = ?, structure = ?,
			analysis_meta = ?, updated_at = ? WHERE id = ?`,
			a.URL, a.ContentHash, r.fp, sourceID, a.Title, a.Author, a.Lang, records.Millis(a.Published), records.Millis(a.Fetched),
			row.Origin, a.Text, row.Structure, row.Meta, sv.now, id)
	}
	if err != nil {
		return verbatim.SaveResult{}, fmt.Errorf("write article: %w", err)
	}
	// What the lookups of later articles in the batch must see.
	if st.found && st.hash != a.ContentHash && sv.byHash[st.hash] == id {
		delete(sv.byHash, st.hash) // another article may still have the old text: ask again
	}
	if h, ok := sv.byHash[a.ContentHash]; ok && (h == 0 || id < h) {
		sv.byHash[a.ContentHash] = id
	}
	sv.byKey[key] = keyState{found: true, id: id, source: sourceID, fingerprint: r.fp, hash: a.ContentHash}
	sv.countSource(sourceID, 1, 0)

	decisions, err := sv.content(ctx, id, sourceID, a, r)
	if err != nil {
		return verbatim.SaveResult{}, err
	}
	return verbatim.SaveResult{ID: id, Status: status, Speakers: decisions}, nil
}

// countSource changes an outlet's article and quote counts.
func (sv *saver) countSource(id, articles, quotes int64) {
	c := sv.sourceDelta[id]
	if c == nil {
		c = &[2]int64{}
		sv.sourceDelta[id] = c
	}
	c[0] += articles
	c[1] += quotes
}

// finish writes what the batch kept back: speaker names, keys and
// counters, outlet counters, and the full-text index of the new quotes.
func (sv *saver) finish(ctx context.Context) error {
	if err := sv.speakers.flush(ctx); err != nil {
		return err
	}
	var counts [][3]int64
	for id, c := range sv.sourceDelta {
		if c[0] != 0 || c[1] != 0 {
			counts = append(counts, [3]int64{id, c[0], c[1]})
		}
	}
	if len(counts) > 0 {
		if err := sv.exec(ctx, `UPDATE sources SET articles = articles + c.a, quotes = quotes + c.q
			FROM (SELECT value ->> 0 AS id, value ->> 1 AS a, value ->> 2 AS q FROM json_each(?)) AS c
			WHERE sources.id = c.id`, jsonArg(counts)); err != nil {
			return fmt.Errorf("count outlets: %w", err)
		}
	}
	// Last, so that no statement after it makes FTS5 flush early.
	return sv.index(ctx)
}

// index adds the quotes of the articles written since the last call to the
// full-text index, in one statement.
func (sv *saver) index(ctx context.Context) error {
	if len(sv.unindexed) == 0 {
		return nil
	}
	if err := sv.exec(ctx, `INSERT INTO quotes_fts (rowid, content, facets)
		SELECT id, content, facets FROM quotes WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
		jsonArg(sv.unindexed)); err != nil {
		return fmt.Errorf("index quotes: %w", err)
	}
	sv.unindexed = sv.unindexed[:0]
	return nil
}

// source returns the id of the article's outlet, creating it if new.
func (sv *saver) source(ctx context.Context, a *verbatim.StoredArticle) (int64, error) {
	name := a.OutletName()
	nameKey := strings.ToLower(name)
	if id, ok := sv.sources[nameKey]; ok {
		return id, nil
	}
	var id int64
	err := sv.queryRow(ctx, `SELECT id FROM sources WHERE name_key = ?`, []any{nameKey}, &id)
	if errors.Is(err, sql.ErrNoRows) {
		id, err = sv.insert(ctx, `INSERT INTO sources (name, name_key, domain) VALUES (?, ?, ?)`, name, nameKey, a.Domain())
	}
	if err != nil {
		return 0, fmt.Errorf("outlet %q: %w", name, err)
	}
	sv.sources[nameKey] = id
	return id, nil
}

// removeContent takes an article's quotes and entities out, with their
// counts and their full-text entries, before a new version is written.
func (sv *saver) removeContent(ctx context.Context, articleID, sourceID int64) error {
	rows, err := sv.query(ctx, `SELECT speaker_id, source_id, count(*), min(id) FROM quotes
		WHERE article_id = ? GROUP BY speaker_id, source_id`, articleID)
	if err != nil {
		return fmt.Errorf("count old quotes: %w", err)
	}
	for rows.Next() {
		var spk sql.NullInt64
		var src, n, first int64
		if err := rows.Scan(&spk, &src, &n, &first); err != nil {
			rows.Close()
			return fmt.Errorf("count old quotes: %w", err)
		}
		if sv.removedFrom == 0 || first < sv.removedFrom {
			sv.removedFrom = first
		}
		sv.countSource(src, 0, -n)
		if spk.Valid {
			sv.speakers.count(spk.Int64, src, -n)
		}
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("count old quotes: %w", err)
	}
	if i := slices.Index(sv.unindexed, articleID); i >= 0 {
		// Written by this batch and not indexed yet: nothing to take out.
		sv.unindexed = slices.Delete(sv.unindexed, i, i+1)
	} else if err := sv.exec(ctx, `INSERT INTO quotes_fts (quotes_fts, rowid, content, facets)
		SELECT 'delete', id, content, facets FROM quotes WHERE article_id = ?`, articleID); err != nil {
		return fmt.Errorf("unindex old quotes: %w", err)
	}
	for _, q := range []string{
		`DELETE FROM quotes WHERE article_id = ?`,
		`DELETE FROM entities WHERE article_id = ?`,
	} {
		if err := sv.exec(ctx, q, articleID); err != nil {
			return fmt.Errorf("remove old version: %w", err)
		}
	}
	sv.countSource(sourceID, -1, 0)
	return nil
}

// Rows per multi-row INSERT: enough that an article's entities and quotes
// are one statement each, few enough to stay far below SQLite's limit on
// bound parameters.
const (
	entityRows = 64
	quoteRows  = 32
)

// content writes an article's entities and quotes, filing each speaker
// under its identity, and counts the quotes.
func (sv *saver) content(ctx context.Context, articleID, sourceID int64, a *verbatim.StoredArticle, r *articleRows) ([]verbatim.SpeakerDecision, error) {
	an := a.Analysis
	if an == nil {
		return nil, nil
	}
	byEntity := map[int]int64{}
	byRef := map[string]int64{}
	var decisions []verbatim.SpeakerDecision
	for i, as := range r.speakers {
		d, err := sv.resolve(ctx, as.Mention, r.keys[i], r.actx, sourceID)
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

	const entityCols = `INSERT INTO entities (article_id, idx, entity_id, name, type, aliases,
		roles, mentions, quotes, speaker_id) VALUES `
	for lo := 0; lo < len(an.Entities); lo += entityRows {
		hi := min(lo+entityRows, len(an.Entities))
		args := make([]any, 0, 10*(hi-lo))
		for i := lo; i < hi; i++ {
			e, js := an.Entities[i], r.entities[i]
			args = append(args, articleID, i, e.ID, e.Name, string(e.Type), js[0], js[1], js[2], e.Quotes,
				nullID(byEntity[i]))
		}
		if err := sv.exec(ctx, entityCols+rowsOf(10, hi-lo), args...); err != nil {
			return nil, fmt.Errorf("write entities: %w", err)
		}
	}

	const quoteCols = `INSERT INTO quotes (article_id, seq, source_id, published_at, kind,
		content, content_start, content_end, content_segments, cue_span, cue, cue_lemma, speaker_span,
		speaker_text, speaker_ref, speaker_type, entity, speaker_id) VALUES `
	perSpeaker := map[int64]int64{}
	var order []int64
	for lo := 0; lo < len(an.Quotes); lo += quoteRows {
		hi := min(lo+quoteRows, len(an.Quotes))
		args := make([]any, 0, 18*(hi-lo))
		for i := lo; i < hi; i++ {
			q, f := an.Quotes[i], r.quotes[i]
			var spk int64
			if q.Entity >= 0 {
				spk = byEntity[q.Entity]
			} else if q.SpeakerRef != "" {
				spk = byRef[q.SpeakerRef]
			}
			if spk != 0 {
				if perSpeaker[spk] == 0 {
					order = append(order, spk)
				}
				perSpeaker[spk]++
			}
			args = append(args, articleID, i, sourceID, records.Millis(a.Published), string(q.Kind),
				q.Content.Text, q.Content.Start, q.Content.End, f.Segments, f.Cue, f.CueText, q.CueLemma,
				f.Speaker, f.SpeakerText, q.SpeakerRef, string(q.SpeakerType), q.Entity, nullID(spk))
		}
		if err := sv.exec(ctx, quoteCols+rowsOf(18, hi-lo), args...); err != nil {
			return nil, fmt.Errorf("write quotes: %w", err)
		}
	}
	if len(an.Quotes) > 0 {
		sv.unindexed = append(sv.unindexed, articleID)
	}
	sv.countSource(sourceID, 0, int64(len(an.Quotes)))
	for _, id := range order {
		sv.speakers.count(id, sourceID, perSpeaker[id])
	}
	return decisions, nil
}

// rowsOf is the VALUES list of n rows of cols parameters.
func rowsOf(cols, n int) string {
	row := "(" + placeholders(cols) + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// resolve files a mention under a speaker identity, creating the identity
// when package speaker decides it is new. keys are speaker.Keys(m).
func (sv *saver) resolve(ctx context.Context, m speaker.Mention, keys []string, actx speaker.Context, sourceID int64) (verbatim.SpeakerDecision, error) {
	cands, err := sv.speakers.candidates(ctx, keys, sourceID)
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
		if out.SpeakerID, err = sv.insert(ctx, `INSERT INTO speakers (name, type, created_at) VALUES (?, ?, ?)`,
			d.Name, string(m.Type), sv.now); err != nil {
			return out, fmt.Errorf("create speaker: %w", err)
		}
		sv.speakers.created(out.SpeakerID, d.Name, m.Type)
	case d.Former != "":
		if err := sv.exec(ctx, `UPDATE speakers SET name = ? WHERE id = ?`, d.Name, d.ID); err != nil {
			return out, fmt.Errorf("rename speaker: %w", err)
		}
		sv.speakers.byID[d.ID].name = d.Name
	}
	f := speaker.File(m, d)
	for _, v := range f.Aliases {
		sv.speakers.fileName(out.SpeakerID, "alias", v)
	}
	for _, v := range f.Roles {
		sv.speakers.fileName(out.SpeakerID, "role", v)
	}
	for _, k := range f.Keys {
		sv.speakers.fileKey(k, out.SpeakerID)
	}
	return out, nil
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
