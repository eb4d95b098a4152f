// Package web holds Hearth's templates and static assets, embedded in the
// binary so that it runs from anywhere with nothing beside it.
package web

import (
	"embed"
	"io/fs"
)

//go:embed templates static
var files embed.FS

// Templates returns the html/template files, named by their path under
// templates/ without the .html extension.
func Templates() fs.FS { return mustSub("templates") }

// Static returns the files served under /static.
func Static() fs.FS { return mustSub("static") }

func mustSub(dir string) fs.FS {
	sub, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // only if the embed directive and this name disagree
	}
	return sub
}
