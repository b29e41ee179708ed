package web

import (
	"html/template"
	"strings"
	"testing"
	"time"

	"verbatim"
)

// The templates that fragments.go replaced, as they were: the Go writers
// must produce the same bytes for any input.
const (
	hitTemplate = `{{define "hit"}}
<li class="hit">
  <blockquote class="kind-{{.Kind}}">{{shorten .Text 400}}</blockquote>
  <p class="meta">
    {{if .SpeakerID}}<a class="speaker" href="/speakers/{{.SpeakerID}}">{{.Speaker}}</a>{{else}}<span class="speaker">{{or .Speaker "unattributed"}}</span>{{end}}
    {{if and .SpeakerMention (ne .SpeakerMention .Speaker)}}<span class="mention">as “{{.SpeakerMention}}”</span>{{end}}
    {{with .Cue}}<span class="cue-word">{{.}}</span>{{end}}
    · <span class="kind">{{.Kind}}</span>
    · <span class="outlet">{{.Outlet}}</span>
    · <time>{{date .Published}}</time>
    · <a class="article-link" href="/articles/{{.ArticleID}}#quote-{{.QuoteID}}">{{or .Title "the article"}}</a>
  </p>
</li>
{{end}}{{define "hits"}}{{range .}}{{template "hit" .}}{{end}}{{end}}`
	piecesTemplate = `{{define "pieces"}}{{range .}}{{if ge .Quote 0}}<mark class="q c{{.Color}}{{if .Cue}} cue{{end}}{{if .Who}} who{{end}}" data-q="{{.Quote}}"{{with .Anchor}} id="{{.}}"{{end}}>{{.Text}}</mark>{{else if .Cue}}<u class="cue" data-q="{{.Of}}">{{.Text}}</u>{{else if .Who}}<span class="who c{{.Color}}" data-q="{{.Of}}">{{.Text}}</span>{{else}}{{.Text}}{{end}}{{end}}{{end}}`
)

// hostile are strings that break out of text or attributes unless escaped.
var hostile = []string{
	"", "plain words", `<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`,
	`' onmouseover='alert(1)`, "a & b + c \x00 d", "“curly” — ünïcödé 😀", "bad utf-8 \xff\xfe <b>",
	"javascript:alert(1)", "</mark></li><li>", strings.Repeat("long <word> ", 60),
}

func TestFragmentsMatchTemplates(t *testing.T) {
	ref := template.Must(template.New("ref").Funcs(pageFuncs()).Parse(hitTemplate + piecesTemplate))
	exec := func(name string, data any) string {
		var b strings.Builder
		if err := ref.ExecuteTemplate(&b, name, data); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	var hits []verbatim.QuoteHit
	var pieces []piece
	for i, s := range hostile {
		o := hostile[(i+3)%len(hostile)]
		h := verbatim.QuoteHit{QuoteID: int64(i + 1), ArticleID: int64(100 + i), Kind: verbatim.QuoteKind(o), Text: s,
			Cue: o, Speaker: s, SpeakerMention: o, Outlet: s, Title: o}
		if i%2 == 0 {
			h.SpeakerID = int64(7 * i)
			h.Published = time.Date(2025, 3, i+1, 0, 0, 0, 0, time.UTC)
		}
		if i%3 == 0 {
			h.SpeakerMention = s
		}
		hits = append(hits, h)
		for q := -1; q <= 1; q++ {
			pieces = append(pieces,
				piece{Text: s, Quote: q, Color: i % palette, Anchor: o, Cue: i%2 == 0, Who: i%3 == 0, Of: i},
				piece{Text: o, Quote: q, Cue: true},
				piece{Text: o, Quote: q, Who: true, Color: 3, Of: 2})
		}
	}
	if got, want := string(hitsHTML(hits)), exec("hits", hits); got != want {
		t.Errorf("hits\n got %q\nwant %q", got, want)
	}
	if got, want := string(hitsHTML(nil)), exec("hits", []verbatim.QuoteHit(nil)); got != want {
		t.Errorf("no hits: got %q, want %q", got, want)
	}
	if got, want := string(piecesHTML(pieces)), exec("pieces", pieces); got != want {
		t.Errorf("pieces\n got %q\nwant %q", got, want)
	}
	for _, out := range []string{string(hitsHTML(hits)), string(piecesHTML(pieces))} {
		for _, bad := range []string{"<script", "<img", `"><img`, "</mark></li><li>", "\x00", "' onmouseover"} {
			if strings.Contains(out, bad) {
				t.Errorf("unescaped %q", bad)
			}
		}
	}
}
