package schema

import (
	"strings"
	"sync"

	"entgo.io/ent"
)

// choosable are the entities whose enum fields a request may set, by the
// name a validate tag uses: enum=placement.category.
var choosable = map[string]ent.Interface{
	"api_token": APIToken{}, "contribution": Contribution{}, "dbs_check": DBSCheck{},
	"health_assessment": HealthAssessment{}, "household": Household{}, "household_member": HouseholdMember{},
	"panel_item": PanelItem{}, "placement": Placement{}, "review": Review{}, "user": User{}, "visit": Visit{},
}

var (
	choicesOnce sync.Once
	choices     map[string][]string
)

// Choices are the values the schema allows for an enum field, named
// "entity.field" (placement.category), in the schema's order; ok is false
// for a name that is not an enum field. The schema is the one place the
// values are written: requests check against them and the OpenAPI
// document lists them from here, so adding a value to the schema adds it
// everywhere.
func Choices(name string) (values []string, ok bool) {
	choicesOnce.Do(func() {
		choices = map[string][]string{}
		for entity, s := range choosable {
			for _, f := range s.Fields() {
				d := f.Descriptor()
				if len(d.Enums) == 0 {
					continue
				}
				vs := make([]string, len(d.Enums))
				for i, e := range d.Enums {
					vs[i] = e.V
				}
				choices[entity+"."+d.Name] = vs
			}
		}
	})
	values, ok = choices[strings.ToLower(name)]
	return values, ok
}
