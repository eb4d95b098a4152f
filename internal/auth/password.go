// Package auth holds Hearth's authentication: password hashing and policy,
// and (as they arrive) sessions, MFA and the access policy.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/hearth-registry/hearth/internal/registry"
)

// Argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, 1
// lane), which costs about 25 ms on the project's 2-core machine. They are
// stored in every hash, so raising them later only needs NeedsRehash.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// ErrPasswordMismatch is returned by VerifyPassword for a wrong password.
var ErrPasswordMismatch = errors.New("password does not match")

// ErrBusy is returned by HashPassword and VerifyPassword when as many
// hashes as the process allows have been running for longer than hashWait:
// the request is answered 503, and nothing was checked or changed.
var ErrBusy = registry.Errorf(registry.EUNAVAILABLE, "Hearth is busy. Wait a moment, then try again.")

// hashSlots bounds the Argon2id hashes running at once in this process to
// one a core. Each holds 19 MiB while it runs, and nothing else bounds
// them: 200 sign-ins sent at once took a server from 60 MiB to 1 GiB.
// More at once than there are cores would not finish any sooner, only use
// more memory. It is the process's own memory being guarded, so the bound
// belongs to the process, not to a server or a request.
var hashSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

// hashWait is how long a hash waits for a slot before giving up with
// ErrBusy: long enough to ride out a burst of sign-ins, short enough that
// a flood is turned away before it piles up.
const hashWait = 2 * time.Second

// argon2id runs one Argon2id hash once a slot is free.
func argon2id(password, salt []byte, passes, memory uint32, threads uint8, keyLen uint32) ([]byte, error) {
	select {
	case hashSlots <- struct{}{}:
	default:
		wait := time.NewTimer(hashWait)
		defer wait.Stop()
		select {
		case hashSlots <- struct{}{}:
		case <-wait.C:
			return nil, ErrBusy
		}
	}
	defer func() { <-hashSlots }()
	return argon2.IDKey(password, salt, passes, memory, threads, keyLen), nil
}

// HashPassword returns an Argon2id hash of password with a fresh random
// salt, in the PHC string format:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>.
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	memory, passes := hashCost()
	key, err := argon2id([]byte(password), salt, passes, memory, argonThreads, argonKeyLen)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memory, passes, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var b64 = base64.RawStdEncoding

// phc is a parsed Argon2id hash.
type phc struct {
	memory  uint32
	time    uint32
	threads uint8
	salt    []byte
	key     []byte
}

func parsePHC(encoded string) (phc, error) {
	var p phc
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, errors.New("not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, errors.New("unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, errors.New("malformed argon2 parameters")
	}
	var err error
	if p.salt, err = b64.DecodeString(parts[4]); err != nil {
		return p, errors.New("malformed argon2 salt")
	}
	if p.key, err = b64.DecodeString(parts[5]); err != nil || len(p.key) == 0 {
		return p, errors.New("malformed argon2 key")
	}
	if p.memory == 0 || p.time == 0 || p.threads == 0 || p.memory > 1<<21 || p.time > 20 {
		return p, errors.New("argon2 parameters out of range")
	}
	return p, nil
}

// VerifyPassword reports whether password matches the encoded hash,
// comparing in constant time. A wrong password is ErrPasswordMismatch; no
// free slot to hash in is ErrBusy; a malformed hash is another error.
func VerifyPassword(encoded, password string) error {
	p, err := parsePHC(encoded)
	if err != nil {
		return err
	}
	key, err := argon2id([]byte(password), p.salt, p.time, p.memory, p.threads, uint32(len(p.key))) //nolint:gosec // a length is never negative, and a stored key is 32 bytes
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare(key, p.key) != 1 {
		return ErrPasswordMismatch
	}
	return nil
}

// NeedsRehash reports whether a hash was made with weaker parameters than
// today's, so that sign-in can upgrade it while the password is at hand.
func NeedsRehash(encoded string) bool {
	p, err := parsePHC(encoded)
	memory, passes := hashCost()
	return err != nil || p.memory < memory || p.time < passes || len(p.key) < argonKeyLen
}

// dummyHash is verified against when an account does not exist, so that
// "no such user" takes as long as "wrong password" and sign-in timing does
// not reveal which email addresses have accounts.
var dummyHash = func() string {
	h, err := HashPassword("not a real password: timing equaliser")
	if err != nil {
		panic(err) // crypto/rand failing at start-up leaves nothing safe to do
	}
	return h
}()

// VerifyNoAccount spends the same work as VerifyPassword and always fails:
// with ErrPasswordMismatch, or ErrBusy as VerifyPassword would.
func VerifyNoAccount(password string) error {
	if err := VerifyPassword(dummyHash, password); errors.Is(err, ErrBusy) {
		return err
	}
	return ErrPasswordMismatch
}
