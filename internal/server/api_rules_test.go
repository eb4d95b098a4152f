package server

import (
	"fmt"
	"net/http"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"
)

// TestRegistryRulesAnsweredWithTheRest shows a body with a problem of its
// own and a clash with the registry (a reference another household has, a
// course already recorded that day) answered once, naming both, and
// nothing written — on create and on update.
func TestRegistryRulesAnsweredWithTheRest(t *testing.T) {
	t.Parallel()
	onEachDatabase(t, func(t *testing.T, d string) {
		s, st, _ := testServerOn(t, d)
		api := newAPIClient(t, s, "manager")
		taken := decodeInto[jsonapi.HouseholdJSON](t, expect(t, 201)(api.send("POST", "/api/v1/households", validHousehold)))
		other := decodeInto[jsonapi.HouseholdJSON](t, expect(t, 201)(api.send("POST", "/api/v1/households",
			recordBodyWith(t, validHousehold, "reference", `"FH-0043"`))))
		clash := recordBodyWith(t, recordBodyWith(t, validHousehold, "reference", fmt.Sprintf("%q", taken.Reference)), "postcode", `"NOT A POSTCODE"`)
		for name, send := range map[string]func() (*http.Response, string){
			"HouseholdCreate": func() (*http.Response, string) { return api.send("POST", "/api/v1/households", clash) },
			"HouseholdUpdate": func() (*http.Response, string) {
				return api.send("PUT", fmt.Sprintf("/api/v1/households/%d", other.ID), clash, "If-Match", `"1"`)
			},
		} {
			t.Run(name, func(t *testing.T) {
				expectRefused(t, st.Client, 422, "reference", "FH-0042 is already another household's reference", send)
				expectRefused(t, st.Client, 422, "postcode", "postcode", send)
			})
		}
		home := mustCreateFosterHome(t, st.Client, "FH-0500", nil, nil)
		pfa := mustCreateCatalogueCourse(t, st.Client, "PFA", true, 36)
		first := mustRecordTraining(t, api, home.carer, pfa.ID, "2025-03-01")
		second := mustRecordTraining(t, api, home.carer, pfa.ID, "2024-03-01")
		twice := recordBodyWith(t, trainingBody(pfa.ID, "2025-03-01"), "hours", "-1")
		for name, send := range map[string]func() (*http.Response, string){
			"TrainingCreate": func() (*http.Response, string) {
				return api.send("POST", fmt.Sprintf("/api/v1/carers/%d/training", home.carer), twice)
			},
			"TrainingUpdate": func() (*http.Response, string) {
				return api.send("PUT", fmt.Sprintf("/api/v1/training/%d", second.ID), twice, "If-Match", `"1"`)
			},
		} {
			t.Run(name, func(t *testing.T) {
				expectRefused(t, st.Client, 422, "completed_on", "already has Course PFA recorded as completed on 1 March 2025", send)
				expectRefused(t, st.Client, 422, "hours", "The hours of training must be between 0 and 100", send)
			})
		}
		// The record itself is no clash with its own date.
		expect(t, 200)(api.send("PUT", fmt.Sprintf("/api/v1/training/%d", first.ID), trainingBody(pfa.ID, "2025-03-01"), "If-Match", `"1"`))
	})
}
