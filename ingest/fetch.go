package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"syscall"
	"time"
)

// Fetcher gets pages and feeds over HTTP(S) with a timeout, a size limit
// and a polite User-Agent, waiting between requests to one host, and
// refusing non-public addresses unless allowed. It is safe for concurrent
// use.
type Fetcher struct {
	client    *http.Client
	userAgent string
	maxBytes  int64
	hostDelay time.Duration

	mu   sync.Mutex
	next map[string]time.Time // host -> earliest time of its next request
}

// Page is a fetched document.
type Page struct {
	// URL is where the body came from, after redirects.
	URL         string
	ContentType string
	Body        []byte
	Fetched     time.Time
}

// BlockedAddressError is the error of a connection refused because its
// address is not public.
type BlockedAddressError struct {
	Addr netip.Addr
	// Kind names the range: "loopback", "private", "link-local", ...
	Kind string
}

func (e *BlockedAddressError) Error() string {
	return fmt.Sprintf("refusing to connect to %s address %s (non-public addresses are fetched only with --allow-private)", e.Kind, e.Addr)
}

// NewFetcher returns a fetcher configured by the options that concern it:
// WithTimeout, WithMaxBytes, WithUserAgent, WithAllowPrivate, WithHostDelay.
func NewFetcher(opts ...Option) *Fetcher {
	return newFetcher(newConfig(opts))
}

func newFetcher(c *config) *Fetcher {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !c.allowPrivate {
		// Checked on the resolved address of every connection, redirects
		// and Happy Eyeballs attempts included, so no hostname that
		// resolves (or re-resolves) to an internal address gets through.
		dialer.Control = guardAddress
	}
	tr := &http.Transport{
		// No proxy from the environment: with one, the guard would see
		// the proxy's address instead of the target's.
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  c.timeout,
		MaxResponseHeaderBytes: 1 << 20,
		MaxIdleConns:           16,
		IdleConnTimeout:        90 * time.Second,
	}
	client := &http.Client{
		Transport: tr,
		Timeout:   c.timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("more than 5 redirects")
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
			}
			return nil
		},
	}
	return &Fetcher{client: client, userAgent: c.userAgent, maxBytes: c.maxBytes,
		hostDelay: c.hostDelay, next: map[string]time.Time{}}
}

// Fetch gets rawURL. Anything but a 200 response with a body within the
// size limit is an error naming the URL.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Page, error) {
	p, err := f.fetch(ctx, rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	return p, nil
}

func (f *Fetcher) fetch(ctx context.Context, rawURL string) (*Page, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("unsupported scheme %q", u.Scheme)
	}
	if u.Host == "" {
		return nil, errors.New("no host in URL")
	}
	if err := f.wait(ctx, u.Host); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5")
	resp, err := f.client.Do(req)
	if err != nil {
		var blocked *BlockedAddressError
		if errors.As(err, &blocked) {
			// The url.Error and net.OpError around it only repeat the URL.
			return nil, blocked
		}
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	if resp.ContentLength > f.maxBytes {
		return nil, fmt.Errorf("body of %d bytes is over the limit of %d", resp.ContentLength, f.maxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	if int64(len(body)) > f.maxBytes {
		return nil, fmt.Errorf("body over the limit of %d bytes", f.maxBytes)
	}
	return &Page{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"),
		Body: body, Fetched: time.Now().UTC()}, nil
}

// wait holds a request to host until hostDelay has passed since the last.
func (f *Fetcher) wait(ctx context.Context, host string) error {
	if f.hostDelay <= 0 {
		return nil
	}
	f.mu.Lock()
	now := time.Now()
	at := f.next[host]
	if at.Before(now) {
		at = now
	}
	f.next[host] = at.Add(f.hostDelay)
	f.mu.Unlock()
	if d := time.Until(at); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

// guardAddress is a net.Dialer Control function that refuses non-public
// addresses.
func guardAddress(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("dialing %q: not an IP address", address)
	}
	if kind := nonPublic(ip); kind != "" {
		return &BlockedAddressError{Addr: ip.WithZone(""), Kind: kind}
	}
	return nil
}

// special are the IPv4 ranges that are not public and that the netip
// predicates do not cover.
var special = []struct {
	prefix netip.Prefix
	kind   string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "this-network"},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared (carrier-grade NAT)"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation"},
}

// nat64 and sixToFour are IPv6 ranges that carry an IPv4 address in their low bits
// (NAT64) or in bits 16-48 (6to4), which is checked in turn.
var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// nonPublic names the kind of a non-public address, or returns "".
func nonPublic(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid():
		return "invalid"
	case ip.IsLoopback():
		return "loopback"
	case ip.IsPrivate():
		return "private"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "link-local"
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return "multicast"
	case ip.Is4() && ip == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "broadcast"
	}
	for _, s := range special {
		if s.prefix.Contains(ip) {
			return s.kind
		}
	}
	if ip.Is6() {
		b := ip.As16()
		var v4 [4]byte
		switch {
		case nat64.Contains(ip):
			copy(v4[:], b[12:])
		case sixToFour.Contains(ip):
			copy(v4[:], b[2:6])
		default:
			return ""
		}
		if kind := nonPublic(netip.AddrFrom4(v4)); kind != "" {
			return kind + " (embedded in IPv6)"
		}
	}
	return ""
}
