package speaker

import "testing"

// Normalize is called from many goroutines (concurrent saves, the web
// server's searches); run with -race to see a shared transformer.
func TestNormalizeConcurrent(t *testing.T) {
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func() {
			for i := 0; i < 500; i++ {
				if got := Normalize("Jean-Claude Juncker, Zoë Æbelø"); got != "jean claude juncker zoe æbelø" {
					t.Errorf("Normalize = %q", got)
				}
			}
			done <- true
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
}
