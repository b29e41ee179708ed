package verbatim

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"strings"
	"time"
)

// Store keeps analysed articles, their quotes and the speakers behind them
// across articles. The implementations (package sqlite, package postgres)
// pass the same conformance suite (package storetest).
//
// Saving is idempotent and atomic: an article is saved whole or not at all,
// saving it again changes nothing, and a changed version replaces the old
// one's quotes, so that an ingest killed at any point can simply be run
// again.
type Store interface {
	// SaveArticle stores one article in one transaction. It sets a.ID,
	// fills in a.ContentHash when empty and rounds a's times to the
	// millisecond in UTC, as they are stored.
	SaveArticle(ctx context.Context, a *StoredArticle) (SaveResult, error)
	// SaveArticles stores several articles in one transaction, for
	// throughput: either all are saved or none. Results are in input order.
	SaveArticles(ctx context.Context, as []*StoredArticle) ([]SaveResult, error)

	// Article returns a stored article with its analysis, or ErrNotFound.
	Article(ctx context.Context, id int64) (*StoredArticle, error)
	// ArticleByURL returns the article stored under a URL, or ErrNotFound.
	ArticleByURL(ctx context.Context, url string) (*StoredArticle, error)

	// Search returns one page of the quotes that match a query.
	Search(ctx context.Context, q SearchQuery) (SearchPage, error)
	// Export streams every quote that matches the query's text and
	// filters, in the order they were stored; Sort and Cursor are ignored
	// and a zero Limit means no limit. Stopping the loop early releases the
	// database cursor.
	Export(ctx context.Context, q SearchQuery) iter.Seq2[QuoteHit, error]

	// Speaker returns a speaker with its latest quotes (at most latest of
	// them) and the outlets that quote it, or ErrNotFound.
	Speaker(ctx context.Context, id int64, latest int) (*SpeakerProfile, error)
	// Speakers lists speakers by number of quotes, most quoted first.
	Speakers(ctx context.Context, q SpeakerQuery) ([]Speaker, error)
	// Outlets lists the outlets with their article and quote counts, most
	// quotes first.
	Outlets(ctx context.Context) ([]Outlet, error)

	// Close releases the store's connections.
	Close() error
}

// ErrNotFound is returned when a record asked for by id or URL is not stored.
var ErrNotFound = errors.New("not found")

// StoredArticle is an article as the store keeps it: its text, where it was
// published and found, and what Verbatim extracted from it.
type StoredArticle struct {
	// ID is assigned by the store.
	ID int64
	// URL identifies the article when set: saving another version under
	// the same URL replaces the stored one.
	URL string
	// Outlet is the publisher ("Reuters", "Krone"); when empty the store
	// names the outlet after the URL's host.
	Outlet    string
	Title     string
	Author    string
	Lang      string
	Published time.Time
	// Fetched is when the page was fetched or archived.
	Fetched time.Time
	// Origin is where the article was read from. It is kept for finding
	// the input again and does not make two copies different articles.
	Origin Origin
	// Text is the plain text every span of the analysis refers to.
	Text string
	// ContentHash is the hex SHA-256 of Text. An article without a URL is
	// identified by it, and an article whose text is already stored under
	// another URL is a duplicate.
	ContentHash string
	Analysis    *Analysis
	// IngestedAt is when the article was first stored, UpdatedAt when it
	// last changed; the store sets both.
	IngestedAt time.Time
	UpdatedAt  time.Time
}

// ContentHash returns the hex SHA-256 of an article text.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// Key is what identifies the article in the store: its URL, or its content
// hash when it has none.
func (a *StoredArticle) Key() string {
	if a.URL != "" {
		return a.URL
	}
	return "sha256:" + a.hash()
}

func (a *StoredArticle) hash() string {
	if a.ContentHash != "" {
		return a.ContentHash
	}
	return ContentHash(a.Text)
}

