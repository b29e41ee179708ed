package web

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"verbatim"
)

// Charts are SVG drawn on the server: the template writes rectangles and
// text at the coordinates computed here. They need no script, print, and
// are styled by classes from style.css (inline styles are forbidden by the
// CSP).

const (
	chartW, chartH             = 720, 220
	chartLeft, chartRight      = 44, 8
	chartTop, chartBottom      = 10, 28
	plotW                      = chartW - chartLeft - chartRight
	plotH                      = chartH - chartTop - chartBottom
	maxBarsBeforeYearAggregate = 96
)

type chart struct {
	W, H   int
	Label  string
	Bars   []bar
	XTicks []tick
	YTicks []tick
	// Legend names the classes of a stacked chart.
	Legend []legendItem
	// Base is the y of the x axis.
	Base, Left, Right float64
}

// SVG writes the chart as markup, every text from the data escaped. It is
// written here rather than by the template: a chart is a few hundred
// attributes, and html/template's per-value escaping by reflection made it
// the costliest part of a speaker page.
func (c *chart) SVG() template.HTML {
	var b strings.Builder
	b.Grow(160 * (len(c.Bars) + len(c.XTicks) + len(c.YTicks) + 2))
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
	esc := escapedHTML // the one escaping the Go-written fragments use (fragments.go)
	fmt.Fprintf(&b, `<svg viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s" class="chart-svg" xmlns="http://www.w3.org/2000/svg">`,
		c.W, c.H, esc(c.Label))
	left, right := num(c.Left), num(c.Right)
	for _, t := range c.YTicks {
		y := num(t.Y)
		b.WriteString(`<line class="grid" x1="` + left + `" x2="` + right + `" y1="` + y + `" y2="` + y + `"/>`)
		b.WriteString(`<text class="ylabel" x="` + num(t.X) + `" y="` + y + `" dy="4" text-anchor="end">` + esc(t.Label) + `</text>`)
	}
	for _, r := range c.Bars {
		b.WriteString(`<rect class="` + esc(r.Class) + `" x="` + num(r.X) + `" y="` + num(r.Y) + `" width="` + num(r.W) +
			`" height="` + num(r.H) + `"><title>` + esc(r.Title) + `</title></rect>`)
	}
	base := num(c.Base)
	b.WriteString(`<line class="axis" x1="` + left + `" x2="` + right + `" y1="` + base + `" y2="` + base + `"/>`)
	for _, t := range c.XTicks {
		b.WriteString(`<text class="xlabel" x="` + num(t.X) + `" y="` + num(t.Y) + `" text-anchor="middle">` + esc(t.Label) + `</text>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

type bar struct {
	X, Y, W, H float64
	Class      string
	Title      string
}

type tick struct {
	X, Y  float64
	Label string
}

type legendItem struct {
	Class, Label string
}

// period is one bar's time and its values.
type period struct {
	start  time.Time
	values []int
}

// yearly merges monthly periods into years when there are too many months
// for readable bars.
func yearly(ps []period) ([]period, bool) {
	if len(ps) <= maxBarsBeforeYearAggregate {
		return ps, false
	}
	var out []period
	for _, p := range ps {
		y := time.Date(p.start.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		if len(out) == 0 || !out[len(out)-1].start.Equal(y) {
			out = append(out, period{start: y, values: make([]int, len(p.values))})
		}
		for i, v := range p.values {
			out[len(out)-1].values[i] += v
		}
	}
	return out, true
}

// quotesChart draws quotes per month as bars.
func quotesChart(months []monthCount) *chart {
	if len(months) == 0 {
		return nil
	}
	ps := make([]period, len(months))
	for i, m := range months {
		ps[i] = period{m.Month, []int{m.Quotes}}
	}
	ps, years := yearly(ps)
	c := newChart("Quotes per month")
	if years {
		c.Label = "Quotes per year"
	}
	top := 0
	for _, p := range ps {
		top = max(top, p.values[0])
	}
	scale := c.yAxis(top, false)
	bw := barSlot(len(ps))
	for i, p := range ps {
		h := float64(p.values[0]) * scale
		c.Bars = append(c.Bars, bar{X: chartLeft + float64(i)*bw + bw*0.1, Y: c.Base - h, W: math.Max(bw*0.8, 1), H: h,
			Class: "bar", Title: fmt.Sprintf("%s: %d quotes", periodName(p.start, years), p.values[0])})
	}
	c.xAxis(ps, years)
	return c
}

// mixLabels name the bars of a mix chart, in the order of speakerTypes;
// the last also holds quotes whose speaker has no type.
var mixLabels = []string{"named person", "organization", "anonymous", "other or unknown"}

// mixChart draws the speaker-type mix per month as stacked bars of shares.
func mixChart(mix []typeMix) *chart {
	if len(mix) == 0 {
		return nil
	}
	ps := make([]period, len(mix))
	for i, m := range mix {
		ps[i] = period{m.Month, m.Counts[:]}
	}
	ps, years := yearly(ps)
	c := newChart("Share of quotes by speaker type per month")
	if years {
		c.Label = "Share of quotes by speaker type per year"
	}
	for i, l := range mixLabels {
		c.Legend = append(c.Legend, legendItem{Class: fmt.Sprintf("t%d", i), Label: l})
	}
	c.yAxis(100, true)
	bw := barSlot(len(ps))
	for i, p := range ps {
		total := 0
		for _, v := range p.values {
			total += v
		}
		if total == 0 {
			continue
		}
		y := c.Base
		for t, v := range p.values {
			if v == 0 {
				continue
			}
			h := float64(v) / float64(total) * plotH
			y -= h
			c.Bars = append(c.Bars, bar{X: chartLeft + float64(i)*bw + bw*0.1, Y: y, W: math.Max(bw*0.8, 1), H: h,
				Class: fmt.Sprintf("t%d", t), Title: fmt.Sprintf("%s: %s %d of %d (%.0f%%)", periodName(p.start, years),
					mixLabels[t], v, total, 100*float64(v)/float64(total))})
		}
	}
	c.xAxis(ps, years)
	return c
}

// barSlot is the width given to each of n bars: the plot's width shared,
// but no wider than 60 px, so that a few months do not look like a wall.
func barSlot(n int) float64 {
	return math.Min(plotW/float64(n), 60)
}

func newChart(label string) *chart {
	return &chart{W: chartW, H: chartH, Label: label, Base: chartTop + plotH, Left: chartLeft, Right: chartW - chartRight}
}

// yAxis sets ticks for values up to top and returns pixels per unit.
func (c *chart) yAxis(top int, percent bool) float64 {
	step := niceStep(top)
	maxV := int(math.Ceil(float64(max(top, 1))/float64(step))) * step
	scale := plotH / float64(maxV)
	for v := 0; v <= maxV; v += step {
		l := fmt.Sprint(v)
		if percent {
			l += "%"
		}
		c.YTicks = append(c.YTicks, tick{X: chartLeft - 6, Y: c.Base - float64(v)*scale, Label: l})
	}
	return scale
}

// niceStep is a step of 1, 2 or 5 times a power of ten giving at most five
// ticks.
func niceStep(top int) int {
	if top <= 5 {
		return 1
	}
	raw := float64(top) / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return int(m * p)
		}
	}
	return int(10 * p)
}

// xAxis labels the periods: every year's first bar, or every few months
// when the range is short.
func (c *chart) xAxis(ps []period, years bool) {
	bw := barSlot(len(ps))
	every := max(1, len(ps)/8)
	for i, p := range ps {
		label := ""
		switch {
		case years:
			if i%every == 0 {
				label = fmt.Sprint(p.start.Year())
			}
		case len(ps) <= 12:
			label = p.start.Format("Jan 06")
		case p.start.Month() == time.January || i == 0:
			if len(ps) <= 48 || p.start.Year()%max(1, len(ps)/96) == 0 {
				label = p.start.Format("2006")
			}
		}
		if label != "" {
			c.XTicks = append(c.XTicks, tick{X: chartLeft + float64(i)*bw + bw/2, Y: c.Base + 18, Label: label})
		}
	}
}

func periodName(t time.Time, years bool) string {
	if years {
		return t.Format("2006")
	}
	return t.Format("January 2006")
}

func typeLabel(t verbatim.SpeakerType) string {
	switch t {
	case "person":
		return "named person"
	case "organization":
		return "organization"
	case "anonymous":
		return "anonymous"
	case "other":
		return "other"
	}
	return "unknown"
}
