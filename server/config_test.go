package server

import (
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	shanghai, _ := time.LoadLocation("Asia/Shanghai")

	t.Run("Defaults", func(t *testing.T) {
		c, err := ParseConfig(nil, env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if c.Addr != ":8080" || c.DataDir != "./data" || c.Currency != "CNY" || c.Timezone != time.UTC || c.Production || !c.DemoWanted() {
			t.Errorf("got %+v", c)
		}
	})
	t.Run("FlagWinsOverEnvironment", func(t *testing.T) {
		c, err := ParseConfig([]string{"--addr", ":9000"}, env(map[string]string{"DEALERLINE_ADDR": ":7000", "DEALERLINE_DATA": "/srv/dl"}))
		if err != nil {
			t.Fatal(err)
		}
		if c.Addr != ":9000" || c.DataDir != "/srv/dl" {
			t.Errorf("got addr %q data %q", c.Addr, c.DataDir)
		}
	})
	t.Run("ProductionTurnsDemoOff", func(t *testing.T) {
		c, err := ParseConfig([]string{"--production=true", "--timezone", "Asia/Shanghai"}, env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if !c.Production || c.DemoWanted() || c.Timezone.String() != shanghai.String() {
			t.Errorf("got %+v", c)
		}
	})
	t.Run("RealTime", func(t *testing.T) {
		c, err := ParseConfig([]string{"--event-retention", "72h"}, env(map[string]string{
			"DEALERLINE_ALLOWED_ORIGINS": "https://portal.example.com, https://m.example.com/",
		}))
		if err != nil {
			t.Fatal(err)
		}
		if c.EventRetention != 72*time.Hour || len(c.AllowedOrigins) != 2 || c.AllowedOrigins[1] != "https://m.example.com" {
			t.Errorf("retention %v, origins %q", c.EventRetention, c.AllowedOrigins)
		}
	})
	t.Run("Transport", func(t *testing.T) {
		c, err := ParseConfig([]string{"--read-timeout", "5s", "--request-rate", "0", "--max-websockets-per-client", "500"}, env(map[string]string{
			"DEALERLINE_IDLE_TIMEOUT": "0", "DEALERLINE_MAX_CONNS_PER_CLIENT": "32",
		}))
		if err != nil {
			t.Fatal(err)
		}
		h := c.HTTP
		if h.ReadTimeout != 5*time.Second || h.IdleTimeout != 0 || h.WriteTimeout != time.Minute || h.MaxConnsPerClient != 32 ||
			h.RequestRate != 0 || h.RequestBurst != 1000 || c.Websocket.MaxPerClient != 500 {
			t.Errorf("got %+v, %d websockets", h, c.Websocket.MaxPerClient)
		}
	})
	t.Run("Mail", func(t *testing.T) {
		c, err := ParseConfig([]string{"--smtp-url", "smtp://dl:secret@mail.example.com:2525", "--public-url", "https://dealers.example.com/"},
			env(map[string]string{"DEALERLINE_MAIL_FROM": "Dealerline <noreply@example.com>"}))
		if err != nil {
			t.Fatal(err)
		}
		if c.Mail.SMTPURL == "" || c.Mail.From == "" || c.Mail.PublicURL != "https://dealers.example.com" {
			t.Errorf("got %+v", c.Mail)
		}
	})
	t.Run("DemoCanBeForced", func(t *testing.T) {
		c, err := ParseConfig(nil, env(map[string]string{"DEALERLINE_PRODUCTION": "1", "DEALERLINE_DEMO": "true"}))
		if err != nil {
			t.Fatal(err)
		}
		if !c.DemoWanted() {
			t.Error("demo not wanted")
		}
	})
	for name, args := range map[string][]string{
		"BadTimezone":     {"--timezone", "Mars/Olympus"},
		"BadBool":         {"--production", "maybe"},
		"BadCurrency":     {"--currency", "YUAN"},
		"UnknownFlag":     {"--nope"},
		"StrayArguments":  {"serve"},
		"ShortRetention":  {"--event-retention", "2h"},
		"BadRetention":    {"--event-retention", "two days"},
		"BadOrigin":       {"--allowed-origins", "portal.example.com"},
		"OriginWithPath":  {"--allowed-origins", "https://portal.example.com/app"},
		"NegativeTimeout": {"--read-timeout", "-1s"},
		"NegativeRate":    {"--request-rate", "-5"},
		"ZeroBurst":       {"--request-burst", "0"},
		"NegativeCap":     {"--max-websockets-per-client", "-1"},
		"SMTPWithoutFrom": {"--smtp-url", "smtp://mail.example.com"},
		"SMTPNotSMTP":     {"--smtp-url", "https://mail.example.com", "--mail-from", "a@example.com"},
		"BadFrom":         {"--smtp-url", "smtp://mail.example.com", "--mail-from", "nobody"},
		"PublicURLPath":   {"--public-url", "https://example.com/portal"},
		"PublicURLBare":   {"--public-url", "dealers.example.com"},
	} {
		t.Run("Refuses"+name, func(t *testing.T) {
			if _, err := ParseConfig(args, env(nil)); err == nil {
				t.Errorf("ParseConfig(%q) accepted", args)
			}
		})
	}
}
