package registry

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
)

// checkEvent reports whether the trail can hold an event, before it is
// written: each text within its column's limit (the model's own checks)
// and text every database stores (UTF-8, no NUL), the action one of the
// trail's, the changes expressible as JSON. A view must pass before it
// joins a batch, so that a bad one cannot fail the views committed with it.
func checkEvent(m *ent.AuditEventMutation) error {
	for _, name := range m.Fields() {
		value, _ := m.Field(name)
		var err error
		switch v := value.(type) {
		case string:
			if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
				err = fmt.Errorf("not UTF-8 text, or holds the NUL character")
			} else if check := textCheck(name); check != nil {
				err = check(v)
			}
		case auditevent.Action:
			err = auditevent.ActionValidator(v)
		default:
			_, err = json.Marshal(v)
		}
		if err != nil {
			return fmt.Errorf("audit event %s: %w", name, err)
		}
	}
	return nil
}

// textCheck is the model's check of a text field of the trail, or nil.
// It is looked up when used: the checks are set when the model's runtime
// package starts, which need not be before this package's variables are.
func textCheck(name string) func(string) error {
	switch name {
	case auditevent.FieldActorLabel:
		return auditevent.ActorLabelValidator
	case auditevent.FieldEntity:
		return auditevent.EntityValidator
	case auditevent.FieldClientAddress:
		return auditevent.ClientAddressValidator
	case auditevent.FieldRequestID:
		return auditevent.RequestIDValidator
	case auditevent.FieldProxyRequestID:
		return auditevent.ProxyRequestIDValidator
	}
	return nil
}
