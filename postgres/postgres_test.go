package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"verbatim"
	"verbatim/storetest"
)

// testDSN is the database the tests use; CI sets it. Each test works in a
// schema of its own, created for it and dropped after.
func testDSN(t *testing.T) string {
	dsn := os.Getenv("VERBATIM_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("VERBATIM_TEST_POSTGRES is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable)")
	}
	return dsn
}

// openTemp opens a store in a fresh schema that is dropped when the test ends.
func openTemp(t *testing.T) *Store {
	t.Helper()
	dsn := testDSN(t)
	schema := fmt.Sprintf("verbatim_test_%d_%x", os.Getpid(), rand.Uint64())
	admin, err := pgx.Connect(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	if _, err := admin.Exec(t.Context(), `CREATE SCHEMA `+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx := context.Background()
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("VERBATIM_TEST_POSTGRES must be a URL: %v", err)
	}
	qv := u.Query()
	qv.Set("search_path", schema)
	u.RawQuery = qv.Encode()
	s, err := Open(t.Context(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) {
	testDSN(t)
	storetest.Run(t, func(t *testing.T) verbatim.Store { return openTemp(t) })
}
