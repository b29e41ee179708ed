package ingest

import (
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// newsSite serves the stories as pages, an RSS and an Atom feed of them,
// and counts the requests for each path.
type newsSite struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
	ua   string
}

func newNewsSite(t *testing.T) *newsSite {
	s := &newsSite{hits: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/news/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscan(r.PathValue("n"), &n); err != nil || n >= len(stories) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, stories[n].html(""))
	})
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, s.rss())
	})
	mux.HandleFunc("/atom.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		fmt.Fprint(w, s.atom())
	})
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</ti`)
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.ua = r.UserAgent()
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *newsSite) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// longStory is story 2 padded to the length of a whole article, so that a
// feed can carry it complete.
func longStory() string {
	st := stories[2]
	var b strings.Builder
	for _, p := range st.paras {
		b.WriteString("<p>" + p + "</p>")
	}
	for range 6 {
		b.WriteString("<p>Forecasters expect the wind to ease by Sunday morning, when the clean-up of the beaches can begin.</p>")
	}
	return b.String()
}

// rss has: a teaser item (page fetched), an item with a relative link, an
// item whose content is complete (no fetch), and one whose page is gone.
func (s *newsSite) rss() string { return rssFeed(s.URL) }

func (s *newsSite) atom() string { return atomFeed(s.URL) }

func rssFeed(base string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Riverside Courier</title><link>` + base + `/</link><language>en</language>
<item><title>Harbour bridge to close for repairs</title><link>` + base + `/news/0</link><guid>courier-0</guid>
<description>The harbour bridge will close for six weeks…</description><pubDate>Wed, 04 Mar 2026 09:30:00 +0000</pubDate><dc:creator>Ida Scott</dc:creator></item>
<item><title>School meals to go organic</title><link>/news/1</link><guid>courier-1</guid>
<description>Organic lunches from August. Read more</description><pubDate>Thu, 05 Mar 2026 07:00:00 +0000</pubDate></item>
<item><title>Storm warning for the coast</title><link>` + base + `/news/2</link><guid>courier-2</guid>
<content:encoded>` + html.EscapeString(longStory()) + `</content:encoded><pubDate>Fri, 06 Mar 2026 18:45:00 +0000</pubDate></item>
<item><title>Gone</title><link>` + base + `/news/99</link><guid>courier-99</guid><description>Short.</description></item>
</channel></rss>`
}

