package graph

import (
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/webhooks"
)

// webhookInput is the endpoint as the domain takes it.
func webhookInput(in WebhookInput) webhooks.Input {
	kinds := make([]realtime.Kind, len(in.EventKinds))
	for i, k := range in.EventKinds {
		kinds[i] = realtime.Kind(k)
	}
	return webhooks.Input{URL: in.URL, EventKinds: kinds, Description: deref(in.Description)}
}
