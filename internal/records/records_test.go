package records

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"verbatim"
	"verbatim/internal/keyset"
)

// row is a result row of given values, scanned as the drivers do: into
// the pointer of the value's type, or a pointer to such a pointer for a
// nullable column.
type row []any

func (r row) Scan(dest ...any) error {
	if len(dest) != len(r) {
		return fmt.Errorf("%d columns, %d destinations", len(r), len(dest))
	}
	for i, v := range r {
		switch d := dest[i].(type) {
		case *string:
			*d = v.(string)
		case *int:
			*d = int(v.(int64))
		case *int64:
			*d = v.(int64)
		case **string:
			if v == nil {
				*d = nil
			} else {
				s := v.(string)
				*d = &s
			}
		case **int64:
			if v == nil {
				*d = nil
			} else {
				n := v.(int64)
				*d = &n
			}
		default:
			return fmt.Errorf("column %d: cannot scan into %T", i, dest[i])
		}
	}
	return nil
}

// rows is a result set of rows.
type rows struct {
	rs  []row
	at  int
	err error
}

func (r *rows) Next() bool             { r.at++; return r.at <= len(r.rs) }
func (r *rows) Scan(dest ...any) error { return r.rs[r.at-1].Scan(dest...) }
func (r *rows) Err() error             { return r.err }

func TestArticleRoundTrip(t *testing.T) {
	a := &verbatim.StoredArticle{ID: 7, URL: "https://example.org/a", Outlet: "Example", Title: "T",
		Published: time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC), Text: "x",
		Analysis: &verbatim.Analysis{ID: "a1", Lang: "de", Article: verbatim.Article{Title: "T"}}}
	f, err := ArticleColumns(a)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Article(row{int64(7), a.URL, a.Outlet, a.Title, "", "", Millis(a.Published), int64(0), f.Origin, a.Text,
		"", *f.Structure, *f.Meta, int64(0), int64(0)})
	if err != nil {
		t.Fatal(err)
	}
	if !got.Published.Equal(a.Published) || got.Analysis == nil || got.Analysis.Lang != "de" ||
		got.Analysis.ID != "a1" || got.Analysis.Article.Title != "T" || !got.Fetched.IsZero() {
		t.Errorf("read back %+v, analysis %+v", got, got.Analysis)
	}
	// Without an analysis the columns are NULL and none is read back.
	got, err = Article(row{int64(7), "", "", "", "", "", int64(0), int64(0), "", "", "", nil, nil, int64(0), int64(0)})
	if err != nil || got.Analysis != nil {
		t.Errorf("article without analysis: %+v, %v", got, err)
	}
	if _, err := Article(row{int64(7), "", "", "", "", "", int64(0), int64(0), "", "", "", "{", "{}", int64(0), int64(0)}); err == nil {
		t.Error("broken structure JSON accepted")
	}
}

func TestQuoteRoundTrip(t *testing.T) {
	q := verbatim.Quote{Kind: verbatim.Direct, Content: verbatim.Span{Start: 3, End: 9, Text: "abcdef",
		Segments: []verbatim.Span{{Start: 3, End: 5, Text: "ab"}, {Start: 7, End: 9, Text: "ef"}}},
		Cue: &verbatim.Span{Start: 10, End: 14, Text: "said"}, CueLemma: "say", SpeakerRef: "Ann Lee",
		SpeakerType: verbatim.Person, Entity: 2}
	f, err := QuoteColumns(q)
	if err != nil {
		t.Fatal(err)
	}
	if f.Speaker != nil || f.CueText != "said" {
		t.Errorf("columns %+v", f)
	}
	got, err := Quote(row{"direct", "abcdef", int64(3), int64(9), *f.Segments, *f.Cue, "say", nil, "Ann Lee", "person", int64(2)})
	if err != nil {
		t.Fatal(err)
	}
	if got.Kind != q.Kind || len(got.Content.Segments) != 2 || got.Cue == nil || got.Cue.Text != "said" || got.Cue.End != 14 ||
		got.Speaker != nil || got.SpeakerType != verbatim.Person || got.Entity != 2 {
		t.Errorf("read back %+v", got)
	}
}

func TestHitSpeaker(t *testing.T) {
	hit := func(spID, spName any, ref string) verbatim.QuoteHit {
		h, err := Hit(row{int64(1), int64(2), "indirect", "text", "said", "say", spID, spName, "he", ref, "person",
			"Outlet", "https://x", "T", int64(0)})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	for _, tt := range []struct {
		h    verbatim.QuoteHit
		want string
	}{
		{hit(int64(5), "Mark Rutte", "Rutte"), "Mark Rutte"},
		{hit(nil, nil, "Rutte"), "Rutte"},
		{hit(nil, nil, ""), "he"},
	} {
		if tt.h.Speaker != tt.want {
			t.Errorf("speaker %q; want %q", tt.h.Speaker, tt.want)
		}
	}
	if h := hit(int64(5), "Mark Rutte", ""); h.SpeakerID != 5 || h.Kind != verbatim.Indirect {
		t.Errorf("hit %+v", h)
	}
}

func TestInOrderAndNames(t *testing.T) {
	hs := []verbatim.QuoteHit{{QuoteID: 3}, {QuoteID: 1}}
	keys := []keyset.Cursor{{ByRank: true, Rank: -2, ID: 1}, {ByRank: true, Rank: -1, ID: 2}, {ByRank: true, Rank: -0.5, ID: 3}}
	got := InOrder(keys, hs, func(r float64) float64 { return -r })
	if len(got) != 2 || got[0].QuoteID != 1 || got[1].QuoteID != 3 || got[0].Score != 2 || got[1].Score != 0.5 {
		t.Errorf("in order: %+v", got)
	}
	sps, err := SpeakersWithNames(&rows{rs: []row{
		{int64(4), "Mark Rutte", "person", int64(7), "alias", "Rutte"},
		{int64(4), "Mark Rutte", "person", int64(7), "role", "Secretary General"},
		{int64(9), "Kremlin", "organization", int64(2), nil, nil},
	}})
	if err != nil || len(sps) != 2 || !slices.Equal(sps[0].Aliases, []string{"Rutte"}) ||
		!slices.Equal(sps[0].Roles, []string{"Secretary General"}) || sps[1].Aliases != nil || sps[1].Type != verbatim.Organization {
		t.Errorf("speakers with names: %+v, %v", sps, err)
	}
	boom := errors.New("connection lost")
	if _, err := Collect(&rows{err: boom}, Outlet); !errors.Is(err, boom) {
		t.Errorf("Collect lost the result set's error: %v", err)
	}
	var seen []string
	err = Yield(&rows{rs: []row{{"A", int64(2)}, {"B", int64(1)}}}, OutletCount, func(o verbatim.OutletCount) bool {
		seen = append(seen, o.Outlet)
		return false
	})
	if err != nil || !slices.Equal(seen, []string{"A"}) {
		t.Errorf("Yield after stop: %v, %v", seen, err)
	}
}
