package push_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/pushsubscription"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/push"
	"github.com/dealerline/dealerline/push/pushtest"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

const subject = "mailto:ops@example.com"

// fixture is a database with two users, the installation's keys and a push
// service.
type fixture struct {
	db         *store.DB
	keys       push.Keys
	svc        *push.Service
	sender     *push.Sender
	ps         *pushtest.Service
	ann, bob   int // user ids
	annC, bobC context.Context
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	keys, err := push.LoadKeys(ctx, db.Client)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db, keys: keys, ps: pushtest.NewService(t)}
	f.sender = push.NewSender(db.Client, keys, subject)
	f.sender.HTTP = f.ps.Client()
	f.svc = push.NewService(db.Client, f.sender)
	mk := func(email string) (int, context.Context) {
		u, err := db.Client.User.Create().SetEmail(email).SetName(email).SetPasswordHash("x").
			SetRole(user.RoleCHANNEL_MANAGER).Save(access.Bypass(ctx))
		if err != nil {
			t.Fatal(err)
		}
		return u.ID, auth.NewContext(ctx, &auth.Viewer{UserID: u.ID, Name: email, Role: user.RoleCHANNEL_MANAGER})
	}
	f.ann, f.annC = mk("ann@example.test")
	f.bob, f.bobC = mk("bob@example.test")
	return f
}

func (f *fixture) subscribe(t *testing.T, ctx context.Context, name string) (*pushtest.Browser, string) {
	t.Helper()
	b, endpoint := f.ps.Subscribe(t, name)
	if _, err := f.svc.Subscribe(ctx, push.SubscribeInput{Endpoint: endpoint, P256dh: b.P256dh(), Auth: b.AuthSecret(), UserAgent: "Firefox " + name}); err != nil {
		t.Fatal(err)
	}
	return b, endpoint
}

func (f *fixture) count(t *testing.T) int {
	t.Helper()
	n, err := f.db.Client.PushSubscription.Query().Count(access.Bypass(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSend_ThePushServiceDecryptsTheMessageAndVerifiesTheSender(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		laptop, _ := f.subscribe(t, f.annC, "laptop")
		phone, _ := f.subscribe(t, f.annC, "phone")
		f.subscribe(t, f.bobC, "bobs") // not Ann's: not sent to

		msg := push.Message{Title: "Order SO-1042 shipped", Body: "订单已发货: 3 lines", Link: "/orders/42", Tag: "order-42",
			TTL: time.Hour, Urgency: push.High}
		reached, err := f.sender.Deliver(context.Background(), f.ann, msg)
		if err != nil || reached != 2 {
			t.Fatalf("Deliver: %d reached, %v; want 2", reached, err)
		}
		reqs := f.ps.Requests()
		if len(reqs) != 2 {
			t.Fatalf("the push service took %d requests, want 2", len(reqs))
		}
		for _, r := range reqs {
			if r.Browser != laptop && r.Browser != phone {
				t.Fatalf("a request to %s, not one of Ann's browsers", r.Path)
			}
			plain, err := r.Browser.Decrypt(r.Body)
			if err != nil {
				t.Fatalf("%s: %v", r.Path, err)
			}
			var got map[string]string
			if err := json.Unmarshal(plain, &got); err != nil {
				t.Fatalf("%s: the plaintext %q is not JSON: %v", r.Path, plain, err)
			}
			want := map[string]string{"title": msg.Title, "body": msg.Body, "link": msg.Link, "tag": msg.Tag}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s: %s = %q, want %q", r.Path, k, got[k], v)
				}
			}
			for h, v := range map[string]string{"Content-Encoding": "aes128gcm", "TTL": "3600", "Urgency": "high"} {
				if r.Header.Get(h) != v {
					t.Errorf("%s: %s: %q, want %q", r.Path, h, r.Header.Get(h), v)
				}
			}
			claims, err := pushtest.VerifyVAPID(r.Header.Get("Authorization"), f.keys.Public)
			if err != nil {
				t.Fatalf("%s: VAPID: %v", r.Path, err)
			}
			if claims.Aud != f.ps.URL {
				t.Errorf("aud %q, want the push service's origin %q", claims.Aud, f.ps.URL)
			}
			if claims.Sub != subject {
				t.Errorf("sub %q, want %q", claims.Sub, subject)
			}
			if exp := claims.Expires(); !exp.After(time.Now()) || exp.After(time.Now().Add(24*time.Hour)) {
				t.Errorf("exp %v: RFC 8292 wants it in the future and within 24 hours", exp)
			}
		}
		subs, err := f.svc.Subscriptions(f.annC)
		if err != nil || len(subs) != 2 {
			t.Fatalf("Ann's subscriptions: %d, %v", len(subs), err)
		}
		for _, s := range subs {
			if s.LastSuccessAt == nil {
				t.Errorf("%s: no last success time after a message was taken", s.Endpoint)
			}
		}
	})
}

