package webhooks

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/event"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/ent/webhook"
	"github.com/dealerline/dealerline/ent/webhookdelivery"
	"github.com/dealerline/dealerline/feed"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// verify checks a delivery as the Standard Webhooks specification has a
// receiver do: the secret is the base64 after whsec_; the signed content
// is "id.timestamp.body"; the header lists space-separated "v1,<base64
// HMAC-SHA256>" signatures, any of which may match; the timestamp is within
// five minutes of now.
func verify(secret string, h http.Header, body []byte) error {
	id, ts, sigs := h.Get("webhook-id"), h.Get("webhook-timestamp"), h.Get("webhook-signature")
	if id == "" || ts == "" || sigs == "" {
		return fmt.Errorf("missing headers: id %q timestamp %q signature %q", id, ts, sigs)
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("timestamp %q: %w", ts, err)
	}
	if d := time.Since(time.Unix(sec, 0)); d > 5*time.Minute || d < -5*time.Minute {
		return fmt.Errorf("timestamp %s is too far from now", ts)
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + ts + "." + string(body)))
	want := mac.Sum(nil)
	for _, s := range strings.Fields(sigs) {
		version, sig, ok := strings.Cut(s, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(sig)
		if err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return fmt.Errorf("no signature matches")
}

// received is what a receiver was sent.
type received struct {
	id   string
	body []byte
	err  error // of verify
}

// receiver is a real HTTP endpoint whose answers a test scripts.
type receiver struct {
	*httptest.Server
	secret string
	mu     sync.Mutex
	got    []received
	answer func(n int, w http.ResponseWriter, r *http.Request) // n: requests before this one
}

func newReceiver(t *testing.T, answer func(n int, w http.ResponseWriter, r *http.Request)) *receiver {
	rc := &receiver{answer: answer}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		n := len(rc.got)
		rc.got = append(rc.got, received{id: r.Header.Get("webhook-id"), body: body, err: verify(rc.secret, r.Header, body)})
		if r.Header.Get("Content-Type") != "application/json" || r.Header.Get("User-Agent") != UserAgent {
			rc.got[n].err = fmt.Errorf("content type %q, user agent %q", r.Header.Get("Content-Type"), r.Header.Get("User-Agent"))
		}
		rc.mu.Unlock()
		if rc.answer != nil {
			rc.answer(n, w, r)
		}
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) requests() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.got...)
}

// fixture is a database with an administrator, the service, the outbox
// reader and a sender whose clock the test moves.
type fixture struct {
	t      *testing.T
	db     *store.DB
	admin  context.Context
	svc    *Service
	reader *feed.Reader
	offset atomic.Int64 // added to the sender's clock
	seq    int          // subjects of recorded events
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	sys := access.Bypass(context.Background())
	u, err := db.Client.User.Create().SetEmail("admin@example.test").SetName("Admin").SetRole(user.RoleADMIN).Save(sys)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, db: db, svc: NewService(db.Client, true)}
	f.admin = auth.NewContext(context.Background(), &auth.Viewer{UserID: u.ID, Name: u.Name, Role: user.RoleADMIN})
	if _, err := realtime.Prepare(sys, db.Client); err != nil {
		t.Fatal(err)
	}
	f.reader = feed.New(ReaderName, db.Client, db.Dialect, Handler(nil), nil)
	if _, err := f.reader.Drain(context.Background()); err != nil { // starts at the newest event
		t.Fatal(err)
	}
	return f
}

func (f *fixture) now() time.Time { return time.Now().Add(time.Duration(f.offset.Load())) }

// later moves the sender's clock on by d, so retries come due.
func (f *fixture) later(d time.Duration) { f.offset.Add(int64(d)) }

// endpoint registers rc for order status events.
func (f *fixture) endpoint(rc *receiver, kinds ...realtime.Kind) *ent.Webhook {
	f.t.Helper()
	if len(kinds) == 0 {
		kinds = []realtime.Kind{realtime.OrderStatusChanged}
	}
	h, secret, err := f.svc.Create(f.admin, Input{URL: rc.URL + "/hook", EventKinds: kinds, Description: "ERP"})
	if err != nil {
		f.t.Fatal(err)
	}
	rc.secret = secret
	return h
}

