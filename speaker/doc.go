// Package speaker decides which speaker identity a speaker mention belongs to
// across articles: whether "Rutte" in one article and "NATO Secretary General
// Mark Rutte" in another are one person, and whether "Anna Rutte" is another.
//
// It is pure: the store looks up the candidate identities (by the keys Keys
// returns), passes them to Resolve with what it knows of the article, and
// records the Decision. Every decision names the rule that made it, so that a
// wrong merge can be traced to a rule and argued about.
//
// The rules, in the order they are tried for a person:
//
//   - Titles and roles are not part of a name ("Prime Minister Mark Rutte" is
//     "Mark Rutte"); a small list of general title words strips them.
//   - Two full names with different first names never merge ("Mark Rutte",
//     "Anna Rutte"); an initial agrees with any first name it starts
//     ("M. Rutte"), and middle names or initials must not conflict.
//   - A surname-only mention ("Rutte") takes the full name of the one person
//     with that surname named elsewhere in the same article.
//   - Otherwise it joins the one known person with that surname who shares a
//     role with it, else the one quoted by the same outlet, else the one
//     known at all; when several are equally likely it joins none.
//   - A full name joins a surname-only identity when that is the only person
//     known by the surname, and the identity takes the fuller name.
//
// Organisations merge on the same normalised name, on a shared alias, or when
// one name is the acronym of the other ("NATO"). Anonymous and other speakers
// have no identity across articles.
package speaker
