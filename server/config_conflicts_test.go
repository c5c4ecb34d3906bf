package server

import (
	"strings"
	"testing"

	"github.com/dealerline/dealerline/conflicts"
	"github.com/dealerline/dealerline/ent/conflictcase"
)

// TestParseConfig_ConflictDueDays: the days to handle a conflict case by
// severity, from the flag or the environment, over the defaults.
func TestParseConfig_ConflictDueDays(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	days := func(high, medium, low int) conflicts.DueDays {
		return conflicts.DueDays{conflictcase.SeverityHIGH: high, conflictcase.SeverityMEDIUM: medium, conflictcase.SeverityLOW: low}
	}
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want conflicts.DueDays
	}{
		{"Defaults", nil, nil, days(2, 5, 10)},
		{"Flag", []string{"--conflict-due-days", "HIGH=1,MEDIUM=3,LOW=7"}, nil, days(1, 3, 7)},
		{"LeftOutKeepsDefault", []string{"--conflict-due-days=low=14"}, nil, days(2, 5, 14)},
		{"SpacesAndAnyOrder", []string{"--conflict-due-days", " low = 0 , High=1 "}, nil, days(1, 5, 0)},
		{"Environment", nil, map[string]string{"DEALERLINE_CONFLICT_DUE_DAYS": "MEDIUM=4"}, days(2, 4, 10)},
		{"FlagWinsOverEnvironment", []string{"--conflict-due-days", "HIGH=3"}, map[string]string{"DEALERLINE_CONFLICT_DUE_DAYS": "HIGH=9"}, days(3, 5, 10)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseConfig(tc.args, env(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			if c.ConflictDueDays.String() != tc.want.String() {
				t.Errorf("due days = %s, want %s", c.ConflictDueDays, tc.want)
			}
		})
	}
	for _, tc := range []struct{ name, value, want string }{
		{"UnknownSeverity", "URGENT=1", "not a severity"},
		{"NoDays", "HIGH", "not SEVERITY=days"},
		{"Negative", "HIGH=-1", "not a number of days"},
		{"TooMany", "LOW=366", "not a number of days"},
		{"NotANumber", "LOW=ten", "not a number of days"},
		{"Twice", "HIGH=1,high=2", "given twice"},
	} {
		t.Run("Refuses"+tc.name, func(t *testing.T) {
			for _, src := range []struct {
				args []string
				env  map[string]string
			}{
				{[]string{"--conflict-due-days", tc.value}, nil},
				{nil, map[string]string{"DEALERLINE_CONFLICT_DUE_DAYS": tc.value}},
			} {
				_, err := ParseConfig(src.args, env(src.env))
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%q: error %v, want one saying %q", tc.value, err, tc.want)
				}
			}
		})
	}
}
