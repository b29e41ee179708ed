package keyset

import (
	"encoding/base64"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	for _, c := range []Cursor{{ByRank: true, Rank: -3.25, ID: 7}, {Time: 1700000000000, ID: 42}} {
		got, err := Decode(c.Encode(), c.ByRank)
		if err != nil || *got != c {
			t.Errorf("Decode(Encode(%+v)) = %+v, %v", c, got, err)
		}
		if _, err := Decode(c.Encode(), !c.ByRank); err == nil {
			t.Errorf("%+v accepted for the other order", c)
		}
	}
	for _, bad := range []string{"!!", "eA", b64("d|5"), b64("d|x|1"), b64("q|1|1")} {
		if _, err := Decode(bad, false); err == nil {
			t.Errorf("Decode(%q) accepted", bad)
		}
	}
	if c, err := Decode("", true); c != nil || err != nil {
		t.Errorf("empty cursor = %v, %v", c, err)
	}
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
