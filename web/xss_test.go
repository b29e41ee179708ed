package web

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// unsafeMarkup parses a page as a browser would and lists what could run
// script: script elements other than the page's own, event handler
// attributes, javascript: URLs, and elements no template writes (img,
// iframe, object, embed, b).
func unsafeMarkup(page string) []string {
	var out []string
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script":
			if len(tok.Attr) != 2 || tok.Attr[0].Key != "src" || tok.Attr[0].Val != "/static/app.js" {
				out = append(out, "script element "+tok.String())
			}
		case "img", "iframe", "object", "embed", "b", "meta", "base", "link":
			if tok.Data != "link" && tok.Data != "meta" || len(tok.Attr) > 0 && tok.Attr[0].Key == "http-equiv" {
				out = append(out, "unexpected element "+tok.String())
			}
		}
		if tok.Data == "svg" {
			for _, a := range tok.Attr {
				if a.Key != "viewbox" && a.Key != "width" && a.Key != "role" && a.Key != "aria-label" && a.Key != "class" && a.Key != "xmlns" {
					out = append(out, "svg attribute "+a.Key)
				}
			}
		}
		for _, a := range tok.Attr {
			if strings.HasPrefix(a.Key, "on") {
				out = append(out, "event handler "+tok.String())
			}
			if v := strings.ToLower(strings.TrimSpace(a.Val)); (a.Key == "href" || a.Key == "src" || a.Key == "action") &&
				!strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "#") && !strings.HasPrefix(v, "?") &&
				!strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") {
				out = append(out, "URL "+tok.String())
			}
		}
	}
}

// TestXSSEscaped renders every page that shows the hostile article's text,
// title, outlet, URL and speaker and checks that no payload comes through
// as markup: no script element but the page's own, no event handler
// attribute, no javascript: URL.
func TestXSSEscaped(t *testing.T) {
	f := newFixture(t, Config{})
	evil := f.ids[3]
	mallory := f.speakerID("Eve Mallory")
	outlet := f.outletID(`<b onmouseover=alert(7)>Evil Outlet</b>`)
	pages := []string{
		"/",
		fmt.Sprintf("/articles/%d", evil),
		"/search?q=script",
		"/search?q=" + `%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E`,
		"/search?q=javascript",
		fmt.Sprintf("/speakers/%d", mallory),
		"/speakers",
		"/outlets",
		fmt.Sprintf("/outlets/%d", outlet),
	}
	for _, p := range pages {
		rr := f.do("GET", p, "")
		if rr.Code != 200 {
			t.Fatalf("GET %s: %d", p, rr.Code)
		}
		for _, problem := range unsafeMarkup(rr.Body.String()) {
			t.Errorf("GET %s: %s", p, problem)
		}
	}
	// The payloads are shown, as text.
	body := f.do("GET", fmt.Sprintf("/articles/%d", evil), "").Body.String()
	for _, w := range []string{`&lt;script&gt;window.__xss=4;alert(4)&lt;/script&gt;`, `&#34;&gt;&lt;img src=x onerror=&#34;`,
		`javascript:window.__xss=3`, `&lt;b onmouseover=alert(7)&gt;Evil Outlet&lt;/b&gt;`, `&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;`} {
		if !strings.Contains(body, w) {
			t.Errorf("article page lacks the escaped payload %q", w)
		}
	}
	// The JSON API escapes markup characters too, so that a page that
	// pastes a response into HTML does not run it.
	api := f.do("GET", fmt.Sprintf("/api/articles/%d", evil), "").Body.String()
	if strings.Contains(api, "<script") || !strings.Contains(api, `\u003cscript\u003e`) {
		t.Errorf("API response holds raw markup")
	}
}

// TestUnsafeMarkupFinds makes sure the XSS check would catch each payload
// had it come through unescaped.
func TestUnsafeMarkupFinds(t *testing.T) {
	for _, page := range []string{
		`<p><script>alert(1)</script></p>`,
		`<p>"><img src=x onerror=alert(1)></p>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=" JavaScript:alert(1)">x</a>`,
		`<p><svg onload=alert(5)></p>`,
		`<b onmouseover=alert(7)>x</b>`,
	} {
		if len(unsafeMarkup(page)) == 0 {
			t.Errorf("not caught: %s", page)
		}
	}
	if p := unsafeMarkup(`<script src="/static/app.js" defer></script><a href="/x">x</a><a href="https://a.example/">a</a>`); len(p) > 0 {
		t.Errorf("a safe page flagged: %v", p)
	}
}