// events commits n order status events, numbers them, and lets the reader
// queue their deliveries; it returns their cursors.
func (f *fixture) events(n int, kind realtime.Kind) []int64 {
	f.t.Helper()
	ctx := access.Bypass(context.Background())
	tx, err := f.db.Client.Tx(ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	for range n {
		f.seq++
		payload, _ := json.Marshal(map[string]any{"orderId": f.seq, "to": "CONFIRMED"})
		if err := realtime.Record(ctx, tx.Client(), realtime.Event{Kind: kind, SubjectID: f.seq, OrderID: f.seq, Payload: payload, At: time.Now()}); err != nil {
			f.t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		f.t.Fatal(err)
	}
	last, err := realtime.Prepare(ctx, f.db.Client)
	if err != nil {
		f.t.Fatal(err)
	}
	relay := realtime.NewRelay(f.db.Client, f.db.Dialect, realtime.NewHub(f.db.Client, last, realtime.DefaultLimits(), nil), 48*time.Hour, nil)
	if _, err := relay.Publish(ctx); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.reader.Drain(context.Background()); err != nil {
		f.t.Fatal(err)
	}
	seq, err := f.db.Client.EventSequence.Query().Only(ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	cursors := make([]int64, n)
	for i := range n {
		cursors[i] = seq.LastSeq - int64(n-1-i)
	}
	return cursors
}

// sender starts a sender on the fixture's clock; stop stops it and waits.
func (f *fixture) sender(allowPrivate bool, tune func(*Sender)) (s *Sender, stop func()) {
	s = NewSender(f.db.Client, allowPrivate, nil)
	s.now = f.now
	if tune != nil {
		tune(s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); s.Run(ctx) }()
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			cancel()
			<-done
		}
	}
	f.t.Cleanup(stop)
	return s, stop
}

// deliveries are endpoint h's deliveries, oldest first.
func (f *fixture) deliveries(h *ent.Webhook) []*ent.WebhookDelivery {
	f.t.Helper()
	ds, err := f.db.Client.WebhookDelivery.Query().Where(webhookdelivery.WebhookID(h.ID)).
		Order(ent.Asc(webhookdelivery.FieldID)).All(access.Bypass(context.Background()))
	if err != nil {
		f.t.Fatal(err)
	}
	return ds
}

// waitFor polls until cond holds, failing after a minute.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func ids(rs []received) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.id
	}
	return out
}

func (f *fixture) allSucceeded(h *ent.Webhook) func() bool {
	return func() bool {
		for _, d := range f.deliveries(h) {
			if d.Status != webhookdelivery.StatusSUCCEEDED {
				return false
			}
		}
		return true
	}
}

func TestSend_SignedInOrderRetriedUntilTheReceiverRecovers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		var rc *receiver
		rc = newReceiver(t, func(n int, w http.ResponseWriter, r *http.Request) {
			if n < 2 {
				w.WriteHeader(http.StatusInternalServerError)
				io.WriteString(w, "down for maintenance")
				f.later(time.Hour) // the retry is due
				return
			}
			w.WriteHeader(http.StatusNoContent)
		})
		h := f.endpoint(rc)
		other := f.endpoint(newReceiver(t, nil), realtime.DeliveryUpdated) // not its kind: nothing
		cursors := f.events(3, realtime.OrderStatusChanged)
		f.sender(true, nil)
		waitFor(t, "three deliveries", f.allSucceeded(h))

		got := rc.requests()
		m := func(i int) string { return messageID(h.ID, cursors[i]) }
		want := []string{m(0), m(0), m(0), m(1), m(2)}
		if strings.Join(ids(got), " ") != strings.Join(want, " ") {
			t.Fatalf("received %v, want %v", ids(got), want)
		}
		for _, r := range got {
			if r.err != nil {
				t.Errorf("%s: %v", r.id, r.err)
			}
		}
		var b struct {
			Type      string          `json:"type"`
			Timestamp time.Time       `json:"timestamp"`
			Data      json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(got[0].body, &b); err != nil || b.Type != "order.status_changed" || b.Timestamp.IsZero() || !strings.Contains(string(b.Data), `"orderId"`) {
			t.Errorf("body %s: %+v, %v", got[0].body, b, err)
		}
		ds := f.deliveries(h)
		if ds[0].Attempts != 3 || *ds[0].ResponseCode != 204 || ds[1].Attempts != 1 || ds[0].DeliveredAt == nil {
			t.Errorf("first delivery: %d attempts, code %v; second %d attempts", ds[0].Attempts, *ds[0].ResponseCode, ds[1].Attempts)
		}
		if len(f.deliveries(other)) != 0 {
			t.Error("an endpoint got events of a kind it did not ask for")
		}
	})
}