func TestSend_DefaultsAndALongBodyFitOneRecord(t *testing.T) {
	db := storetest.Open(t)
	f := newFixture(t, db)
	b, _ := f.subscribe(t, f.annC, "laptop")
	long := strings.Repeat("长", 3000) // 9000 octets
	if err := f.sender.Send(context.Background(), f.ann, push.Message{Title: "Long", Body: long}); err != nil {
		t.Fatal(err)
	}
	r := f.ps.Requests()[0]
	plain, err := b.Decrypt(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	var got push.Message
	if err := json.Unmarshal(plain, &got); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(got.Body, "…") || !strings.HasPrefix(long, strings.TrimSuffix(got.Body, "…")) || got.Link != "/" {
		t.Errorf("body %d octets ending %q, link %q: want the body cut in whole characters and marked, link /", len(got.Body), got.Body[len(got.Body)-6:], got.Link)
	}
	if r.Header.Get("TTL") != "86400" || r.Header.Get("Urgency") != "normal" {
		t.Errorf("TTL %q, Urgency %q: want the defaults 86400 and normal", r.Header.Get("TTL"), r.Header.Get("Urgency"))
	}
}

func TestSend_GoneSubscriptionsAreRemovedOtherFailuresReturned(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, gone := f.subscribe(t, f.annC, "gone")
		_, missing := f.subscribe(t, f.annC, "missing")
		_, busy := f.subscribe(t, f.annC, "busy")
		_, fine := f.subscribe(t, f.annC, "fine")
		f.ps.Answer(gone, http.StatusGone)
		f.ps.Answer(missing, http.StatusNotFound)
		f.ps.Answer(busy, http.StatusServiceUnavailable)

		reached, err := f.sender.Deliver(context.Background(), f.ann, push.Message{Title: "t", Body: "b"})
		if reached != 1 {
			t.Errorf("reached %d, want 1", reached)
		}
		if err == nil || !strings.Contains(err.Error(), "503") {
			t.Errorf("err %v: want the 503 returned for a retry", err)
		}
		left, err := db.Client.PushSubscription.Query().Where(pushsubscription.UserID(f.ann)).
			Order(ent.Asc(pushsubscription.FieldEndpoint)).All(access.Bypass(context.Background()))
		if err != nil {
			t.Fatal(err)
		}
		var endpoints []string
		for _, s := range left {
			endpoints = append(endpoints, s.Endpoint)
		}
		if len(endpoints) != 2 || endpoints[0] != busy || endpoints[1] != fine {
			t.Errorf("left %v, want the busy and the fine ones (404 and 410 removed)", endpoints)
		}
	})
}

func TestLoadKeys_MadeOnceThenRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		first, err := push.LoadKeys(context.Background(), db.Client)
		if err != nil {
			t.Fatal(err)
		}
		pub, err := base64.RawURLEncoding.DecodeString(first.Public)
		if err != nil || len(pub) != 65 || pub[0] != 4 {
			t.Fatalf("public key %q: want 65 octets of an uncompressed point, base64url", first.Public)
		}
		// The next start finds them (server tests restart on one data directory).
		second, err := push.LoadKeys(context.Background(), db.Client)
		if err != nil {
			t.Fatal(err)
		}
		if second != first {
			t.Errorf("after a restart the public key is %q, want %q", second.Public, first.Public)
		}
	})
}

