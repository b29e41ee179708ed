package sqlite

import (
	"errors"
	"testing"
)

func TestMatchQuery(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{in: "", want: ""},
		{in: "   ", want: ""},
		{in: "defence", want: `("defence")`},
		{in: "defence spending", want: `("defence" AND "spending")`},
		{in: `"air defence" now`, want: `("air defence" AND "now")`},
		{in: "fat rats OR cats", want: `("fat" AND "rats") OR ("cats")`},
		{in: `defence -air -"missile shield"`, want: `("defence" NOT "air" NOT "missile shield")`},
		{in: `don't`, want: `("don't")`},
		{in: `say "hi`, want: `("say" AND "hi")`},
		{in: `NEAR(a b)`, want: `("NEAR(a" AND "b)")`},
		{in: `a"b"c`, want: `("a" AND "b" AND "c")`},
		{in: `OR defence`, want: `("OR" AND "defence")`},
		{in: `defence OR`, want: `("defence" AND "OR")`},
		{in: `* - ""`, want: ""},
		{in: `a OR -b`, want: `("a")`},
		{in: "-defence", err: errNothingToFind},
		{in: `-"air defence"`, err: errNothingToFind},
	}
	for _, tt := range tests {
		got, err := matchQuery(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("matchQuery(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}
