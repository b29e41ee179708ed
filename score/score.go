package score

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"verbatim"
)

// Class is a group of quotation kinds scored together.
type Class int

// The classes. They overlap on purpose: Direct is what quotation marks alone
// should find, DirectMixed adds the reported clauses that hold a quoted
// fragment, Indirect is speech without quotation marks, All is everything.
const (
	Direct      Class = iota // kind "direct"
	DirectMixed              // kinds "direct" and "mixed"
	Indirect                 // kinds "indirect" and "reported"
	All                      // every kind, including kinds not listed here
	numClasses
)

// Classes lists every class in the order tables show them.
var Classes = []Class{Direct, DirectMixed, Indirect, All}

// String names the class as tables and flags do.
func (c Class) String() string {
	switch c {
	case Direct:
		return "direct"
	case DirectMixed:
		return "direct+mixed"
	case Indirect:
		return "indirect"
	case All:
		return "all"
	}
	return fmt.Sprintf("Class(%d)", int(c))
}

// classSet is the set of classes a unit belongs to, one bit per Class.
type classSet uint8

func (s classSet) has(c Class) bool { return s&(1<<c) != 0 }

// classesOf maps a quote kind to its classes. Kinds are compared without
// regard to case or surrounding blanks, because they come from hand-converted
// gold files as well as from the engine.
func classesOf(kind verbatim.QuoteKind) classSet {
	set := classSet(1 << All)
	switch strings.ToLower(strings.TrimSpace(string(kind))) {
	case "direct":
		set |= 1<<Direct | 1<<DirectMixed
	case "mixed":
		set |= 1 << DirectMixed
	case "indirect", "reported":
		set |= 1 << Indirect
	}
	return set
}

// The overlap thresholds Verbatim reports. Loose forgives an annotator who
// left out a clause; Strict asks for nearly the same boundaries.
const (
	Loose  = 0.3
	Strict = 0.8
)

// tolerance absorbs floating-point error in τ × length, so that 3 bytes of
// overlap meet 0.3 × 10 bytes however the product rounds.
const tolerance = 1e-9

// Counts are the raw tallies for one class at one threshold.
type Counts struct {
	Gold, Predicted, Matched int
	// SpeakerTotal counts matched pairs whose gold quote names a speaker;
	// SpeakerCorrect those of them whose speaker the prediction got right.
	SpeakerCorrect, SpeakerTotal int
	// CueTotal counts matched pairs whose gold quote has a cue; CueCorrect
	// those of them whose predicted cue overlaps it.
	CueCorrect, CueTotal int
}

