package facts

import (
	"context"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/distributionsurvey"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/satisfactionscore"
)

// SurveyInput is a count of the outlets a dealer serves.
type SurveyInput struct {
	DealerID        int
	Date            time.Time // a business date
	OutletsVisited  int
	OutletsCarrying int
	// The visit it was made on, if any: an interaction with the dealer.
	InteractionID *int
	Note          string
}

// RecordDistributionSurvey records a survey of a dealer the staff member
// works on.
func (s *Service) RecordDistributionSurvey(ctx context.Context, in SurveyInput) (*ent.DistributionSurvey, error) {
	v, err := requireStaff(ctx, "distribution surveys")
	if err != nil {
		return nil, err
	}
	on, err := s.pastDate("date", in.Date)
	if err != nil {
		return nil, err
	}
	switch {
	case in.OutletsVisited < 1:
		return nil, apperr.Invalid("outletsVisited", "a survey visits at least one outlet")
	case in.OutletsCarrying < 0:
		return nil, apperr.Invalid("outletsCarrying", "outlets carrying the products are 0 or more")
	case in.OutletsCarrying > in.OutletsVisited:
		return nil, apperr.Invalid("outletsCarrying", "%d outlets carrying is more than the %d visited", in.OutletsCarrying, in.OutletsVisited)
	}
	if in.Note, err = note(in.Note); err != nil {
		return nil, err
	}
	db := s.db(ctx)
	d, err := dealerFor(ctx, db, "dealerID", in.DealerID)
	if err != nil {
		return nil, err
	}
	create := db.DistributionSurvey.Create()
	details := map[string]any{
		"dealer": d.Code, "date": on.Format(time.DateOnly),
		"outletsVisited": in.OutletsVisited, "outletsCarrying": in.OutletsCarrying,
	}
	if in.InteractionID != nil {
		i, err := db.Interaction.Get(ctx, *in.InteractionID)
		if ent.IsNotFound(err) {
			return nil, apperr.Missing("interactionID", "no such interaction")
		}
		if err != nil {
			return nil, err
		}
		// The viewer reads it, so saying whose it is hides nothing.
		if i.DealerID != d.ID {
			return nil, apperr.Invalid("interactionID", "that interaction was with another dealer")
		}
		create.SetInteractionID(i.ID)
		details["interaction"] = i.ID
	}
	sv, err := create.
		SetDealerID(d.ID).
		SetSurveyedOn(on).
		SetOutletsVisited(in.OutletsVisited).
		SetOutletsCarrying(in.OutletsCarrying).
		SetNote(in.Note).
		SetRecordedByID(v.UserID).
		SetRecordedByName(v.Name).
		Save(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	return sv, audit.Record(ctx, db, "distributionSurvey.record", "DistributionSurvey", sv.ID, details)
}

// ScoreInput is one end-customer satisfaction score of a dealer.
type ScoreInput struct {
	DealerID int
	Date     time.Time // a business date
	Score    int
	Note     string
}

// RecordSatisfactionScore records a score, 1 to 5, of a dealer the staff
// member works on.
func (s *Service) RecordSatisfactionScore(ctx context.Context, in ScoreInput) (*ent.SatisfactionScore, error) {
	v, err := requireStaff(ctx, "satisfaction scores")
	if err != nil {
		return nil, err
	}
	on, err := s.pastDate("date", in.Date)
	if err != nil {
		return nil, err
	}
	if in.Score < 1 || in.Score > 5 {
		return nil, apperr.Invalid("score", "a score is from 1 (very unhappy) to 5 (very happy)")
	}
	if in.Note, err = note(in.Note); err != nil {
		return nil, err
	}
	db := s.db(ctx)
	d, err := dealerFor(ctx, db, "dealerID", in.DealerID)
	if err != nil {
		return nil, err
	}
	sc, err := db.SatisfactionScore.Create().
		SetDealerID(d.ID).
		SetScoredOn(on).
		SetScore(in.Score).
		SetNote(in.Note).
		SetRecordedByID(v.UserID).
		SetRecordedByName(v.Name).
		Save(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	return sc, audit.Record(ctx, db, "satisfactionScore.record", "SatisfactionScore", sc.ID, map[string]any{
		"dealer": d.Code, "date": on.Format(time.DateOnly), "score": sc.Score,
	})
}

// NewestSurveyedFirst and NewestScoredFirst are the orders surveys and
// scores are listed in.
var (
	NewestSurveyedFirst = &ent.DistributionSurveyOrder{Field: ent.DistributionSurveyOrderFieldSurveyedOn, Direction: entgql.OrderDirectionDesc}
	NewestScoredFirst   = &ent.SatisfactionScoreOrder{Field: ent.SatisfactionScoreOrderFieldScoredOn, Direction: entgql.OrderDirectionDesc}
)

// DistributionSurveys are the surveys the viewer may read, as
// InventoryReports; list them NewestSurveyedFirst.
func (s *Service) DistributionSurveys(ctx context.Context, f Filter) (*ent.DistributionSurveyQuery, error) {
	ps, err := narrowed[predicate.DistributionSurvey](ctx, f, access.ListDealer(ctx, f.DealerID), distributionsurvey.FieldSurveyedOn)
	if err != nil {
		return nil, err
	}
	return s.client.DistributionSurvey.Query().Where(ps...), nil
}

// SatisfactionScores are the scores the viewer may read, as
// InventoryReports; list them NewestScoredFirst.
func (s *Service) SatisfactionScores(ctx context.Context, f Filter) (*ent.SatisfactionScoreQuery, error) {
	ps, err := narrowed[predicate.SatisfactionScore](ctx, f, access.ListDealer(ctx, f.DealerID), satisfactionscore.FieldScoredOn)
	if err != nil {
		return nil, err
	}
	return s.client.SatisfactionScore.Query().Where(ps...), nil
}