func TestLoadKeys_InstancesStartingTogetherKeepOnePair(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		const instances = 6
		keys := make([]push.Keys, instances)
		errs := make([]error, instances)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range instances {
			wg.Go(func() {
				<-start
				keys[i], errs[i] = push.LoadKeys(context.Background(), db.Client)
			})
		}
		close(start)
		wg.Wait()
		for i := range instances {
			if errs[i] != nil {
				t.Fatalf("instance %d: %v", i, errs[i])
			}
			if keys[i] != keys[0] {
				t.Fatalf("instance %d got %q, instance 0 %q", i, keys[i].Public, keys[0].Public)
			}
		}
		if n := db.Client.PushKey.Query().CountX(access.Bypass(context.Background())); n != 1 {
			t.Errorf("%d key pairs kept, want 1", n)
		}
	})
}

func TestSubscribe_BadInputIsRefusedWithTheFieldAndNothingWritten(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		b := pushtest.NewBrowser(t)
		ok := push.SubscribeInput{Endpoint: "https://push.example.com/send/abc", P256dh: b.P256dh(), Auth: b.AuthSecret()}
		notOnCurve := append([]byte{4}, make([]byte, 64)...)
		cases := []struct {
			name  string
			edit  func(*push.SubscribeInput)
			field string
		}{
			{"no endpoint", func(in *push.SubscribeInput) { in.Endpoint = " " }, "endpoint"},
			{"http", func(in *push.SubscribeInput) { in.Endpoint = "http://push.example.com/x" }, "endpoint"},
			{"not a URL", func(in *push.SubscribeInput) { in.Endpoint = "push.example.com/x" }, "endpoint"},
			{"javascript", func(in *push.SubscribeInput) { in.Endpoint = "javascript:alert(1)" }, "endpoint"},
			{"user info", func(in *push.SubscribeInput) { in.Endpoint = "https://a:b@push.example.com/x" }, "endpoint"},
			{"too long", func(in *push.SubscribeInput) {
				in.Endpoint = "https://push.example.com/" + strings.Repeat("a", push.MaxEndpoint)
			}, "endpoint"},
			{"p256dh not base64url", func(in *push.SubscribeInput) { in.P256dh = "not base64!" }, "p256dh"},
			{"p256dh short", func(in *push.SubscribeInput) { in.P256dh = in.P256dh[:40] }, "p256dh"},
			{"p256dh not a point", func(in *push.SubscribeInput) { in.P256dh = base64.RawURLEncoding.EncodeToString(notOnCurve) }, "p256dh"},
			{"auth long", func(in *push.SubscribeInput) { in.Auth = base64.RawURLEncoding.EncodeToString(make([]byte, 32)) }, "auth"},
			{"auth empty", func(in *push.SubscribeInput) { in.Auth = "" }, "auth"},
			{"user agent control characters", func(in *push.SubscribeInput) { in.UserAgent = "a\x00b" }, "userAgent"},
		}
		for _, c := range cases {
			in := ok
			c.edit(&in)
			_, err := f.svc.Subscribe(f.annC, in)
			if e, isApp := apperr.As(err); !isApp || e.Code != apperr.InvalidInput || e.Field != c.field {
				t.Errorf("%s: %v; want INVALID_INPUT on %s", c.name, err, c.field)
			}
		}
		if n := f.count(t); n != 0 {
			t.Errorf("%d subscriptions written by refused input", n)
		}
		// Padded base64url is what some browsers' encoders give: taken.
		padded := ok
		padded.Auth += "=="
		if _, err := f.svc.Subscribe(f.annC, padded); err != nil {
			t.Errorf("padded keys: %v", err)
		}
		if _, err := f.svc.Subscribe(context.Background(), ok); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Errorf("no viewer: %v, want UNAUTHENTICATED", err)
		}
	})
}

