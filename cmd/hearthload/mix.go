package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// task is one thing a person does, in one or more requests.
type task struct {
	name   string
	weight int
	do     func(w *worker)
}

// tasks is the working day, weighted by how often each happens. Staff
// browse most; carers mostly check their training; recording visits and
// training are the writes; panel members download packs before a panel.
var tasks = []task{
	{"staff: dashboard", 10, func(w *worker) { w.get("dashboard", "/", w.ssw.session) }},
	{"staff: household page", 20, func(w *worker) {
		w.get("household page", fmt.Sprintf("/households/%d", pick(w.rng, w.ssw.households)), w.ssw.session)
	}},
	{"staff: households list", 6, func(w *worker) {
		w.get("households list", "/households?status=approved", w.ssw.session)
	}},
	{"staff: households search", 4, func(w *worker) {
		w.get("households search", "/households?q="+url.QueryEscape(pick(w.rng, searches)), w.ssw.session)
	}},
	{"staff: review workspace", 5, func(w *worker) {
		if len(w.ssw.reviews) > 0 {
			w.get("review workspace", fmt.Sprintf("/reviews/%d", pick(w.rng, w.ssw.reviews)), w.ssw.session)
		}
	}},
	{"staff: training matrix", 4, func(w *worker) { w.get("training matrix", "/training", w.ssw.session) }},
	{"staff: record a visit", 5, recordVisit},
	{"staff: record training", 4, recordTraining},
	{"api: read a household", 8, func(w *worker) {
		w.api("api household", fmt.Sprintf("/api/v1/households/%d", pick(w.rng, w.ssw.households)))
	}},
	{"api: list households", 4, func(w *worker) {
		w.api("api households list", fmt.Sprintf("/api/v1/households?status=approved&ssw_id=%d&limit=50", w.ssw.id))
	}},
	{"carer: my training", 17, func(w *worker) { w.get("carer: my training", "/", pick(w.rng, w.fx.carers)) }},
	{"carer: my household", 4, func(w *worker) { w.get("carer: my household", "/my/household", pick(w.rng, w.fx.carers)) }},
	{"panel: my panels", 3, func(w *worker) { w.get("panel: my panels", "/", pick(w.rng, w.fx.panelSeats).session) }},
	{"panel: agenda", 2, func(w *worker) {
		seat := pick(w.rng, w.fx.panelSeats)
		w.get("panel: agenda", fmt.Sprintf("/panels/%d", seat.panel), seat.session)
	}},
	{"panel: download a pack", 3, func(w *worker) {
		seat := pick(w.rng, w.fx.panelSeats)
		w.get("panel: pack PDF", fmt.Sprintf("/api/v1/reviews/%d/pack", pick(w.rng, seat.reviews)), seat.session)
	}},
}

// searches are what staff type into the households search: a reference's
// start or a carer's surname.
var searches = []string{"FH-01", "FH-123", "FH-4", "Patel", "Evans", "Khan", "O'Connor", "Nowak", "Williams", "Ó Briain"}

var (
	csrfField    = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)
	chosenOption = regexp.MustCompile(`<option value="(\d+)" selected>`)
)

// recordVisit opens the visit form and saves a supervisory visit of the
// last month, as an SSW does after seeing a household.
func recordVisit(w *worker) {
	h := pick(w.rng, w.ssw.households)
	path := fmt.Sprintf("/households/%d/add/visit", h)
	csrf, page, ok := w.form("visit form", path)
	if !ok {
		return
	}
	on := time.Now().AddDate(0, 0, -w.rng.IntN(30))
	answers := url.Values{"csrf_token": {csrf}, "kind": {"supervisory"}, "children_seen": {"yes"},
		"note": {"Load test visit"}, "visited_on-day": {strconv.Itoa(on.Day())},
		"visited_on-month": {strconv.Itoa(int(on.Month()))}, "visited_on-year": {strconv.Itoa(on.Year())}}
	if m := chosenOption.FindStringSubmatch(page); m != nil { // who visited, as the form offers it
		answers.Set("visitor_id", m[1])
	}
	w.post("record a visit", path, nil, answers)
}

