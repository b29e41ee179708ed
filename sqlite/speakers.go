package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"verbatim"
	"verbatim/speaker"
)

// speakerDir is what one save transaction knows of the speaker identities:
// the identities filed under the keys it has looked up, with their names,
// quote counts and outlets, kept up to date with every change the
// transaction makes. Resolving a speaker then costs no query: a batch loads
// the identities of all its mentions in a few queries up front instead of
// two per mention, and the aliases, keys and counters it adds are written
// at the end of the batch in one statement each instead of one per value.
//
// It lives for one transaction only, which holds SQLite's write lock, so no
// other writer can change what it holds; a fresh transaction starts empty
// and sees what other processes committed meanwhile.
type speakerDir struct {
	sv *saver
	// keys maps a key to the identities filed under it. An entry that is
	// not loaded holds only the identities this transaction filed under
	// the key; loading adds those the database holds.
	keys map[string]*keyEntry
	// byID holds every identity loaded or created, whole: all its names
	// and its quote counts per outlet.
	byID map[int64]*knownSpeaker
	// Changes not yet written: quote counts per identity and per identity
	// and outlet, and the names and keys filed.
	quoteDelta  map[int64]int64
	outletDelta map[int64]map[int64]*outletChange
	newNames    [][3]any // speaker id, kind, value
	newKeys     [][2]any // key, speaker id
}

type keyEntry struct {
	loaded bool
	ids    []int64
}

type knownSpeaker struct {
	id             int64
	name           string
	typ            verbatim.SpeakerType
	quotes         int64
	aliases, roles []string // sorted, as the primary key orders them
	outlets        map[int64]int64
}

// outletChange is the change to one speaker_outlets row. add records that
// quotes were added, which creates the row when it is missing; removals
// only ever follow rows that exist.
type outletChange struct {
	delta int64
	add   bool
}

func newSpeakerDir(sv *saver) *speakerDir {
	return &speakerDir{sv: sv, keys: map[string]*keyEntry{}, byID: map[int64]*knownSpeaker{},
		quoteDelta: map[int64]int64{}, outletDelta: map[int64]map[int64]*outletChange{}}
}

// load reads the identities filed under the keys not loaded yet.
func (d *speakerDir) load(ctx context.Context, keys []string) error {
	var want []string
	for _, k := range keys {
		if e := d.keys[k]; (e == nil || !e.loaded) && !slices.Contains(want, k) {
			want = append(want, k)
		}
	}
	if len(want) == 0 {
		return nil
	}
	rows, err := d.sv.query(ctx, `SELECT key, speaker_id FROM speaker_keys
		WHERE key IN (SELECT value FROM json_each(?))`, jsonArg(want))
	if err != nil {
		return fmt.Errorf("find candidates: %w", err)
	}
	var missing []int64
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			rows.Close()
			return fmt.Errorf("find candidates: %w", err)
		}
		e := d.entry(k)
		if !slices.Contains(e.ids, id) {
			e.ids = append(e.ids, id)
		}
		if d.byID[id] == nil && !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("find candidates: %w", err)
	}
	for _, k := range want {
		d.entry(k).loaded = true
	}
	return d.loadSpeakers(ctx, missing)
}

func (d *speakerDir) entry(k string) *keyEntry {
	e := d.keys[k]
	if e == nil {
		e = &keyEntry{}
		d.keys[k] = e
	}
	return e
}

