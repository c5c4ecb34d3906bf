package signals_test

import (
	"context"
	"testing"
	"time"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent/auditentry"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/signals"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func viewerCtx(v *auth.Viewer) context.Context {
	return auth.NewContext(context.Background(), v)
}

// TestUpdateRule: an administrator's change is kept with the defaults
// filled in, audited, and marks every subject; a refused one changes
// nothing.
func TestUpdateRule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newMarkWorld(t, db)
		c := w.c
		takeMarks(t, c)
		s := signals.NewService(c, db.Dialect, time.UTC)
		u := c.User.Create().SetEmail("admin@test").SetName("Admin").SetPasswordHash("x").SetRole(user.RoleADMIN).SaveX(bypass)
		admin := viewerCtx(&auth.Viewer{UserID: u.ID, Name: "Admin", Role: user.RoleADMIN})
		manager := viewerCtx(&auth.Viewer{UserID: u.ID + 1, Name: "M", Role: user.RoleCHANNEL_MANAGER, ManagedChannelIDs: []int{w.ch.ID}})
		dealerUser := viewerCtx(&auth.Viewer{UserID: u.ID + 2, Name: "D", Role: user.RoleDEALER, DealerID: w.a.ID})

		for _, c := range []struct {
			name  string
			ctx   context.Context
			rule  int
			in    signals.RuleInput
			code  apperr.Code
			field string
		}{
			{"a manager", manager, 3, signals.RuleInput{}, apperr.Forbidden, ""},
			{"no such rule", admin, 11, signals.RuleInput{}, apperr.NotFound, ""},
			{"no such threshold", admin, 3, signals.RuleInput{Thresholds: []signals.ThresholdValue{{"drop", 1}}}, apperr.InvalidInput, "thresholds"},
			{"rule 2 has none", admin, 2, signals.RuleInput{Thresholds: []signals.ThresholdValue{{"rate", 1}}}, apperr.InvalidInput, "thresholds"},
			{"finer than the unit", admin, 3, signals.RuleInput{Thresholds: []signals.ThresholdValue{{"rate", 0.12345}}}, apperr.InvalidInput, "thresholds"},
			{"out of range", admin, 5, signals.RuleInput{Thresholds: []signals.ThresholdValue{{"graceDays", 400}}}, apperr.InvalidInput, "thresholds"},
			{"given twice", admin, 3, signals.RuleInput{Thresholds: []signals.ThresholdValue{{"rate", 0.3}, {"rate", 0.2}}}, apperr.InvalidInput, "thresholds"},
		} {
			_, err := s.UpdateRule(c.ctx, c.rule, c.in)
			e, ok := apperr.As(err)
			if !ok || e.Code != c.code || e.Field != c.field {
				t.Errorf("%s: %v, want %s (field %q)", c.name, err, c.code, c.field)
			}
		}
		if n := c.SignalRule.Query().CountX(bypass); n != 0 {
			t.Errorf("refused changes wrote %d rules", n)
		}
		if got := takeMarks(t, c); len(got) != 0 {
			t.Errorf("refused changes marked %v", got)
		}
		if _, err := s.RuleSettings(dealerUser); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("a dealer user reads the rules: %v", err)
		}

		off := false
		st, err := s.UpdateRule(admin, 8, signals.RuleInput{Enabled: &off, Thresholds: []signals.ThresholdValue{{"growth", 25}}})
		if err != nil {
			t.Fatal(err)
		}
		if st.Enabled || st.Values["growth"] != 2500 || st.Values["ageQuarters"] != 4 || st.Values["othersGrowth"] != 500 {
			t.Errorf("rule 8 after the change: enabled %v, %v", st.Enabled, st.Values)
		}
		if st.UpdatedByName == nil || *st.UpdatedByName != "Admin" || st.UpdatedAt == nil {
			t.Errorf("rule 8: changed by %v at %v", st.UpdatedByName, st.UpdatedAt)
		}
		// Another threshold later: the first change stays.
		st, err = s.UpdateRule(admin, 8, signals.RuleInput{Thresholds: []signals.ThresholdValue{{"ageQuarters", 6}}})
		if err != nil {
			t.Fatal(err)
		}
		if st.Enabled || st.Values["growth"] != 2500 || st.Values["ageQuarters"] != 6 {
			t.Errorf("rule 8 after the second change: enabled %v, %v", st.Enabled, st.Values)
		}
		all, err := s.RuleSettings(manager)
		if err != nil {
			t.Fatal(err)
		}
		for i, st := range all {
			if st.Rule() != i+1 {
				t.Fatalf("rules out of order: %d at %d", st.Rule(), i)
			}
			if i+1 != 8 && (!st.Enabled || st.UpdatedAt != nil || len(st.Values) != len(st.Def.Thresholds)) {
				t.Errorf("rule %d: not on the defaults", i+1)
			}
		}
		if got := all[2].Condition(); got != "distribution rate < 0.40" {
			t.Errorf("rule 3 reads %q", got)
		}
		if n := c.AuditEntry.Query().Where(auditentry.Action("signalRule.update"), auditentry.ActorName("Admin")).CountX(bypass); n != 2 {
			t.Errorf("%d audit entries, want 2", n)
		}
		expectMarks(t, "a rule changed", takeMarks(t, c), wantMark{kind: "every"})
	})
}
