package audit

import (
	"fmt"
	"strings"
	"testing"
)

func changesText(cs []Change) string {
	s := func(p *string) string {
		if p == nil {
			return "-"
		}
		return *p
	}
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s:%s>%s", c.Field, s(c.Before), s(c.After)))
	}
	return strings.Join(out, " ")
}

// TestChanges: each shape of details reads as fields before and after.
func TestChanges(t *testing.T) {
	for _, c := range []struct {
		action  string
		details map[string]any
		want    string
	}{
		{"order.transition", map[string]any{"number": "SO-1", "from": "SUBMITTED", "to": "CONFIRMED"}, "status:SUBMITTED>CONFIRMED number:->SO-1"},
		{"followup.reassign", map[string]any{"from": "Li", "to": "Wang"}, "assignee:Li>Wang"},
		{"dealer.update", map[string]any{"changed": map[string]any{"name": map[string]any{"before": "A", "after": "B"}}}, "name:A>B"},
		{"interaction.update", map[string]any{"changed": map[string]any{"subject": map[string]any{"from": "x", "to": "y"}}}, "subject:x>y"},
		{"x.edit", map[string]any{"before": map[string]any{"a": 1.0, "b": "k"}, "after": map[string]any{"a": 2.0, "b": "k"}}, "a:1>2"},
		{"quota.set", map[string]any{"months": map[string]any{"2026-01": map[string]any{"from": "0", "to": "10"}}}, "months.2026-01:0>10"},
		{"channel.create", map[string]any{"code": "R", "active": true, "tags": []any{"a"}}, "active:->true code:->R tags:->[\"a\"]"},
		{"webhook.pause", nil, ""},
	} {
		if got := changesText(Changes(c.action, c.details)); got != c.want {
			t.Errorf("%s %v:\n got %s\nwant %s", c.action, c.details, got, c.want)
		}
	}
}