// loadSpeakers reads identities whole, with the changes this transaction
// has made to their counters and not written yet.
func (d *speakerDir) loadSpeakers(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	arg := jsonArg(ids)
	rows, err := d.sv.query(ctx, `SELECT id, name, type, quotes FROM speakers
		WHERE id IN (SELECT value FROM json_each(?))`, arg)
	if err != nil {
		return fmt.Errorf("load candidates: %w", err)
	}
	for rows.Next() {
		s := &knownSpeaker{outlets: map[int64]int64{}}
		var t string
		if err := rows.Scan(&s.id, &s.name, &t, &s.quotes); err != nil {
			rows.Close()
			return fmt.Errorf("load candidates: %w", err)
		}
		s.typ = verbatim.SpeakerType(t)
		s.quotes += d.quoteDelta[s.id]
		for src, c := range d.outletDelta[s.id] {
			s.outlets[src] += c.delta
		}
		d.byID[s.id] = s
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("load candidates: %w", err)
	}
	rows, err = d.sv.query(ctx, `SELECT speaker_id, kind, value FROM speaker_names
		WHERE speaker_id IN (SELECT value FROM json_each(?)) ORDER BY speaker_id, kind, value`, arg)
	if err != nil {
		return fmt.Errorf("load candidate names: %w", err)
	}
	for rows.Next() {
		var id int64
		var kind, v string
		if err := rows.Scan(&id, &kind, &v); err != nil {
			rows.Close()
			return fmt.Errorf("load candidate names: %w", err)
		}
		if s := d.byID[id]; s != nil {
			if kind == "role" {
				s.roles = append(s.roles, v)
			} else {
				s.aliases = append(s.aliases, v)
			}
		}
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("load candidate names: %w", err)
	}
	rows, err = d.sv.query(ctx, `SELECT speaker_id, source_id, quotes FROM speaker_outlets
		WHERE speaker_id IN (SELECT value FROM json_each(?))`, arg)
	if err != nil {
		return fmt.Errorf("load candidate outlets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, src, n int64
		if err := rows.Scan(&id, &src, &n); err != nil {
			return fmt.Errorf("load candidate outlets: %w", err)
		}
		if s := d.byID[id]; s != nil {
			s.outlets[src] += n
		}
	}
	return rows.Err()
}

// candidates returns the identities filed under any of the keys, by id, as
// package speaker wants them for a mention in an article of the outlet.
func (d *speakerDir) candidates(ctx context.Context, keys []string, sourceID int64) ([]speaker.Candidate, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	if err := d.load(ctx, keys); err != nil {
		return nil, err
	}
	var ids []int64
	for _, k := range keys {
		for _, id := range d.keys[k].ids {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	var cands []speaker.Candidate
	for _, id := range ids {
		s := d.byID[id]
		if s == nil {
			return nil, fmt.Errorf("speaker %d is filed under a key but not loaded", id)
		}
		cands = append(cands, speaker.Candidate{ID: s.id, Name: s.name, Type: s.typ,
			Aliases: slices.Clip(s.aliases), Roles: slices.Clip(s.roles),
			Quotes: int(s.quotes), SameOutlet: s.outlets[sourceID] > 0})
	}
	return cands, nil
}

// created records an identity the transaction inserted.
func (d *speakerDir) created(id int64, name string, t verbatim.SpeakerType) {
	d.byID[id] = &knownSpeaker{id: id, name: name, typ: t, outlets: map[int64]int64{}}
}

// fileName records an alias or role of a known identity, to be written
// unless the identity has it already.
func (d *speakerDir) fileName(id int64, kind, v string) {
	s := d.byID[id]
	list := &s.aliases
	if kind == "role" {
		list = &s.roles
	}
	i, found := slices.BinarySearch(*list, v)
	if found {
		return
	}
	*list = slices.Insert(*list, i, v)
	d.newNames = append(d.newNames, [3]any{id, kind, v})
}

// fileKey records that an identity is found under a key. A key that was
// never loaded may hold the pair already; writing it again is a no-op.
func (d *speakerDir) fileKey(k string, id int64) {
	e := d.entry(k)
	if slices.Contains(e.ids, id) {
		return
	}
	e.ids = append(e.ids, id)
	d.newKeys = append(d.newKeys, [2]any{k, id})
}

// count changes a speaker's quote count, overall and for one outlet, by n.
func (d *speakerDir) count(speakerID, sourceID, n int64) {
	d.quoteDelta[speakerID] += n
	m := d.outletDelta[speakerID]
	if m == nil {
		m = map[int64]*outletChange{}
		d.outletDelta[speakerID] = m
	}
	c := m[sourceID]
	if c == nil {
		c = &outletChange{}
		m[sourceID] = c
	}
	c.delta += n
	if n > 0 {
		c.add = true
	}
	if s := d.byID[speakerID]; s != nil {
		s.quotes += n
		s.outlets[sourceID] += n
	}
}

// flush writes the names, keys and counters the transaction changed.
func (d *speakerDir) flush(ctx context.Context) error {
	if len(d.newNames) > 0 {
		if err := d.sv.exec(ctx, `INSERT INTO speaker_names (speaker_id, kind, value)
			SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
			ON CONFLICT DO NOTHING`, jsonArg(d.newNames)); err != nil {
			return fmt.Errorf("file names: %w", err)
		}
	}
	if len(d.newKeys) > 0 {
		if err := d.sv.exec(ctx, `INSERT INTO speaker_keys (key, speaker_id)
			SELECT value ->> 0, value ->> 1 FROM json_each(?) WHERE true
			ON CONFLICT DO NOTHING`, jsonArg(d.newKeys)); err != nil {
			return fmt.Errorf("file keys: %w", err)
		}
	}
	var quotes [][2]int64
	for id, n := range d.quoteDelta {
		if n != 0 {
			quotes = append(quotes, [2]int64{id, n})
		}
	}
	if len(quotes) > 0 {
		if err := d.sv.exec(ctx, `UPDATE speakers SET quotes = quotes + c.n
			FROM (SELECT value ->> 0 AS id, value ->> 1 AS n FROM json_each(?)) AS c
			WHERE speakers.id = c.id`, jsonArg(quotes)); err != nil {
			return fmt.Errorf("count quotes: %w", err)
		}
	}
	var added, changed [][3]int64
	for id, m := range d.outletDelta {
		for src, c := range m {
			switch {
			case c.add:
				added = append(added, [3]int64{id, src, c.delta})
			case c.delta != 0:
				changed = append(changed, [3]int64{id, src, c.delta})
			}
		}
	}
	if len(added) > 0 {
		if err := d.sv.exec(ctx, `INSERT INTO speaker_outlets (speaker_id, source_id, quotes)
			SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
			ON CONFLICT (speaker_id, source_id) DO UPDATE SET quotes = quotes + excluded.quotes`, jsonArg(added)); err != nil {
			return fmt.Errorf("count quotes per outlet: %w", err)
		}
	}
	if len(changed) > 0 {
		if err := d.sv.exec(ctx, `UPDATE speaker_outlets SET quotes = quotes + c.n
			FROM (SELECT value ->> 0 AS s, value ->> 1 AS o, value ->> 2 AS n FROM json_each(?)) AS c
			WHERE speaker_outlets.speaker_id = c.s AND speaker_outlets.source_id = c.o`, jsonArg(changed)); err != nil {
			return fmt.Errorf("count quotes per outlet: %w", err)
		}
	}
	return nil
}

// jsonArg encodes a list as the JSON array that json_each reads: one bound
// parameter for any number of values, so that one prepared statement
// serves every batch.
func jsonArg(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("sqlite: encoding %T: %v", v, err)) // lists of strings and integers always encode
	}
	return string(b)
}
