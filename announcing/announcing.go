// Package announcing is how the manufacturer tells its dealers news:
// publishing an announcement to an audience of dealers, who may publish to
// whom, read receipts, and the announcement a live subscriber is sent. Every
// write runs in the request's transaction.
package announcing

import (
	"context"
	"slices"
	"strconv"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/announcement"
	"github.com/dealerline/dealerline/ent/announcementread"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store/tx"
)

// Limits of an announcement's text, in characters.
const (
	MaxTitle = 200
	MaxBody  = 10000
)

// Service publishes announcements and keeps their read receipts.
type Service struct {
	client *ent.Client
	now    func() time.Time

	loading singleflight.Group
	recent  *lru.Cache[int64, published] // by event cursor; see Published
}

// NewService returns a Service over client.
func NewService(client *ent.Client) *Service {
	return &Service{client: client, now: time.Now, recent: newRecent()}
}

// WithClock returns a Service that takes the time from now: for loading
// history (the demo data) and for tests.
func (s *Service) WithClock(now func() time.Time) *Service {
	return &Service{client: s.client, now: now, recent: newRecent()}
}

// PublishInput is an announcement as its publisher writes it. The audience
// is every dealer matching each dimension given; none given is every
// dealer.
type PublishInput struct {
	Title string
	Body  string
	// NEWS when not given.
	Category     announcement.Category
	Pinned       bool
	ChannelIDs   []int
	Tiers        []int
	TerritoryIDs []int
	// Dealers named besides those the dimensions match; naming only
	// dealers addresses those alone (a promotion's audience).
	DealerIDs []int
}

// Publish publishes an announcement and tells its audience, live.
// Administrators publish to any audience; a channel manager only to the
// dealers of channels it manages, so it names them; dealers never publish.
func (s *Service) Publish(ctx context.Context, in PublishInput) (*ent.Announcement, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsAdmin() && !v.IsManager() {
		return nil, apperr.Errorf(apperr.Forbidden, "only the manufacturer publishes announcements")
	}
	if in.Title, err = apperr.Text("title", in.Title, true, MaxTitle); err != nil {
		return nil, err
	}
	if in.Body, err = apperr.Lines("body", in.Body, true, MaxBody); err != nil {
		return nil, err
	}
	if in.Category == "" {
		in.Category = announcement.CategoryNEWS
	}
	if err := announcement.CategoryValidator(in.Category); err != nil {
		return nil, apperr.Invalid("category", "no such category: %s", in.Category)
	}
	in.ChannelIDs, in.Tiers, in.TerritoryIDs = distinct(in.ChannelIDs), distinct(in.Tiers), distinct(in.TerritoryIDs)
	for _, t := range in.Tiers {
		if t != 1 && t != 2 {
			return nil, apperr.Invalid("tiers", "tier %d does not exist: 1 is distributors, 2 dealers", t)
		}
	}
	if v.IsManager() {
		if len(in.ChannelIDs) == 0 {
			return nil, apperr.Errorf(apperr.Forbidden, "a channel manager publishes to the dealers of its own channels: name them in channelIDs")
		}
		for _, c := range in.ChannelIDs {
			if !v.Manages(c) {
				return nil, apperr.Errorf(apperr.Forbidden, "you do not manage channel %d: publish to your own channels only", c)
			}
		}
	}
	db := tx.Client(ctx, s.client)
	sys := access.Bypass(ctx)
	if n, err := db.Channel.Query().Where(channel.IDIn(in.ChannelIDs...)).Count(sys); err != nil {
		return nil, err
	} else if n != len(in.ChannelIDs) {
		return nil, apperr.Invalid("channelIDs", "no such channel")
	}
	if n, err := db.Territory.Query().Where(territory.IDIn(in.TerritoryIDs...)).Count(sys); err != nil {
		return nil, err
	} else if n != len(in.TerritoryIDs) {
		return nil, apperr.Invalid("territoryIDs", "no such territory")
	}
	// Through the publisher's rules: a manager names its own dealers only.
	in.DealerIDs = distinct(in.DealerIDs)
	if n, err := db.Dealer.Query().Where(dealer.IDIn(in.DealerIDs...)).Count(ctx); err != nil {
		return nil, err
	} else if n != len(in.DealerIDs) {
		return nil, apperr.Invalid("dealerIDs", "no such dealer")
	}
	return s.Announce(ctx, in)
}

// Announce publishes an announcement whose audience and text its caller
// has checked already (package promotions, with package audience's rule)
// and tells its audience, live.
func (s *Service) Announce(ctx context.Context, in PublishInput) (*ent.Announcement, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if in.Category == "" {
		in.Category = announcement.CategoryNEWS
	}
	in.ChannelIDs, in.Tiers, in.TerritoryIDs, in.DealerIDs = distinct(in.ChannelIDs), distinct(in.Tiers), distinct(in.TerritoryIDs), distinct(in.DealerIDs)
	db := tx.Client(ctx, s.client)
	sys := access.Bypass(ctx)
	c := db.Announcement.Create().
		SetTitle(in.Title).
		SetBody(in.Body).
		SetCategory(in.Category).
		SetPinned(in.Pinned).
		SetPublishedAt(s.now()).
		SetPublishedByID(v.UserID).
		SetPublishedByName(v.Name).
		AddChannelIDs(in.ChannelIDs...).
		AddTerritoryIDs(in.TerritoryIDs...).
		AddDealerIDs(in.DealerIDs...)
	if len(in.Tiers) > 0 {
		c.SetTiers(in.Tiers) // null is every tier, which the read rule asks of no JSON
	}
	a, err := c.Save(sys)
	if err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "announcement.publish", "Announcement", a.ID, map[string]any{
		"title": a.Title, "category": a.Category, "pinned": a.Pinned, "channelIDs": in.ChannelIDs, "tiers": in.Tiers, "territoryIDs": in.TerritoryIDs, "dealerIDs": in.DealerIDs,
	}); err != nil {
		return nil, err
	}
	e := realtime.AnnouncementPublishedEvent(
		realtime.Announcement{AnnouncementID: a.ID, Title: a.Title, Pinned: a.Pinned, PublishedAt: a.PublishedAt},
		realtime.DealerReach{Channels: in.ChannelIDs, Tiers: in.Tiers, Territories: in.TerritoryIDs, Dealers: in.DealerIDs},
		v.UserID,
	)
	if err := realtime.Record(ctx, db, e); err != nil {
		return nil, err
	}
	return a, nil
}

