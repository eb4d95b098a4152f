package request

import "testing"

// TestFieldLabel shows fields named as people say them in messages.
func TestFieldLabel(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"reference": "Reference", "first_name": "First name", "address_line1": "Address line 1",
		"child_reference": "Child reference", "note": "Note",
	} {
		if got := FieldLabel(name); got != want {
			t.Errorf("FieldLabel(%q) = %q, want %q", name, got, want)
		}
	}
}
