package compliance

import "testing"

// TestEveryKindHasALabel keeps the summary's headings in step with the
// rules: a new kind without a label would show as its API key.
func TestEveryKindHasALabel(t *testing.T) {
	if len(labels) != len(Kinds) {
		t.Errorf("%d labels for %d kinds", len(labels), len(Kinds))
	}
	for _, k := range Kinds {
		if k.Label() == string(k) {
			t.Errorf("%s has no label", k)
		}
		if _, ok := ParseKind(string(k)); !ok {
			t.Errorf("ParseKind(%q) refused a kind", k)
		}
	}
	if _, ok := ParseKind("annual"); ok {
		t.Error("ParseKind accepted an unknown kind")
	}
}
