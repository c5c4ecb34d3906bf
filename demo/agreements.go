package demo

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/agreement"
	"github.com/dealerline/dealerline/ent/agreementversion"
	"github.com/dealerline/dealerline/ent/dealer"
)

// agreementSpecs are the demo's agreements. South Traders' dealer
// agreement ends at the end of next month, inside its 90-day notice
// period: it heads the staff's "ending soon" list, and the first daily run
// tells the Retail manager (AGREEMENT_ENDING). It was amended once, so its
// first version is there to compare.
var agreementSpecs = []struct {
	dealer             string
	kind               agreement.Kind
	startMonthsAgo     int
	endsInMonths       int // 1: the last day of next month
	autoRenew          bool
	noticeDays         int
	status             agreement.Status
	terms, amended     string // amended: the first version's terms, when it was amended
	amendNote, channel string
}{
	{"D-SOUTH", agreement.KindDEALER, 23, 1, false, 90, agreement.StatusACTIVE,
		"# Dealer agreement\n\n- Territory: South China retail.\n- Annual purchase target: ¥1,200,000.\n- Payment terms: 30 days.\n- Display at least 20 SKUs of the current range.",
		"# Dealer agreement\n\n- Territory: South China retail.\n- Annual purchase target: ¥1,000,000.\n- Payment terms: 30 days.",
		"Target raised for the second year.", "RETAIL"},
	{"D-SOUTH", agreement.KindSERVICE, 4, 8, false, 30, agreement.StatusACTIVE,
		"# Service agreement\n\nSouth Traders repairs under warranty in its territory; parts are supplied at cost.", "", "", "RETAIL"},
	{"D-NORTH", agreement.KindDISTRIBUTION, 12, 24, true, 120, agreement.StatusACTIVE,
		"# Distribution agreement\n\nNorth Distribution supplies its sub-dealers in North China at tier-1 prices.", "", "", ""},
	{"D-NORTH", agreement.KindSERVICE, 0, 12, false, 30, agreement.StatusDRAFT,
		"# Service agreement (draft)\n\nTo be agreed: warranty repairs for the sub-dealers' customers.", "", "", ""},
}

func (l *loader) loadAgreements(ctx context.Context) error {
	author, authorName := l.userIDs["manager@demo.test"], "Liu Yang"
	for _, s := range agreementSpecs {
		d := l.c.Dealer.Query().Where(dealer.ID(l.dealerIDs[s.dealer])).OnlyX(ctx)
		territories, err := l.c.Dealer.QueryTerritories(d).IDs(ctx)
		if err != nil {
			return err
		}
		y, m, _ := l.today.Date()
		starts := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).AddDate(0, -s.startMonthsAgo, 0)
		ends := time.Date(y, m+time.Month(s.endsInMonths)+1, 0, 0, 0, 0, 0, time.UTC) // the month's last day
		created := time.Date(starts.Year(), starts.Month(), starts.Day(), 10, 0, 0, 0, l.loc).AddDate(0, 0, -7)
		version := 1
		if s.amended != "" {
			version = 2
		}
		c := l.c.Agreement.Create().
			SetDealerID(d.ID).SetKind(s.kind).SetStartsOn(starts).SetEndsOn(ends).
			SetAutoRenew(s.autoRenew).SetRenewalNoticeDays(s.noticeDays).
			AddTerritoryIDs(territories...).SetTerms(s.terms).SetStatus(s.status).SetVersion(version).
			SetCreatedAt(created).SetUpdatedAt(created)
		var channelID *int
		if s.channel != "" {
			id := l.channelIDs[s.channel]
			channelID = &id
			c.SetChannelID(id)
		}
		a, err := c.Save(ctx)
		if err != nil {
			return err
		}
		if a, err = a.Update().SetNumber(accounts.DocumentNumber("AG", a.ID)).Save(ctx); err != nil {
			return err
		}
		first := s.terms
		if s.amended != "" {
			first = s.amended
		}
		versions := []*ent.AgreementVersionCreate{l.version(a, 1, agreementversion.ChangeCREATED, first, "", channelID, territories, author, authorName, created)}
		if s.amended != "" {
			at := created.AddDate(1, 0, 0)
			versions = append(versions, l.version(a, 2, agreementversion.ChangeAMENDED, s.terms, s.amendNote, channelID, territories, author, authorName, at))
		}
		if err := l.c.AgreementVersion.CreateBulk(versions...).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) version(a *ent.Agreement, n int, change agreementversion.Change, terms, note string, channelID *int, territories []int, author int, authorName string, at time.Time) *ent.AgreementVersionCreate {
	return l.c.AgreementVersion.Create().
		SetAgreementID(a.ID).SetDealerID(a.DealerID).SetVersion(n).SetChange(change).
		SetStartsOn(a.StartsOn).SetEndsOn(a.EndsOn).SetAutoRenew(a.AutoRenew).SetRenewalNoticeDays(a.RenewalNoticeDays).
		SetNillableChannelID(channelID).SetTerritoryIds(territories).SetTerms(terms).SetNote(note).
		SetAuthorID(author).SetAuthorName(authorName).SetAt(at)
}
