package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"
)

// EndpointConfig says what Endpoint runs: one GraphQL document against any
// GraphQL server, with variables drawn from a file, so that Dealerline and
// another server over the same database answer the same requests.
type EndpointConfig struct {
	URL       string // the endpoint itself, e.g. http://127.0.0.1:5678/graphql
	Query     string
	Variables []Variables // drawn in a shuffled order, round and round; none sends {}
	Header    http.Header // sent with every request
	Clients   int
	Duration  time.Duration // measured
	Warmup    time.Duration // run first, not measured
	Expect    string        // every answer's data must contain it; "" for no check
	Seed      uint64        // of the order the variables are drawn in
	Processes []Process     // whose CPU time to report
	Label     string        // names the run in the report
	Out       io.Writer     // progress; nil for none
}

// Variables is one line of a variables file: a request's variables and,
// optionally, the bearer token it is sent with.
type Variables struct {
	JSON  json.RawMessage // a JSON object
	Token string          // sent as Authorization: Bearer, over any --header; "" for none
}

// Process is a process whose CPU time Endpoint reports, with its child
// processes: the postmaster's are the backends that do PostgreSQL's work.
type Process struct {
	Name string
	PID  int
}

// EndpointErrors counts the requests that did not get a correct answer.
type EndpointErrors struct {
	// The request failed, the status was not 2xx or the body was not JSON.
	Transport int `json:"transport"`
	// The answer carried GraphQL errors.
	GraphQL int `json:"graphql"`
	// The answer had no data object or its data lacked Expect.
	Unexpected int `json:"unexpected"`
}

// Total is the sum of all kinds.
func (e EndpointErrors) Total() int { return e.Transport + e.GraphQL + e.Unexpected }

// ProcessCPU is the CPU time a process and its children used while
// Endpoint measured.
type ProcessCPU struct {
	Name      string  `json:"name"`
	PID       int     `json:"pid"`
	Processes int     `json:"processes"` // the process and its children at the end
	Seconds   float64 `json:"cpu_s"`
	// PerRequest is CPU time over every request sent, answered or not.
	PerRequest time.Duration `json:"-"`
}

// EndpointResult is what Endpoint measured. Latencies are of correct
// answers only; a request that failed is counted in Errors instead.
type EndpointResult struct {
	Label          string
	URL            string
	Clients        int
	VariableSets   int
	Elapsed        time.Duration
	Requests       int // correct answers
	PerSecond      float64
	P50, P90, P99  time.Duration
	Max            time.Duration
	BytesPerAnswer float64 // mean body size of the correct answers
	Errors         EndpointErrors
	// FirstErrors is the first error of each kind that happened, by kind
	// ("transport", "graphql", "unexpected").
	FirstErrors map[string]string
	CPU         []ProcessCPU
	Driver      *ProcessCPU // this process's own CPU time; nil where /proc is not readable
}