func atomFeed(base string) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Riverside Courier</title><id>urn:courier</id><updated>2026-03-06T18:45:00Z</updated>
<link href="` + base + `/"/>
<entry><title>Harbour bridge to close for repairs</title><id>urn:courier:0</id><link href="` + base + `/news/0"/>
<updated>2026-03-04T09:30:00Z</updated><author><name>Ida Scott</name></author><summary>The harbour bridge will close…</summary></entry>
<entry><title>Storm warning for the coast</title><id>urn:courier:2</id><link href="` + base + `/news/2"/>
<updated>2026-03-06T18:45:00Z</updated><content type="html">` + html.EscapeString(longStory()) + `</content></entry>
</feed>`
}

func TestFeeds(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		want       []string // per item: the story index whose quote the text must hold, or "ERR ..."
		fetched    []string // pages that must have been fetched, and only these
	}{
		{"rss", "/rss.xml", []string{"0", "1", "2", "ERR item courier-99: fetch " + "{url}/news/99: HTTP 404 Not Found"}, []string{"/news/0", "/news/1", "/news/99"}},
		{"atom", "/atom.xml", []string{"0", "2"}, []string{"/news/0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := newNewsSite(t)
			r, err := Open(site.URL+tc.path, WithAllowPrivate(true), WithHostDelay(0))
			if err != nil {
				t.Fatal(err)
			}
			ins := readAll(t, r)
			if len(ins) != len(tc.want) {
				t.Fatalf("%d inputs, want %d:\n%s", len(ins), len(tc.want), summary(ins))
			}
			for i, in := range ins {
				want := strings.ReplaceAll(tc.want[i], "{url}", site.URL)
				if strings.HasPrefix(want, "ERR ") {
					if in.Err == nil || !strings.HasSuffix(in.Err.Error(), strings.TrimPrefix(want, "ERR ")) {
						t.Errorf("item %d: error %v, want one ending %q", i, in.Err, strings.TrimPrefix(want, "ERR "))
					}
					if in.Err != nil && !strings.HasPrefix(in.Err.Error(), site.URL+tc.path) {
						t.Errorf("item %d: error %q does not name the feed", i, in.Err)
					}
					continue
				}
				if in.Err != nil {
					t.Errorf("item %d: %v", i, in.Err)
					continue
				}
				var n int
				fmt.Sscan(want, &n)
				s := stories[n]
				if !strings.Contains(in.Text, s.quote()) {
					t.Errorf("item %d: text lacks the quote:\n%s", i, in.Text)
				}
				if in.Title != s.title || in.Published.IsZero() || in.SiteName != "Riverside Courier" {
					t.Errorf("item %d: title %q published %v site %q", i, in.Title, in.Published, in.SiteName)
				}
				if in.Origin.Item == "" || in.Origin.Path != site.URL+tc.path {
					t.Errorf("item %d: origin %+v", i, in.Origin)
				}
				if want := site.URL + fmt.Sprintf("/news/%d", n); in.URL != want {
					t.Errorf("item %d: URL %q, want %q", i, in.URL, want)
				}
			}
			if ins[0].Author != "Ida Scott" {
				t.Errorf("author %q", ins[0].Author)
			}
			for _, p := range []string{"/news/0", "/news/1", "/news/2", "/news/99"} {
				want := 0
				for _, f := range tc.fetched {
					if f == p {
						want = 1
					}
				}
				if got := site.count(p); got != want {
					t.Errorf("%s fetched %d times, want %d", p, got, want)
				}
			}
			if site.ua != UserAgent {
				t.Errorf("User-Agent %q", site.ua)
			}
		})
	}
}

func TestFeedContentPolicy(t *testing.T) {
	site := newNewsSite(t)
	r, _ := Open(site.URL+"/atom.xml", WithAllowPrivate(true), WithHostDelay(0), WithFeedContent(FeedContentAlways))
	ins := readAll(t, r)
	if len(ins) != 2 || ins[0].Err != nil || !strings.HasPrefix(ins[0].Text, "The harbour bridge will close") {
		t.Errorf("always: %s", summary(ins))
	}
	if site.count("/news/0")+site.count("/news/2") != 0 {
		t.Error("FeedContentAlways fetched pages")
	}
	r, _ = Open(site.URL+"/atom.xml", WithAllowPrivate(true), WithHostDelay(0), WithFeedContent(FeedContentNever))
	readAll(t, r)
	if site.count("/news/2") != 1 {
		t.Error("FeedContentNever did not fetch the complete item's page")
	}
}

func TestBrokenFeed(t *testing.T) {
	site := newNewsSite(t)
	r := OpenAll([]string{site.URL + "/broken.xml", site.URL + "/atom.xml"}, WithAllowPrivate(true), WithHostDelay(0))
	ins := readAll(t, r)
	if len(ins) != 3 || ins[0].Err == nil || ins[1].Err != nil {
		t.Fatalf("got\n%s", summary(ins))
	}
	if msg := ins[0].Err.Error(); !strings.HasPrefix(msg, site.URL+"/broken.xml") || !strings.Contains(msg, "parsing feed") {
		t.Errorf("error %q should name the feed and say what failed", msg)
	}
}

func TestPrivateAddressRefused(t *testing.T) {
	site := newNewsSite(t)
	host := strings.Replace(site.URL, "127.0.0.1", "localhost", 1)
	for _, u := range []string{site.URL + "/news/0", host + "/news/0", site.URL + "/rss.xml"} {
		r, err := Open(u, WithHostDelay(0))
		if err != nil {
			t.Fatal(err)
		}
		ins := readAll(t, r)
		if len(ins) != 1 || ins[0].Err == nil {
			t.Fatalf("%s: got\n%s", u, summary(ins))
		}
		var blocked *BlockedAddressError
		msg := ins[0].Err.Error()
		if !errors.As(ins[0].Err, &blocked) || blocked.Kind != "loopback" || !strings.Contains(msg, u) || !strings.Contains(msg, "--allow-private") {
			t.Errorf("%s: error %q should refuse the loopback address and say how to allow it", u, msg)
		}
	}
	if n := site.count("/news/0") + site.count("/rss.xml"); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}
