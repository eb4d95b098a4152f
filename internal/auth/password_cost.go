package auth

import (
	"sync/atomic"
	"testing"
)

// lightHashes says new password hashes in this process are made with the
// least Argon2id cost rather than OWASP's minimum. Only tests set it.
var lightHashes atomic.Bool

// hashCost is the memory (KiB) and passes a new hash is made with, and
// below which NeedsRehash upgrades one.
func hashCost() (memory, passes uint32) {
	if lightHashes.Load() {
		return 8, 1
	}
	return argonMemory, argonTime
}

// LightHashesForTests makes every password hash this process makes from
// now on cheap, for tests of everything but hashing: at full cost, hashing
// was half the CPU the server's tests spent. It takes the test so that
// only a test can call it. The hashes still verify as any other (their
// cost is written in them), and the tests of hashing itself, of its bound
// and of sign-in memory never call it.
func LightHashesForTests(testing.TB) { lightHashes.Store(true) }
