package web

import (
	"cmp"
	"html/template"
	"strconv"
	"strings"

	"verbatim"
)

// The most repeated fragments of the pages, written in Go rather than by a
// template: a search result ("hit"; twenty on a search page, ten on a
// speaker's and the home page) and an article's highlighted pieces (a few
// hundred on an article page). html/template escapes each value by
// reflection, which made these loops a third of the server's CPU.
//
// Every value is escaped with escapeHTML, which writes exactly what
// html/template writes for a value in text or in a quoted attribute, so
// the pages are byte for byte the same as the templates made them
// (TestFragmentsMatchTemplates compares them on hostile input). Only
// integers are written unescaped.

// htmlEscaper is html/template's escaping of text and quoted attribute
// values: its htmlReplacementTable, NUL included.
var htmlEscaper = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

// escapeHTML appends s to b escaped for HTML text or a quoted attribute.
func escapeHTML(b *strings.Builder, s string) {
	if strings.ContainsAny(s, "\x00\"&'+<>") {
		htmlEscaper.WriteString(b, s)
		return
	}
	b.WriteString(s)
}

// escapedHTML is s escaped as escapeHTML writes it.
func escapedHTML(s string) string {
	if strings.ContainsAny(s, "\x00\"&'+<>") {
		return htmlEscaper.Replace(s)
	}
	return s
}

func writeInt(b *strings.Builder, n int64) {
	var buf [20]byte
	b.Write(strconv.AppendInt(buf[:0], n, 10))
}

// hitsHTML renders search results as the list items of an <ol
// class="hits">.
func hitsHTML(hits []verbatim.QuoteHit) template.HTML {
	var b strings.Builder
	b.Grow(len(hits) * 900)
	for i := range hits {
		writeHit(&b, &hits[i])
	}
	return template.HTML(b.String())
}

func writeHit(b *strings.Builder, h *verbatim.QuoteHit) {
	b.WriteString("\n<li class=\"hit\">\n  <blockquote class=\"kind-")
	escapeHTML(b, string(h.Kind))
	b.WriteString("\">")
	escapeHTML(b, shorten(h.Text, 400))
	b.WriteString("</blockquote>\n  <p class=\"meta\">\n    ")
	if h.SpeakerID != 0 {
		b.WriteString("<a class=\"speaker\" href=\"/speakers/")
		writeInt(b, h.SpeakerID)
		b.WriteString("\">")
		escapeHTML(b, h.Speaker)
		b.WriteString("</a>")
	} else {
		b.WriteString("<span class=\"speaker\">")
		escapeHTML(b, cmp.Or(h.Speaker, "unattributed"))
		b.WriteString("</span>")
	}
	b.WriteString("\n    ")
	if h.SpeakerMention != "" && h.SpeakerMention != h.Speaker {
		b.WriteString("<span class=\"mention\">as “")
		escapeHTML(b, h.SpeakerMention)
		b.WriteString("”</span>")
	}
	b.WriteString("\n    ")
	if h.Cue != "" {
		b.WriteString("<span class=\"cue-word\">")
		escapeHTML(b, h.Cue)
		b.WriteString("</span>")
	}
	b.WriteString("\n    · <span class=\"kind\">")
	escapeHTML(b, string(h.Kind))
	b.WriteString("</span>\n    · <span class=\"outlet\">")
	escapeHTML(b, h.Outlet)
	b.WriteString("</span>\n    · <time>")
	escapeHTML(b, fmtDate(h.Published))
	b.WriteString("</time>\n    · <a class=\"article-link\" href=\"/articles/")
	writeInt(b, h.ArticleID)
	b.WriteString("#quote-")
	writeInt(b, h.QuoteID)
	b.WriteString("\">")
	escapeHTML(b, cmp.Or(h.Title, "the article"))
	b.WriteString("</a>\n  </p>\n</li>\n")
}

// piecesHTML renders a block's pieces: plain text, quotes (<mark>), cues
// (<u>) and speaker mentions (<span class="who">).
func piecesHTML(ps []piece) template.HTML {
	var b strings.Builder
	n := 0
	for i := range ps {
		n += len(ps[i].Text) + 60
	}
	b.Grow(n)
	for i := range ps {
		p := &ps[i]
		switch {
		case p.Quote >= 0:
			b.WriteString(`<mark class="q c`)
			writeInt(&b, int64(p.Color))
			if p.Cue {
				b.WriteString(" cue")
			}
			if p.Who {
				b.WriteString(" who")
			}
			b.WriteString(`" data-q="`)
			writeInt(&b, int64(p.Quote))
			b.WriteString(`"`)
			if p.Anchor != "" {
				b.WriteString(` id="`)
				escapeHTML(&b, p.Anchor)
				b.WriteString(`"`)
			}
			b.WriteString(">")
			escapeHTML(&b, p.Text)
			b.WriteString("</mark>")
		case p.Cue:
			b.WriteString(`<u class="cue" data-q="`)
			writeInt(&b, int64(p.Of))
			b.WriteString(`">`)
			escapeHTML(&b, p.Text)
			b.WriteString("</u>")
		case p.Who:
			b.WriteString(`<span class="who c`)
			writeInt(&b, int64(p.Color))
			b.WriteString(`" data-q="`)
			writeInt(&b, int64(p.Of))
			b.WriteString(`">`)
			escapeHTML(&b, p.Text)
			b.WriteString("</span>")
		default:
			escapeHTML(&b, p.Text)
		}
	}
	return template.HTML(b.String())
}
