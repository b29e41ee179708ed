package postgres

import (
	"os"
	"testing"

	"verbatim"
	"verbatim/storetest"
)

// openTemp opens a store in a fresh schema that is dropped when the test ends.
func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), storetest.PostgresDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) {
	if os.Getenv(storetest.PostgresEnv) == "" {
		t.Skip(storetest.PostgresEnv + " is not set")
	}
	storetest.Run(t, func(t *testing.T) verbatim.Store { return openTemp(t) })
}
