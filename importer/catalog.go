package importer

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/price"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/ent/quota"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/stock"
)

// same reports a field of a record already there that differs from the
// file: a CONFLICT naming the field.
func same[T comparable](field, what string, there, file T) error {
	if there != file {
		return differs(field, "%s is already there with %s %v, not %v", what, field, there, file)
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (a *applier) channelID(field, code string) (int, error) {
	id, err := a.db.Channel.Query().Where(channel.Code(code)).OnlyID(a.sys())
	if ent.IsNotFound(err) {
		return 0, missing(field, "no channel with code %q", code)
	}
	return id, err
}

func (a *applier) territoryID(field, code string) (int, error) {
	id, err := a.db.Territory.Query().Where(territory.Code(code)).OnlyID(a.sys())
	if ent.IsNotFound(err) {
		return 0, missing(field, "no territory with code %q", code)
	}
	return id, err
}

func (a *applier) dealerByCode(field, code string) (*ent.Dealer, error) {
	d, err := a.db.Dealer.Query().Where(dealer.Code(code)).Only(a.sys())
	if ent.IsNotFound(err) {
		return nil, missing(field, "no dealer with code %q", code)
	}
	return d, err
}

func (a *applier) productBySKU(field, sku string) (*ent.Product, error) {
	p, err := a.db.Product.Query().Where(product.Sku(sku)).Only(a.sys())
	if ent.IsNotFound(err) {
		return nil, missing(field, "no product with SKU %q", sku)
	}
	return p, err
}

func (a *applier) userByEmail(field, email string) (*ent.User, error) {
	u, err := a.db.User.Query().Where(user.Email(auth.NormalizeEmail(email))).Only(a.sys())
	if ent.IsNotFound(err) {
		return nil, missing(field, "no user with e-mail %q", email)
	}
	return u, err
}

func (a *applier) channel(c *Channel) (bool, error) {
	there, err := a.db.Channel.Query().Where(channel.Code(c.Code)).Only(a.sys())
	if err == nil {
		return false, same("name", "channel "+c.Code, there.Name, c.Name)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	return true, a.db.Channel.Create().SetCode(c.Code).SetName(c.Name).Exec(a.sys())
}

func (a *applier) territory(t *Territory) (bool, error) {
	there, err := a.db.Territory.Query().Where(territory.Code(t.Code)).Only(a.sys())
	if err == nil {
		what := "territory " + t.Code
		return false, firstErr(same("name", what, there.Name, t.Name), same("region", what, there.Region, t.Region))
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	return true, a.db.Territory.Create().SetCode(t.Code).SetName(t.Name).SetRegion(t.Region).Exec(a.sys())
}

// user creates a user; without a password, one nobody knows, so the user
// signs in once an administrator has set one.
func (a *applier) user(u *User) (bool, error) {
	var dealerID *int
	if u.Dealer != "" {
		d, err := a.dealerByCode("dealer", u.Dealer)
		if err != nil {
			return false, err
		}
		dealerID = &d.ID
	}
	channelIDs := make([]int, len(u.Channels))
	for i, code := range u.Channels {
		id, err := a.channelID(fmt.Sprintf("channels[%d]", i), code)
		if err != nil {
			return false, err
		}
		channelIDs[i] = id
	}
	email := auth.NormalizeEmail(u.Email)
	there, err := a.db.User.Query().Where(user.Email(email)).WithManagedChannels().Only(a.sys())
	if err == nil {
		what := "user " + email
		var managed []int
		for _, c := range there.Edges.ManagedChannels {
			managed = append(managed, c.ID)
		}
		slices.Sort(managed)
		want := slices.Clone(channelIDs)
		slices.Sort(want)
		if !slices.Equal(managed, want) {
			return false, differs("channels", "%s is already there managing other channels", what)
		}
		return false, firstErr(
			same("name", what, there.Name, u.Name),
			same("role", what, string(there.Role), u.Role),
			same("dealer", what, fmt.Sprint(deref(there.DealerID)), fmt.Sprint(deref(dealerID))),
		)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	password := u.Password
	if password == "" {
		b := make([]byte, 24)
		rand.Read(b)
		password = hex.EncodeToString(b)
	} else if err := auth.ValidatePassword(password); err != nil {
		return false, invalid("password", "%s", strings.TrimPrefix(err.Error(), "auth: "))
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return false, err
	}
	return true, a.db.User.Create().
		SetEmail(email).SetName(u.Name).SetRole(user.Role(u.Role)).SetPasswordHash(hash).
		SetNillableDealerID(dealerID).AddManagedChannelIDs(channelIDs...).
		Exec(a.sys())
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

func (a *applier) product(p *Product) (bool, error) {
	there, err := a.db.Product.Query().Where(product.Sku(p.SKU)).Only(a.sys())
	if err == nil {
		what := "product " + p.SKU
		return false, firstErr(
			same("name", what, there.Name, p.Name),
			same("category", what, there.Category, p.Category),
			same("unitCost", what, money.Format(there.UnitCost), money.Format(p.UnitCost.V)),
			same("listPrice", what, money.Format(there.ListPrice), money.Format(p.ListPrice.V)),
		)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	return true, a.db.Product.Create().
		SetSku(p.SKU).SetName(p.Name).SetCategory(p.Category).
		SetUnitCost(p.UnitCost.V).SetListPrice(p.ListPrice.V).
		Exec(a.sys())
}

// stock sets a product's count, through the stock rule: never below what
// confirmed orders reserve. It is applied (true) when it changes the
// product, unchanged when the product already holds it.
func (a *applier) stock(st *Stock) (bool, error) {
	p, err := a.productBySKU("sku", st.SKU)
	if err != nil {
		return false, err
	}
	changed := p.OnHand != *st.OnHand
	if changed {
		if _, err := stock.SetOnHand(a.sys(), a.db, p.ID, *st.OnHand); err != nil {
			return false, err
		}
	}
	if st.LeadTimeDays != nil && *st.LeadTimeDays != p.LeadTimeDays {
		changed = true
		if err := a.db.Product.UpdateOneID(p.ID).SetLeadTimeDays(*st.LeadTimeDays).Exec(a.sys()); err != nil {
			return false, err
		}
	}
	return changed, nil
}

// price is found by product, tier, channel and the day it starts.
func (a *applier) price(p *Price) (bool, error) {
	prod, err := a.productBySKU("sku", p.SKU)
	if err != nil {
		return false, err
	}
	q := a.db.Price.Query().Where(price.ProductID(prod.ID), price.Tier(p.Tier), price.ValidFrom(p.ValidFrom.Time))
	var channelID *int
	if p.Channel != "" {
		id, err := a.channelID("channel", p.Channel)
		if err != nil {
			return false, err
		}
		channelID = &id
		q.Where(price.ChannelID(id))
	} else {
		q.Where(price.ChannelIDIsNil())
	}
	var validTo *time.Time
	if p.ValidTo != nil {
		validTo = &p.ValidTo.Time
	}
	there, err := q.Only(a.sys())
	if err == nil {
		what := fmt.Sprintf("the tier-%d price of %s from %s", p.Tier, p.SKU, p.ValidFrom.Format(time.DateOnly))
		return false, firstErr(
			same("amount", what, money.Format(there.Amount), money.Format(p.Amount.V)),
			same("validTo", what, dateText(there.ValidTo), dateText(validTo)),
		)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	return true, a.db.Price.Create().
		SetProductID(prod.ID).SetTier(p.Tier).SetNillableChannelID(channelID).
		SetAmount(p.Amount.V).SetValidFrom(p.ValidFrom.Time).SetNillableValidTo(validTo).
		Exec(a.sys())
}

func dateText(t *time.Time) string {
	if t == nil {
		return "none"
	}
	return t.Format(time.DateOnly)
}

func (a *applier) dealer(d *Dealer) (bool, error) {
	channelID, err := a.channelID("channel", d.Channel)
	if err != nil {
		return false, err
	}
	var parentID, ownerID *int
	if d.Parent != "" {
		p, err := a.dealerByCode("parent", d.Parent)
		if err != nil {
			return false, err
		}
		if p.Tier != 1 {
			return false, invalid("parent", "%s is not a distributor (tier 1)", d.Parent)
		}
		parentID = &p.ID
	}
	if d.Owner != "" {
		u, err := a.userByEmail("owner", d.Owner)
		if err != nil {
			return false, err
		}
		ownerID = &u.ID
	}
	tids := make([]int, len(d.Territories))
	for i, code := range d.Territories {
		if tids[i], err = a.territoryID(fmt.Sprintf("territories[%d]", i), code); err != nil {
			return false, err
		}
	}
	there, err := a.db.Dealer.Query().Where(dealer.Code(d.Code)).WithTerritories().Only(a.sys())
	if err == nil {
		what := "dealer " + d.Code
		var have []int
		for _, t := range there.Edges.Territories {
			have = append(have, t.ID)
		}
		slices.Sort(have)
		want := slices.Clone(tids)
		slices.Sort(want)
		if !slices.Equal(have, want) {
			return false, differs("territories", "%s is already there in other territories", what)
		}
		return false, firstErr(
			same("name", what, there.Name, d.Name),
			same("tier", what, there.Tier, d.Tier),
			same("channel", what, there.ChannelID, channelID),
			same("parent", what, deref(there.ParentID), deref(parentID)),
			same("owner", what, deref(there.OwnerID), deref(ownerID)),
			same("status", what, string(there.Status), d.Status),
			same("creditLimit", what, money.Format(there.CreditLimit), money.Format(d.CreditLimit.V)),
			same("paymentTermsDays", what, there.PaymentTermsDays, *d.PaymentTermsDays),
			same("joinedOn", what, there.JoinedOn.Format(time.DateOnly), d.JoinedOn.Format(time.DateOnly)),
		)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	created, err := a.db.Dealer.Create().
		SetCode(d.Code).SetName(d.Name).SetTier(d.Tier).SetStatus(dealer.Status(d.Status)).
		SetCreditLimit(d.CreditLimit.V).SetPaymentTermsDays(*d.PaymentTermsDays).SetJoinedOn(d.JoinedOn.Time).
		SetChannelID(channelID).SetNillableParentID(parentID).SetNillableOwnerID(ownerID).
		AddTerritoryIDs(tids...).
		Save(a.sys())
	if err != nil {
		return false, err
	}
	return true, realtime.Record(a.sys(), a.db, realtime.DealerChangedEvent(created, "CREATED", time.Now()))
}

func (a *applier) quota(q *Quota) (bool, error) {
	d, err := a.dealerByCode("dealer", q.Dealer)
	if err != nil {
		return false, err
	}
	there, err := a.db.Quota.Query().Where(quota.DealerID(d.ID), quota.Month(q.Month.Period)).Only(a.sys())
	if err == nil {
		return false, same("amount", fmt.Sprintf("the quota of %s for %s", q.Dealer, q.Month.Period), money.Format(there.Amount), money.Format(q.Amount.V))
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	return true, a.db.Quota.Create().SetDealerID(d.ID).SetMonth(q.Month.Period).SetAmount(q.Amount.V).Exec(a.sys())
}
