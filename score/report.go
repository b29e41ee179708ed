package score

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Rules documents the matching rules behind every number this package
// reports; `verbatim eval -h` prints it.
const Rules = `Scoring rules (package verbatim/score):

  Trimming   Every span (content, segment, speaker, cue) loses, at both
             ends and until nothing more goes: quotation marks
             " “ ” „ ‟ « » ‹ › ‘ ’ ‚ ' ` + "`" + ` (so '' and ` + "``" + ` too); blanks (any
             Unicode space); punctuation . , ; : ! ? … ¡ ¿ ‽ · and every
             Unicode dash (- – — included).
             Offsets are byte offsets into the article text. A speaker or
             cue span that trims to nothing counts as absent.
  Units      A quote is one unit, or one unit per segment when its content has
             segments. A segment or content that trims to nothing is dropped.
             Units carry their quote's kind, speaker, speaker_ref and cue.
  Classes    direct = kind "direct"; direct+mixed = "direct" or "mixed";
             indirect = "indirect" or "reported"; all = every kind.
             Each class pairs only its own units, on both sides.
  Match      A predicted and a gold unit match at threshold τ when their
             overlap in bytes is at least τ × the length of each. Pairs are
             taken greedily, largest overlap first, one to one (ties: smaller
             union first, then gold order, then predicted order).
             P = matched/predicted, R = matched/gold, F1 = 2PR/(P+R).
             τ = 0.3 (loose) and 0.8 (strict).
  Speaker    Over matched pairs whose gold quote has a speaker span. Correct
             when the predicted speaker span overlaps the gold one and is at
             most 2 × its length + 3 bytes, or when the names agree: predicted
             speaker_ref (else speaker text) against gold speaker_ref (else
             speaker text), lowercased, blanks folded, a leading "the " and
             end punctuation removed; equal, or one ends with the other at a
             word boundary ("Rutte" ~ "Mark Rutte").
  Cue        Over matched pairs whose gold quote has a cue: correct when the
             predicted cue overlaps it.
  Empty      A ratio with nothing to divide is 0, shown as "-".
`

// WriteText prints r as a compact table headed by label, one row per class
// and threshold.
func (r Result) WriteText(w io.Writer, label string) error {
	articles := "articles"
	if r.Articles == 1 {
		articles = "article"
	}
	if _, err := fmt.Fprintf(w, "%s (%d %s)\n", label, r.Articles, articles); err != nil {
		return err
	}
	// Numbers read best right-aligned; class names are padded by hand so
	// that they stay left-aligned in the right-aligning table.
	classWidth := 0
	for _, c := range Classes {
		classWidth = max(classWidth, len(c.String()))
	}
	table := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(table, "%-*s\tτ\tgold\tpred\tmatch\tP\tR\tF1\tspeaker\tcue\t\n", classWidth, "class")
	for _, c := range Classes {
		for i, tau := range r.thresholds {
			n := r.counts[c][i]
			fmt.Fprintf(table, "%-*s\t%.1f\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t\n",
				classWidth, c, tau, n.Gold, n.Predicted, n.Matched,
				cell(n.Precision(), n.Predicted), cell(n.Recall(), n.Gold),
				cell(n.F1(), n.Predicted+n.Gold),
				cell(n.SpeakerAccuracy(), n.SpeakerTotal), cell(n.CueAccuracy(), n.CueTotal))
		}
	}
	return table.Flush()
}

// cell formats a ratio, or "-" when its denominator is zero, so that an empty
// class does not read as a failed one.
func cell(value float64, denominator int) string {
	if denominator == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", value)
}
