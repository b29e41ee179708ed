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

// BenchmarkExtract runs the whole pipeline over the articles of each
// language, with the language detected (auto) and given (fixed): MB/s is
// article text per second on one core, and the two tell what detection,
// per article and per paragraph, costs.
func BenchmarkExtract(b *testing.B) {
	for _, set := range []struct{ code, path string }{
		{"en", "../../shared/eval/polnear-train.jsonl"},
		{"de", "../../shared/eval/de-wikinews-train.jsonl"},
		{"fr", "../testdata/fr-news.jsonl"},
		{"es", "../testdata/es-news.jsonl"},
	} {
		for _, mode := range []string{"auto", "fixed"} {
			b.Run(set.code+"/"+mode, func(b *testing.B) {
				texts := loadTexts(b, set.path)
				size := 0
				for _, t := range texts {
					size += len(t)
				}
				e := New()
				if mode == "fixed" {
					e = New(WithLanguage(set.code))
				}
				b.SetBytes(int64(size))
				b.ReportAllocs()
				for b.Loop() {
					for _, t := range texts {
						if _, err := e.Extract(t); err != nil {
							b.Fatal(err)
						}
					}
				}
				b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "articles/s")
			})
		}
	}
}
