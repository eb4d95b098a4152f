package api

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/hearth-registry/hearth/internal/httpx"
	"github.com/hearth-registry/hearth/internal/pack"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/sar"
)

// HandleReviewPack handles GET /api/v1/reviews/:id/pack: the review pack
// as a PDF, stamped with who downloaded it and when. The whole PDF is
// rendered before the answer starts, so a failure is a clean error rather
// than half a file, and the registry audits the download only once it is
// rendered, before a byte is sent.
func (s *Handler) HandleReviewPack(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	p, err := registry.DownloadPack(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), s.Cfg.ServiceName, id, time.Now(),
		func(p pack.Pack) error { return pack.Write(&buf, p) })
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s.pdf"`, packFileName(p.Reference)))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}

// HandlePanelPacks handles GET /api/v1/panels/:id/packs: a ZIP holding
// the pack of every item on the panel's agenda, numbered in agenda order.
// The whole ZIP is made before the answer starts, so that the downloads
// are audited only once every pack has been drawn, and a pack that fails
// is a clean error rather than a broken ZIP. It is held in memory: a
// pack's PDF is some 130 KB (drawing it takes far more, one pack at a
// time), and a panel hears at most a dozen items.
func (s *Handler) HandlePanelPacks(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	at := time.Now()
	var buf bytes.Buffer
	panel, _, err := registry.DownloadPanelPacks(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), s.Cfg.ServiceName, id, at,
		func(packs []pack.Pack) error { return writePackZip(&buf, packs, at) })
	if err != nil {
		return err
	}
	name := packFileName(fmt.Sprintf("%s %s", panel.Name, panel.MeetsOn))
	c.Set(fiber.HeaderContentType, "application/zip")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s.zip"`, name))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}

// writePackZip writes packs as a ZIP, one PDF each, dated at.
func writePackZip(w io.Writer, packs []pack.Pack, at time.Time) error {
	z := zip.NewWriter(w)
	for i, p := range packs {
		// PDFs are compressed already: storing them saves time for nothing lost.
		f, err := z.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("%02d %s.pdf", i+1, packFileName(p.Reference)),
			Method: zip.Store, Modified: at})
		if err != nil {
			return err
		}
		if err := pack.Write(f, p); err != nil {
			return err
		}
	}
	return z.Close()
}

// packFileName keeps the letters, digits and dashes of a reference, so a
// file name never carries quotes, slashes or other path tricks.
func packFileName(ref string) string {
	var b strings.Builder
	dash := false
	for _, r := range ref {
		ok := r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		switch {
		case ok:
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// HandleSubjectAccess handles GET /api/v1/carers/:id/subject-access:
// everything held about one carer, as JSON and a readable PDF in a ZIP,
// for a subject access request. Built before the answer starts, and
// audited once built, before a byte is sent.
func (s *Handler) HandleSubjectAccess(c fiber.Ctx) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	b, err := registry.SubjectAccess(c.Context(), s.Store.Client, s.Actor(c), s.Viewer(c), id, s.Cfg.ServiceName, time.Now(),
		func(b sar.Bundle) error { return sar.Write(&buf, packFileName(b.Reference), b) })
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/zip")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s.zip"`, packFileName(b.Reference)))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
