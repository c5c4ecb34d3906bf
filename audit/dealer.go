package audit

import (
	"context"
	"reflect"

	"github.com/dealerline/dealerline/ent"
)

// How an entry finds the dealer its subject belongs to, so the trail can
// be filtered by dealer. A subject type is either in dealerRules (the row
// is loaded and its DealerID read, or the rule says where the dealer is)
// or in noDealer (with why); a test fails for an audited type in neither,
// and for a type in noDealer whose table has a dealer_id column.

// load reads subject id of one type through db.
type load func(ctx context.Context, db *ent.Client, id int) (any, error)

var dealerRules = map[string]load{
	"Dealer":         func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.Dealer.Get(ctx, id) },
	"Order":          func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.Order.Get(ctx, id) },
	"Shipment":       func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.Shipment.Get(ctx, id) },
	"Invoice":        func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.Invoice.Get(ctx, id) },
	"Payment":        func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.Payment.Get(ctx, id) },
	"CreditNote":     func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.CreditNote.Get(ctx, id) },
	"InvoiceDispute": func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.InvoiceDispute.Get(ctx, id) },
	"SalesReturn":    func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.SalesReturn.Get(ctx, id) },
	"Agreement":      func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.Agreement.Get(ctx, id) },
	"DealRegistration": func(ctx context.Context, db *ent.Client, id int) (any, error) {
		return db.DealRegistration.Get(ctx, id)
	},
	"Lead":            func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.Lead.Get(ctx, id) },
	"FundClaim":       func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.FundClaim.Get(ctx, id) },
	"Interaction":     func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.Interaction.Get(ctx, id) },
	"FollowUp":        func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.FollowUp.Get(ctx, id) },
	"ServiceTicket":   func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.ServiceTicket.Get(ctx, id) },
	"InventoryReport": func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.InventoryReport.Get(ctx, id) },
	"DistributionSurvey": func(ctx context.Context, db *ent.Client, id int) (any, error) {
		return db.DistributionSurvey.Get(ctx, id)
	},
	"SatisfactionScore": func(ctx context.Context, db *ent.Client, id int) (any, error) {
		return db.SatisfactionScore.Get(ctx, id)
	},
	"ChannelCost":   func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.ChannelCost.Get(ctx, id) },
	"MarketReport":  func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.MarketReport.Get(ctx, id) },
	"ChannelSignal": func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.ChannelSignal.Get(ctx, id) },
	"Contact":       func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.Contact.Get(ctx, id) },
	"User":          func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.User.Get(ctx, id) },
	"Attachment":    func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.Attachment.Get(ctx, id) },
	"TicketReply":   func(ctx context.Context, db *ent.Client, id int) (any, error) { return db.TicketReply.Get(ctx, id) },
	// A comment belongs to its case's dealer.
	"ConflictComment": func(ctx context.Context, db *ent.Client, id int) (any, error) {
		c, err := db.ConflictComment.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		return conflictCase(ctx, db, c.CaseID)
	},
	"ConflictCase": conflictCase,
}

// conflictCase: a case belongs to the dealer that reported it.
func conflictCase(ctx context.Context, db *ent.Client, id int) (any, error) {
	c, err := db.ConflictCase.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return struct{ DealerID *int }{c.ReporterDealerID}, nil
}

// noDealer are the subject types that belong to no one dealer, and why.
var noDealer = map[string]string{
	"Channel":       "catalogue: a sales channel",
	"Territory":     "catalogue: a region",
	"Product":       "catalogue",
	"Price":         "catalogue",
	"Announcement":  "published to an audience",
	"ChannelPolicy": "published to an audience",
	"Promotion":     "published to an audience",
	"RebateProgram": "published to an audience",
	"MarketingFund": "published to an audience",
	"SignalRule":    "a setting",
	"Webhook":       "an integration's endpoint",
	"Token":         "an API token of a user",
}

// dealerOf is the dealer subject (subjectType, id) belongs to, if any.
// Read through db below privacy: the entry is written whoever acts.
func dealerOf(ctx context.Context, db *ent.Client, subjectType string, id int) (*int, error) {
	if subjectType == "Dealer" {
		return &id, nil
	}
	get, ok := dealerRules[subjectType]
	if !ok {
		return nil, nil
	}
	row, err := get(ctx, db, id)
	if ent.IsNotFound(err) {
		return nil, nil // deleted with the change
	}
	if err != nil {
		return nil, err
	}
	return dealerField(row), nil
}

// dealerField is row's DealerID (an int or *int field), nil for none.
func dealerField(row any) *int {
	v := reflect.Indirect(reflect.ValueOf(row))
	if v.Kind() != reflect.Struct {
		return nil
	}
	f := v.FieldByName("DealerID")
	switch {
	case !f.IsValid():
		return nil
	case f.Kind() == reflect.Int:
		id := int(f.Int())
		if id == 0 {
			return nil
		}
		return &id
	case f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().Kind() == reflect.Int:
		id := int(f.Elem().Int())
		return &id
	}
	return nil
}
