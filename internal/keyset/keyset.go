// Package keyset encodes the search cursors both stores hand out for keyset
// pagination, so that a cursor means the same on SQLite and PostgreSQL.
package keyset

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// Cursor is the position after the last hit of a page: the hit's rank for
// a relevance search, its publication time for the newest-first order, and
// its id to break ties.
type Cursor struct {
	ByRank bool
	Rank   float64
	Time   int64
	ID     int64
}

// Encode returns the cursor as an opaque URL-safe string.
func (c Cursor) Encode() string {
	var s string
	if c.ByRank {
		s = "r|" + strconv.FormatFloat(c.Rank, 'g', -1, 64) + "|" + strconv.FormatInt(c.ID, 10)
	} else {
		s = "d|" + strconv.FormatInt(c.Time, 10) + "|" + strconv.FormatInt(c.ID, 10)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

// Decode reads a cursor for a query of the given order; "" is the first
// page (nil). A cursor made for the other order is an error.
func Decode(s string, byRank bool) (*Cursor, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	parts := strings.Split(string(b), "|")
	if err != nil || len(parts) != 3 || (parts[0] == "r") != byRank || (parts[0] != "r" && parts[0] != "d") {
		return nil, fmt.Errorf("invalid cursor %q for this query", s)
	}
	c := &Cursor{ByRank: byRank}
	var e1, e2 error
	if byRank {
		c.Rank, e1 = strconv.ParseFloat(parts[1], 64)
	} else {
		c.Time, e1 = strconv.ParseInt(parts[1], 10, 64)
	}
	c.ID, e2 = strconv.ParseInt(parts[2], 10, 64)
	if e1 != nil || e2 != nil {
		return nil, fmt.Errorf("invalid cursor %q", s)
	}
	return c, nil
}
