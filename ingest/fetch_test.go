package ingest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestNonPublic(t *testing.T) {
	for _, tc := range []struct {
		addr, want string
	}{
		{"127.0.0.1", "loopback"},
		{"127.8.9.10", "loopback"},
		{"::1", "loopback"},
		{"::ffff:127.0.0.1", "loopback"},
		{"10.1.2.3", "private"},
		{"172.16.0.1", "private"},
		{"192.168.1.1", "private"},
		{"fd00::1", "private"},
		{"169.254.169.254", "link-local"},
		{"fe80::1", "link-local"},
		{"0.0.0.0", "unspecified"},
		{"::", "unspecified"},
		{"239.1.2.3", "multicast"},
		{"255.255.255.255", "broadcast"},
		{"100.64.0.1", "shared (carrier-grade NAT)"},
		{"0.1.2.3", "this-network"},
		{"198.18.0.1", "benchmarking"},
		{"240.0.0.1", "reserved"},
		{"64:ff9b::10.0.0.1", "private (embedded in IPv6)"},
		{"2002:7f00:1::", "loopback (embedded in IPv6)"},
		{"93.184.215.14", ""},
		{"2606:2800:21f:cb07:6820:80da:af6b:8b2c", ""},
		{"64:ff9b::93.184.215.14", ""},
	} {
		if got := nonPublic(netip.MustParseAddr(tc.addr)); got != tc.want {
			t.Errorf("nonPublic(%s) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}

func TestFetch(t *testing.T) {
	// Requests overlap (one times out while the next is served), so the
	// User-Agent seen is kept atomically.
	var gotUA atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUA.Store(r.UserAgent())
		switch r.URL.Path {
		case "/ok":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html>ok</html>"))
		case "/big":
			w.Write([]byte(strings.Repeat("x", 2000)))
		case "/big-chunked":
			for range 20 {
				w.Write([]byte(strings.Repeat("x", 100)))
				w.(http.Flusher).Flush()
			}
		case "/slow":
			time.Sleep(500 * time.Millisecond)
		case "/ftp":
			http.Redirect(w, r, "ftp://courier.example/file", http.StatusFound)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	f := NewFetcher(WithAllowPrivate(true), WithHostDelay(0), WithMaxBytes(1000), WithTimeout(200*time.Millisecond))
	ctx := context.Background()
	p, err := f.Fetch(ctx, srv.URL+"/ok")
	if err != nil || string(p.Body) != "<html>ok</html>" || p.ContentType != "text/html" || p.URL != srv.URL+"/ok" {
		t.Fatalf("Fetch /ok = %+v, %v", p, err)
	}
	if ua, _ := gotUA.Load().(string); ua != UserAgent {
		t.Errorf("User-Agent %q", ua)
	}
	for _, tc := range []struct{ path, want string }{
		{"/big", "body of 2000 bytes is over the limit of 1000"},
		{"/big-chunked", "body over the limit of 1000 bytes"},
		{"/slow", "Client.Timeout exceeded"},
		{"/missing", "HTTP 404 Not Found"},
		{"/ftp", `redirect to unsupported scheme "ftp"`},
		{"/loop", "more than 5 redirects"},
	} {
		_, err := f.Fetch(ctx, srv.URL+tc.path)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), srv.URL+tc.path) {
			t.Errorf("Fetch %s: %v, want an error naming the URL and %q", tc.path, err, tc.want)
		}
	}
	for _, u := range []string{"file:///etc/passwd", "gopher://x", "http://"} {
		if _, err := f.Fetch(ctx, u); err == nil {
			t.Errorf("Fetch %s succeeded", u)
		}
	}
}

func TestHostDelay(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	f := NewFetcher(WithAllowPrivate(true), WithHostDelay(100*time.Millisecond))
	start := time.Now()
	for range 3 {
		if _, err := f.Fetch(context.Background(), srv.URL); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 200*time.Millisecond {
		t.Errorf("3 requests to one host took %v, want at least 2 delays", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.Fetch(ctx, srv.URL); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled fetch: %v", err)
	}
}
