// Package score measures extracted quotes against gold annotations.
//
// It exists so that every number Verbatim reports about itself means the same
// thing: one set of matching rules (see [Rules]) decides when a predicted
// quotation counts as the gold one, whose speaker and cue it got right, and
// how the results add up over a corpus. The eval command feeds it one article
// at a time through [Scorer.Add] and prints [Result.WriteText].
//
// Scores are kept apart for each [Class] of quotation and each overlap
// threshold τ (by default [Loose] = 0.3 and [Strict] = 0.8), because direct
// quotes, which have visible quotation marks, are far easier than reported
// speech, and a loose threshold forgives boundary disagreements that a strict
// one does not.
package score
