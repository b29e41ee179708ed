package langdetect

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

func TestDetect(t *testing.T) {
	d := New("en")
	cases := []struct{ text, want string }{
		{"The mayor said on Tuesday that the bridge would reopen in spring.", "en"},
		{"Die Bürgermeisterin sagte am Dienstag, die Brücke werde im Frühjahr wieder geöffnet.", "de"},
		{"La ministre a déclaré mardi que le pont serait rouvert au printemps, selon un communiqué du gouvernement.", "fr"},
		{"La ministra afirmó el martes que el puente se abrirá de nuevo en primavera, según un comunicado del Gobierno.", "es"},
		{"Headline here. Mr. Clarke hoped electric utilities would be able to count his credits.", "en"},
		{"Der Minister bleibt im Amt.", "de"},
		{"", "en"},
		{"12345 67890", "en"},
	}
	for _, c := range cases {
		if got := d.Detect(c.text); got != c.want {
			t.Errorf("Detect(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestDetectEvalFiles measures accuracy on the shared evaluation files when
// they are there: every article of each file is in the file's language.
func TestDetectEvalFiles(t *testing.T) {
	d := New("en")
	for file, want := range map[string]string{
		"../../shared/eval/polnear-dev.jsonl":     "en",
		"../../shared/eval/de-wikinews-dev.jsonl": "de",
	} {
		f, err := os.Open(file)
		if err != nil {
			t.Skipf("shared data not available: %v", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 64<<20)
		n, right := 0, 0
		for sc.Scan() {
			var doc struct{ Text string }
			if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			n++
			if d.Detect(doc.Text) == want {
				right++
			}
		}
		f.Close()
		t.Logf("%s: %d of %d detected as %s", file, right, n, want)
		if right < n*98/100 {
			t.Errorf("%s: only %d of %d detected as %s", file, right, n, want)
		}
	}
}

func BenchmarkDetect(b *testing.B) {
	d := New("en")
	text := "Die Bürgermeisterin sagte am Dienstag, die Brücke werde im Frühjahr wieder geöffnet. „Wir halten unser Versprechen“, sagte sie."
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		d.Detect(text)
	}
}

// BenchmarkDetectNews detects the language of every PolNeAR train article;
// compare its ns/article with extract's BenchmarkExtract.
func BenchmarkDetectNews(b *testing.B) {
	f, err := os.Open("../../shared/eval/polnear-train.jsonl")
	if err != nil {
		b.Skipf("shared data not available: %v", err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var doc struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, doc.Text)
	}
	d := New("en")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			d.Detect(t)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/article")
}
