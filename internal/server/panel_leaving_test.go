package server

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	jsonapi "github.com/hearth-registry/hearth/internal/api"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/store/storetest"
)

// panelSeat is a panel member sitting on a panel whose agenda holds one
// review, as the tests of leaving a panel set it up.
type panelSeat struct {
	st                   *ent.Client
	member               *browser
	manager              apiClient
	reference            string
	review, panel, item  int
	panelVersion, itemAt int
}

// newPanelSeat seeds a household with a review on the agenda of a panel
// that member@example.org sits on, on the database d.
func newPanelSeat(t *testing.T, d string) panelSeat {
	t.Helper()
	s, st, _ := testServerOn(t, d)
	member, memberID := reviewSignedIn(t, s, "member@example.org", "panel_member")
	api := newAPIClient(t, s, "manager")
	ref := "FH-0777"
	h := mustCreateReviewedHousehold(t, st.Client, ref, nil, nil)
	r := mustPostReview(t, api, h, reviewBody)
	p := mustPostPanel(t, api, panelBody(memberID))
	_, out := api.send("POST", fmt.Sprintf("/api/v1/panels/%d/items", p.ID), fmt.Sprintf(`{"review_id": %d}`, r.ID))
	item := decodeReviewBody[jsonapi.PanelItemJSON](t, out)
	return panelSeat{st: st.Client, member: member, manager: api, reference: ref, review: r.ID, panel: p.ID, item: item.ID,
		panelVersion: p.Version, itemAt: item.Version}
}

// packs is how many packs the member's bundle of the panel holds, or -1
// when the bundle is refused.
func (f panelSeat) packs(t *testing.T) int {
	t.Helper()
	resp, body := f.member.get(fmt.Sprintf("/api/v1/panels/%d/packs", f.panel))
	if resp.StatusCode != http.StatusOK {
		return -1
	}
	z, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil {
		t.Fatalf("bundle: %v", err)
	}
	return len(z.File)
}

// seesReview reports, path by path, whether the member can reach the
// review through the panel: its pack, and the household on the panel's
// pages and agenda.
func (f panelSeat) seesReview(t *testing.T) map[string]bool {
	t.Helper()
	pack, pdf := f.member.get(fmt.Sprintf("/api/v1/reviews/%d/pack", f.review))
	page, panelPage := f.member.get(fmt.Sprintf("/panels/%d", f.panel))
	items, agenda := f.member.get(fmt.Sprintf("/api/v1/panels/%d/items", f.panel))
	return map[string]bool{
		"single pack":    pack.StatusCode == http.StatusOK || strings.HasPrefix(pdf, "%PDF"),
		"panel bundle":   f.packs(t) > 0,
		"panel page":     page.StatusCode == http.StatusOK && strings.Contains(pageText(t, panelPage), f.reference),
		"panel agenda":   items.StatusCode == http.StatusOK && strings.Contains(agenda, fmt.Sprintf(`"review_id":%d`, f.review)),
		"panels list":    strings.Contains(pageText(t, getBody(f.member, "/panels")), "Fostering panel"),
		"panel show API": getStatus(f.member, fmt.Sprintf("/api/v1/panels/%d", f.panel)) == http.StatusOK,
	}
}

func getBody(b *browser, path string) string { _, body := b.get(path); return body }
func getStatus(b *browser, path string) int  { resp, _ := b.get(path); return resp.StatusCode }

// archiveItem, archivePanel and removeMember are the manager taking the
// review off the agenda, archiving the panel, and taking the member off
// the panel, each through the API.
func (f panelSeat) archiveItem(t *testing.T) {
	f.send(t, "DELETE", fmt.Sprintf("/api/v1/panel-items/%d", f.item), "", f.itemAt)
}
func (f panelSeat) archivePanel(t *testing.T) {
	f.send(t, "DELETE", fmt.Sprintf("/api/v1/panels/%d", f.panel), "", f.panelVersion)
}
func (f panelSeat) removeMember(t *testing.T) {
	f.send(t, "PUT", fmt.Sprintf("/api/v1/panels/%d", f.panel), panelBody(), f.panelVersion)
}
func (f panelSeat) send(t *testing.T, method, path, body string, version int) {
	t.Helper()
	resp, out := f.manager.send(method, path, body, "If-Match", fmt.Sprintf(`"%d"`, version))
	if resp.StatusCode >= 300 {
		t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, out)
	}
}

// TestPanelMemberLosesTheReviewWhenItLeavesTheirPanel shows a panel member
// reading a review's pack, the panel's bundle and pages while the review
// is on the agenda of a live panel they sit on; and losing every one of
// them (404, as for any panel they never sat on, or an empty bundle and
// agenda while the panel itself stays theirs) once the item is archived,
// the item and then the panel, the panel alone, or they leave the panel.
// ent's archive filter does not reach into edge predicates, so each must
// be seen to hold.
func TestPanelMemberLosesTheReviewWhenItLeavesTheirPanel(t *testing.T) {
	t.Parallel()
	panelStays := map[string]bool{"panels list": true, "panel show API": true}
	for _, tc := range []struct {
		name  string
		leave func(t *testing.T, f panelSeat)
		still map[string]bool
	}{
		{"ArchiveItem", func(t *testing.T, f panelSeat) { f.archiveItem(t) }, panelStays},
		{"ArchiveItemThenPanel", func(t *testing.T, f panelSeat) { f.archiveItem(t); f.archivePanel(t) }, nil},
		{"ArchivePanelOnly", func(t *testing.T, f panelSeat) {
			// The API refuses to archive a panel with an agenda; a panel
			// archived otherwise (a purge, an import, a fix by hand) must
			// close its papers all the same.
			storetest.Write(t, f.st, func(tx *ent.Client) error { return tx.Panel.DeleteOneID(f.panel).Exec(t.Context()) })
		}, nil},
		{"RemoveMember", func(t *testing.T, f panelSeat) { f.removeMember(t) }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			onEachDatabase(t, func(t *testing.T, d string) {
				f := newPanelSeat(t, d)
				for what, sees := range f.seesReview(t) {
					if !sees {
						t.Errorf("before: the member cannot reach the review by %s", what)
					}
				}
				tc.leave(t, f)
				for what, sees := range f.seesReview(t) {
					if sees != tc.still[what] {
						t.Errorf("after: the member reaches the review by %s: %v, want %v", what, sees, tc.still[what])
					}
				}
				if resp, _ := f.member.get(fmt.Sprintf("/api/v1/reviews/%d/pack", f.review)); resp.StatusCode != http.StatusNotFound {
					t.Errorf("single pack: %d, want 404", resp.StatusCode)
				}
				bundle := http.StatusNotFound
				if tc.still["panel show API"] {
					bundle = http.StatusOK
				}
				if got := getStatus(f.member, fmt.Sprintf("/api/v1/panels/%d/packs", f.panel)); got != bundle {
					t.Errorf("panel bundle: %d, want %d", got, bundle)
				}
			})
		})
	}
}
