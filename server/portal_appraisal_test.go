package server_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/dealerline/dealerline/server"
)

// appraisalKpi is a KPI as the portal shows it: its scorecard field and how
// its value is written (en).
type appraisalKpi struct {
	name, field, unit string
}

var appraisalKpis = []appraisalKpi{
	{"NET_SALES", "netSales", "money"},
	{"QUOTA", "quota", "money"},
	{"COST_OF_GOODS_SOLD", "costOfGoodsSold", "money"},
	{"OVERDUE_AMOUNT", "overdueAmount", "money"},
	{"QUOTA_COMPLETION", "quotaCompletion", "ratio"},
	{"DISTRIBUTION_RATE", "distributionRate", "ratio"},
	{"DELIVERY_TIME_MEAN_DAYS", "deliveryTimeMeanDays", "one"},
	{"DELIVERY_TIME_P90_DAYS", "deliveryTimeP90Days", "one"},
	{"AVERAGE_INVENTORY", "averageInventory", "cents"},
	{"DAYS_OF_INVENTORY", "daysOfInventory", "one"},
	{"PAYMENT_PERIOD_DAYS", "paymentPeriodDays", "one"},
	{"OUT_OF_STOCK_RATE", "outOfStockRate", "ratio"},
	{"GROSS_MARGIN", "grossMargin", "ratio"},
	{"SERVICE_RESPONSE_MEDIAN_HOURS", "serviceResponseMedianHours", "one"},
	{"SATISFACTION", "satisfaction", "two"},
	{"CHANNEL_COST_RATIO", "channelCostRatio", "ratio"},
}

const scorecardFields = `period netSales quota costOfGoodsSold overdueAmount quotaCompletion distributionRate
	deliveryTimeMeanDays deliveryTimeP90Days averageInventory daysOfInventory paymentPeriodDays outOfStockRate
	grossMargin serviceResponseMedianHours satisfaction channelCostRatio marketShare`

// shown is how the portal writes an API value in English, without the
// thousands separators (the page's text is compared with them removed).
func shown(unit string, v any) string {
	if s, ok := v.(string); ok { // Money: exact, as the API gives it.
		return s
	}
	f := v.(float64)
	trim := func(x float64, digits int) string {
		p := math.Pow(10, float64(digits))
		return strconv.FormatFloat(math.Round(x*p)/p, 'f', -1, 64)
	}
	switch unit {
	case "ratio":
		return trim(f*100, 1) + "%"
	case "one":
		return trim(f, 1)
	case "two":
		return trim(f, 2)
	default:
		return strconv.FormatFloat(f, 'f', 2, 64)
	}
}

// scorecardOf reads a scorecard from the API as field → value (nil when null).
func scorecardOf(t *testing.T, c client, subject, id, period string) map[string]any {
	t.Helper()
	var got struct{ Scorecard map[string]any }
	c.mustQuery(t, fmt.Sprintf(`query($id: ID, $p: Period!) { scorecard(%s: $id, period: $p) { %s } }`, subject, scorecardFields),
		map[string]any{"id": id, "p": period}, &got)
	return got.Scorecard
}

// kpiCells compares the KPIs the page shows (the value of each in
// cell(kpi)) with the API's scorecard: a null shows as "No data", never 0.
func (u *user) kpiCells(where string, cell func(kpi string) string, card map[string]any, kpis []appraisalKpi) {
	u.t.Helper()
	for _, k := range kpis {
		sel := cell(k.name)
		got := strings.ReplaceAll(u.eval(fmt.Sprintf(`(document.querySelector(%q) || {}).innerText || "missing"`, sel)), ",", "")
		want := "No data"
		if v := card[k.field]; v != nil {
			want = shown(k.unit, v)
		}
		if got != want {
			u.t.Errorf("%s shows %s = %q; the API says %q", where, k.name, got, want)
		}
	}
}