func TestSend_AHangingReceiverTimesOutAndHoldsTheLaterOnesBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		release := make(chan struct{})
		rc := newReceiver(t, func(n int, w http.ResponseWriter, r *http.Request) {
			if n == 0 {
				select { // hangs past the sender's timeout
				case <-r.Context().Done():
				case <-release:
				}
				return
			}
			w.WriteHeader(http.StatusOK)
		})
		defer close(release)
		h := f.endpoint(rc)
		cursors := f.events(2, realtime.OrderStatusChanged)
		f.sender(true, func(s *Sender) { s.http.Timeout = 200 * time.Millisecond })
		waitFor(t, "the timed-out attempt to be recorded", func() bool {
			d := f.deliveries(h)[0]
			return d.Error != nil
		})
		first := f.deliveries(h)
		if first[0].Status != webhookdelivery.StatusPENDING || !strings.Contains(*first[0].Error, "Timeout") && !strings.Contains(*first[0].Error, "deadline") {
			t.Errorf("after the timeout: %s, %v", first[0].Status, *first[0].Error)
		}
		if first[1].Attempts != 0 || len(rc.requests()) != 1 {
			t.Fatalf("the later delivery was tried while the first waits: %d attempts, %d requests", first[1].Attempts, len(rc.requests()))
		}
		f.later(time.Hour)
		waitFor(t, "both deliveries", f.allSucceeded(h))
		want := []string{messageID(h.ID, cursors[0]), messageID(h.ID, cursors[0]), messageID(h.ID, cursors[1])}
		if got := ids(rc.requests()); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("received %v, want %v", got, want)
		}
	})
}

func TestSend_ARedirectIsAFailureNotFollowed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		var followed atomic.Bool
		target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { followed.Store(true) }))
		defer target.Close()
		rc := newReceiver(t, func(n int, w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, target.URL, http.StatusFound)
		})
		h := f.endpoint(rc)
		f.events(1, realtime.OrderStatusChanged)
		f.sender(true, nil)
		waitFor(t, "the attempt", func() bool { return f.deliveries(h)[0].Error != nil })
		d := f.deliveries(h)[0]
		if d.Status != webhookdelivery.StatusPENDING || d.ResponseCode == nil || *d.ResponseCode != http.StatusFound || !strings.Contains(*d.Error, "redirect") {
			t.Errorf("after a redirect: %s, code %v, error %v", d.Status, d.ResponseCode, d.Error)
		}
		if followed.Load() {
			t.Error("the redirect was followed")
		}
	})
}

