package demo_test

import (
	"context"
	"testing"
	"unicode"

	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/store/storetest"
)

// chineseName reports whether s is a Chinese name: it has Chinese characters.
func chineseName(s *string) bool {
	if s == nil {
		return false
	}
	for _, r := range *s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// Every demo product, category, channel and territory has a Chinese name,
// for a portal read in Chinese.
func TestLoad_ChineseNames(t *testing.T) {
	c := loaded(t, storetest.Open(t))
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	products, err := c.Product.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	categories := map[string]string{}
	for _, p := range products {
		if !chineseName(p.NameZh) || !chineseName(p.CategoryZh) {
			t.Errorf("%s %q: Chinese name %v, category %v", p.Sku, p.Name, p.NameZh, p.CategoryZh)
			continue
		}
		if zh, ok := categories[p.Category]; ok && zh != *p.CategoryZh {
			t.Errorf("category %q is both %q and %q", p.Category, zh, *p.CategoryZh)
		}
		categories[p.Category] = *p.CategoryZh
	}
	channels, err := c.Channel.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range channels {
		if !chineseName(ch.NameZh) {
			t.Errorf("channel %s: Chinese name %v", ch.Code, ch.NameZh)
		}
	}
	territories, err := c.Territory.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range territories {
		if !chineseName(tr.NameZh) {
			t.Errorf("territory %s: Chinese name %v", tr.Code, tr.NameZh)
		}
	}
}
