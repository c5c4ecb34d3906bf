package search

import (
	"context"
	"fmt"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/contact"
	"github.com/dealerline/dealerline/ent/dealer"
)

// IndexExisting indexes the dealers and contacts of a database written
// before there was an index (the types indexed since are indexed as they
// are written): when the index is empty and there are dealers, all of
// them, in one transaction, so a start that fails half-way leaves the index
// empty and the next start does it again. Run it once at start, after
// migrating.
func IndexExisting(ctx context.Context, client *ent.Client) error {
	ctx = access.Bypass(ctx)
	if n, err := client.SearchEntry.Query().Limit(1).Count(ctx); err != nil || n > 0 {
		return err
	}
	if n, err := client.Dealer.Query().Limit(1).Count(ctx); err != nil || n == 0 {
		return err
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	const batch = 1000 // rows per statement, far below either store's limit on parameters
	for after := 0; ; {
		ds, err := tx.Dealer.Query().Where(dealer.IDGT(after)).Order(dealer.ByID()).Limit(batch).All(ctx)
		if err != nil {
			return err
		}
		if len(ds) == 0 {
			break
		}
		entries := make([]Entry, len(ds))
		for i, d := range ds {
			entries[i] = DealerEntry(d.ID, d.Code, d.Name)
		}
		if err := put(ctx, tx.Client(), entries...); err != nil {
			return fmt.Errorf("index dealers: %w", err)
		}
		after = ds[len(ds)-1].ID
	}
	for after := 0; ; {
		cs, err := tx.Contact.Query().Where(contact.IDGT(after)).Order(contact.ByID()).Limit(batch).All(ctx)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			break
		}
		entries := make([]Entry, len(cs))
		for i, c := range cs {
			entries[i] = ContactEntry(c.ID, c.DealerID, c.Name, c.Title, c.Email, c.Phone)
		}
		if err := put(ctx, tx.Client(), entries...); err != nil {
			return fmt.Errorf("index contacts: %w", err)
		}
		after = cs[len(cs)-1].ID
	}
	return tx.Commit()
}
