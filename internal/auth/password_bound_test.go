package auth

import (
	"errors"
	"testing"
	"time"
)

// TestHashingWaitsForASlot shows a hash waits while every slot is taken,
// gives up with ErrBusy (a 503 for the person) once hashWait has passed,
// and runs as soon as a slot is free. It must not run in parallel with
// other tests that hash, since it takes every slot.
func TestHashingWaitsForASlot(t *testing.T) {
	hash, err := HashPassword("violet orchard compass")
	if err != nil {
		t.Fatal(err)
	}
	for range cap(hashSlots) {
		hashSlots <- struct{}{}
	}
	start := time.Now()
	err = VerifyPassword(hash, "violet orchard compass")
	if waited := time.Since(start); !errors.Is(err, ErrBusy) || waited < hashWait {
		t.Errorf("with every slot taken: %v after %v, want ErrBusy after %v", err, waited, hashWait)
	}
	if err := VerifyNoAccount("anything"); !errors.Is(err, ErrBusy) {
		t.Errorf("VerifyNoAccount with every slot taken: %v, want ErrBusy", err)
	}
	done := make(chan error)
	go func() { done <- VerifyPassword(hash, "violet orchard compass") }()
	time.Sleep(100 * time.Millisecond)
	<-hashSlots // one slot comes free while it waits
	if err := <-done; err != nil {
		t.Errorf("once a slot was free: %v", err)
	}
	for range cap(hashSlots) - 1 {
		<-hashSlots
	}
}