// recordTraining opens the training form and saves a course completed on
// a day of the last three years. Runs on one registry add up, so now and
// then the same carer, course and day comes round again: the form then
// says the course is already recorded that day, which is the right answer.
func recordTraining(w *worker) {
	h := pick(w.rng, w.ssw.households)
	carers := w.ssw.carers[h]
	if len(carers) == 0 {
		return
	}
	path := fmt.Sprintf("/households/%d/add/training", h)
	csrf, _, ok := w.form("training form", path)
	if !ok {
		return
	}
	on := time.Now().AddDate(0, 0, -1-w.rng.IntN(1095))
	w.post("record training", path, alreadyRecordedIsAnAnswer, url.Values{"csrf_token": {csrf}, "carer_id": {strconv.Itoa(pick(w.rng, carers))},
		"course_id": {strconv.Itoa(pick(w.rng, w.fx.courses))}, "provider": {"Load test provider"},
		"completed_on-day": {strconv.Itoa(on.Day())}, "completed_on-month": {strconv.Itoa(int(on.Month()))},
		"completed_on-year": {strconv.Itoa(on.Year())}})
}

func pick[T any](rng *rand.Rand, list []T) T { return list[rng.IntN(len(list))] }

// mix runs tasks from many clients and keeps every request's latency.
type mix struct {
	base   string
	fx     *fixtures
	tasks  []task
	http   *http.Client
	total  int
	mu     sync.Mutex
	kinds  map[string]*series
	first  string
	issued atomic.Int64
	// done counts the tasks finished in this run: a task may send several
	// requests (a form, then its post), so the offered rate of requests is
	// the rate of tasks times requests per task.
	done atomic.Int64
}

func newMix(base string, fx *fixtures, clients int, only string) (*mix, error) {
	m := &mix{base: base, fx: fx, kinds: map[string]*series{}, http: &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxIdleConns: clients},
		// A saved form answers 303 to the household page; the load
		// counts that answer, as a browser's first response.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
	for _, t := range tasks {
		if strings.Contains(t.name, only) {
			m.tasks = append(m.tasks, t)
			m.total += t.weight
		}
	}
	if len(m.tasks) == 0 {
		return nil, fmt.Errorf("no task's name contains %q", only)
	}
	return m, nil
}

// run starts clients that each do one weighted task after another, pausing
// about think between them (drawn at random, so that clients do not fall
// into step), until limit has passed, requests have been sent, or ctx ends;
// it returns how long that took.
func (m *mix) run(ctx context.Context, clients int, limit time.Duration, requests int, think time.Duration) time.Duration {
	m.issued.Store(0)
	m.done.Store(0)
	start := time.Now()
	deadline := start.Add(limit)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() {
			//nolint:gosec // which task comes next need not be unpredictable
			w := &worker{mix: m, fx: m.fx, rng: rand.New(rand.NewPCG(uint64(i), uint64(start.UnixNano()))), ctx: ctx}
			w.ssw = &m.fx.ssws[i%len(m.fx.ssws)]
			for ctx.Err() == nil && time.Now().Before(deadline) && m.issued.Load() < int64(requests) {
				m.choose(w.rng).do(w)
				m.done.Add(1)
				if think > 0 {
					pause := time.Duration(w.rng.ExpFloat64() * float64(think))
					select {
					case <-time.After(min(pause, time.Until(deadline))):
					case <-ctx.Done():
					}
				}
			}
		})
	}
	wg.Wait()
	return time.Since(start)
}

func (m *mix) choose(rng *rand.Rand) task {
	n := rng.IntN(m.total)
	for _, t := range m.tasks {
		if n < t.weight {
			return t
		}
		n -= t.weight
	}
	return m.tasks[len(m.tasks)-1]
}

