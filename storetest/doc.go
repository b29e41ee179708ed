// Package storetest is the conformance suite that every verbatim.Store
// implementation runs, so that SQLite and PostgreSQL behave the same:
// round trips, idempotent and atomic saves, search semantics and filters,
// pagination, export, speaker identity across articles, and the counters
// the stores keep. It runs against real databases; nothing is mocked.
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) verbatim.Store { ... a fresh store ... })
//	}
package storetest