// Endpoint loads cfg.URL in a closed loop: each client sends one request,
// checks its answer, and sends the next with the next variables, first for
// the warm-up and then for the measured duration.
func Endpoint(ctx context.Context, cfg EndpointConfig) (EndpointResult, error) {
	if cfg.Clients < 1 {
		return EndpointResult{}, errors.New("at least one client is needed")
	}
	vars := cfg.Variables
	if len(vars) == 0 {
		vars = []Variables{{JSON: json.RawMessage(`{}`)}}
	}
	// A fixed shuffle: every run sends the same variables in the same
	// order, and all of them as often, whatever server answers.
	order := rand.New(rand.NewPCG(cfg.Seed, 0)).Perm(len(vars))
	q, _ := json.Marshal(cfg.Query)
	l := &endpointLoad{
		cfg:    cfg,
		vars:   vars,
		order:  order,
		prefix: append([]byte(`{"query":`), append(q, `,"variables":`...)...),
		http:   &http.Client{Transport: endpointTransport(cfg.Clients), Timeout: time.Minute},
	}
	for _, p := range cfg.Processes { // before the warm-up, not after it
		if _, _, err := procStat(p.PID); err != nil {
			return EndpointResult{}, fmt.Errorf("--pid %s=%d: %w", p.Name, p.PID, err)
		}
	}
	progress := cfg.Out
	if progress == nil {
		progress = io.Discard
	}
	fmt.Fprintf(progress, "%s: %d clients, %d variable sets, %v warm-up, %v measured…\n", cfg.URL, cfg.Clients, len(vars), cfg.Warmup, cfg.Duration)
	if cfg.Warmup > 0 {
		l.run(ctx, cfg.Warmup)
		if err := ctx.Err(); err != nil {
			return EndpointResult{}, err
		}
	}

	before := make([]cpuSample, len(cfg.Processes))
	for i, p := range cfg.Processes {
		s, err := sampleCPU(p.PID)
		if err != nil {
			return EndpointResult{}, fmt.Errorf("--pid %s=%d: %w", p.Name, p.PID, err)
		}
		before[i] = s
	}
	self, selfErr := sampleCPU(os.Getpid())
	started := time.Now()
	m := l.run(ctx, cfg.Duration)
	elapsed := time.Since(started)
	if err := ctx.Err(); err != nil {
		return EndpointResult{}, err
	}

	sent := len(m.lat) + m.errs.Total()
	perRequest := func(secs float64) time.Duration {
		if sent == 0 {
			return 0
		}
		return time.Duration(secs / float64(sent) * float64(time.Second))
	}
	r := EndpointResult{
		Label: cfg.Label, URL: cfg.URL, Clients: cfg.Clients, VariableSets: len(vars), Elapsed: elapsed,
		Requests: len(m.lat), PerSecond: float64(len(m.lat)) / elapsed.Seconds(),
		P50: m.lat.Percentile(50), P90: m.lat.Percentile(90), P99: m.lat.Percentile(99), Max: m.lat.Percentile(100),
		Errors: m.errs, FirstErrors: m.first,
	}
	if len(m.lat) > 0 {
		r.BytesPerAnswer = float64(m.bytes) / float64(len(m.lat))
	}
	for i, p := range cfg.Processes {
		after, err := sampleCPU(p.PID)
		if err != nil {
			return r, fmt.Errorf("--pid %s=%d: %w", p.Name, p.PID, err)
		}
		secs := after.seconds() - before[i].seconds()
		r.CPU = append(r.CPU, ProcessCPU{Name: p.Name, PID: p.PID, Processes: after.processes, Seconds: secs, PerRequest: perRequest(secs)})
	}
	if selfErr == nil {
		if after, err := sampleCPU(os.Getpid()); err == nil {
			secs := after.seconds() - self.seconds()
			r.Driver = &ProcessCPU{Name: "driver", PID: os.Getpid(), Processes: after.processes, Seconds: secs, PerRequest: perRequest(secs)}
		}
	}
	if r.Requests == 0 {
		return r, fmt.Errorf("no correct answer in %v: %s", cfg.Duration.Round(time.Millisecond), firstErrors(r.FirstErrors))
	}
	return r, nil
}

func endpointTransport(clients int) *http.Transport {
	t := pooledTransport(clients)
	// Both servers are weighed on the same plain JSON: no gzip, whichever
	// of them would offer it.
	t.DisableCompression = true
	return t
}

// endpointLoad is one Endpoint run's requests.
type endpointLoad struct {
	cfg    EndpointConfig
	vars   []Variables
	order  []int
	next   atomic.Uint64 // the next draw from order, round and round
	prefix []byte        // {"query":…,"variables":
	http   *http.Client
}

// measured is what a run's clients saw.
type measured struct {
	lat   Latencies
	bytes int64
	errs  EndpointErrors
	first map[string]string
}

// firstError is a client's first error of a kind, and when it happened.
type firstError struct {
	at  time.Time
	msg string
}

// run sends requests from cfg.Clients clients for d.
func (l *endpointLoad) run(ctx context.Context, d time.Duration) measured {
	until := time.Now().Add(d)
	var (
		mu    sync.Mutex
		all   = measured{first: map[string]string{}}
		first = map[string]firstError{}
		wg    sync.WaitGroup
	)
	for range l.cfg.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var (
				mine    measured
				body    bytes.Buffer
				answer  bytes.Buffer
				myFirst = map[string]firstError{}
			)
			for ctx.Err() == nil && time.Now().Before(until) {
				v := l.vars[l.order[(l.next.Add(1)-1)%uint64(len(l.order))]]
				body.Reset()
				body.Write(l.prefix)
				body.Write(v.JSON)
				body.WriteByte('}')
				t := time.Now()
				kind, detail := l.send(ctx, body.Bytes(), v.Token, &answer)
				took := time.Since(t)
				switch kind {
				case "":
					mine.lat = append(mine.lat, took)
					mine.bytes += int64(answer.Len())
					continue
				case kindTransport:
					if ctx.Err() != nil {
						return // interrupted, not failed
					}
					mine.errs.Transport++
				case kindGraphQL:
					mine.errs.GraphQL++
				case kindUnexpected:
					mine.errs.Unexpected++
				}
				if _, ok := myFirst[kind]; !ok {
					myFirst[kind] = firstError{t, detail}
				}
			}
			mu.Lock()
			defer mu.Unlock()
			all.lat = append(all.lat, mine.lat...)
			all.bytes += mine.bytes
			all.errs.Transport += mine.errs.Transport
			all.errs.GraphQL += mine.errs.GraphQL
			all.errs.Unexpected += mine.errs.Unexpected
			// The earliest of the clients' first errors of each kind.
			for k, e := range myFirst {
				if cur, ok := first[k]; !ok || e.at.Before(cur.at) {
					first[k] = e
				}
			}
		}()
	}
	wg.Wait()
	for k, e := range first {
		all.first[k] = e.msg
	}
	return all
}

