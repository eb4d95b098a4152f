package main

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/ent/auditevent"
	"github.com/hearth-registry/hearth/ent/household"
	"github.com/hearth-registry/hearth/internal/registry"
)

// TestKilledMidWriteLosesNoAcknowledgedWrite kills the server with
// SIGKILL while four clients approve households and record visits to them
// through the API, on each database. Then: SQLite's integrity and foreign
// key checks pass (PostgreSQL enforces its constraints itself and has none
// left unvalidated), every household and visit the server acknowledged is
// there, nothing is there without its audit entry, every household's due
// items are what the rules give for what was saved (none half-updated),
// and the server starts again on the same database.
func TestKilledMidWriteLosesNoAcknowledgedWrite(t *testing.T) {
	onEachRegistry(t, func(t *testing.T, r registryUnderTest) {
		token := r.managerToken(t)
		addr := freeAddr(t)
		server := serveProcess(t, r, addr)

		var mu sync.Mutex
		var households []string
		visits := 0
		stop := make(chan struct{})
		var wg sync.WaitGroup
		client := &http.Client{Timeout: 5 * time.Second}
		post := func(path, body string) (int, string) {
			req, _ := http.NewRequest("POST", "http://"+addr+path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/json")
			resp, err := client.Do(req)
			if err != nil {
				return 0, "" // the server is gone: this write was never acknowledged
			}
			defer resp.Body.Close()
			var created struct {
				ID int `json:"id"`
			}
			// The status acknowledges the write; a body cut short by the kill
			// leaves ID 0, and that household's visits are refused.
			_ = decodeBody(resp, &created)
			return resp.StatusCode, fmt.Sprint(created.ID)
		}
		for w := range 4 {
			wg.Go(func() {
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					ref := fmt.Sprintf("FH-%d%05d", w+1, i)
					status, id := post("/api/v1/households", fmt.Sprintf(`{"reference": %q, "address_line1": "1 Fore Street",
						"town": "Totnes", "postcode": "TQ9 5RP", "status": "approved", "approved_on": "2025-01-06"}`, ref))
					if status != http.StatusCreated {
						continue
					}
					mu.Lock()
					households = append(households, ref)
					mu.Unlock()
					for _, on := range []string{"2025-03-03", "2025-09-01"} {
						if status, _ := post("/api/v1/households/"+id+"/visits", `{"kind": "unannounced", "visited_on": "`+on+`"}`); status == http.StatusCreated {
							mu.Lock()
							visits++
							mu.Unlock()
						}
					}
				}
			})
		}
		time.Sleep(1500 * time.Millisecond)
		if err := server.Process.Kill(); err != nil { // SIGKILL: no shutdown, no flush
			t.Fatal(err)
		}
		_ = server.Wait() // "signal: killed", as intended
		close(stop)
		wg.Wait()
		if len(households) == 0 || visits == 0 {
			t.Fatal("no write was acknowledged before the kill: the test proves nothing")
		}

		st := r.open(t)
		defer st.Close()
		ctx := t.Context()
		if r.name == "sqlite" {
			var integrity string
			if err := st.DB.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
				t.Fatalf("integrity check after the kill: %q %v", integrity, err)
			}
			rows, err := st.DB.QueryContext(ctx, "PRAGMA foreign_key_check")
			if err != nil {
				t.Fatal(err)
			}
			if rows.Next() {
				t.Error("foreign key check after the kill found a row pointing nowhere")
			}
			rows.Close()
		} else {
			var unvalidated int
			if err := st.DB.QueryRowContext(ctx, "SELECT count(*) FROM pg_constraint WHERE NOT convalidated").Scan(&unvalidated); err != nil || unvalidated != 0 {
				t.Errorf("%d constraints not validated (%v)", unvalidated, err)
			}
		}
		for _, ref := range households {
			if !st.Client.Household.Query().Where(household.Reference(ref)).ExistX(ctx) {
				t.Errorf("household %s was acknowledged and is gone", ref)
			}
		}
		saved := map[string]int{"household": st.Client.Household.Query().CountX(ctx), "visit": st.Client.Visit.Query().CountX(ctx)}
		if saved["visit"] < visits {
			t.Errorf("%d visits acknowledged, %d in the database", visits, saved["visit"])
		}
		for entity, n := range saved {
			audited := st.Client.AuditEvent.Query().Where(auditevent.Entity(entity), auditevent.ActionEQ(auditevent.ActionCreate)).CountX(ctx)
			if n != audited {
				t.Errorf("%d %ss but %d audited creations: a write was half applied", n, entity, audited)
			}
		}
		before := dueItems(t, st.Client)
		if err := registry.RefreshAllDueItems(ctx, st.Client); err != nil {
			t.Fatal(err)
		}
		if after := dueItems(t, st.Client); !slices.Equal(before, after) {
			t.Errorf("due items after the kill differ from the rules' own for what was saved:\n%d stored\n%d recomputed", len(before), len(after))
		}
		t.Logf("%s: %d households and %d visits acknowledged before the kill; %d and %d in the database; %d due items consistent",
			r.name, len(households), visits, saved["household"], saved["visit"], len(before))
		st.Close()
		serveProcess(t, r, freeAddr(t)) // and it starts again on the same database
	})
}

// dueItems lists every stored due item as text, in a fixed order.
func dueItems(t *testing.T, client *ent.Client) []string {
	var out []string
	for _, d := range client.DueItem.Query().AllX(t.Context()) {
		out = append(out, fmt.Sprintf("%d %s %s %d %d %s %s", d.HouseholdID, d.Kind, d.SubjectKind, d.SubjectID, d.Ref, d.DueOn, d.What))
	}
	slices.Sort(out)
	return out
}
