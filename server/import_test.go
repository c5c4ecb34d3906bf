package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/server"
)

type importAnswer struct {
	Status int
	Errors []struct {
		Line    int    `json:"line"`
		Field   string `json:"field"`
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"errors"`
	Records int            `json:"records"`
	Created map[string]int `json:"created"`
}

func postImport(t *testing.T, m *server.Main, token, contentType, body string) importAnswer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, m.URL()+"/import", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a importAnswer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatalf("decode (status %d): %v", resp.StatusCode, err)
	}
	a.Status = resp.StatusCode
	return a
}

func TestImport_HTTP(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		const ndjson = "application/x-ndjson"
		good := `{"kind":"channel","code":"HIST","name":"History"}` + "\n" +
			`{"kind":"territory","code":"HIST-T","name":"History Town","region":"East China"}` + "\n" +
			`{"kind":"quota","dealer":"D-SOUTH","month":"2019-01","amount":"1000.00"}` + "\n"
		bad := good + `{"kind":"quota","dealer":"D-NOPE","month":"2019-01","amount":"1"}` + "\n" + `{"kind":"nope"}` + "\n"

		if a := postImport(t, m, "", ndjson, good); a.Status != http.StatusUnauthorized || len(a.Errors) != 1 || a.Errors[0].Code != "UNAUTHENTICATED" {
			t.Errorf("no token: %+v", a)
		}
		for _, email := range []string{"south@demo.test", "manager@demo.test"} {
			if a := postImport(t, m, signIn(t, m, email).token, ndjson, good); a.Status != http.StatusForbidden || a.Errors[0].Code != "FORBIDDEN" {
				t.Errorf("%s: %+v", email, a)
			}
		}
		admin := signIn(t, m, "admin@demo.test").token
		if a := postImport(t, m, admin, "application/json", good); a.Status != http.StatusUnsupportedMediaType || a.Errors[0].Field != "Content-Type" {
			t.Errorf("JSON: %+v", a)
		}
		a := postImport(t, m, admin, ndjson, bad)
		if a.Status != http.StatusUnprocessableEntity || len(a.Errors) != 1 || a.Errors[0].Line != 5 || a.Errors[0].Field != "kind" {
			t.Fatalf("a file that does not read: %+v", a)
		}
		a = postImport(t, m, admin, ndjson, strings.TrimSuffix(bad, `{"kind":"nope"}`+"\n"))
		if a.Status != http.StatusUnprocessableEntity || len(a.Errors) != 1 || a.Errors[0].Line != 4 || a.Errors[0].Field != "dealer" || a.Errors[0].Code != "NOT_FOUND" || a.Errors[0].Message == "" {
			t.Fatalf("a file that does not apply: %+v", a)
		}
		ctx := access.Bypass(context.Background())
		if n, _ := m.Client().Channel.Query().Where(channel.Code("HIST")).Count(ctx); n != 0 {
			t.Fatalf("a refused file wrote its channel")
		}
		if a := postImport(t, m, admin, ndjson+"; charset=utf-8", good); a.Status != http.StatusOK || a.Records != 3 || a.Created["quota"] != 1 {
			t.Fatalf("good file: %+v", a)
		}
		if a := postImport(t, m, admin, ndjson, good); a.Status != http.StatusOK || a.Records != 3 || len(a.Created) != 0 {
			t.Fatalf("again: %+v", a)
		}
		changed := strings.Replace(good, `"1000.00"`, `"1500.00"`, 1)
		if a := postImport(t, m, admin, ndjson, changed); a.Status != http.StatusUnprocessableEntity || a.Errors[0].Line != 3 || a.Errors[0].Code != "CONFLICT" || a.Errors[0].Field != "amount" {
			t.Fatalf("changed: %+v", a)
		}
	})
}