func TestSend_ALargeResponseIsReadTo64KB(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		var written atomic.Int64
		rc := newReceiver(t, func(n int, w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusOK)
			chunk := []byte(strings.Repeat("x", 4096))
			for range 2048 { // 8 MB, unless the sender stops reading
				k, err := w.Write(chunk)
				written.Add(int64(k))
				if err != nil {
					return
				}
			}
		})
		h := f.endpoint(rc)
		f.events(1, realtime.OrderStatusChanged)
		f.sender(true, nil)
		waitFor(t, "the delivery", f.allSucceeded(h))
		d := f.deliveries(h)[0]
		if d.ResponseExcerpt == nil || len(*d.ResponseExcerpt) != 1024 {
			t.Errorf("excerpt of %d bytes, want the first 1 KB", len(deref(d.ResponseExcerpt)))
		}
	})
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func TestSend_ARestartDuringAnAttemptMakesItAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		rc := newReceiver(t, nil)
		h := f.endpoint(rc)
		cursors := f.events(2, realtime.OrderStatusChanged)
		marked := make(chan struct{})
		_, stop := f.sender(true, func(s *Sender) {
			s.afterMark = func(ctx context.Context, d *ent.WebhookDelivery) {
				close(marked)
				<-ctx.Done() // the process stops here, before the POST
			}
		})
		<-marked
		stop()
		ds := f.deliveries(h)
		if ds[0].Attempts != 1 || ds[0].Status != webhookdelivery.StatusPENDING || len(rc.requests()) != 0 {
			t.Fatalf("after the stop: %d attempts, %s, %d requests", ds[0].Attempts, ds[0].Status, len(rc.requests()))
		}
		f.later(time.Hour) // the marked attempt's retry is due
		f.sender(true, nil)
		waitFor(t, "both deliveries", f.allSucceeded(h))
		want := []string{messageID(h.ID, cursors[0]), messageID(h.ID, cursors[1])}
		if got := ids(rc.requests()); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("received %v, want %v", got, want)
		}
	})
}

func TestSend_ADayOfFailuresPausesTheEndpointUntilResumed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		var healthy atomic.Bool
		rc := newReceiver(t, func(n int, w http.ResponseWriter, r *http.Request) {
			if !healthy.Load() {
				w.WriteHeader(http.StatusBadGateway)
				f.later(13 * time.Hour) // two attempts span more than a day
				return
			}
		})
		h := f.endpoint(rc)
		f.events(2, realtime.OrderStatusChanged)
		s, _ := f.sender(true, nil)
		waitFor(t, "the endpoint to be paused", func() bool {
			w, err := f.db.Client.Webhook.Get(access.Bypass(context.Background()), h.ID)
			return err == nil && w.Status == webhook.StatusPAUSED
		})
		w, _ := f.svc.Endpoint(f.admin, h.ID)
		ds := f.deliveries(h)
		if w.PausedReason == nil || !strings.Contains(*w.PausedReason, "502") || ds[0].Status != webhookdelivery.StatusFAILED || ds[1].Status != webhookdelivery.StatusPENDING || ds[1].Attempts != 0 {
			t.Fatalf("paused: reason %v; deliveries %s (%d), %s (%d)", w.PausedReason, ds[0].Status, ds[0].Attempts, ds[1].Status, ds[1].Attempts)
		}
		// The pause is an event of the outbox, for the administrators' inbox.
		told, err := f.db.Client.Event.Query().Where(event.Kind(string(realtime.WebhookPaused)), event.SubjectID(h.ID)).Count(access.Bypass(context.Background()))
		if err != nil || told != 1 {
			t.Errorf("%d WEBHOOK_PAUSED events (%v), want 1", told, err)
		}
		healthy.Store(true)
		if _, err := f.svc.Resume(f.admin, h.ID); err != nil {
			t.Fatal(err)
		}
		s.Wake()
		waitFor(t, "both deliveries after resuming", f.allSucceeded(h))
		if w, _ := f.svc.Endpoint(f.admin, h.ID); w.Status != webhook.StatusACTIVE || w.PausedReason != nil {
			t.Errorf("resumed: %s, %v", w.Status, w.PausedReason)
		}
	})
}

