package graph

import "github.com/dealerline/dealerline/quotas"

// quotaProgress is the API's form of a quota's progress.
func quotaProgress(p *quotas.Progress) *QuotaProgress {
	if p == nil {
		return nil
	}
	return &QuotaProgress{Period: p.Period, Quota: p.Quota, NetSales: p.NetSales, Completion: p.Completion, Remaining: p.Remaining}
}
