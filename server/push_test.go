package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/push/pushtest"
	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store/storetest"
)

// startPushServer is startServerOn with push services reached through
// client, and the data directory dir ("" for a new one).
func startPushServer(tb testing.TB, databaseURL, dir string, client *http.Client) *server.Main {
	tb.Helper()
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = dir
	if dir == "" {
		cfg.DataDir = tb.TempDir()
	}
	cfg.DatabaseURL = databaseURL
	cfg.PushSubject = "mailto:ops@dealerline.test"
	m := server.NewMain(cfg)
	m.Out = io.Discard
	m.PushHTTP = client
	if err := m.Run(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { m.Close() })
	return m
}

type pushSubscriptions struct {
	PushSubscriptions []struct {
		Endpoint, UserAgent, CreatedAt string
		LastSuccessAt                  *string
	}
}

const subscribePush = `mutation($in: SubscribePushInput!) { subscribePush(input: $in) { endpoint userAgent } }`

// The toggle's server side, as the portal drives it: headless Chromium has
// no push service to subscribe with, so the browser's part is played by
// pushtest.
func TestPush_TheToggleThroughTheAPI(t *testing.T) {
	for _, store := range []string{"sqlite", "postgres"} {
		t.Run(store, func(t *testing.T) {
			ps := pushtest.NewService(t)
			url := ""
			if store == "postgres" {
				url = storetest.EmptyPostgres(t)
			}
			m := startPushServer(t, url, "", ps.Client())
			north := signIn(t, m, "north@demo.test")
			south := signIn(t, m, "south@demo.test")

			var key struct{ WebPushPublicKey string }
			north.mustQuery(t, `{ webPushPublicKey }`, nil, &key)
			if len(key.WebPushPublicKey) != 87 {
				t.Fatalf("webPushPublicKey %q: want 65 octets in base64url (87 characters)", key.WebPushPublicKey)
			}

			browser, endpoint := ps.Subscribe(t, "north-laptop")
			in := map[string]any{"endpoint": endpoint, "p256dh": browser.P256dh(), "auth": browser.AuthSecret(), "userAgent": "Mozilla/5.0 Firefox/140.0"}
			for range 2 { // idempotent
				north.mustQuery(t, subscribePush, map[string]any{"in": in}, &struct{}{})
			}
			var subs pushSubscriptions
			north.mustQuery(t, `{ pushSubscriptions { endpoint userAgent createdAt lastSuccessAt } }`, nil, &subs)
			if len(subs.PushSubscriptions) != 1 || subs.PushSubscriptions[0].Endpoint != endpoint {
				t.Fatalf("north's subscriptions: %+v, want the one", subs)
			}

			// Bad input: the field, and nothing written.
			for field, bad := range map[string]map[string]any{
				"endpoint": {"endpoint": "http://push.example.com/x", "p256dh": browser.P256dh(), "auth": browser.AuthSecret()},
				"p256dh":   {"endpoint": "https://push.example.com/x", "p256dh": "AAAA", "auth": browser.AuthSecret()},
				"auth":     {"endpoint": "https://push.example.com/x", "p256dh": browser.P256dh(), "auth": "%%"},
			} {
				r := south.query(t, subscribePush, map[string]any{"in": bad})
				if r.code() != "INVALID_INPUT" || r.Errors[0].Extensions["field"] != field {
					t.Errorf("bad %s: %+v, want INVALID_INPUT on %s", field, r.Errors, field)
				}
			}
			south.mustQuery(t, `{ pushSubscriptions { endpoint } }`, nil, &subs)
			if len(subs.PushSubscriptions) != 0 {
				t.Errorf("south has %d subscriptions after refused input", len(subs.PushSubscriptions))
			}

			// Another user's endpoint is not found, and stays.
			r := south.query(t, `mutation($e: String!) { unsubscribePush(endpoint: $e) }`, map[string]any{"e": endpoint})
			if r.code() != "NOT_FOUND" {
				t.Errorf("south unsubscribing north's browser: %+v, want NOT_FOUND", r.Errors)
			}

			// The test message reaches north's browser, readable there.
			var sent struct{ SendTestPush int }
			north.mustQuery(t, `mutation { sendTestPush }`, nil, &sent)
			if sent.SendTestPush != 1 {
				t.Fatalf("sendTestPush = %d, want 1", sent.SendTestPush)
			}
			reqs := ps.Requests()
			if len(reqs) != 1 {
				t.Fatalf("the push service took %d requests, want 1", len(reqs))
			}
			plain, err := browser.Decrypt(reqs[0].Body)
			if err != nil || !strings.Contains(string(plain), "Dealerline: notifications are on") {
				t.Fatalf("the browser reads %q, %v", plain, err)
			}
			claims, err := pushtest.VerifyVAPID(reqs[0].Header.Get("Authorization"), key.WebPushPublicKey)
			if err != nil || claims.Sub != "mailto:ops@dealerline.test" {
				t.Errorf("VAPID: %+v, %v", claims, err)
			}
			north.mustQuery(t, `{ pushSubscriptions { endpoint userAgent createdAt lastSuccessAt } }`, nil, &subs)
			if subs.PushSubscriptions[0].LastSuccessAt == nil {
				t.Error("no last success time after the test was taken")
			}

			// Turned off: gone, and the test reaches nobody.
			var off struct{ UnsubscribePush bool }
			north.mustQuery(t, `mutation($e: String!) { unsubscribePush(endpoint: $e) }`, map[string]any{"e": endpoint}, &off)
			north.mustQuery(t, `mutation { sendTestPush }`, nil, &sent)
			if !off.UnsubscribePush || sent.SendTestPush != 0 {
				t.Errorf("after turning off: unsubscribed %v, test reached %d", off.UnsubscribePush, sent.SendTestPush)
			}
		})
	}
}

