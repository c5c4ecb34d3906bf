package appraisal

import (
	"context"
	"strconv"
	"strings"

	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/spreadsheet"
)

// The CSV exports are UTF-8 with a byte order mark (so that spreadsheet
// programs read Chinese names right), a header row, numbers written plain
// with a dot (money like Money, "125000.00"), and an empty cell for null.

// cell writes k's value of s.
func cell(s *Scorecard, k Kpi) string {
	if moneyKpi[k] {
		var v *int64
		switch k {
		case NetSales:
			v = s.NetSales
		case Quota:
			v = s.Quota
		case CostOfGoodsSold:
			v = s.CostOfGoodsSold
		case OverdueAmount:
			v = s.OverdueAmount
		}
		if v == nil {
			return ""
		}
		return money.Format(*v)
	}
	v := s.Value(k)
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// header is the column name of k: its enum name in lower case.
func header(k Kpi) string { return strings.ToLower(string(k)) }

// ScorecardsCSV is DealerScorecards as CSV: a row per dealer, its code,
// name and every KPI.
func (s *Service) ScorecardsCSV(ctx context.Context, channelID int, p period.Period) (string, error) {
	cards, err := s.DealerScorecards(ctx, channelID, p)
	if err != nil {
		return "", err
	}
	head := []string{"dealer code", "dealer name"}
	for _, k := range Kpis {
		head = append(head, header(k))
	}
	rows := [][]string{head}
	for _, c := range cards {
		row := []string{spreadsheet.Text(c.Dealer.Code), spreadsheet.Text(c.Dealer.Name)}
		for _, k := range Kpis {
			row = append(row, cell(c, k))
		}
		rows = append(rows, row)
	}
	return spreadsheet.CSV(rows), nil
}

// ChannelComparisonCSV is ChannelComparison as CSV: a row per channel,
// each KPI followed by its rank.
func (s *Service) ChannelComparisonCSV(ctx context.Context, p period.Period) (string, error) {
	cards, err := s.ChannelComparison(ctx, p)
	if err != nil {
		return "", err
	}
	head := []string{"channel code", "channel name"}
	for _, k := range Kpis {
		head = append(head, header(k), header(k)+" rank")
	}
	rows := [][]string{head}
	for _, c := range cards {
		row := []string{spreadsheet.Text(c.Channel.Code), spreadsheet.Text(c.Channel.Name)}
		for i, k := range Kpis {
			r := ""
			if c.Ranks[i].Rank != nil {
				r = strconv.Itoa(*c.Ranks[i].Rank)
			}
			row = append(row, cell(c.Scorecard, k), r)
		}
		rows = append(rows, row)
	}
	return spreadsheet.CSV(rows), nil
}