func TestSubscribe_SameEndpointAgainUpdatesTheKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		old, endpoint := f.subscribe(t, f.annC, "laptop")
		renewed := pushtest.NewBrowser(t)
		sub, err := f.svc.Subscribe(f.annC, push.SubscribeInput{Endpoint: endpoint, P256dh: renewed.P256dh(), Auth: renewed.AuthSecret(), UserAgent: "Firefox 140"})
		if err != nil {
			t.Fatal(err)
		}
		if n := f.count(t); n != 1 {
			t.Fatalf("%d subscriptions after subscribing one endpoint twice, want 1", n)
		}
		if sub.P256dh == old.P256dh() || sub.P256dh != renewed.P256dh() || sub.UserAgent != "Firefox 140" {
			t.Errorf("kept %q / %q: want the renewed keys and user agent", sub.P256dh, sub.UserAgent)
		}
	})
}

func TestSubscribe_ABrowserBelongsToWhoeverLastSubscribedInIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		b, endpoint := f.subscribe(t, f.annC, "shared")
		// Ann signs out without turning notifications off; Bob signs in
		// on the same browser and allows them.
		if _, err := f.svc.Subscribe(f.bobC, push.SubscribeInput{Endpoint: endpoint, P256dh: b.P256dh(), Auth: b.AuthSecret()}); err != nil {
			t.Fatal(err)
		}
		if reached, err := f.sender.Deliver(context.Background(), f.ann, push.Message{Title: "for Ann"}); reached != 0 || err != nil {
			t.Errorf("Ann's message reached %d browsers (%v): the browser is Bob's now", reached, err)
		}
		if reached, err := f.sender.Deliver(context.Background(), f.bob, push.Message{Title: "for Bob"}); reached != 1 || err != nil {
			t.Errorf("Bob's message reached %d browsers (%v), want 1", reached, err)
		}
	})
}

func TestUnsubscribe_OnlyOnesOwn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, annsEndpoint := f.subscribe(t, f.annC, "ann")
		_, bobsEndpoint := f.subscribe(t, f.bobC, "bob")

		err := f.svc.Unsubscribe(f.bobC, annsEndpoint)
		if e, ok := apperr.As(err); !ok || e.Code != apperr.NotFound || e.Field != "endpoint" {
			t.Fatalf("Bob unsubscribing Ann's endpoint: %v, want NOT_FOUND on endpoint", err)
		}
		if err := f.svc.Unsubscribe(f.bobC, "https://push.example.com/never"); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("an endpoint never subscribed: %v, want NOT_FOUND", err)
		}
		if n := f.count(t); n != 2 {
			t.Fatalf("%d subscriptions left, want both", n)
		}
		bobs, err := f.svc.Subscriptions(f.bobC)
		if err != nil || len(bobs) != 1 || bobs[0].Endpoint != bobsEndpoint {
			t.Errorf("Bob's subscriptions: %v, %v; want his one only", bobs, err)
		}
		if err := f.svc.Unsubscribe(f.annC, annsEndpoint); err != nil {
			t.Fatal(err)
		}
		if anns, _ := f.svc.Subscriptions(f.annC); len(anns) != 0 {
			t.Errorf("Ann still has %d subscriptions", len(anns))
		}
	})
}

func TestSendTest_TheViewersOwnBrowsers(t *testing.T) {
	db := storetest.Open(t)
	f := newFixture(t, db)
	b, _ := f.subscribe(t, f.annC, "ann")
	f.subscribe(t, f.bobC, "bob")
	reached, err := f.svc.SendTest(f.annC)
	if err != nil || reached != 1 {
		t.Fatalf("SendTest: %d, %v; want 1", reached, err)
	}
	reqs := f.ps.Requests()
	if len(reqs) != 1 || reqs[0].Browser != b {
		t.Fatalf("requests %d, want one to Ann's browser", len(reqs))
	}
	plain, err := b.Decrypt(reqs[0].Body)
	if err != nil || !strings.Contains(string(plain), "Dealerline: notifications are on") {
		t.Errorf("plaintext %q, %v", plain, err)
	}
}
