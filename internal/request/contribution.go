package request

import (
	"strings"

	"github.com/hearth-registry/hearth/ent/contribution"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
)

// Contribution is the body of POST /api/v1/reviews/:id/contributions
// and PUT /api/v1/contributions/:id.
type Contribution struct {
	Source     string `json:"source" validate:"required,enum=contribution.source" plain:"whose views these are"`
	AuthorName string `json:"author_name" validate:"required,notblank,max=200" plain:"who gave the views"`
	ReceivedOn string `json:"received_on" validate:"required,date,notfuture" plain:"the date the views were received"`
	Text       string `json:"text" validate:"required,notblank,max=20000,notes" plain:"the views"`
}

// Normalise trims the author's name and the views.
func (r *Contribution) Normalise() {
	r.AuthorName, r.Text = strings.TrimSpace(r.AuthorName), strings.TrimSpace(r.Text)
}

func (r *Contribution) Fields() registry.ContributionFields {
	received, _ := civil.Parse(r.ReceivedOn)
	return registry.ContributionFields{Source: contribution.Source(r.Source), AuthorName: r.AuthorName,
		ReceivedOn: received, Text: r.Text}
}
