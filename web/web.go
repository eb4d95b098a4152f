// Package web holds Hearth's templates and static assets, embedded in the
// binary so that it runs from anywhere with nothing beside it.
package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sync"
)

//go:embed templates static
var files embed.FS

// Templates returns the html/template files, named by their path under
// templates/ without the .html extension.
func Templates() fs.FS { return mustSub("templates") }

// Static returns the files served under /static.
func Static() fs.FS { return mustSub("static") }

// StaticVersion is a fingerprint of every static file: it names the path
// the assets are served under (/static/<version>/hearth.css), so a browser
// may keep them for a year and still fetch new ones the moment a release
// changes any of them. One fingerprint for the whole tree, not one per
// file, because the scripts import each other by relative path.
var StaticVersion = sync.OnceValue(func() string {
	sum := sha256.New()
	err := fs.WalkDir(Static(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(Static(), path)
		if err != nil {
			return err
		}
		sum.Write([]byte(path + "\x00"))
		sum.Write(b)
		return nil
	})
	if err != nil {
		panic(err) // an embedded tree that cannot be read is a broken build
	}
	return hex.EncodeToString(sum.Sum(nil))[:12]
})

func mustSub(dir string) fs.FS {
	sub, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // only if the embed directive and this name disagree
	}
	return sub
}
