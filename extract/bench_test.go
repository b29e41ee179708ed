package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// loadTexts reads article texts from an eval-format JSONL file, or skips
// the benchmark when the shared data is absent.
func loadTexts(tb testing.TB, path string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("no shared data: %v", err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var d struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, d.Text)
	}
	return texts
}

// BenchmarkExtract runs the whole pipeline over the PolNeAR train texts;
// MB/s is article text per second on one core.
func BenchmarkExtract(b *testing.B) {
	texts := loadTexts(b, "../../shared/eval/polnear-train.jsonl")
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	e := New()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := e.Extract(t); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "articles/s")
}
