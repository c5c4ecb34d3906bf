package importer

import (
	"fmt"
	"slices"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/conflicts/casestatus"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channelcost"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/distributionsurvey"
	"github.com/dealerline/dealerline/ent/inventoryline"
	"github.com/dealerline/dealerline/ent/inventoryreport"
	"github.com/dealerline/dealerline/ent/marketreport"
	"github.com/dealerline/dealerline/ent/marketshare"
	"github.com/dealerline/dealerline/ent/satisfactionscore"
	"github.com/dealerline/dealerline/ent/serviceticket"
	"github.com/dealerline/dealerline/money"
)

// recorder is who the facts are recorded by: the importing administrator,
// or nobody in a database without one yet.
func (a *applier) recorder() (*int, string) {
	if _, err := a.as(); err != nil {
		return nil, ""
	}
	return &a.viewer.UserID, a.viewer.Name
}

func timeText(t *time.Time) string {
	if t == nil {
		return "none"
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func optTime(t *Time) *time.Time {
	if t == nil {
		return nil
	}
	return &t.Time
}

// inventoryReport values each line at the product's unit cost on the day
// it is imported, as a live report is valued when it is made.
func (a *applier) inventoryReport(r *InventoryReport) (bool, error) {
	d, err := a.dealerByCode("dealer", r.Dealer)
	if err != nil {
		return false, err
	}
	products := make([]*ent.Product, len(r.Lines))
	for i, l := range r.Lines {
		if products[i], err = a.productBySKU(fmt.Sprintf("lines[%d].sku", i), l.SKU); err != nil {
			return false, err
		}
	}
	there, err := a.db.InventoryReport.Query().Where(inventoryreport.Ref(r.Ref)).Only(a.sys())
	if err == nil {
		what := "inventory report " + r.Ref
		if err := firstErr(
			same("dealer", what, there.DealerID, d.ID),
			same("date", what, there.ReportedOn.Format(time.DateOnly), r.Date.Format(time.DateOnly)),
		); err != nil {
			return false, err
		}
		lines, err := a.db.InventoryLine.Query().Where(inventoryline.ReportID(there.ID)).All(a.sys())
		if err != nil {
			return false, err
		}
		if len(lines) != len(r.Lines) {
			return false, differs("lines", "%s is already there with %d lines, not %d", what, len(lines), len(r.Lines))
		}
		for i, l := range r.Lines {
			if !slices.ContainsFunc(lines, func(x *ent.InventoryLine) bool { return x.ProductID == products[i].ID && x.Stock == *l.Stock }) {
				return false, differs(fmt.Sprintf("lines[%d]", i), "%s is already there without a stock of %d of %s", what, *l.Stock, l.SKU)
			}
		}
		return false, nil
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	by, name := a.recorder()
	rep, err := a.db.InventoryReport.Create().
		SetRef(r.Ref).SetDealerID(d.ID).SetReportedOn(r.Date.Time).
		SetNillableRecordedByID(by).SetRecordedByName(name).
		Save(a.sys())
	if err != nil {
		return false, err
	}
	lines := make([]*ent.InventoryLineCreate, len(r.Lines))
	for i, l := range r.Lines {
		lines[i] = a.db.InventoryLine.Create().
			SetReportID(rep.ID).SetDealerID(d.ID).SetProductID(products[i].ID).
			SetSku(products[i].Sku).SetProductName(products[i].Name).
			SetStock(*l.Stock).SetUnitCost(products[i].UnitCost)
	}
	return true, a.db.InventoryLine.CreateBulk(lines...).Exec(a.sys())
}

func (a *applier) distributionSurvey(s *DistributionSurvey) (bool, error) {
	d, err := a.dealerByCode("dealer", s.Dealer)
	if err != nil {
		return false, err
	}
	there, err := a.db.DistributionSurvey.Query().Where(distributionsurvey.Ref(s.Ref)).Only(a.sys())
	if err == nil {
		what := "distribution survey " + s.Ref
		return false, firstErr(
			same("dealer", what, there.DealerID, d.ID),
			same("date", what, there.SurveyedOn.Format(time.DateOnly), s.Date.Format(time.DateOnly)),
			same("outletsVisited", what, there.OutletsVisited, *s.OutletsVisited),
			same("outletsCarrying", what, there.OutletsCarrying, *s.OutletsCarrying),
		)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	by, name := a.recorder()
	return true, a.db.DistributionSurvey.Create().
		SetRef(s.Ref).SetDealerID(d.ID).SetSurveyedOn(s.Date.Time).
		SetOutletsVisited(*s.OutletsVisited).SetOutletsCarrying(*s.OutletsCarrying).
		SetNillableRecordedByID(by).SetRecordedByName(name).
		Exec(a.sys())
}

func (a *applier) satisfactionScore(s *SatisfactionScore) (bool, error) {
	d, err := a.dealerByCode("dealer", s.Dealer)
	if err != nil {
		return false, err
	}
	there, err := a.db.SatisfactionScore.Query().Where(satisfactionscore.Ref(s.Ref)).Only(a.sys())
	if err == nil {
		what := "satisfaction score " + s.Ref
		return false, firstErr(
			same("dealer", what, there.DealerID, d.ID),
			same("date", what, there.ScoredOn.Format(time.DateOnly), s.Date.Format(time.DateOnly)),
			same("score", what, there.Score, s.Score),
		)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	by, name := a.recorder()
	return true, a.db.SatisfactionScore.Create().
		SetRef(s.Ref).SetDealerID(d.ID).SetScoredOn(s.Date.Time).SetScore(s.Score).
		SetNillableRecordedByID(by).SetRecordedByName(name).
		Exec(a.sys())
}

func (a *applier) channelCost(c *ChannelCost) (bool, error) {
	channelID, err := a.channelID("channel", c.Channel)
	if err != nil {
		return false, err
	}
	var dealerID *int
	if c.Dealer != "" {
		d, err := a.dealerByCode("dealer", c.Dealer)
		if err != nil {
			return false, err
		}
		if d.ChannelID != channelID {
			return false, invalid("dealer", "%s is not a dealer of channel %s", c.Dealer, c.Channel)
		}
		dealerID = &d.ID
	}
	there, err := a.db.ChannelCost.Query().Where(channelcost.Ref(c.Ref)).Only(a.sys())
	if err == nil {
		what := "channel cost " + c.Ref
		return false, firstErr(
			same("channel", what, there.ChannelID, channelID),
			same("dealer", what, deref(there.DealerID), deref(dealerID)),
			same("date", what, there.IncurredOn.Format(time.DateOnly), c.Date.Format(time.DateOnly)),
			same("category", what, there.Category, c.Category),
			same("amount", what, money.Format(there.Amount), money.Format(c.Amount.V)),
		)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	by, name := a.recorder()
	return true, a.db.ChannelCost.Create().
		SetRef(c.Ref).SetChannelID(channelID).SetNillableDealerID(dealerID).SetIncurredOn(c.Date.Time).
		SetCategory(c.Category).SetAmount(c.Amount.V).
		SetNillableRecordedByID(by).SetRecordedByName(name).
		Exec(a.sys())
}

// marketShare is found by territory and month, its natural key.
func (a *applier) marketShare(m *MarketShare) (bool, error) {
	tid, err := a.territoryID("territory", m.Territory)
	if err != nil {
		return false, err
	}
	there, err := a.db.MarketShare.Query().Where(marketshare.TerritoryID(tid), marketshare.Month(m.Month.Period)).Only(a.sys())
	if err == nil {
		return false, same("share", fmt.Sprintf("the market share of %s in %s", m.Territory, m.Month.Period), there.Share, *m.Share)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	return true, a.db.MarketShare.Create().SetTerritoryID(tid).SetMonth(m.Month.Period).SetShare(*m.Share).Exec(a.sys())
}

// marketReport is a dealer's: the dealer given, else the reporting
// user's.
func (a *applier) marketReport(m *MarketReport) (bool, error) {
	tid, err := a.territoryID("territory", m.Territory)
	if err != nil {
		return false, err
	}
	p, err := a.productBySKU("sku", m.SKU)
	if err != nil {
		return false, err
	}
	var by *ent.User
	if m.ReportedBy != "" {
		if by, err = a.userByEmail("reportedBy", m.ReportedBy); err != nil {
			return false, err
		}
	}
	var dealerID int
	switch {
	case m.Dealer != "":
		d, err := a.dealerByCode("dealer", m.Dealer)
		if err != nil {
			return false, err
		}
		if by != nil && by.DealerID != nil && *by.DealerID != d.ID {
			return false, invalid("dealer", "%s is a user of another dealer", m.ReportedBy)
		}
		dealerID = d.ID
	case by.DealerID != nil:
		dealerID = *by.DealerID
	default:
		return false, invalid("dealer", "%s is not a dealer user: give the dealer whose report it is", m.ReportedBy)
	}
	there, err := a.db.MarketReport.Query().Where(marketreport.Ref(m.Ref)).Only(a.sys())
	if err == nil {
		what := "market report " + m.Ref
		return false, firstErr(
			same("dealer", what, there.DealerID, dealerID),
			same("territory", what, there.TerritoryID, tid),
			same("sku", what, there.ProductID, p.ID),
			same("date", what, there.ObservedOn.Format(time.DateOnly), m.Date.Format(time.DateOnly)),
			same("observedPrice", what, money.Format(there.ObservedPrice), money.Format(m.ObservedPrice.V)),
			same("competitor", what, there.Competitor, m.Competitor),
		)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	// Reported when observed: the start of that business day.
	y, mo, day := m.Date.Date()
	reported := time.Date(y, mo, day, 0, 0, 0, 0, a.cfg.Location)
	c := a.db.MarketReport.Create().
		SetRef(m.Ref).SetDealerID(dealerID).SetTerritoryID(tid).SetProductID(p.ID).
		SetCompetitor(m.Competitor).SetObservedPrice(m.ObservedPrice.V).SetObservedOn(m.Date.Time).
		SetReportedAt(reported)
	if by != nil {
		c.SetReportedByID(by.ID).SetReportedByName(by.Name)
	} else {
		c.SetReportedByName("")
	}
	return true, c.Exec(a.sys())
}

// serviceTicket is OPEN until first answered, ANSWERED after, CLOSED when
// closed; it is numbered as the service numbers tickets.
func (a *applier) serviceTicket(t *ServiceTicket) (bool, error) {
	d, err := a.dealerByCode("dealer", t.Dealer)
	if err != nil {
		return false, err
	}
	category := t.Category
	if category == "" {
		category = "OTHER"
	}
	body := t.Body
	if body == "" {
		body = t.Subject
	}
	there, err := a.db.ServiceTicket.Query().Where(serviceticket.Ref(t.Ref)).Only(a.sys())
	if err == nil {
		what := "service ticket " + t.Ref
		return false, firstErr(
			same("dealer", what, there.DealerID, d.ID),
			same("subject", what, there.Subject, t.Subject),
			same("body", what, there.Body, body),
			same("category", what, string(there.Category), category),
			same("openedAt", what, there.OpenedAt.UTC().Format(time.RFC3339Nano), t.OpenedAt.UTC().Format(time.RFC3339Nano)),
			same("firstResponseAt", what, timeText(there.FirstResponseAt), timeText(optTime(t.FirstResponseAt))),
			same("closedAt", what, timeText(there.ClosedAt), timeText(optTime(t.ClosedAt))),
		)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	st, last := serviceticket.StatusOPEN, t.OpenedAt.Time
	if t.FirstResponseAt != nil {
		st, last = serviceticket.StatusANSWERED, t.FirstResponseAt.Time
	}
	if t.ClosedAt != nil {
		st, last = serviceticket.StatusCLOSED, t.ClosedAt.Time
	}
	by, name := a.recorder()
	row, err := a.db.ServiceTicket.Create().
		SetRef(t.Ref).SetDealerID(d.ID).SetCategory(serviceticket.Category(category)).
		SetSubject(t.Subject).SetBody(body).SetStatus(st).
		SetOpenedAt(t.OpenedAt.Time).SetNillableOpenedByID(by).SetOpenedByName(name).
		SetNillableFirstResponseAt(optTime(t.FirstResponseAt)).SetNillableClosedAt(optTime(t.ClosedAt)).
		SetLastActivityAt(last).SetCreatedAt(t.OpenedAt.Time).SetUpdatedAt(last).
		Save(a.sys())
	if err != nil {
		return false, err
	}
	return true, a.db.ServiceTicket.UpdateOneID(row.ID).SetNumber(accounts.DocumentNumber("ST", row.ID)).Exec(a.sys())
}

// conflictCase is due by its severity after it was opened, as the
// installation's settings say, and numbered as the service numbers cases.
func (a *applier) conflictCase(c *ConflictCase) (bool, error) {
	tid, err := a.territoryID("territory", c.Territory)
	if err != nil {
		return false, err
	}
	parties := make([]int, len(c.Parties))
	for i, code := range c.Parties {
		d, err := a.dealerByCode(fmt.Sprintf("parties[%d]", i), code)
		if err != nil {
			return false, err
		}
		parties[i] = d.ID
	}
	kind := c.Kind
	if kind == "" {
		kind = "OTHER"
	}
	there, err := a.db.ConflictCase.Query().Where(conflictcase.Ref(c.Ref)).WithParties().Only(a.sys())
	if err == nil {
		what := "conflict case " + c.Ref
		var have []int
		for _, p := range there.Edges.Parties {
			have = append(have, p.ID)
		}
		slices.Sort(have)
		want := slices.Clone(parties)
		slices.Sort(want)
		if !slices.Equal(have, want) {
			return false, differs("parties", "%s is already there between other dealers", what)
		}
		return false, firstErr(
			same("caseKind", what, string(there.Kind), kind),
			same("severity", what, string(there.Severity), c.Severity),
			same("territory", what, deref(there.TerritoryID), tid),
			same("status", what, string(there.Status), c.Status),
			same("openedAt", what, there.OpenedAt.UTC().Format(time.RFC3339Nano), c.OpenedAt.UTC().Format(time.RFC3339Nano)),
			same("resolvedAt", what, timeText(there.ResolvedAt), timeText(optTime(c.ResolvedAt))),
			same("resolutionNote", what, there.ResolutionNote, c.ResolutionNote),
			same("summary", what, there.Summary, c.Summary),
		)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	severity := conflictcase.Severity(c.Severity)
	opened := c.OpenedAt.Time
	due := accounts.BusinessDate(opened, a.cfg.Location).AddDate(0, 0, a.cfg.ConflictDueDays[severity])
	last := opened
	if c.ResolvedAt != nil {
		last = c.ResolvedAt.Time
	}
	openedBy, name := a.recorder()
	row, err := a.db.ConflictCase.Create().
		SetRef(c.Ref).SetKind(conflictcase.Kind(kind)).SetSeverity(severity).SetStatus(casestatus.Status(c.Status)).
		SetTerritoryID(tid).SetSummary(c.Summary).SetNillableOpenedByID(openedBy).SetOpenedByName(name).
		SetOpenedAt(opened).SetDueOn(due).SetResolutionNote(c.ResolutionNote).SetNillableResolvedAt(optTime(c.ResolvedAt)).
		SetLastActivityAt(last).SetCreatedAt(opened).SetUpdatedAt(last).
		AddPartyIDs(parties...).
		Save(a.sys())
	if err != nil {
		return false, err
	}
	return true, a.db.ConflictCase.UpdateOneID(row.ID).SetNumber(accounts.DocumentNumber("CC", row.ID)).Exec(a.sys())
}
