// Package csvimport reads a service's spreadsheets (CSV files of
// households, members, training, health assessments and DBS checks) into
// the registry: every row checked as the API checks a request, and against
// the registry, before anything is written; then each new record written
// and audited through registry, as the API writes it.
//
// It knows nothing of HTTP: `hearth import` runs it with a database alone,
// and the web server's import page hands it the uploaded file. Its rows
// become the API's own requests (internal/request) and pass the same
// Validator.Check, which is how a file, a form and the API come to refuse
// the same things in the same words.
package csvimport

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hearth-registry/hearth/ent"
	"github.com/hearth-registry/hearth/internal/civil"
	"github.com/hearth-registry/hearth/internal/registry"
	"github.com/hearth-registry/hearth/internal/request"
)

// Limits that keep a hostile or mistaken file from taking the server down:
// a spreadsheet of a service's records is far inside them.
const (
	maxBytes   = 20 << 20
	maxColumns = 100
	maxRows    = 200000
)

// Problem is one thing wrong with an import file, where a person
// can find it: the row as a spreadsheet numbers it (the header is row 1)
// and the column's header.
type Problem struct {
	Row     int    `json:"row"`
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	switch {
	case p.Row == 0:
		return p.Message
	case p.Column == "":
		return fmt.Sprintf("row %d: %s", p.Row, p.Message)
	}
	return fmt.Sprintf("row %d, column %s: %s", p.Row, p.Column, p.Message)
}

// Report says what an import did, or would do on a dry run.
type Report struct {
	Kind     string    `json:"kind"`
	DryRun   bool      `json:"dry_run"`
	Rows     int       `json:"rows"`
	Added    int       `json:"added"`
	Already  int       `json:"already_there"`
	Problems []Problem `json:"problems"`
}

// column is one column of a layout: its name, the other headers
// services use for it, and whether every row needs it.
type column struct {
	name     string
	aliases  []string
	required bool
}

// layout is one kind of file a service imports: its columns, and how a row
// (its cells by column name) is checked and written. check returns the
// row's problems by column, and whether the record is already there; add
// writes it.
type layout struct {
	columns []column
	// key names the record a row is about, so that a file giving the same
	// record twice is told so rather than merged silently.
	key   func(cells map[string]string) (col, key string)
	check func(ctx context.Context, im *Importer, cells map[string]string) (problems map[string]string, already bool, err error)
	add   func(ctx context.Context, im *Importer, actor registry.Actor, v registry.Viewer, cells map[string]string) error
}

// Importer reads files into one registry, checking each row with the
// validator the API checks requests with.
type Importer struct {
	client *ent.Client
	valid  *request.Validator
}

// New is an Importer writing through client and checking with valid.
func New(client *ent.Client, valid *request.Validator) *Importer {
	return &Importer{client: client, valid: valid}
}

// checkRequest tidies and checks a row's request as the API checks a body.
func (im *Importer) checkRequest(ctx context.Context, in any) error {
	return im.valid.Check(ctx, im.client, in)
}

