package graph

import "github.com/dealerline/dealerline/audit"

// auditFilter is f as the audit package takes it.
func auditFilter(f *AuditFilter) audit.Filter {
	if f == nil {
		return audit.Filter{}
	}
	return audit.Filter{ActorID: f.ActorID, DealerID: f.DealerID, SubjectType: f.SubjectType, Action: f.Action, From: f.From, To: f.To}
}

// auditChanges are cs as GraphQL presents them.
func auditChanges(cs []audit.Change) []*AuditChange {
	out := make([]*AuditChange, len(cs))
	for i, c := range cs {
		out[i] = &AuditChange{Field: c.Field, Before: c.Before, After: c.After}
	}
	return out
}
