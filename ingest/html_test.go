package ingest

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestExtractHTML(t *testing.T) {
	for _, tc := range []struct {
		file, pageURL, ctype     string
		title, author, url, site string
		lang                     string
		published                time.Time
		contains, lacks          []string
	}{
		{
			file: "article.html", pageURL: "https://courier.example/?p=123",
			title: "Harbour bridge to close for repairs", author: "Ida Scott",
			url: "https://courier.example/news/harbour-bridge-repairs", site: "The Riverside Courier", lang: "en-GB",
			published: time.Date(2026, 3, 4, 9, 30, 0, 0, time.UTC),
			contains: []string{`"We know this will be hard for people who cross it every day, but the bearings cannot wait another winter," said council leader Marta Holm.`,
				"Nobody asked us"},
			lacks: []string{"Most read", "All rights reserved", "Privacy"},
		},
		{
			file: "latin1.html", title: "Stadtrat beschließt neues Bad", author: "Jörg Müller", lang: "de",
			contains: []string{"„Die Schulen warten seit Jahren darauf“, sagte Bürgermeisterin Anna Köhler", "Peter Groß"},
		},
		{
			// The HTTP charset wins over the page's: here it is wrong in
			// the same way, so the text must come out the same.
			file: "latin1.html", ctype: "text/html; charset=windows-1252", title: "Stadtrat beschließt neues Bad",
			author: "Jörg Müller", lang: "de", contains: []string{"Bürgermeisterin Anna Köhler"},
		},
	} {
		t.Run(tc.file+" "+tc.ctype, func(t *testing.T) {
			body, err := os.ReadFile("testdata/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			in, err := ExtractHTML(body, tc.pageURL, tc.ctype)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []struct{ name, got, want string }{
				{"title", in.Title, tc.title}, {"author", in.Author, tc.author}, {"url", in.URL, tc.url},
				{"site", in.SiteName, tc.site}, {"lang", in.Lang, tc.lang},
			} {
				if f.want != "" && f.got != f.want {
					t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
				}
			}
			if !tc.published.IsZero() && !in.Published.Equal(tc.published) {
				t.Errorf("published = %v, want %v", in.Published, tc.published)
			}
			for _, s := range tc.contains {
				if !strings.Contains(in.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, in.Text)
				}
			}
			for _, s := range tc.lacks {
				if strings.Contains(in.Text, s) {
					t.Errorf("text has boilerplate %q:\n%s", s, in.Text)
				}
			}
			if !utf8.ValidString(in.Text) || strings.ContainsRune(in.Text, 0) {
				t.Error("text is not clean UTF-8")
			}
		})
	}
}

// bigPage is a news page of the size and clutter of a real one (about
// 100 KB): scripts, menus, teasers, comments, a footer, around a story.
func bigPage() []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour bridge to close for repairs | Riverside Courier</title>`)
	b.WriteString(`<meta name="author" content="Ida Scott"><meta property="article:published_time" content="2026-03-04T09:30:00Z">`)
	for i := range 60 {
		fmt.Fprintf(&b, `<script>window.dataLayer%d = [%s];</script><style>.c%d{margin:0 auto;padding:4px}</style>`, i, strings.Repeat(`{"k":"v"},`, 100), i)
	}
	b.WriteString(`</head><body><header><nav><ul>`)
	for i := range 300 {
		fmt.Fprintf(&b, `<li><a href="/section/%d">Section %d</a></li>`, i, i)
	}
	b.WriteString(`</ul></nav></header><main><article><h1>Harbour bridge to close for repairs</h1><p class="byline">By Ida Scott</p>`)
	for i := range 4 {
		for _, p := range stories[i%len(stories)].paras {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
		}
	}
	b.WriteString(`</article><section class="comments"><h2>Comments</h2>`)
	for i := range 40 {
		fmt.Fprintf(&b, `<div class="comment"><span class="user">reader%d</span><p>I cross that bridge every day and this is the first I hear of it. Comment number %d.</p></div>`, i, i)
	}
	b.WriteString(`</section></main><aside><h2>Most read</h2><ul>`)
	for i := range 150 {
		fmt.Fprintf(&b, `<li><a href="/news/%d"><img src="/img/%d.jpg" alt="">Teaser headline number %d about something else</a></li>`, i, i, i)
	}
	b.WriteString(`</ul></aside><footer>`)
	for i := range 50 {
		fmt.Fprintf(&b, `<a href="/legal/%d">Legal page %d</a> `, i, i)
	}
	b.WriteString(`<p>© 2026 Riverside Courier. All rights reserved.</p></footer></body></html>`)
	return []byte(b.String())
}

func TestBigPage(t *testing.T) {
	in, err := ExtractHTML(bigPage(), "https://courier.example/news/1", "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(in.Text, stories[2].quote()) || strings.Contains(in.Text, "Teaser headline") || strings.Contains(in.Text, "Legal page") {
		t.Errorf("text:\n%s", in.Text)
	}
}

func BenchmarkExtractHTML(b *testing.B) {
	small, err := os.ReadFile("testdata/article.html")
	if err != nil {
		b.Fatal(err)
	}
	big := bigPage()
	for _, bc := range []struct {
		name     string
		page     []byte
		fallback bool
	}{
		{"small", small, false},
		{"100KB", big, false},
		{"100KB-fallback", big, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.page)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := extractHTML(bc.page, "https://courier.example/news/1", "text/html", bc.fallback); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/page")
		})
	}
}
