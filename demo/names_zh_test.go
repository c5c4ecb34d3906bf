package demo

import "testing"

// Every demo channel, territory, product and category has its Chinese name,
// and no Chinese name is left over from a record that is gone.
func TestChineseNames(t *testing.T) {
	check := func(what string, names map[string]string, keys []string) {
		t.Helper()
		seen := map[string]bool{}
		for _, k := range keys {
			seen[k] = true
			if names[k] == "" {
				t.Errorf("%s %q has no Chinese name", what, k)
			}
		}
		for k := range names {
			if !seen[k] {
				t.Errorf("Chinese name for %s %q, which the demo does not have", what, k)
			}
		}
	}
	var cs, ts, ps, cats []string
	for _, c := range channels {
		cs = append(cs, c.code)
	}
	for _, x := range territories {
		ts = append(ts, x.code)
	}
	for _, p := range products {
		ps = append(ps, p.sku)
		cats = append(cats, p.category)
	}
	check("channel", channelNamesZh, cs)
	check("territory", territoryNamesZh, ts)
	check("product", productNamesZh, ps)
	check("category", categoryNamesZh, cats)
}
