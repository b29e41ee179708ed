package web

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// TestOpenAPI checks that the served document is valid OpenAPI 3 and that
// every API response of TestAPI's cases, errors included, is what it
// documents: the status is listed and the body matches the schema, which
// forbids undocumented fields. Requests that succeed are checked against
// the document too, so that its parameters and bodies are the ones the
// server takes.
func TestOpenAPI(t *testing.T) {
	f := newFixture(t, Config{})
	served := f.do("GET", "/api/openapi.json", "")
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(served.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("the OpenAPI document is invalid: %v", err)
	}
	// The document names its server relatively ("/"); the router matches
	// absolute URLs.
	doc.Servers = openapi3.Servers{{URL: "http://localhost"}}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true}
	covered := map[string]bool{}
	for _, tc := range apiCases(f) {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, "http://localhost"+tc.path, strings.NewReader(tc.body))
			for i := 0; i+1 < len(tc.header); i += 2 {
				req.Header.Set(tc.header[i], tc.header[i+1])
			}
			route, params, err := router.FindRoute(req)
			if err != nil {
				if tc.status == 404 && strings.HasPrefix(tc.path, "/api/nothing") {
					return // not documented, rightly
				}
				t.Fatalf("%s %s is not in the document: %v", tc.method, tc.path, err)
			}
			covered[route.Method+" "+route.Path] = true
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
			if tc.status < 400 {
				if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
					t.Errorf("request does not match the document: %v", err)
				}
				req.Body = io.NopCloser(strings.NewReader(tc.body))
			}
			rr := f.do(tc.method, tc.path, tc.body, tc.header...)
			if rr.Code != tc.status {
				t.Fatalf("%d, want %d: %s", rr.Code, tc.status, rr.Body)
			}
			out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rr.Code,
				Header: rr.Header(), Body: io.NopCloser(bytes.NewReader(rr.Body.Bytes())), Options: opts}
			if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
				t.Errorf("response does not match the document: %v\n%s", err, rr.Body)
			}
		})
	}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !covered[method+" "+path] {
				t.Errorf("%s %s is documented but not tested", method, path)
			}
		}
	}
}