func TestPush_TheKeySurvivesARestart(t *testing.T) {
	dir := t.TempDir()
	key := func() string {
		m := startPushServer(t, "", dir, nil)
		defer m.Close()
		var got struct{ WebPushPublicKey string }
		signIn(t, m, "admin@demo.test").mustQuery(t, `{ webPushPublicKey }`, nil, &got)
		return got.WebPushPublicKey
	}
	first := key()
	if again := key(); again != first || first == "" {
		t.Errorf("after a restart the key is %q, before %q", again, first)
	}
}

func TestPortal_ServesTheManifestAndServiceWorker(t *testing.T) {
	m := startPushServer(t, "", "", nil)
	for path, want := range map[string]string{
		"/manifest.webmanifest":   "application/manifest+json",
		"/sw.js":                  "text/javascript; charset=utf-8",
		"/icons/icon-192.png":     "image/png",
		"/icons/icon-512.png":     "image/png",
		"/icons/maskable-512.png": "image/png",
	} {
		resp, err := http.Get(m.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != want {
			t.Errorf("GET %s: %d %s, want 200 %s", path, resp.StatusCode, resp.Header.Get("Content-Type"), want)
		}
		if path == "/sw.js" && (resp.Header.Get("Service-Worker-Allowed") != "/" || resp.Header.Get("Cache-Control") != "no-cache") {
			t.Errorf("GET /sw.js: Service-Worker-Allowed %q, Cache-Control %q", resp.Header.Get("Service-Worker-Allowed"), resp.Header.Get("Cache-Control"))
		}
	}
}

// TestPush_ARejectionReachesTheDealersBrowser: the notification of an
// urgent kind is pushed to the dealer user's subscribed browser, once,
// encrypted for it, in its language, linking to the order.
func TestPush_ARejectionReachesTheDealersBrowser(t *testing.T) {
	for _, store := range []string{"sqlite", "postgres"} {
		t.Run(store, func(t *testing.T) {
			ps := pushtest.NewService(t)
			url := ""
			if store == "postgres" {
				url = storetest.EmptyPostgres(t)
			}
			m := startPushServer(t, url, "", ps.Client())
			admin := signIn(t, m, "admin@demo.test")
			manager := signIn(t, m, "manager@demo.test")
			south := signIn(t, m, "south@demo.test")
			cat := loadCatalogue(t, admin)

			browser, endpoint := ps.Subscribe(t, "south-phone")
			south.mustQuery(t, subscribePush, map[string]any{"in": map[string]any{
				"endpoint": endpoint, "p256dh": browser.P256dh(), "auth": browser.AuthSecret(), "userAgent": "Mozilla/5.0 Android",
			}}, &struct{}{})
			o := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})
			manager.mustQuery(t, `mutation($id: ID!) { transitionOrder(id: $id, to: REJECTED, note: "Discontinued model") { id } }`,
				map[string]any{"id": o.ID}, &struct{}{})

			waitFor(t, 30*time.Second, "the push of the rejection", func() bool { return len(ps.Requests()) > 0 })
			time.Sleep(time.Second) // nothing more comes
			reqs := ps.Requests()
			if len(reqs) != 1 {
				t.Fatalf("the push service took %d requests, want 1", len(reqs))
			}
			plain, err := browser.Decrypt(reqs[0].Body)
			if err != nil {
				t.Fatal(err)
			}
			var msg struct{ Title, Body, Link, Tag string }
			if err := json.Unmarshal(plain, &msg); err != nil {
				t.Fatalf("%s: %v", plain, err)
			}
			if !strings.Contains(msg.Title, o.Number) || msg.Link != "/orders/"+o.ID || msg.Body == "" {
				t.Errorf("the browser shows %+v, want the rejection of %s linking to its page", msg, o.Number)
			}
		})
	}
}
