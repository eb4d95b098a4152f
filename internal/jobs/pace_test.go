package jobs

import (
	"testing"
	"time"
)

// TestPaceSizesChunksToTheirTarget: a chunk that took twice the target
// halves the next; one that took a tenth doubles it (no more at a time);
// sizes stay within their bounds; a fixed size stays fixed.
func TestPaceSizesChunksToTheirTarget(t *testing.T) {
	t.Parallel()
	p := Pace{}.withDefaults()
	ms := time.Millisecond
	for _, c := range []struct {
		households int
		took       time.Duration
		want       int
	}{
		{100, 80 * ms, 50}, {100, 40 * ms, 100}, {100, 4 * ms, 200}, {100, 400 * ms, 50},
		{6, 400 * ms, leastChunk}, {400, 4 * ms, mostChunk}, {25, 0, 25},
	} {
		if got := p.next(c.households, c.took); got != c.want {
			t.Errorf("after %d households in %s: %d, want %d", c.households, c.took, got, c.want)
		}
	}
	if got := (Pace{Households: 7}).next(100, time.Second); got != 7 {
		t.Errorf("a fixed size became %d", got)
	}
}
