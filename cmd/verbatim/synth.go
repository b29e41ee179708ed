package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
)

// Synthetic news for the benchmarks and the tests: deterministic articles
// written from a few word lists, with quotes of the forms real news uses,
// so that every stage of the pipeline has work to do.

var (
	synthFirst  = []string{"Anna", "Boris", "Clara", "David", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Karin", "Luis", "Mira", "Nils", "Olga", "Pavel"}
	synthLast   = []string{"Holm", "Berg", "Novak", "Quist", "Adeyemi", "Okafor", "Lindgren", "Moreau", "Castell", "Voss", "Haddad", "Dahl", "Brandt", "Weiss", "Lund", "Falk"}
	synthRoles  = []string{"Mayor", "council leader", "Finance Director", "union leader", "head teacher", "harbour master", "police chief", "health minister"}
	synthTopics = []string{"the harbour bridge", "the school budget", "the ferry timetable", "the new library", "the tram line", "the river clean-up", "the market square", "the night clinic", "the bus depot", "the park lighting"}
)

// synthArticle is the i-th synthetic article: a headline, a byline and
// paras story paragraphs (at least 4) with about one quote in two.
func synthArticle(i, paras int) (title string, body []string) {
	who := synthFirst[i%len(synthFirst)] + " " + synthLast[(i/len(synthFirst))%len(synthLast)]
	other := synthFirst[(i+5)%len(synthFirst)] + " " + synthLast[(i/7)%len(synthLast)]
	whoSurname := who[strings.LastIndex(who, " ")+1:]
	topic := synthTopics[i%len(synthTopics)]
	role := synthRoles[i%len(synthRoles)]
	title = fmt.Sprintf("Council debates %s, round %d", topic, i)
	body = []string{
		fmt.Sprintf("The council spent the evening of day %d on %s, with the public gallery full and the final vote postponed until the committee reports.", i, topic),
		fmt.Sprintf("“We cannot keep putting %s off for another year,” said %s %s after the session.", topic, role, who),
		fmt.Sprintf("%s disagreed and said the costs in case %d had not been checked by anyone outside the town hall.", other, i),
		"“Show us the figures first, and then we can talk about a date,” " + other[strings.LastIndex(other, " ")+1:] + " told reporters.",
	}
	for p := 4; p < paras; p++ {
		switch p % 3 {
		case 0:
			body = append(body, fmt.Sprintf("Residents who spoke at the meeting asked for %s to be discussed again before the summer, and several said they had not been consulted at all.", topic))
		case 1:
			body = append(body, fmt.Sprintf("“People in this town deserve a straight answer, and they will get one from me,” %s said.", whoSurname))
		case 2:
			body = append(body, fmt.Sprintf("According to officials, the first estimate for %s was drawn up in %d and has not been revised since.", topic, 2000+i%25))
		}
	}
	return title, body
}

// synthText is the i-th synthetic article as plain text.
func synthText(i, paras int) string {
	title, body := synthArticle(i, paras)
	return title + "\nBy Staff Reporter\n\n" + strings.Join(body, "\n") + "\n"
}

// synthHTML is the i-th synthetic article as a news page, with the
// navigation, related links and footer that the HTML extractor must remove.
// chromeKB pads the page with more of them (menus, scripts, styles,
// teasers) to about the size of a real news page, which is mostly chrome:
// 0 adds none.
func synthHTML(i, paras int, canonical string, chromeKB int) string {
	title, body := synthArticle(i, paras)
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | Lakeside Ledger</title>`, title)
	fmt.Fprintf(&b, `<meta name="author" content="Staff Reporter"><meta property="article:published_time" content="2026-01-%02dT10:00:00Z">`, 1+i%28)
	b.WriteString(`<meta property="og:site_name" content="Lakeside Ledger">`)
	if canonical != "" {
		fmt.Fprintf(&b, `<link rel="canonical" href="%s">`, canonical)
	}
	if chromeKB > 0 {
		b.WriteString("<style>")
		for j := 0; b.Len() < chromeKB*1024/4; j++ {
			fmt.Fprintf(&b, ".c%d{margin:%dpx;padding:0 %dpx;color:#%06x}\n", j, j%16, j%9, j*7919%0xffffff)
		}
		b.WriteString("</style><script>window.dataLayer=window.dataLayer||[];")
		for j := 0; b.Len() < chromeKB*1024/2; j++ {
			fmt.Fprintf(&b, "dataLayer.push({event:'slot%d',size:[%d,%d]});", j, 300+j%5, 250+j%3)
		}
		b.WriteString("</script>")
	}
	b.WriteString(`</head><body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/culture">Culture</a></nav></header><main><article>`)
	fmt.Fprintf(&b, "<h1>%s</h1><p class=\"byline\">By Staff Reporter</p>\n", title)
	for _, p := range body {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString(`</article><aside><h2>Most read</h2><ul>`)
	for j := range 5 {
		fmt.Fprintf(&b, `<li><a href="/news/%d">Council debates %s</a></li>`, i+j+1, synthTopics[(i+j+1)%len(synthTopics)])
	}
	if chromeKB > 0 {
		b.WriteString(`</ul><h2>More news</h2><ul>`)
		for j := 0; b.Len() < chromeKB*1024; j++ {
			fmt.Fprintf(&b, `<li class="teaser"><a href="/news/%d"><img src="/img/%d.jpg" alt=""><span>Council debates %s, round %d</span></a></li>`,
				i+j+6, i+j+6, synthTopics[(i+j)%len(synthTopics)], i+j+6)
		}
	}
	b.WriteString(`</ul></aside></main><footer><p>© 2026 Lakeside Ledger. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`)
	return b.String()
}

// warcRecord is one WARC record, gzipped as its own member as CC-NEWS
// files are.
func warcRecord(typ, id, uri string, block []byte) []byte {
	var r bytes.Buffer
	fmt.Fprintf(&r, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: 2026-03-01T12:00:00Z\r\n", typ, id)
	if uri != "" {
		fmt.Fprintf(&r, "WARC-Target-URI: %s\r\n", uri)
	}
	ctype := "application/http; msgtype=" + typ
	if typ == "warcinfo" {
		ctype = "application/warc-fields"
	}
	fmt.Fprintf(&r, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", ctype, len(block))
	r.Write(block)
	r.WriteString("\r\n\r\n")
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(r.Bytes())
	zw.Close()
	return z.Bytes()
}

// warcID is the record id of the n-th record of a synthetic WARC.
func warcID(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }

// httpResponse is an HTTP/1.1 response message as a WARC keeps it.
func httpResponse(status int, ctype, body string) []byte {
	return fmt.Appendf(nil, "HTTP/1.1 %d Status\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, ctype, len(body), body)
}
