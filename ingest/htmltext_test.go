package ingest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestNodeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<p>One <b>two</b>\n  three</p><p>Four.</p>", "One two three\n\nFour."},
		{"<p>Line<br>break</p>", "Line\nbreak"},
		{"First paragraph.<br><br>Second paragraph.<br> <br>\nThird.", "First paragraph.\n\nSecond paragraph.\n\nThird."},
		{"<ul><li>a</li><li>b</li></ul><h2>Sub</h2><p>text</p>", "a\n\nb\n\nSub\n\ntext"},
		{"<p>x<script>var a = 1;</script><style>p{}</style>y</p>", "xy"},
		{"<div><p>nested</p>tail</div>", "nested\n\ntail"},
		{"<table><tr><td>cell 1</td><td>cell 2</td></tr></table>", "cell 1\n\ncell 2"},
		{"<p>&ldquo;Quoted,&rdquo; she said.&nbsp;</p>", "“Quoted,” she said."},
		{"", ""},
	} {
		doc, err := html.Parse(strings.NewReader("<html><body>" + tc.in + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		if got := nodeText(doc); got != tc.want {
			t.Errorf("nodeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
