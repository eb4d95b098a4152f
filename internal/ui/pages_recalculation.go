package ui

import (
	"context"
	"strconv"

	"github.com/hearth-registry/hearth/internal/registry"
)

// recalculationNotice is what the dashboard and the settings page say
// while due dates are being worked out again after a policy or catalogue
// change: the counts and lists read the stored items, some of which still
// follow the earlier settings, so people are told how far the work has
// gone rather than shown a mixture without warning.
type recalculationNotice struct {
	Pending     bool
	Done, Total string
}

func (s *Handler) recalculationNotice(ctx context.Context) (recalculationNotice, error) {
	r, err := registry.DueRecalculation(ctx, s.Store.Client)
	if err != nil || !r.Pending {
		return recalculationNotice{}, err
	}
	// Households added during the pass can take the count past the total
	// counted when it began.
	return recalculationNotice{Pending: true, Done: Thousands(min(r.Done, r.Total)), Total: Thousands(r.Total)}, nil
}

// Thousands writes n with commas between thousands, as GOV.UK style does
// for numbers of 1,000 and more.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