const (
	kindTransport  = "transport"
	kindGraphQL    = "graphql"
	kindUnexpected = "unexpected"
)

// send posts one request and checks its answer, read into answer; kind is
// "" for a correct answer.
func (l *endpointLoad) send(ctx context.Context, body []byte, token string, answer *bytes.Buffer) (kind, detail string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, l.cfg.URL, bytes.NewReader(body))
	if err != nil {
		return kindTransport, err.Error()
	}
	for k, vs := range l.cfg.Header {
		req.Header[k] = vs
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := l.http.Do(req)
	if err != nil {
		return kindTransport, err.Error()
	}
	defer res.Body.Close()
	answer.Reset()
	if _, err := answer.ReadFrom(res.Body); err != nil {
		return kindTransport, fmt.Sprintf("%s: reading the answer: %v", res.Status, err)
	}
	return checkAnswer(res.StatusCode, answer.Bytes(), l.cfg.Expect)
}

// checkAnswer classifies an answer: a GraphQL error whatever the status
// (a server may send 4xx with errors), else a transport error for another
// status or a body that is not JSON, else unexpected without a data object
// or without expect in it.
func checkAnswer(status int, b []byte, expect string) (kind, detail string) {
	var env struct {
		Data   json.RawMessage `json:"data"`
		Errors json.RawMessage `json:"errors"`
	}
	jsonErr := json.Unmarshal(b, &env)
	switch {
	case jsonErr == nil && len(env.Errors) > 0 && !bytes.Equal(env.Errors, []byte("null")):
		// The first message as a reader wants it; the raw errors when they
		// are not the usual list.
		var errs []struct {
			Message    string
			Extensions struct{ Code any }
		}
		if json.Unmarshal(env.Errors, &errs) == nil && len(errs) > 0 && errs[0].Message != "" {
			detail = errs[0].Message
			if errs[0].Extensions.Code != nil {
				detail += fmt.Sprintf(" (%v)", errs[0].Extensions.Code)
			}
			if len(errs) > 1 {
				detail += fmt.Sprintf(", and %d more", len(errs)-1)
			}
			return kindGraphQL, fmt.Sprintf("HTTP %d: %s", status, snippet([]byte(detail)))
		}
		return kindGraphQL, fmt.Sprintf("HTTP %d: %s", status, snippet(env.Errors))
	case status/100 != 2:
		return kindTransport, fmt.Sprintf("HTTP %d: %s", status, snippet(b))
	case jsonErr != nil:
		return kindTransport, fmt.Sprintf("the answer is not JSON (%v): %s", jsonErr, snippet(b))
	case len(env.Data) == 0 || env.Data[0] != '{':
		return kindUnexpected, "no data object: " + snippet(b)
	case expect != "" && !bytes.Contains(env.Data, []byte(expect)):
		return kindUnexpected, fmt.Sprintf("no %s in the data: %s", expect, snippet(b))
	}
	return "", ""
}

func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	return s
}

func firstErrors(first map[string]string) string {
	var parts []string
	for _, k := range []string{kindTransport, kindGraphQL, kindUnexpected} {
		if first[k] != "" {
			parts = append(parts, k+": "+first[k])
		}
	}
	if len(parts) == 0 {
		return "no request finished"
	}
	return strings.Join(parts, "; ")
}

// ReadVariables reads a variables file: one JSON object a line, blank
// lines skipped. A line {"variables": {…}, "token": "…"} (no other keys)
// is a request's variables and the token to send it with; any other object
// is the variables themselves.
func ReadVariables(path string) ([]Variables, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Variables
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		v, err := parseVariables(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s has no variables: write one JSON object a line", path)
	}
	return out, nil
}

