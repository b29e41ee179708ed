package web

import (
	"fmt"
	"testing"
)

// BenchmarkPages renders the pages the load check asks for most, from the
// test fixture's store, without the network: what a request costs the
// server's CPU.
func BenchmarkPages(b *testing.B) {
	f := newFixture(b, Config{})
	for _, page := range []struct{ name, path string }{
		{"article", fmt.Sprintf("/articles/%d", f.ids[0])},
		{"speaker", fmt.Sprintf("/speakers/%d", f.speakerID("Anna Holt"))},
		{"search", "/search?q=city"},
		{"api-search", "/api/search?q=city"},
	} {
		b.Run(page.name, func(b *testing.B) {
			for b.Loop() {
				if rr := f.do("GET", page.path, ""); rr.Code != 200 {
					b.Fatalf("GET %s: %d", page.path, rr.Code)
				}
			}
		})
	}
}