// ratio returns part/whole, or 0 when there is nothing to divide: a class with
// no predictions has found nothing, and reading that as 0 keeps sums and
// comparisons free of NaN. Tables show such cells as "-".
func ratio(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// Precision is matched / predicted units.
func (c Counts) Precision() float64 { return ratio(c.Matched, c.Predicted) }

// Recall is matched / gold units.
func (c Counts) Recall() float64 { return ratio(c.Matched, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// SpeakerAccuracy is SpeakerCorrect / SpeakerTotal.
func (c Counts) SpeakerAccuracy() float64 { return ratio(c.SpeakerCorrect, c.SpeakerTotal) }

// CueAccuracy is CueCorrect / CueTotal.
func (c Counts) CueAccuracy() float64 { return ratio(c.CueCorrect, c.CueTotal) }

func (c *Counts) add(o Counts) {
	c.Gold += o.Gold
	c.Predicted += o.Predicted
	c.Matched += o.Matched
	c.SpeakerCorrect += o.SpeakerCorrect
	c.SpeakerTotal += o.SpeakerTotal
	c.CueCorrect += o.CueCorrect
	c.CueTotal += o.CueTotal
}

// Result holds the counts for every class and threshold over the articles
// scored so far. It is a value: a Result taken from a Scorer does not change
// when the Scorer goes on.
type Result struct {
	// Articles is the number of articles scored.
	Articles   int
	thresholds []float64
	counts     [numClasses][]Counts // indexed like thresholds
}

func newResult(thresholds []float64) Result {
	r := Result{thresholds: thresholds}
	for c := range r.counts {
		r.counts[c] = make([]Counts, len(thresholds))
	}
	return r
}

func (r Result) clone() Result {
	out := r
	for c := range out.counts {
		out.counts[c] = slices.Clone(r.counts[c])
	}
	return out
}

// Thresholds returns the τ values the result was scored at.
func (r Result) Thresholds() []float64 { return slices.Clone(r.thresholds) }

// Counts returns the tallies for class c at threshold tau. It panics when tau
// is not one of r.Thresholds() or c is not a Class: either is a caller bug,
// and a silent zero would pass for a bad score.
func (r Result) Counts(c Class, tau float64) Counts {
	if c < 0 || c >= numClasses {
		panic(fmt.Sprintf("score: unknown class %d", int(c)))
	}
	for i, t := range r.thresholds {
		if math.Abs(t-tau) < tolerance {
			return r.counts[c][i]
		}
	}
	panic(fmt.Sprintf("score: threshold %g was not scored (have %v)", tau, r.thresholds))
}

// Precision is matched / predicted units of class c at threshold tau.
func (r Result) Precision(c Class, tau float64) float64 { return r.Counts(c, tau).Precision() }

// Recall is matched / gold units of class c at threshold tau.
func (r Result) Recall(c Class, tau float64) float64 { return r.Counts(c, tau).Recall() }

// F1 is the harmonic mean of Precision and Recall.
func (r Result) F1(c Class, tau float64) float64 { return r.Counts(c, tau).F1() }

// SpeakerAccuracy is the share of matched pairs with a gold speaker whose
// speaker the prediction got right.
func (r Result) SpeakerAccuracy(c Class, tau float64) float64 {
	return r.Counts(c, tau).SpeakerAccuracy()
}

// CueAccuracy is the share of matched pairs with a gold cue whose predicted
// cue overlaps it.
func (r Result) CueAccuracy(c Class, tau float64) float64 { return r.Counts(c, tau).CueAccuracy() }

// Scorer accumulates results over articles. The zero value is not usable; use
// New. A Scorer is not safe for concurrent use: score articles in parallel
// with one Scorer each and combine them with Merge.
type Scorer struct {
	total Result
}

// New returns a Scorer at the thresholds Verbatim reports, Loose and Strict.
func New() *Scorer { return NewAt(Loose, Strict) }

// NewAt returns a Scorer at the given thresholds, each in (0, 1].
func NewAt(thresholds ...float64) *Scorer {
	for _, t := range thresholds {
		if !(t > 0 && t <= 1) {
			panic(fmt.Sprintf("score: threshold %g outside (0, 1]", t))
		}
	}
	return &Scorer{total: newResult(slices.Clone(thresholds))}
}

// Add scores one article: text is the article text, gold and pred its quotes.
func (s *Scorer) Add(text string, gold, pred []verbatim.Quote) {
	article := s.Score(text, gold, pred)
	s.total.Articles++
	s.addCounts(article)
}

// Merge adds the articles scored by other. Both must use the same thresholds.
func (s *Scorer) Merge(other *Scorer) {
	if !slices.Equal(s.total.thresholds, other.total.thresholds) {
		panic(fmt.Sprintf("score: merging thresholds %v into %v", other.total.thresholds, s.total.thresholds))
	}
	s.total.Articles += other.total.Articles
	s.addCounts(other.total)
}

func (s *Scorer) addCounts(r Result) {
	for c := range s.total.counts {
		for i := range s.total.counts[c] {
			s.total.counts[c][i].add(r.counts[c][i])
		}
	}
}

// Result returns the totals so far.
func (s *Scorer) Result() Result { return s.total.clone() }

// Score scores one article without adding it to the totals, for callers that
// want to rank articles by how badly they went.
func (s *Scorer) Score(text string, gold, pred []verbatim.Quote) Result {
	goldUnits, predUnits := quoteUnits(text, gold), quoteUnits(text, pred)
	r := newResult(s.total.thresholds)
	r.Articles = 1
	for c := range numClasses {
		goldInClass, predInClass := countIn(goldUnits, c), countIn(predUnits, c)
		for i := range r.thresholds {
			r.counts[c][i].Gold, r.counts[c][i].Predicted = goldInClass, predInClass
		}
	}
	candidates := overlappingPairs(goldUnits, predUnits)
	goldTaken := make([]bool, len(goldUnits))
	predTaken := make([]bool, len(predUnits))
	for c := range numClasses {
		for i, tau := range r.thresholds {
			clear(goldTaken)
			clear(predTaken)
			counts := &r.counts[c][i]
			for _, pair := range candidates {
				g, p := &goldUnits[pair.gold], &predUnits[pair.pred]
				if goldTaken[pair.gold] || predTaken[pair.pred] ||
					!g.classes.has(c) || !p.classes.has(c) ||
					!meets(pair.overlap, g.length(), tau) || !meets(pair.overlap, p.length(), tau) {
					continue
				}
				goldTaken[pair.gold], predTaken[pair.pred] = true, true
				counts.Matched++
				if g.speaker.present() {
					counts.SpeakerTotal++
					if speakerCorrect(*g, *p) {
						counts.SpeakerCorrect++
					}
				}
				if g.cue.present() {
					counts.CueTotal++
					if p.cue.overlap(g.cue) > 0 {
						counts.CueCorrect++
					}
				}
			}
		}
	}
	return r
}

func countIn(units []unit, c Class) int {
	n := 0
	for _, u := range units {
		if u.classes.has(c) {
			n++
		}
	}
	return n
}

// meets reports whether overlap covers at least tau of a unit of length n.
func meets(overlap, n int, tau float64) bool {
	return float64(overlap) >= tau*float64(n)-tolerance
}

// candidate is a gold and a predicted unit that share text.
type candidate struct {
	gold, pred, overlap, union int
}

// overlappingPairs lists every gold/pred pair that shares text, in the order
// greedy pairing takes them: largest overlap first; on a tie the tighter pair
// (smaller union) first, so that of two identical gold units each keeps its
// own twin; then by position, so that results do not depend on sort details.
// Computing this once serves every class and threshold: restricting the list
// keeps its order.
func overlappingPairs(gold, pred []unit) []candidate {
	var pairs []candidate
	for gi, g := range gold {
		for pi, p := range pred {
			if o := g.overlap(p.interval); o > 0 {
				pairs = append(pairs, candidate{gold: gi, pred: pi, overlap: o,
					union: g.length() + p.length() - o})
			}
		}
	}
	slices.SortFunc(pairs, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.overlap, a.overlap), cmp.Compare(a.union, b.union),
			cmp.Compare(a.gold, b.gold), cmp.Compare(a.pred, b.pred))
	})
	return pairs
}
