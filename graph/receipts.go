package graph

import (
	"context"
	"reflect"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/announcementread"
	"github.com/dealerline/dealerline/ordering"
)

// ReadReceipts gives every response a loader of the viewer's read receipts
// (and of what a page of policies shows besides its rows: policyState),
// for announcements that come without them (node, nodes, subscription
// payloads): one query for all the announcements of a list, not one per
// row. Lists of announcements load the receipts with the rows instead.
type ReadReceipts struct{}

var (
	_ graphql.HandlerExtension    = ReadReceipts{}
	_ graphql.ResponseInterceptor = ReadReceipts{}
)

func (ReadReceipts) ExtensionName() string                   { return "ReadReceipts" }
func (ReadReceipts) Validate(graphql.ExecutableSchema) error { return nil }

func (ReadReceipts) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	ctx = context.WithValue(ctx, receiptsKey{}, &receipts{asked: map[int]bool{}, readAt: map[int]time.Time{}})
	ctx = ordering.WithOffersCache(ctx) // Product.promotions: one load per response
	ctx = withReadablePromotions(ctx)   // AppliedPromotion.promotion: likewise
	return next(context.WithValue(ctx, policyStatesKey{}, newPolicyStates()))
}

type receiptsKey struct{}

// receipts are the viewer's read receipts loaded in one response.
type receipts struct {
	mu     sync.Mutex
	asked  map[int]bool
	readAt map[int]time.Time
}

// readAt is when the viewer read a, loaded together with the other
// announcements of the list a is in. The privacy rules show each viewer
// only its own receipts.
func (r *Resolver) readAt(ctx context.Context, a *ent.Announcement) (*time.Time, error) {
	loaded, _ := ctx.Value(receiptsKey{}).(*receipts)
	if loaded == nil { // outside the handler: this one alone
		loaded = &receipts{asked: map[int]bool{}, readAt: map[int]time.Time{}}
	}
	loaded.mu.Lock()
	defer loaded.mu.Unlock()
	if !loaded.asked[a.ID] {
		db := ent.FromContext(ctx)
		if db == nil {
			db = r.Client
		}
		ids := siblings(ctx, a)
		reads, err := db.AnnouncementRead.Query().Where(announcementread.AnnouncementIDIn(ids...)).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			loaded.asked[id] = true
		}
		for _, rd := range reads {
			loaded.readAt[rd.AnnouncementID] = rd.ReadAt
		}
	}
	if t, ok := loaded.readAt[a.ID]; ok {
		return &t, nil
	}
	return nil, nil
}

// siblings are the ids of the announcements in the nearest list a is
// resolved in (nodes(ids:)), a's own among them.
func siblings(ctx context.Context, a *ent.Announcement) []int {
	ids := []int{a.ID}
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		list := reflect.ValueOf(fc.Result)
		if list.Kind() != reflect.Slice {
			continue
		}
		for i := range list.Len() {
			if s, ok := list.Index(i).Interface().(*ent.Announcement); ok && s != nil && s.ID != a.ID {
				ids = append(ids, s.ID)
			}
		}
		break
	}
	return ids
}
