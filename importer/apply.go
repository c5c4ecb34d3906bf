package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/conflicts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/ordering"
)

// Config is what applying reads of the installation's settings.
type Config struct {
	Location        *time.Location // business time zone
	MaxLineQuantity int
	ConflictDueDays conflicts.DueDays
}

// Result counts what an import did, by kind.
type Result struct {
	Created   map[string]int
	Unchanged map[string]int
}

// Records is how many records the import read.
func (r *Result) Records() int {
	n := 0
	for _, c := range r.Created {
		n += c
	}
	for _, c := range r.Unchanged {
		n += c
	}
	return n
}

// Import reads a file and applies it: all of it, or, with a *Refused
// error, nothing. viewer is who imports (an administrator); nil imports as
// the system, acting as the database's first administrator.
func Import(ctx context.Context, client *ent.Client, cfg Config, viewer *auth.Viewer, file []byte, progress Progress) (*Result, error) {
	records, problems, err := Read(bytes.NewReader(file), progress.readBytes)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, &Refused{Problems: problems}
	}
	return Apply(ctx, client, cfg, viewer, records, progress.applied)
}

// Progress is told how far an import has got; either may be nil.
type Progress struct {
	Read    func(bytes int64)
	Applied func(records int)
}

func (p Progress) readBytes(n int64) {
	if p.Read != nil {
		p.Read(n)
	}
}

func (p Progress) applied(n int) {
	if p.Applied != nil {
		p.Applied(n)
	}
}

// Apply applies records in file order in one transaction: each record
// is found by its key and compared, or made by the services' rules at its
// own time. Every record that cannot be applied is reported (up to
// MaxProblems) and then nothing is written.
func Apply(ctx context.Context, client *ent.Client, cfg Config, viewer *auth.Viewer, records []Record, applied func(int)) (*Result, error) {
	if viewer != nil && !viewer.IsAdmin() {
		return nil, apperr.Errorf(apperr.Forbidden, "only administrators import history")
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.ConflictDueDays == nil {
		cfg.ConflictDueDays = conflicts.DefaultDueDays()
	}
	if cfg.MaxLineQuantity == 0 {
		cfg.MaxLineQuantity = 1_000_000
	}
	tx, err := client.Tx(access.Bypass(ctx))
	if err != nil {
		return nil, fmt.Errorf("import: begin: %w", err)
	}
	a := &applier{
		cfg:      cfg,
		tx:       tx,
		db:       tx.Client(),
		ordering: ordering.NewService(client, cfg.MaxLineQuantity, cfg.Location).ForHistory(),
		accounts: accounts.NewService(client, cfg.Location),
		viewer:   viewer,
		result:   &Result{Created: map[string]int{}, Unchanged: map[string]int{}},
	}
	a.ctx = ent.NewContext(ctx, a.db)
	problems, err := a.all(records, applied)
	if err == nil && len(problems) > 0 {
		err = &Refused{Problems: problems}
	}
	if err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			err = fmt.Errorf("%w (rollback: %v)", err, rerr)
		}
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("import: commit: %w", err)
	}
	return a.result, nil
}

// applier applies the records of one import.
type applier struct {
	cfg      Config
	tx       *ent.Tx
	db       *ent.Client
	ctx      context.Context // carries the transaction
	ordering *ordering.Service
	accounts *accounts.Service
	viewer   *auth.Viewer
	result   *Result
}

// all applies each record in a savepoint of its own, so that one refused
// record leaves the transaction usable and the next ones are checked too.
func (a *applier) all(records []Record, applied func(int)) ([]Problem, error) {
	var problems []Problem
	for i, rec := range records {
		if _, err := a.db.ExecContext(a.ctx, "SAVEPOINT import_record"); err != nil {
			return nil, err
		}
		created, err := a.apply(rec)
		if err != nil {
			p, ok := problemOf(rec.Line, err)
			if !ok {
				return nil, fmt.Errorf("import: line %d: %w", rec.Line, err)
			}
			problems = append(problems, p)
			if _, err := a.db.ExecContext(a.ctx, "ROLLBACK TO SAVEPOINT import_record"); err != nil {
				return nil, err
			}
			if len(problems) >= MaxProblems {
				return problems, nil
			}
		} else if created {
			a.result.Created[rec.Kind]++
		} else {
			a.result.Unchanged[rec.Kind]++
		}
		if _, err := a.db.ExecContext(a.ctx, "RELEASE SAVEPOINT import_record"); err != nil {
			return nil, err
		}
		if applied != nil {
			applied(i + 1)
		}
	}
	return problems, nil
}

