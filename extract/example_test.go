package extract_test

import (
	"fmt"

	"verbatim/extract"
)

func ExampleExtractor_Extract() {
	text := "Bridge to reopen\n\n" +
		"“We will rebuild the bridge by spring,” said Mayor Anna Holt. " +
		"According to officials, the repairs will cost less than feared.\n"
	a, err := extract.New().Extract(text)
	if err != nil {
		panic(err)
	}
	for _, q := range a.Quotes {
		fmt.Printf("%s | %s | %s | %s\n", q.Kind, q.SpeakerRef, q.Speaker.Text, q.Content.Text)
	}
	// Output:
	// direct | Anna Holt | Mayor Anna Holt | “We will rebuild the bridge by spring,”
	// indirect |  | officials | the repairs will cost less than feared
}