// perTask is how many requests a task sent on average in the last run.
func (m *mix) perTask() float64 {
	if m.done.Load() == 0 {
		return 1
	}
	return float64(m.issued.Load()) / float64(m.done.Load())
}

// reset forgets what the warm-up measured.
func (m *mix) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.kinds, m.first = map[string]*series{}, ""
}

func (m *mix) record(kind string, took time.Duration, failure string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.kinds[kind]
	if s == nil {
		s = &series{name: kind}
		m.kinds[kind] = s
	}
	s.took = append(s.took, took)
	if failure != "" {
		s.errors++
		if m.first == "" {
			m.first = kind + ": " + failure
		}
	}
}

// fail counts a failure found after the request was timed.
func (m *mix) fail(kind, failure string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s := m.kinds[kind]; s != nil {
		s.errors++
	}
	if m.first == "" {
		m.first = kind + ": " + failure
	}
}

func (m *mix) results() []*series {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]*series, 0, len(m.kinds))
	for _, s := range m.kinds {
		out = append(out, s)
	}
	return out
}

func (m *mix) firstError() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.first
}

// worker is one client: a person at a browser, or an integration.
type worker struct {
	*mix
	fx  *fixtures
	ssw *sswFixture
	rng *rand.Rand
	ctx context.Context
}

// send makes one request and records it under kind; ok is whether it got
// the answer wanted.
func (w *worker) send(kind string, req *http.Request, want func(status int, body string) bool) (body string, ok bool) {
	w.issued.Add(1)
	start := time.Now()
	resp, err := w.http.Do(req)
	if err != nil {
		w.record(kind, time.Since(start), err.Error())
		return "", false
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	switch {
	case err != nil:
		w.record(kind, took, "reading the answer: "+err.Error())
	case !want(resp.StatusCode, string(b)):
		w.record(kind, took, fmt.Sprintf("%s %s answered %d: %.200s", req.Method, req.URL.Path, resp.StatusCode, b))
	default:
		w.record(kind, took, "")
		return string(b), true
	}
	return "", false
}

func (w *worker) request(method, path, session string, body io.Reader) *http.Request {
	req, err := http.NewRequestWithContext(w.ctx, method, w.base+path, body)
	if err != nil {
		panic(err) // the paths are built here, from ids: a bad one is a bug in this file
	}
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "hearth_session", Value: session}) //nolint:gosec // a cookie sent, not set: its attributes are the server's
	}
	return req
}

func ok200(status int, _ string) bool { return status == http.StatusOK }

func (w *worker) get(kind, path, session string) {
	w.send(kind, w.request("GET", path, session, nil), ok200)
}

func (w *worker) api(kind, path string) {
	req := w.request("GET", path, "", nil)
	req.Header.Set("Authorization", "Bearer "+w.fx.apiToken)
	w.send(kind, req, ok200)
}

// form opens a form page and returns the CSRF token its form sends back,
// and the page, for the answers it starts with.
func (w *worker) form(kind, path string) (csrf, page string, ok bool) {
	page, ok = w.send(kind, w.request("GET", path, w.ssw.session, nil), ok200)
	if !ok {
		return "", "", false
	}
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		w.fail(kind, "the form at "+path+" has no CSRF token")
		return "", "", false
	}
	return m[1], page, true
}

// post saves a form; success is the redirect back to the record, or an
// answer that also allows.
func (w *worker) post(kind, path string, also func(status int, body string) bool, form url.Values) {
	req := w.request("POST", path, w.ssw.session, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w.send(kind, req, func(status int, body string) bool {
		return status == http.StatusSeeOther || (also != nil && also(status, body))
	})
}

// alreadyRecordedIsAnAnswer accepts the form's refusal of a course the
// carer already has on that day.
func alreadyRecordedIsAnAnswer(status int, body string) bool {
	return status == http.StatusUnprocessableEntity && strings.Contains(body, "already has")
}