func parseVariables(line []byte) (Variables, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil || obj == nil {
		if err == nil {
			err = errors.New("null")
		}
		return Variables{}, fmt.Errorf("not a JSON object: %v", err)
	}
	inner, wrapped := obj["variables"]
	for k := range obj {
		if k != "variables" && k != "token" {
			wrapped = false
		}
	}
	if !wrapped {
		return Variables{JSON: compact(line)}, nil
	}
	var check map[string]json.RawMessage
	if err := json.Unmarshal(inner, &check); err != nil || check == nil {
		return Variables{}, errors.New(`"variables" is not a JSON object`)
	}
	v := Variables{JSON: compact(inner)}
	if raw, ok := obj["token"]; ok {
		if err := json.Unmarshal(raw, &v.Token); err != nil {
			return Variables{}, errors.New(`"token" is not a string`)
		}
	}
	return v, nil
}

// compact drops the whitespace of a valid JSON text, so each request sends
// only what the server reads.
func compact(b []byte) json.RawMessage {
	var buf bytes.Buffer
	json.Compact(&buf, b)
	return buf.Bytes()
}

// headerFlag is a repeatable --header 'Name: value'.
type headerFlag struct{ h http.Header }

func (f *headerFlag) String() string {
	if f == nil || f.h == nil {
		return ""
	}
	var parts []string
	for k, vs := range f.h {
		for _, v := range vs {
			parts = append(parts, k+": "+v)
		}
	}
	return strings.Join(parts, ", ")
}

func (f *headerFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, ":")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.ContainsAny(name, " \t") {
		return fmt.Errorf("%q is not 'Name: value'", s)
	}
	if f.h == nil {
		f.h = http.Header{}
	}
	f.h.Add(name, strings.TrimSpace(value))
	return nil
}

// pidFlag is a repeatable --pid NAME=PID (or a bare PID, named after its
// command).
type pidFlag struct{ ps []Process }

func (f *pidFlag) String() string {
	if f == nil {
		return ""
	}
	var parts []string
	for _, p := range f.ps {
		parts = append(parts, fmt.Sprintf("%s=%d", p.Name, p.PID))
	}
	return strings.Join(parts, ",")
}

func (f *pidFlag) Set(s string) error {
	name, num, named := strings.Cut(s, "=")
	if !named {
		num = name
	}
	pid, err := strconv.Atoi(strings.TrimSpace(num))
	if err != nil || pid <= 0 || (named && strings.TrimSpace(name) == "") {
		return fmt.Errorf("%q is not NAME=PID", s)
	}
	if !named {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
		if err != nil {
			return fmt.Errorf("process %d: %w", pid, err)
		}
		name = strings.TrimSpace(string(b))
	}
	f.ps = append(f.ps, Process{Name: strings.TrimSpace(name), PID: pid})
	return nil
}

// clockTicks is USER_HZ, the unit of /proc's CPU times: 100 on every
// architecture Linux builds for by default, and Go reads no sysconf
// without cgo.
const clockTicks = 100

// cpuSample is the CPU time of a process and its children, in clock ticks.
type cpuSample struct {
	ticks     uint64
	processes int
}

func (s cpuSample) seconds() float64 { return float64(s.ticks) / clockTicks }

// sampleCPU reads the CPU time of pid, all its threads, and of its child
// processes, from /proc. It counts what the children that ended and were
// waited for used too (cutime, cstime), so the difference of two samples
// is what the whole family used between them even while the postmaster
// starts and ends backends.
func sampleCPU(pid int) (cpuSample, error) {
	root, _, err := procStat(pid)
	if err != nil {
		return cpuSample{}, err
	}
	s := cpuSample{ticks: root, processes: 1}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return cpuSample{}, err
	}
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil || child == pid {
			continue
		}
		ticks, ppid, err := procStat(child)
		if err == nil && ppid == pid { // one that ended meanwhile is skipped
			s.ticks += ticks
			s.processes++
		}
	}
	return s, nil
}

// procStat reads a process's CPU time (utime + stime + cutime + cstime,
// in clock ticks) and its parent from /proc/PID/stat.
func procStat(pid int) (ticks uint64, ppid int, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if errors.Is(err, os.ErrNotExist) {
		return 0, 0, fmt.Errorf("no process %d (/proc/%d/stat)", pid, pid)
	}
	if err != nil {
		return 0, 0, err
	}
	// The command, field 2, is in parentheses and may hold both spaces
	// and parentheses: the fields that follow start after the last ')'.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, 0, fmt.Errorf("/proc/%d/stat: no command field", pid)
	}
	f := strings.Fields(string(b[i+1:])) // f[0] is field 3, the state
	if len(f) < 15 {
		return 0, 0, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f)+2)
	}
	if ppid, err = strconv.Atoi(f[1]); err != nil {
		return 0, 0, fmt.Errorf("/proc/%d/stat: parent %q", pid, f[1])
	}
	for _, s := range f[11:15] { // fields 14–17: utime stime cutime cstime
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("/proc/%d/stat: CPU time %q", pid, s)
		}
		ticks += n
	}
	return ticks, ppid, nil
}

