package server

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hearth-registry/hearth/ent/household"
)

// TestImportUploadPage uploads a file through the page: a broken one comes
// back 422 listing each problem by row and column with nothing written;
// "check only" writes nothing; the import adds the households.
func TestImportUploadPage(t *testing.T) {
	t.Parallel()
	s, st, _ := testServer(t)
	b := signedIn(t, s)
	upload := func(file string, dryRun bool) (int, string) {
		t.Helper()
		b.get("/households/import")
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		fields := [][2]string{{"csrf_token", b.csrf}, {"kind", "households"}}
		if dryRun {
			fields = append(fields, [2]string{"dry_run", "yes"})
		}
		for _, f := range fields {
			if err := w.WriteField(f[0], f[1]); err != nil {
				t.Fatal(err)
			}
		}
		part, _ := w.CreateFormFile("file", "../../etc/households.csv")
		if _, err := part.Write([]byte(file)); err != nil {
			t.Fatal(err)
		}
		w.Close()
		req := httptest.NewRequest("POST", "/households/import", &body)
		req.Header.Set("Content-Type", w.FormDataContentType())
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, page := b.do(req)
		return resp.StatusCode, page
	}
	header := "reference,address_line1,town,postcode,status\n"
	before := registryState(t, st.Client)
	status, page := upload(header+"FH-0400,1 Fore Street,Totnes,NOWHERE,approved\n", false)
	if status != 422 || !strings.Contains(page, "row 2, column postcode") || !strings.Contains(page, "nothing was written") {
		t.Errorf("broken upload: %d", status)
	}
	if status, _ := upload(header+"FH-0400,1 Fore Street,Totnes,TQ9 5RP,assessment\n", true); status != 200 {
		t.Errorf("check only: %d", status)
	}
	if after := registryState(t, st.Client); after != before {
		t.Errorf("changed: %s, then %s", before, after)
	}
	if status, page := upload(header+"FH-0400,1 Fore Street,Totnes,TQ9 5RP,assessment\n", false); status != 200 || !strings.Contains(page, "1 added") {
		t.Errorf("import: %d", status)
	}
	if !st.Client.Household.Query().Where(household.Reference("FH-0400")).ExistX(t.Context()) {
		t.Error("the household was not imported")
	}
}
