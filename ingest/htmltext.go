package ingest

import (
	"strings"

	"golang.org/x/net/html"
)

// nodeText is the text of an HTML tree as Verbatim stores it: paragraphs
// (and headings, list items, cells) separated by a blank line, a <br> as a
// line break, other runs of white space as one space. The blank line is
// the paragraph mark of the eval files, which the segmenter reads.
func nodeText(n *html.Node) string {
	var w paraWriter
	w.walk(n)
	w.endPara()
	return repairText(strings.Join(w.paras, "\n\n"))
}

type paraWriter struct {
	paras []string
	lines []string // the finished lines of the current paragraph
	cur   strings.Builder
	// afterBR is set from a <br> until the next non-blank text: a second
	// <br> then ends the paragraph, as "<br><br>" does on pages that make
	// paragraphs that way.
	afterBR bool
}

func (w *paraWriter) endLine() {
	if l := strings.Join(strings.Fields(w.cur.String()), " "); l != "" {
		w.lines = append(w.lines, l)
	}
	w.cur.Reset()
}

func (w *paraWriter) endPara() {
	w.afterBR = false
	w.endLine()
	if len(w.lines) > 0 {
		w.paras = append(w.paras, strings.Join(w.lines, "\n"))
	}
	w.lines = w.lines[:0]
}

func (w *paraWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		if strings.TrimSpace(n.Data) != "" {
			w.afterBR = false
		}
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "noscript", "template", "iframe", "svg", "object", "head":
			if n.Data != "head" || n.Parent == nil || n.Parent.Data == "html" {
				// <head> is skipped as the document head only: trafilatura
				// names its headings "head".
				return
			}
		case "br", "lb":
			if w.afterBR && strings.TrimSpace(w.cur.String()) == "" {
				w.endPara()
			} else {
				w.endLine()
			}
			w.afterBR = true
			return
		case "hr":
			w.endPara()
			return
		}
	}
	block := n.Type == html.ElementNode && blockElements[n.Data]
	if block {
		w.endPara()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.endPara()
	}
}

// blockElements are the elements that make paragraphs: HTML's, and the
// names trafilatura uses in its output tree.
var blockElements = map[string]bool{
	"p": true, "div": true, "li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"blockquote": true, "pre": true, "table": true, "tr": true, "td": true, "th": true,
	"section": true, "article": true, "header": true, "footer": true, "aside": true, "main": true,
	"nav": true, "figure": true, "figcaption": true, "address": true, "details": true, "summary": true,
	"head": true, "list": true, "item": true, "quote": true, "row": true, "cell": true, "code": true,
}
