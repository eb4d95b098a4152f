package registry

import "github.com/hearth-registry/hearth/ent"

// Wire readies the client of a database just opened for the registry:
// every write through it, or through a transaction it begins, keeps the
// stored due items current, and a write that would move them outside a
// transaction is refused (ErrDueItemsNeedTx). The store knows nothing of
// these rules, so whoever opens a database for use — the hearth command,
// the load test, the test helpers — wires it once, before its first write.
func Wire(client *ent.Client, d string) {
	client.Use(KeepDueItemsCurrent(d))
}