// MarkRead records that the viewer, a dealer user, has read announcement
// id. Marking it again changes nothing: the first reading counts.
func (s *Service) MarkRead(ctx context.Context, id int) (*ent.Announcement, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsDealer() {
		return nil, apperr.Errorf(apperr.Forbidden, "only dealer users mark announcements read")
	}
	db := tx.Client(ctx, s.client)
	// Through the viewer's rules: an announcement it may not read is not there.
	a, err := db.Announcement.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Errorf(apperr.NotFound, "no such announcement")
	}
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	read, err := db.AnnouncementRead.Query().
		Where(announcementread.AnnouncementID(a.ID), announcementread.UserID(v.UserID)).
		Exist(sys)
	if err != nil || read {
		return a, err
	}
	err = db.AnnouncementRead.Create().
		SetAnnouncementID(a.ID).
		SetUserID(v.UserID).
		SetDealerID(v.DealerID).
		SetReadAt(s.now()).
		Exec(sys)
	if ent.IsConstraintError(err) {
		// The same user marking it twice at once: the other one counted it.
		return nil, apperr.Errorf(apperr.Conflict, "the announcement is being marked read already: try again")
	}
	if err != nil {
		return nil, err
	}
	if err := db.Announcement.UpdateOneID(a.ID).AddReadCount(1).Exec(sys); err != nil {
		return nil, err
	}
	return a, nil
}

// AudienceOf is a's audience, from its loaded channels, territories and
// dealers.
func AudienceOf(a *ent.Announcement) access.AnnouncementAudience {
	au := access.AnnouncementAudience{Tiers: a.Tiers}
	for _, c := range a.Edges.Channels {
		au.ChannelIDs = append(au.ChannelIDs, c.ID)
	}
	for _, t := range a.Edges.Territories {
		au.TerritoryIDs = append(au.TerritoryIDs, t.ID)
	}
	for _, d := range a.Edges.Dealers {
		au.DealerIDs = append(au.DealerIDs, d.ID)
	}
	if a.PublishedByID != nil {
		au.PublishedBy = *a.PublishedByID
	}
	return au
}

// published is an announcement loaded once for every subscriber of its
// event; a is nil when it is not there (any more).
type published struct {
	a        *ent.Announcement
	audience access.AnnouncementAudience
}

// recentEvents is how many events' announcements Published keeps: a few
// announcements are published at once at most, and subscribers that
// resume load older ones afresh.
const recentEvents = 16

func newRecent() *lru.Cache[int64, published] {
	c, _ := lru.New[int64, published](recentEvents) // errs only on a size below 1
	return c
}

// Published is the announcement of event e as the viewer of ctx may read
// it, or nil when it may not. One event reaches every dealer of its
// audience at once, so the announcement, with its channels, territories
// and publisher, is loaded once for all of them; each viewer's right to
// read it is then the read rule applied in memory
// (access.AnnouncementAudience.Reads, which a test holds to the privacy
// rule). The row is shared: read only. A load that fails is not kept: the
// next subscriber tries again.
func (s *Service) Published(ctx context.Context, e *realtime.Event) (*ent.Announcement, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	p, err := realtime.DecodeAnnouncement(e)
	if err != nil {
		return nil, err
	}
	l, ok := s.recent.Get(e.Seq)
	if !ok {
		loaded := s.loading.DoChan(strconv.FormatInt(e.Seq, 10), func() (any, error) {
			if l, ok := s.recent.Get(e.Seq); ok { // loaded since the look-up above
				return l, nil
			}
			// Loaded for all: not cut short by the first subscriber leaving.
			a, err := s.client.Announcement.Query().
				Where(announcement.ID(p.AnnouncementID)).
				WithChannels().
				WithTerritories().
				WithDealers().
				// What entgql reads for a selection without an alias; an aliased
				// one is loaded per subscriber.
				WithNamedChannels("channels").
				WithNamedTerritories("territories").
				Only(access.Bypass(context.WithoutCancel(ctx)))
			var l published
			switch {
			case err == nil:
				l = published{a: a, audience: AudienceOf(a)}
			case !ent.IsNotFound(err):
				return nil, err
			}
			s.recent.Add(e.Seq, l)
			return l, nil
		})
		select {
		case r := <-loaded:
			if r.Err != nil {
				return nil, r.Err
			}
			l = r.Val.(published)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if l.a == nil || !l.audience.Reads(v) {
		return nil, nil
	}
	return l.a, nil
}

func distinct(ids []int) []int {
	if len(ids) == 0 {
		return nil
	}
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