// lineError is a record that cannot be applied.
type lineError struct{ field, code, message string }

func (e *lineError) Error() string { return e.field + ": " + e.message }

func missing(field, format string, args ...any) error {
	return &lineError{field, NotFound, fmt.Sprintf(format, args...)}
}

func invalid(field, format string, args ...any) error {
	return &lineError{field, Invalid, fmt.Sprintf(format, args...)}
}

func differs(field, format string, args ...any) error {
	return &lineError{field, Conflict, fmt.Sprintf(format, args...)}
}

// problemOf is the problem an error of a record is, false for a failure of
// the import itself (the database gone, a bug).
func problemOf(line int, err error) (Problem, bool) {
	var le *lineError
	if errors.As(err, &le) {
		return Problem{Line: line, Field: le.field, Code: le.code, Message: le.message}, true
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return Problem{Line: line, Field: ae.Field, Code: string(ae.Code), Message: ae.Message}, true
	}
	var ve *ent.ValidationError
	if errors.As(err, &ve) {
		return Problem{Line: line, Field: ve.Name, Code: Invalid, Message: ve.Error()}, true
	}
	if ent.IsConstraintError(err) {
		return Problem{Line: line, Code: Conflict, Message: "conflicts with data already there: " + err.Error()}, true
	}
	return Problem{}, false
}

func (a *applier) sys() context.Context { return access.Bypass(a.ctx) }

// as is the context the services run in: the importing administrator's.
func (a *applier) as() (context.Context, error) {
	if a.viewer == nil {
		u, err := a.db.User.Query().Where(user.RoleEQ(user.RoleADMIN), user.Active(true)).Order(ent.Asc(user.FieldID)).First(a.sys())
		if ent.IsNotFound(err) {
			return nil, invalid("", "orders, shipments and accounts are recorded by an administrator: import a user with role ADMIN first")
		}
		if err != nil {
			return nil, err
		}
		a.viewer = &auth.Viewer{UserID: u.ID, Name: u.Name, Role: user.RoleADMIN}
	}
	return auth.NewContext(a.ctx, a.viewer), nil
}

func (a *applier) apply(r Record) (bool, error) {
	switch {
	case r.Channel != nil:
		return a.channel(r.Channel)
	case r.Territory != nil:
		return a.territory(r.Territory)
	case r.User != nil:
		return a.user(r.User)
	case r.Product != nil:
		return a.product(r.Product)
	case r.Price != nil:
		return a.price(r.Price)
	case r.Stock != nil:
		return a.stock(r.Stock)
	case r.Dealer != nil:
		return a.dealer(r.Dealer)
	case r.Quota != nil:
		return a.quota(r.Quota)
	case r.Order != nil:
		return a.order(r.Order)
	case r.Shipment != nil:
		return a.shipment(r.Shipment)
	case r.Payment != nil:
		return a.payment(r.Payment)
	case r.CreditNote != nil:
		return a.creditNote(r.CreditNote)
	case r.InventoryReport != nil:
		return a.inventoryReport(r.InventoryReport)
	case r.DistributionSurvey != nil:
		return a.distributionSurvey(r.DistributionSurvey)
	case r.ServiceTicket != nil:
		return a.serviceTicket(r.ServiceTicket)
	case r.SatisfactionScore != nil:
		return a.satisfactionScore(r.SatisfactionScore)
	case r.ChannelCost != nil:
		return a.channelCost(r.ChannelCost)
	case r.MarketShare != nil:
		return a.marketShare(r.MarketShare)
	case r.MarketReport != nil:
		return a.marketReport(r.MarketReport)
	case r.ConflictCase != nil:
		return a.conflictCase(r.ConflictCase)
	}
	return false, invalid("kind", "nothing to apply")
}