// idByCode finds a dealer's or a channel's id by its code, as c sees them.
func idByCode(t *testing.T, c client, list, code string) string {
	t.Helper()
	var got map[string]struct {
		Edges []struct{ Node struct{ ID, Code string } }
	}
	c.mustQuery(t, fmt.Sprintf(`{ %s(first: 100) { edges { node { id code } } } }`, list), nil, &got)
	for _, e := range got[list].Edges {
		if e.Node.Code == code {
			return e.Node.ID
		}
	}
	t.Fatalf("no %s %s", list, code)
	return ""
}

// TestPortal_Appraisal: South Traders' user reads this month's and this
// year's KPIs on My performance, each equal to the API's scorecard and each
// with its trend charted; the manager of Retail reads South Traders' and
// Retail's scorecards with the formula behind each number and a KPI's
// trend; the administrator's channel comparison marks the best and the
// worst channel of each KPI as the API ranks them and downloads the CSV
// with its byte order mark; the pages fit a phone, in English and
// Chinese. On both stores.
func TestPortal_Appraisal(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	dir := artifactDir(t)
	forEachStore(t, func(t *testing.T, m *server.Main) { appraisalPages(t, b, m, dir) })
}

// appraisalPages is TestPortal_Appraisal on one store.
func appraisalPages(t *testing.T, b context.Context, m *server.Main, dir string) {
	admin := signIn(t, m, "admin@demo.test")
	var settings struct{ Settings struct{ Today string } }
	admin.mustQuery(t, `{ settings { today } }`, nil, &settings)
	today := settings.Settings.Today
	month, year := today[:7], today[:4]

	// The dealer: My performance.
	southAPI := signIn(t, m, "south@demo.test")
	southID := idByCode(t, southAPI, "dealers", "D-SOUTH")
	south := newUser(t, b, m, dir)
	south.signIn("south@demo.test")
	south.waitText("main h1", "South Traders")
	south.nav("/performance")
	south.waitText("main h1", "My performance")
	// The trend is drawn: a line through the months.
	south.waitFor(`main .perf-kpi[data-kpi="NET_SALES"] .kpi-trend .recharts-line-curve`)
	monthCard := scorecardOf(t, southAPI, "dealerID", southID, month)
	yearCard := scorecardOf(t, southAPI, "dealerID", southID, year)
	for period, card := range map[string]map[string]any{month: monthCard, year: yearCard} {
		south.kpiCells("My performance's quota card of "+period, func(k string) string {
			return fmt.Sprintf(`main .perf-quota[data-period=%q] div[data-kpi=%q] .kpi-value`, period, k)
		}, card, []appraisalKpi{appraisalKpis[0], appraisalKpis[1], appraisalKpis[4]}) // net sales, quota, completion
		south.kpiCells("My performance for "+period, func(k string) string {
			return fmt.Sprintf(`main .perf-kpi[data-kpi=%q] div[data-period=%q] .kpi-value`, k, period)
		}, card, appraisalKpis)
	}
	if got := south.eval(`String(document.querySelectorAll("main .perf-kpi .kpi-trend").length)`); got != fmt.Sprint(len(appraisalKpis)) {
		t.Errorf("My performance charts %s KPIs' trends; want %d", got, len(appraisalKpis))
	}
	south.screenshot("dealer-performance-en")
	south.fitsPhone("My performance", "main h1", "My performance", "dealer-performance-phone-en")
	south.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	south.waitText("main h1", "我的业绩")
	south.waitText(`main .perf-kpi[data-kpi="QUOTA_COMPLETION"]`, "配额完成率")
	south.fitsPhone("My performance in Chinese", "main h1", "我的业绩", "dealer-performance-phone-zh")
	south.do(chromedp.Click(chromedp.CSS(`button[lang="en"]`)))
	south.waitText("main h1", "My performance")
	south.do(chromedp.Navigate(m.URL() + "/scorecards"))
	south.waitText("main", "Scorecards are for the manufacturer's staff")
	south.noScriptErrors()

	// The manager: South Traders' scorecard, then Retail's, and a trend.
	managerAPI := signIn(t, m, "manager@demo.test")
	retailID := idByCode(t, managerAPI, "channels", "RETAIL")
	manager := newUser(t, b, m, dir)
	manager.signIn("manager@demo.test")
	manager.waitText("main h1", "Dealers")
	manager.nav("/scorecards")
	manager.waitText("main h1", "Scorecards")
	manager.waitText("main .scorecard-subject", month)
	manager.do(chromedp.Navigate(fmt.Sprintf("%s/scorecards?dealer=%s&period=%s", m.URL(), southID, month)))
	manager.waitText("main .scorecard-subject", "South Traders")
	inTable := func(k string) string { return fmt.Sprintf(`main .kpi-table tr[data-kpi=%q] .kpi-value`, k) }
	manager.kpiCells("South Traders' scorecard", inTable, scorecardOf(t, managerAPI, "dealerID", southID, month), appraisalKpis)
	formula := manager.eval(`document.querySelector('main tr[data-kpi="QUOTA_COMPLETION"] .kpi-formula').innerText`)
	if monthCard["quotaCompletion"] == nil {
		if formula != "No data: no quota for this period." {
			t.Errorf("a completion without a quota is explained as %q", formula)
		}
	} else if !strings.HasPrefix(formula, "Net sales ") || !strings.Contains(formula, " ÷ quota ") {
		t.Errorf("the completion's formula reads %q", formula)
	}
	manager.do(chromedp.Navigate(fmt.Sprintf("%s/scorecards?channel=%s&period=%s", m.URL(), retailID, year)))
	manager.waitText("main .scorecard-subject", "Retail")
	manager.kpiCells("Retail's scorecard", inTable, scorecardOf(t, managerAPI, "channelID", retailID, year), appraisalKpis)
	manager.waitFor(`main .csv-download[data-csv="scorecards"]`)
	manager.waitFor(`main .kpi-bars .recharts-bar-rectangle`)
	manager.waitFor(`main .kpi-trend .recharts-line-curve`)
	manager.screenshot("manager-scorecard-en")
	manager.fitsPhone("the scorecard", "main .scorecard-subject", "Retail", "manager-scorecard-phone-en")

	var trend struct {
		Trend []struct {
			Period string
			Value  *float64
		}
	}
	from := fmt.Sprintf("%d-%s", mustAtoi(t, year)-1, today[5:7])
	managerAPI.mustQuery(t, `query($id: ID, $from: Period!, $to: Period!) { trend(dealerID: $id, kpi: NET_SALES, from: $from, to: $to) { period value } }`,
		map[string]any{"id": southID, "from": nextMonth(from), "to": month}, &trend)
	manager.do(chromedp.Navigate(fmt.Sprintf("%s/trends?dealer=%s&kpi=NET_SALES&by=MONTH", m.URL(), southID)))
	manager.waitFor(fmt.Sprintf(`main .trend-points tr[data-period=%q]`, month))
	if len(trend.Trend) != 12 {
		t.Fatalf("the API's trend has %d points; want 12", len(trend.Trend))
	}
	for _, p := range trend.Trend {
		got := strings.ReplaceAll(manager.eval(fmt.Sprintf(`document.querySelector('main .trend-points tr[data-period=%q] td').innerText`, p.Period)), ",", "")
		want := "No data"
		if p.Value != nil {
			want = shown("cents", *p.Value)
		}
		if got != want {
			t.Errorf("the trend shows %s = %q; the API says %q", p.Period, got, want)
		}
	}
	manager.fitsPhone("the trends page", "main h1", "Trends", "manager-trends-phone-en")
	manager.noScriptErrors()

	// The administrator: every channel compared, best and worst marked by the API's ranks.
	var cmp struct {
		ChannelComparison []struct {
			Channel struct{ Code string }
			Ranks   []struct {
				Kpi  string
				Rank *int
			}
		}
	}
	admin.mustQuery(t, `query($p: Period!) { channelComparison(period: $p) { channel { code } ranks { kpi rank } } }`, map[string]any{"p": year}, &cmp)
	a := newUser(t, b, m, dir)
	a.signIn("admin@demo.test")
	a.waitText("main h1", "Dealers")
	a.nav("/comparison")
	a.waitText("main h1", "Channel comparison")
	a.do(chromedp.Navigate(fmt.Sprintf("%s/comparison?period=%s", m.URL(), year)))
	a.waitFor(`main .comparison-table tbody tr[data-kpi="NET_SALES"]`)
	marked := 0
	for _, k := range appraisalKpis {
		best, worst := math.MaxInt, 0
		for _, c := range cmp.ChannelComparison {
			for _, r := range c.Ranks {
				if r.Kpi == k.name && r.Rank != nil {
					best, worst = min(best, *r.Rank), max(worst, *r.Rank)
				}
			}
		}
		for _, c := range cmp.ChannelComparison {
			want := ""
			for _, r := range c.Ranks {
				if r.Kpi == k.name && r.Rank != nil && best < worst {
					if *r.Rank == best {
						want = "kpi-best"
					} else if *r.Rank == worst {
						want = "kpi-worst"
					}
				}
			}
			cls := a.eval(fmt.Sprintf(`document.querySelector('main .comparison-table tr[data-kpi=%q] td[data-channel=%q]').className`, k.name, c.Channel.Code))
			for _, mark := range []string{"kpi-best", "kpi-worst"} {
				if has := strings.Contains(" "+cls+" ", " "+mark+" "); has != (mark == want) {
					t.Errorf("%s of %s: class %q; the API's ranks make it %q", k.name, c.Channel.Code, cls, want)
				}
			}
			if want != "" {
				marked++
			}
		}
	}
	if marked == 0 {
		t.Errorf("the comparison of %s marks no best or worst channel (%d channels)", year, len(cmp.ChannelComparison))
	}
	a.waitFor(`main .kpi-bars .recharts-bar-rectangle`)

	// The comparison as a file: named for its period, starting with the byte order mark.
	downloads := t.TempDir()
	a.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		// Each user has a browser context of their own: downloads are allowed in it.
		_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior:         cdpbrowser.SetDownloadBehaviorBehaviorAllow,
			BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
			DownloadPath:     downloads,
		})
		return err
	}))
	a.do(chromedp.Click(chromedp.CSS(`main .csv-download[data-csv="comparison"]`)))
	file := filepath.Join(downloads, "channel-comparison-"+year+".csv")
	var body []byte
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if b, err := os.ReadFile(file); err == nil && len(b) > 0 {
			body = b
			break
		}
	}
	var csv struct{ ChannelComparisonCSV string }
	admin.mustQuery(t, `query($p: Period!) { channelComparisonCSV(period: $p) }`, map[string]any{"p": year}, &csv)
	if body == nil {
		t.Errorf("no %s downloaded", filepath.Base(file))
	} else if !strings.HasPrefix(string(body), "\xEF\xBB\xBF") || strings.HasPrefix(string(body[3:]), "\xEF\xBB\xBF") {
		t.Errorf("the downloaded CSV starts %q; want one byte order mark", body[:min(6, len(body))])
	} else if string(body) != csv.ChannelComparisonCSV {
		t.Errorf("the downloaded CSV differs from the API's")
	}
	if got := a.eval(`String(document.querySelectorAll('main .csv-download[data-csv="scorecards"]').length)`); got != fmt.Sprint(len(cmp.ChannelComparison)) {
		t.Errorf("%s channels' scorecards offered as CSV; want %d", got, len(cmp.ChannelComparison))
	}
	a.screenshot("admin-comparison-en")
	a.fitsPhone("the channel comparison", "main h1", "Channel comparison", "admin-comparison-phone-en")
	a.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	a.waitText("main h1", "渠道对比")
	if marked > 0 {
		a.waitText("main .comparison-table", "最佳")
	}
	a.fitsPhone("the channel comparison in Chinese", "main h1", "渠道对比", "admin-comparison-phone-zh")
	a.noScriptErrors()
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// nextMonth is the month after m ("2025-12" → "2026-01").
func nextMonth(m string) string {
	d, _ := time.Parse("2006-01", m)
	return d.AddDate(0, 1, 0).Format("2006-01")
}