// Fingerprint summarises everything of the article that a save stores
// except where it was found: two saves with the same fingerprint store the
// same thing, so the second can be skipped. A new analysis of the same
// text (a better extractor) changes the fingerprint.
func (a *StoredArticle) Fingerprint() (string, error) {
	b, err := json.Marshal(struct {
		URL, Outlet, Title, Author, Lang, Hash string
		Published, Fetched                     time.Time
		Analysis                               *Analysis
	}{a.URL, a.OutletName(), a.Title, a.Author, a.Lang, a.hash(), a.Published.UTC(), a.Fetched.UTC(), a.Analysis})
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// OutletName is the outlet the article is filed under: Outlet, else the
// URL's host without "www.", else "unknown".
func (a *StoredArticle) OutletName() string {
	if s := strings.TrimSpace(a.Outlet); s != "" {
		return s
	}
	if d := a.Domain(); d != "" {
		return d
	}
	return "unknown"
}

// Domain is the URL's host without "www.", or "".
func (a *StoredArticle) Domain() string {
	u, err := url.Parse(a.URL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// Prepare checks an article before it is saved, fills in its content hash
// and rounds its times to the millisecond in UTC, as stored. Both stores
// call it, so that they accept and reject the same articles.
func (a *StoredArticle) Prepare() error {
	if a.URL == "" && a.Text == "" {
		return errors.New("article has neither URL nor text")
	}
	a.ContentHash = a.hash()
	// Stores keep times to the millisecond, in UTC; normalising first makes
	// the fingerprint of an article read back equal to the one saved.
	for _, t := range []*time.Time{&a.Published, &a.Fetched} {
		if !t.IsZero() {
			*t = t.Truncate(time.Millisecond).UTC()
		}
	}
	if a.Analysis != nil {
		if err := a.Analysis.Validate(a.Text); err != nil {
			return fmt.Errorf("analysis does not fit the text: %w", err)
		}
		for i, q := range a.Analysis.Quotes {
			if q.Entity >= len(a.Analysis.Entities) {
				return fmt.Errorf("quote %d names entity %d of %d", i, q.Entity, len(a.Analysis.Entities))
			}
		}
	}
	return nil
}

// SaveStatus says what saving an article did.
type SaveStatus string

// The outcomes of a save.
const (
	// Inserted: the article was new.
	Inserted SaveStatus = "inserted"
	// Updated: another version was stored under the same URL; its quotes
	// were replaced.
	Updated SaveStatus = "updated"
	// Unchanged: the same article was already stored; nothing was written.
	Unchanged SaveStatus = "unchanged"
	// Duplicate: the same text is stored under another URL; nothing was
	// written and ID is that article's.
	Duplicate SaveStatus = "duplicate"
)

// SaveResult is the outcome of saving one article.
type SaveResult struct {
	ID     int64
	Status SaveStatus
	// Speakers says, for each speaker of the article that has an identity
	// across articles, which identity it joined and why.
	Speakers []SpeakerDecision
}

// SpeakerDecision records which speaker identity an entity of an article
// was filed under, and the rule that decided it (see package speaker).
type SpeakerDecision struct {
	// Entity is the index into Analysis.Entities, or -1 for a quote's
	// SpeakerRef without an entity.
	Entity    int
	Name      string
	SpeakerID int64
	// New is set when the decision created the identity.
	New    bool
	Rule   string
	Reason string
}

// SortOrder orders search results.
type SortOrder string

// The orders. Relevance applies to text queries; without text, results are
// always newest first.
const (
	ByRelevance SortOrder = "relevance"
	ByNewest    SortOrder = "newest"
)

// SearchQuery selects quotes. Every set field narrows the result.
type SearchQuery struct {
	// Text is a full-text query in web-search syntax: words that must all
	// occur, "exact phrases", OR between alternatives, -word to exclude.
	Text string
	// Speaker matches a speaker's name or alias, or its surname when it
	// is a single word; SpeakerID matches one speaker.
	Speaker   string
	SpeakerID int64
	// Outlet matches an outlet's name or domain, case-insensitively.
	Outlet string
	// Since and Until bound the article's publication time: Since
	// inclusive, Until exclusive.
	Since, Until time.Time
	Kind         QuoteKind
	Sort         SortOrder
	// Limit is the page size: 20 when zero, at most MaxLimit.
	Limit int
	// Cursor continues from the page that returned it as Next.
	Cursor string
	// CountUpTo, when positive, asks for the number of matching quotes,
	// counted up to this many: a count of every match of a common word
	// would cost a scan of its matches on every search.
	CountUpTo int
}

// The page sizes of a search.
const (
	DefaultLimit = 20
	MaxLimit     = 1000
)

// PageSize is the number of hits a search returns for a requested limit.
func PageSize(limit int) int {
	switch {
	case limit <= 0:
		return DefaultLimit
	case limit > MaxLimit:
		return MaxLimit
	}
	return limit
}

// SearchPage is one page of search results.
type SearchPage struct {
	Hits []QuoteHit
	// Next is the cursor of the following page, empty on the last page.
	Next string
	// Count is the number of matching quotes when the query asked for it
	// with CountUpTo: exact when CountExact, else more than Count.
	Count      int
	CountExact bool
}

// QuoteHit is a stored quote with what a reader wants next to it: who said
// it, where and when it was published.
type QuoteHit struct {
	QuoteID   int64
	ArticleID int64
	Kind      QuoteKind
	// Text is the quote's content.
	Text     string
	Cue      string
	CueLemma string
	// SpeakerID is the speaker's identity, 0 for speakers without one.
	SpeakerID int64
	// Speaker is the identity's name, or the mention as written when the
	// speaker has no identity ("officials").
	Speaker string
	// SpeakerMention is the speaker as the article names it at the quote.
	SpeakerMention string
	SpeakerType    SpeakerType
	Outlet         string
	URL            string
	Title          string
	Published      time.Time
	// Score is the text match's relevance, higher is better; it compares
	// hits of one query on one store only, and is 0 without text.
	Score float64
}

// Speaker is one speaker identity across articles.
type Speaker struct {
	ID      int64
	Name    string
	Type    SpeakerType
	Aliases []string
	Roles   []string
	// Quotes counts the speaker's stored quotes.
	Quotes int
}

// SpeakerProfile is a speaker with what a speaker page shows.
type SpeakerProfile struct {
	Speaker
	// Latest are the newest quotes, newest first.
	Latest []QuoteHit
	// Outlets are the outlets that quote the speaker, most quotes first.
	Outlets []OutletCount
}

// OutletCount is how often an outlet quotes someone.
type OutletCount struct {
	Outlet string
	Quotes int
}

// SpeakerQuery selects speakers for a list.
type SpeakerQuery struct {
	// Name keeps speakers with this name, alias or (one word) surname.
	Name string
	Type SpeakerType
	// Limit is at most MaxLimit, 20 when zero.
	Limit int
}

// Outlet is a publisher with how much of it is stored.
type Outlet struct {
	ID       int64
	Name     string
	Domain   string
	Articles int
	Quotes   int
}