// Kinds names the layouts Hearth imports.
func Kinds() []string {
	names := make([]string, 0, len(layouts))
	for k := range layouts {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

var headerNoise = regexp.MustCompile(`[^a-z0-9]+`)

// normHeader makes "Completed On", "completed_on" and " COMPLETED-ON " one.
func normHeader(h string) string {
	return strings.Trim(headerNoise.ReplaceAllString(strings.ToLower(h), "_"), "_")
}

// Import reads a CSV file of kind, checks every row the way the API
// checks a request (and against the registry), and reports every problem
// with its row and column. Nothing is written unless the whole file is
// right; then each new row is written (and audited) in turn, and a row
// already in the registry is left as it is, so importing a file twice
// gives one copy, and running it again after an interruption adds only
// what is missing. A dry run writes nothing either way.
func (im *Importer) Import(ctx context.Context, actor registry.Actor, v registry.Viewer, kindName string, file io.Reader, dryRun bool) (Report, error) {
	report := Report{Kind: kindName, DryRun: dryRun, Problems: []Problem{}}
	kind, ok := layouts[kindName]
	if !ok {
		return report, registry.Invalid(map[string]string{"kind": "Choose what the file holds: " + strings.Join(Kinds(), ", ")})
	}
	rows, problems := readFile(file, kind)
	report.Problems = append(report.Problems, problems...)
	report.Rows = len(rows)
	type pending struct {
		cells map[string]string
	}
	var toAdd []pending
	seen := map[string]int{}
	for i, cells := range rows {
		rowProblems, already, err := kind.check(ctx, im, cells)
		if err != nil {
			return report, err
		}
		if col, key := kind.key(cells); key != "" {
			if first, twice := seen[key]; twice {
				rowProblems[col] = fmt.Sprintf("row %d already gives this record", first)
			} else {
				seen[key] = i + 2
			}
		}
		names := make([]string, 0, len(rowProblems))
		for col := range rowProblems {
			names = append(names, col)
		}
		sort.Strings(names)
		for _, col := range names {
			report.Problems = append(report.Problems, Problem{Row: i + 2, Column: col, Message: rowProblems[col]})
		}
		switch {
		case len(rowProblems) > 0:
		case already:
			report.Already++
		default:
			toAdd = append(toAdd, pending{cells})
		}
	}
	if dryRun || len(report.Problems) > 0 {
		return report, nil
	}
	for _, p := range toAdd {
		if err := kind.add(ctx, im, actor, v, p.cells); err != nil {
			return report, err
		}
		report.Added++
	}
	return report, nil
}

// readFile reads the file's rows as cells by column name, or says
// why it cannot: not UTF-8, too big, a required column missing, a header
// not understood.
func readFile(file io.Reader, kind layout) ([]map[string]string, []Problem) {
	raw, err := io.ReadAll(io.LimitReader(file, maxBytes+1))
	if err != nil {
		return nil, []Problem{{Message: "the file could not be read: " + err.Error()}}
	}
	if len(raw) > maxBytes {
		return nil, []Problem{{Message: fmt.Sprintf("the file is larger than %d MB", maxBytes>>20)}}
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")) // Excel's "CSV UTF-8" starts with a byte order mark
	if !utf8.Valid(raw) {
		return nil, []Problem{{Message: "the file is not UTF-8 text: in Excel, save it as \"CSV UTF-8 (Comma delimited)\""}}
	}
	if bytes.IndexByte(raw, 0) >= 0 { // no spreadsheet's text has one, and PostgreSQL cannot store it (a 500)
		return nil, []Problem{{Message: "the file holds the NUL character, so it is not a CSV text file"}}
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, []Problem{{Row: 1, Message: "the file is empty: it needs a header row and a row per record"}}
	}
	if err != nil {
		return nil, []Problem{{Row: 1, Message: "the header row is not CSV: " + err.Error()}}
	}
	if len(header) > maxColumns {
		return nil, []Problem{{Row: 1, Message: fmt.Sprintf("the file has %d columns; a layout has at most %d", len(header), maxColumns)}}
	}
	known := map[string]string{}
	for _, col := range kind.columns {
		known[col.name] = col.name
		for _, a := range col.aliases {
			known[normHeader(a)] = col.name
		}
	}
	index := map[string]int{}
	var problems []Problem
	for i, h := range header {
		name, ok := known[normHeader(h)]
		switch {
		case strings.TrimSpace(h) == "":
		case !ok:
			problems = append(problems, Problem{Row: 1, Column: h, Message: "this column is not part of the layout"})
		default:
			if _, twice := index[name]; twice {
				problems = append(problems, Problem{Row: 1, Column: h, Message: "this column is given twice"})
			}
			index[name] = i
		}
	}
	for _, col := range kind.columns {
		if _, ok := index[col.name]; col.required && !ok {
			problems = append(problems, Problem{Row: 1, Column: col.name, Message: "this column is required and missing"})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	var rows []map[string]string
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, []Problem{{Row: line, Message: "this row is not CSV: " + err.Error()}}
		}
		if len(rows) == maxRows {
			return nil, []Problem{{Row: line, Message: fmt.Sprintf("the file has more than %d rows: split it", maxRows)}}
		}
		cells := map[string]string{}
		blank := true
		for name, i := range index {
			if i < len(rec) {
				cells[name] = strings.TrimSpace(rec[i])
				blank = blank && cells[name] == ""
			}
		}
		if !blank { // Excel leaves empty rows at the end of a sheet
			rows = append(rows, cells)
		}
	}
	return rows, nil
}

var ukDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)

// readDate reads a UK date (14/03/2026) or an ISO one (2026-03-14) as
// ISO, or says it is not a real date. 31/02/2026 is wrong, not 3 March.
func readDate(v string) (string, bool) {
	if v == "" {
		return "", true
	}
	if m := ukDate.FindStringSubmatch(v); m != nil {
		v = fmt.Sprintf("%s-%02s-%02s", m[3], m[2], m[1])
		v = strings.ReplaceAll(v, " ", "0")
	}
	d, err := civil.Parse(v)
	if err != nil {
		return "", false
	}
	return d.String(), true
}

// cellDate reads the date in column field of a row, and when it is not a
// real one, names the problem in the words of the request the row becomes
// (req's plain name for the field), with the shapes a spreadsheet may
// hold.
func cellDate(cells, problems map[string]string, req any, field string) string {
	d, ok := readDate(cells[field])
	if !ok && cells[field] != "" {
		problems[field] = request.Sentence(request.PlainName(req, field)) + " must be a real date, like 14/03/2026 or 2026-03-14"
	}
	return d
}
