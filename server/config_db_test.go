package server

import (
	"testing"
	"time"
)

func TestParseConfig_DatabasePool(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

	c, err := ParseConfig(nil, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.DBMaxOpenConns != 20 || c.DBMaxIdleConns != 10 || c.DBConnMaxLifetime != 30*time.Minute {
		t.Errorf("defaults: open %d idle %d lifetime %v", c.DBMaxOpenConns, c.DBMaxIdleConns, c.DBConnMaxLifetime)
	}

	c, err = ParseConfig([]string{"--db-max-open-conns", "50"}, env(map[string]string{
		"DEALERLINE_DB_MAX_OPEN_CONNS":    "5",
		"DEALERLINE_DB_MAX_IDLE_CONNS":    "0",
		"DEALERLINE_DB_CONN_MAX_LIFETIME": "0",
		"DATABASE_URL":                    "postgres://db.example/dealerline",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DBMaxOpenConns != 50 || c.DBMaxIdleConns != 0 || c.DBConnMaxLifetime != 0 || c.DatabaseURL != "postgres://db.example/dealerline" {
		t.Errorf("got open %d idle %d lifetime %v url %q", c.DBMaxOpenConns, c.DBMaxIdleConns, c.DBConnMaxLifetime, c.DatabaseURL)
	}

	for name, args := range map[string][]string{
		"NoOpenConnections": {"--db-max-open-conns", "0"},
		"NegativeIdle":      {"--db-max-idle-conns", "-1"},
		"NotANumber":        {"--db-max-open-conns", "many"},
		"BadLifetime":       {"--db-conn-max-lifetime", "soon"},
		"NegativeLifetime":  {"--db-conn-max-lifetime", "-1m"},
	} {
		t.Run("Refuses"+name, func(t *testing.T) {
			if _, err := ParseConfig(args, env(nil)); err == nil {
				t.Errorf("ParseConfig(%q) accepted", args)
			}
		})
	}
}