// PrintEndpointResult writes r as a table.
func PrintEndpointResult(w io.Writer, r EndpointResult) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	name := r.URL
	if r.Label != "" {
		name = r.Label + " (" + r.URL + ")"
	}
	fmt.Fprintf(tw, "endpoint\t%s\n", name)
	fmt.Fprintf(tw, "load\t%d clients for %.2f s, %d variable sets\n", r.Clients, r.Elapsed.Seconds(), r.VariableSets)
	fmt.Fprintf(tw, "answers\t%d correct, %.1f req/s, %.0f bytes each on average\n", r.Requests, r.PerSecond, r.BytesPerAnswer)
	fmt.Fprintf(tw, "latency\tp50 %s, p90 %s, p99 %s, max %s\n", ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max))
	fmt.Fprintf(tw, "errors\t%d transport, %d graphql, %d unexpected\n", r.Errors.Transport, r.Errors.GraphQL, r.Errors.Unexpected)
	for _, k := range []string{kindTransport, kindGraphQL, kindUnexpected} {
		if e := r.FirstErrors[k]; e != "" {
			fmt.Fprintf(tw, "  first %s\t%s\n", k, e)
		}
	}
	cpus := r.CPU
	if r.Driver != nil {
		cpus = append(cpus[:len(cpus):len(cpus)], *r.Driver)
	}
	for _, c := range cpus {
		who := fmt.Sprintf("pid %d", c.PID)
		if c.Processes > 1 {
			who += fmt.Sprintf(" and %d children", c.Processes-1)
		}
		fmt.Fprintf(tw, "cpu %s\t%.3f ms a request (%.2f s, %.0f%% of a core; %s)\n",
			c.Name, float64(c.PerRequest)/float64(time.Millisecond), c.Seconds, 100*c.Seconds/r.Elapsed.Seconds(), who)
	}
	tw.Flush()
}

// WriteEndpointJSON writes r as one line of JSON, times in milliseconds.
func WriteEndpointJSON(w io.Writer, r EndpointResult) error {
	// Microseconds are the last digit worth printing.
	msOf := func(d time.Duration) float64 { return float64(d.Round(time.Microsecond)) / float64(time.Millisecond) }
	round := func(x float64, places float64) float64 { p := math.Pow(10, places); return math.Round(x*p) / p }
	type cpu struct {
		ProcessCPU
		MsPerRequest float64 `json:"cpu_ms_per_request"`
	}
	out := struct {
		Label          string            `json:"label,omitempty"`
		URL            string            `json:"url"`
		Clients        int               `json:"clients"`
		VariableSets   int               `json:"variable_sets"`
		Seconds        float64           `json:"seconds"`
		Requests       int               `json:"requests"`
		PerSecond      float64           `json:"rps"`
		P50            float64           `json:"p50_ms"`
		P90            float64           `json:"p90_ms"`
		P99            float64           `json:"p99_ms"`
		Max            float64           `json:"max_ms"`
		BytesPerAnswer float64           `json:"bytes_per_answer"`
		Errors         EndpointErrors    `json:"errors"`
		FirstErrors    map[string]string `json:"first_errors,omitempty"`
		CPU            []cpu             `json:"cpu,omitempty"`
		Driver         *cpu              `json:"driver_cpu,omitempty"`
	}{
		Label: r.Label, URL: r.URL, Clients: r.Clients, VariableSets: r.VariableSets, Seconds: round(r.Elapsed.Seconds(), 3),
		Requests: r.Requests, PerSecond: round(r.PerSecond, 1), P50: msOf(r.P50), P90: msOf(r.P90), P99: msOf(r.P99), Max: msOf(r.Max),
		BytesPerAnswer: round(r.BytesPerAnswer, 1), Errors: r.Errors, FirstErrors: r.FirstErrors,
	}
	// /proc counts in hundredths of a second.
	for _, c := range r.CPU {
		c.Seconds = round(c.Seconds, 2)
		out.CPU = append(out.CPU, cpu{c, msOf(c.PerRequest)})
	}
	if r.Driver != nil {
		d := *r.Driver
		d.Seconds = round(d.Seconds, 2)
		out.Driver = &cpu{d, msOf(d.PerRequest)}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // the errors quoted stay readable
	return enc.Encode(out)
}