func TestSend_PrivateAddressesAreRefusedWithoutTheFlag(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		strict := NewService(db.Client, false)
		for _, url := range []string{
			"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook", "https://192.168.0.1/",
			"http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://[fe80::1]/", "http://0.0.0.0/",
			"http://224.0.0.1/", "ftp://erp.example.com/hook", "https:///hook", "erp.example.com/hook", "https://user:pw@erp.example.com/",
		} {
			_, _, err := strict.Create(f.admin, Input{URL: url, EventKinds: []realtime.Kind{realtime.InvoiceIssued}})
			if e, ok := apperr.As(err); !ok || e.Code != apperr.InvalidInput || e.Field != "url" {
				t.Errorf("%s: %v, want INVALID_INPUT on url", url, err)
			}
		}
		if n := f.db.Client.Webhook.Query().CountX(access.Bypass(context.Background())); n != 0 {
			t.Errorf("%d endpoints written", n)
		}
		if _, _, err := strict.Create(f.admin, Input{URL: "https://203.0.113.10/hook", EventKinds: []realtime.Kind{realtime.InvoiceIssued}}); err != nil {
			t.Errorf("a public address: %v", err)
		}
		// At connection time too: an endpoint that now resolves inside.
		rc := newReceiver(t, nil)
		h := f.endpoint(rc)
		f.events(1, realtime.OrderStatusChanged)
		f.sender(false, nil)
		waitFor(t, "the refused attempt", func() bool { return f.deliveries(h)[0].Error != nil })
		if d := f.deliveries(h)[0]; !strings.Contains(*d.Error, "loopback") || len(rc.requests()) != 0 {
			t.Errorf("dialled inside: %v, %d requests", *d.Error, len(rc.requests()))
		}
	})
}

func TestService_RedeliverAndReplay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		rc := newReceiver(t, nil)
		h := f.endpoint(rc, realtime.OrderStatusChanged, realtime.InvoiceIssued)
		before := f.events(1, realtime.DeliveryUpdated)[0] // a kind it does not receive
		cursors := f.events(3, realtime.OrderStatusChanged)
		s, _ := f.sender(true, nil)
		waitFor(t, "three deliveries", f.allSucceeded(h))

		first := f.deliveries(h)[0]
		again, err := f.svc.Redeliver(f.admin, first.ID)
		if err != nil || again.MessageID != first.MessageID || string(again.Body) != string(first.Body) || again.Origin != webhookdelivery.OriginREDELIVERY {
			t.Fatalf("redeliver: %+v, %v", again, err)
		}
		n, err := f.svc.Replay(f.admin, h.ID, realtime.FormatCursor(cursors[0]))
		if err != nil || n != 2 {
			t.Fatalf("replay after the first: %d queued, %v; want 2", n, err)
		}
		s.Wake()
		waitFor(t, "the redelivery and the replay", func() bool { return len(rc.requests()) == 6 && f.allSucceeded(h)() })
		m := func(i int) string { return messageID(h.ID, cursors[i]) }
		want := []string{m(0), m(1), m(2), m(0), m(1), m(2)}
		if got := ids(rc.requests()); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("received %v, want %v", got, want)
		}
		if n, err := f.svc.Replay(f.admin, h.ID, realtime.FormatCursor(before-1)); err != nil || n != 3 {
			t.Errorf("replay of all: %d, %v; want its 3 events", n, err)
		}
		for _, after := range []string{"999999", "-1", "x"} {
			_, err := f.svc.Replay(f.admin, h.ID, after)
			if code := apperr.CodeOf(err); code != apperr.CursorExpired && code != apperr.InvalidInput {
				t.Errorf("replay after %q: %v", after, err)
			}
		}
		if _, err := f.svc.Replay(f.admin, h.ID, "999999"); apperr.CodeOf(err) != apperr.CursorExpired {
			t.Errorf("a cursor never given out: %v, want CURSOR_EXPIRED", err)
		}
	})
}

