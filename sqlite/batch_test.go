package sqlite

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"verbatim"
	"verbatim/extract"
)

// TestBatchesSaveAsOneByOne saves a workload of extracted articles (new
// ones, updates, duplicates, repeats within a batch, moves between outlets,
// namesakes and surname-only speakers) once in batches and once article by
// article, and checks that both stores hold exactly the same rows and report
// the same outcomes. A batch keeps what it has read and written in memory
// (speakers, outlets, counters, the full-text rows to add); this is the
// check that the memory never disagrees with what the database would say.
func TestBatchesSaveAsOneByOne(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts and saves a few hundred articles twice")
	}
	ctx := t.Context()
	work := batchWorkload(t, 260)
	dir := t.TempDir()
	var dumps [2]string
	var outcomes [2][]string
	for i, batched := range []bool{true, false} {
		s, err := Open(ctx, filepath.Join(dir, fmt.Sprintf("s%d.db", i)))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range work {
			as := make([]*verbatim.StoredArticle, len(b))
			for j, f := range b {
				as[j] = f()
			}
			var rs []verbatim.SaveResult
			if batched {
				rs, err = s.SaveArticles(ctx, as)
			} else {
				for _, a := range as {
					r, err1 := s.SaveArticle(ctx, a)
					rs, err = append(rs, r), err1
					if err != nil {
						break
					}
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			for j, r := range rs {
				outcomes[i] = append(outcomes[i], fmt.Sprintf("%s %s %d %+v", as[j].Key(), r.Status, r.ID, r.Speakers))
			}
		}
		if _, err := s.w.ExecContext(ctx, `INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
			t.Errorf("full-text index out of step with the quotes: %v", err)
		}
		dumps[i] = dumpStore(t, s.w)
		s.Close()
	}
	if dumps[0] != dumps[1] {
		t.Errorf("batched and one-by-one saves differ:\n%s", firstDiff(dumps[0], dumps[1]))
	}
	for i := range min(len(outcomes[0]), len(outcomes[1])) {
		if outcomes[0][i] != outcomes[1][i] {
			t.Errorf("save %d: batched %s\none by one %s", i, outcomes[0][i], outcomes[1][i])
			break
		}
	}
	// VERBATIM_DUMP writes the dump, or compares with it when it exists:
	// the way to check that a change to the saver stores what it stored
	// before.
	if p := os.Getenv("VERBATIM_DUMP"); p != "" {
		all := dumps[0] + "\n-- outcomes\n" + strings.Join(outcomes[0], "\n") + "\n"
		if old, err := os.ReadFile(p); err == nil {
			if string(old) != all {
				t.Errorf("store differs from %s:\n%s", p, firstDiff(string(old), all))
			}
		} else if err := os.WriteFile(p, []byte(all), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d saves, %d bytes of dump", len(outcomes[0]), len(dumps[0]))
}

// batchWorkload returns batches of article constructors: each call builds a
// fresh article, since a save fills in fields of the one it is given.
func batchWorkload(t *testing.T, n int) [][]func() *verbatim.StoredArticle {
	ex := extract.New()
	rng := rand.New(rand.NewPCG(3, 5))
	firsts := []string{"Anna", "Boris", "Clara", "David", "Elena", "Farid", "Greta"}
	lasts := []string{"Holm", "Berg", "Novak", "Quist", "Okafor"}
	roles := []string{"Mayor", "Finance Director", "union leader", "police chief", "Health Minister"}
	outlets := []string{"Lakeside Ledger", "Harbour Herald", "", "Valley Voice"}
	orgs := []string{"Harbour Authority", "Transport Union", "City Council"}
	text := func(i, version int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "Council debates item %d, version %d\n\n", i, version)
		for k := range 2 + rng.IntN(3) {
			first, last := firsts[rng.IntN(len(firsts))], lasts[rng.IntN(len(lasts))]
			role := roles[rng.IntN(len(roles))]
			switch rng.IntN(10) {
			case 0:
				fmt.Fprintf(&b, "“We cannot wait on item %d any longer,” said %s %s %s.\n", i, role, first, last)
				fmt.Fprintf(&b, "“The money is there,” %s said.\n", last)
			case 1:
				fmt.Fprintf(&b, "%s %s said the figures for case %d had not been checked.\n", first, last, k)
			case 2:
				fmt.Fprintf(&b, "“Show us the figures first,” %s told reporters.\n", last)
			case 3:
				fmt.Fprintf(&b, "The %s said in a statement that the plan number %d was “not workable”.\n", orgs[rng.IntN(len(orgs))], k)
			case 4:
				fmt.Fprintf(&b, "According to officials, the estimate for case %d was drawn up years ago.\n", k)
			case 5:
				fmt.Fprintf(&b, "“This is a matter for the %s,” said %s %s, the %s.\n", orgs[rng.IntN(len(orgs))], first, last, strings.ToLower(role))
			case 6:
				fmt.Fprintf(&b, "“Keep the ferry running,” said %s %s.\n", role, last)
			case 7:
				if i < n/2 {
					b.WriteString("“We will wait and see,” Lindqvist said.\n")
				} else {
					b.WriteString("“We have waited long enough,” said Mira Lindqvist.\n")
				}
			case 8:
				fmt.Fprintf(&b, "The North Atlantic Treaty Organization said case %d was closed. “We are done,” NATO said.\n", k)
			case 9:
				fmt.Fprintf(&b, "“The figures are wrong,” said %s. %s %s told the meeting the same.\n", first[:1]+". "+last, first, last)
			}
		}
		return b.String()
	}
	build := func(url, outlet, txt string, published time.Time) func() *verbatim.StoredArticle {
		an, err := ex.Extract(txt)
		if err != nil {
			t.Fatal(err)
		}
		an.ID = url
		return func() *verbatim.StoredArticle {
			an := *an
			return &verbatim.StoredArticle{URL: url, Outlet: outlet, Title: an.Article.Title, Lang: "en",
				Published: published, Text: txt, Analysis: &an,
				Origin: verbatim.Origin{Kind: verbatim.OriginJSONL, Path: "work.jsonl"}}
		}
	}
	type doc struct{ url, outlet, text string }
	var docs []doc
	var batches [][]func() *verbatim.StoredArticle
	var cur []func() *verbatim.StoredArticle
	for i := range n {
		day := time.Date(2026, 1, 1+i%28, 10, 0, 0, 0, time.UTC)
		var d doc
		switch {
		case i > 10 && i%11 == 0: // an update of an earlier article, perhaps moving it
			d = docs[rng.IntN(len(docs))]
			d.text = text(i, 2)
			if i%22 == 0 {
				d.outlet = outlets[rng.IntN(len(outlets))]
			}
		case i > 10 && i%13 == 0: // the same text under another URL
			d = docs[rng.IntN(len(docs))]
			d.url = fmt.Sprintf("https://mirror.example/%d", i)
		case i > 10 && i%17 == 0: // an article saved again unchanged
			d = docs[rng.IntN(len(docs))]
		case i%5 == 4: // known by its text only
			d = doc{"", outlets[i%len(outlets)], text(i, 1)}
		default:
			d = doc{fmt.Sprintf("https://news.example/%d", i), outlets[i%len(outlets)], text(i, 1)}
		}
		if d.url != "" {
			day = time.Time{}
		}
		docs = append(docs, d)
		cur = append(cur, build(d.url, d.outlet, d.text, day))
		if i%19 == 7 && d.url != "" { // the same URL again in the batch, another version
			cur = append(cur, build(d.url, d.outlet, text(i, 3), day))
		}
		if i%23 == 5 { // the same article twice in one batch
			cur = append(cur, build(d.url, d.outlet, d.text, day))
		}
		if len(cur) >= 1+rng.IntN(40) {
			batches = append(batches, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		batches = append(batches, cur)
	}
	// An article without analysis or URL.
	batches = append(batches, []func() *verbatim.StoredArticle{func() *verbatim.StoredArticle {
		return &verbatim.StoredArticle{Text: "Nobody was quoted."}
	}})
	return batches
}

// dumpStore lists every row of the store's tables in key order, without
// the columns that hold the time of the save.
func dumpStore(t *testing.T, db *sql.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT id, name, name_key, domain, articles, quotes FROM sources ORDER BY id`,
		`SELECT id, doc_key, url, content_hash, fingerprint, source_id, title, author, lang, published_at,
			fetched_at, origin, text, structure, analysis_meta FROM articles ORDER BY id`,
		`SELECT id, name, type, quotes FROM speakers ORDER BY id`,
		`SELECT speaker_id, kind, value FROM speaker_names ORDER BY speaker_id, kind, value`,
		`SELECT key, speaker_id FROM speaker_keys ORDER BY key, speaker_id`,
		`SELECT speaker_id, source_id, quotes FROM speaker_outlets ORDER BY speaker_id, source_id`,
		`SELECT * FROM entities ORDER BY article_id, idx`,
		`SELECT * FROM quotes ORDER BY id`,
		`SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'figures OR money OR workable OR estimate' ORDER BY rowid`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		fmt.Fprintf(&b, "-- %s\n", strings.Join(strings.Fields(q), " "))
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if i > 0 {
					b.WriteString(" | ")
				}
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%v", v)
			}
			b.WriteByte('\n')
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// firstDiff shows the first line where two dumps differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("one is longer: %d and %d lines", len(al), len(bl))
}
