package server

import (
	"compress/gzip"
	"io"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// TestAssetsAreFingerprintedCompressedAndKept: pages link the stylesheet
// and scripts under the assets' fingerprint; there they are sent gzipped
// to a browser that accepts it, to be kept for a year; the scripts'
// imports resolve under the same fingerprint. By their plain path they
// are still served, to be checked again each time.
func TestAssetsAreFingerprintedCompressedAndKept(t *testing.T) {
	t.Parallel()
	s, _, _ := testServer(t)
	_, page := newBrowser(t, s).get("/sign-in")
	css := regexp.MustCompile(`href="(/static/[0-9a-f]{12}/hearth\.css)"`).FindStringSubmatch(page)
	js := regexp.MustCompile(`src="(/static/[0-9a-f]{12}/js/hearth\.mjs)"`).FindStringSubmatch(page)
	if css == nil || js == nil {
		t.Fatalf("the page does not link its assets under a fingerprint: %.600s", page)
	}
	base := strings.TrimSuffix(css[1], "hearth.css")
	for _, path := range []string{css[1], js[1], base + "js/govuk-frontend.min.js", base + "js/moj-frontend.min.js"} {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := s.App().Test(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" ||
			resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: %d, encoding %q, cache %q", path, resp.StatusCode, resp.Header.Get("Content-Encoding"), resp.Header.Get("Cache-Control"))
			continue
		}
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if body, _ := io.ReadAll(zr); len(body) < 400 {
			t.Errorf("%s unzips to %d bytes", path, len(body))
		}
	}
	resp, err := s.App().Test(httptest.NewRequest("GET", "/static/hearth.css", nil))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("by its plain path: %d, cache %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
}