func TestService_BadInputMissingIDsAndWhoMay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		rc := newReceiver(t, nil)
		h := f.endpoint(rc)
		ok := Input{URL: rc.URL, EventKinds: []realtime.Kind{realtime.DealerChanged}}
		for name, in := range map[string]Input{
			"eventKinds":  {URL: rc.URL},
			"description": {URL: rc.URL, EventKinds: ok.EventKinds, Description: strings.Repeat("x", 501)},
		} {
			if _, _, err := f.svc.Create(f.admin, in); apperr.CodeOf(err) != apperr.InvalidInput {
				t.Errorf("%s: %v", name, err)
			}
			if _, err := f.svc.Update(f.admin, h.ID, in); apperr.CodeOf(err) != apperr.InvalidInput {
				t.Errorf("update %s: %v", name, err)
			}
		}
		if _, _, err := f.svc.Create(f.admin, Input{URL: rc.URL, EventKinds: []realtime.Kind{realtime.TicketUpdated}}); apperr.CodeOf(err) != apperr.InvalidInput {
			t.Errorf("a kind not for webhooks: %v", err)
		}
		missing := h.ID + 1000
		for name, err := range map[string]error{
			"update":    second(f.svc.Update(f.admin, missing, ok)),
			"pause":     second(f.svc.Pause(f.admin, missing)),
			"resume":    second(f.svc.Resume(f.admin, missing)),
			"delete":    f.svc.Delete(f.admin, missing),
			"rotate":    third(f.svc.RotateSecret(f.admin, missing)),
			"redeliver": second(f.svc.Redeliver(f.admin, missing)),
			"replay":    second(f.svc.Replay(f.admin, missing, "0")),
		} {
			if apperr.CodeOf(err) != apperr.NotFound {
				t.Errorf("%s of a missing id: %v", name, err)
			}
		}
		for _, role := range []user.Role{user.RoleCHANNEL_MANAGER, user.RoleDEALER} {
			ctx := auth.NewContext(context.Background(), &auth.Viewer{UserID: 1, Role: role})
			if _, _, err := f.svc.Create(ctx, ok); apperr.CodeOf(err) != apperr.Forbidden {
				t.Errorf("%s creates: %v", role, err)
			}
			if _, err := f.svc.Endpoints(ctx); apperr.CodeOf(err) != apperr.Forbidden {
				t.Errorf("%s lists: %v", role, err)
			}
			if n := f.db.Client.Webhook.Query().CountX(ctx); n != 0 {
				t.Errorf("%s reads %d endpoints through the privacy rules", role, n)
			}
		}
		// Rotation: the new secret signs, the old one no longer does.
		_, secret, err := f.svc.RotateSecret(f.admin, h.ID)
		if err != nil || secret == rc.secret || !strings.HasPrefix(secret, "whsec_") {
			t.Fatalf("rotate: %q, %v", secret, err)
		}
		old := rc.secret
		rc.secret = secret
		f.events(1, realtime.OrderStatusChanged)
		f.sender(true, nil)
		waitFor(t, "the delivery", f.allSucceeded(h))
		got := rc.requests()[0]
		if got.err != nil {
			t.Errorf("signed with the new secret: %v", got.err)
		}
		h2 := http.Header{}
		ts := time.Now().Unix()
		sig, _ := Sign(old, got.id, ts, got.body)
		h2.Set("webhook-id", got.id)
		h2.Set("webhook-timestamp", strconv.FormatInt(ts, 10))
		h2.Set("webhook-signature", sig)
		if verify(secret, h2, got.body) == nil {
			t.Error("the old secret's signature verifies with the new one")
		}
		if err := f.svc.Delete(f.admin, h.ID); err != nil || len(f.deliveries(h)) != 0 {
			t.Errorf("delete: %v, %d deliveries left", err, len(f.deliveries(h)))
		}
	})
}

func second[T any](_ T, err error) error        { return err }
func third[T, U any](_ T, _ U, err error) error { return err }

func TestSend_DeliveredOnesLeaveTheLogAfterTheRetention(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		rc := newReceiver(t, func(n int, w http.ResponseWriter, r *http.Request) {
			if n > 0 {
				w.WriteHeader(http.StatusInternalServerError)
			}
		})
		h := f.endpoint(rc)
		f.events(2, realtime.OrderStatusChanged) // the first delivered, the second failing
		_, stop := f.sender(true, nil)
		waitFor(t, "both attempts", func() bool { ds := f.deliveries(h); return ds[0].DeliveredAt != nil && ds[1].Attempts > 0 })
		stop()
		s := NewSender(db.Client, true, nil)
		s.Retention = 48 * time.Hour
		s.now = func() time.Time { return time.Now().Add(49 * time.Hour) }
		if err := s.prune(context.Background()); err != nil {
			t.Fatal(err)
		}
		ds := f.deliveries(h)
		if len(ds) != 1 || ds[0].Status != webhookdelivery.StatusPENDING {
			t.Errorf("after pruning: %d deliveries left, want the undelivered one", len(ds))
		}
	})
}
