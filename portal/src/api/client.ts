// The urql client: queries and mutations over HTTP to /graphql, subscriptions
// over a graphql-ws websocket on the same path, a normalised cache, and the
// rule that a refused token ends the session.
import { Client, fetchExchange, mapExchange, subscriptionExchange } from "@urql/core";
import { cacheExchange } from "@urql/exchange-graphcache";
import { createClient as createWSClient, type Client as WSClient } from "graphql-ws";
import { isForbiddenClose, isUnauthenticated } from "../auth/ended";
import { resumable, retryDelay } from "../live/cursor";

export type ClientOptions = {
  /** The bearer token of the session, or null when signed out. */
  token: string | null;
  /** Called once when the server refuses the token. */
  onSessionEnded: () => void;
  /** Base URL of the API; the page's own origin by default. */
  origin?: string;
  /** Replace the transports, for tests. */
  fetch?: typeof fetch;
  webSocketImpl?: unknown;
};

export type PortalClient = { client: Client; dispose: () => void };

/** The websocket URL of the API on origin (http→ws, https→wss). */
export function websocketURL(origin: string): string {
  return origin.replace(/^http/, "ws") + "/graphql";
}

/**
 * The websocket client. graphql-ws is lazy: it connects on the first
 * subscription and closes after the last one, so a page without live data
 * opens no socket. It reconnects for as long as it has subscriptions (a
 * network drop, a laptop waking up, 1013, 1001), re-sending each one with
 * the last cursor it received (see live/cursor.ts). A close with 4403 means
 * the token was refused (or revoked): the session ends and the client does
 * not retry.
 */
export function makeWSClient(opts: ClientOptions): WSClient {
  const origin = opts.origin ?? window.location.origin;
  return createWSClient({
    url: websocketURL(origin),
    lazy: true,
    webSocketImpl: opts.webSocketImpl,
    retryAttempts: Infinity,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelay(retries))),
    connectionParams: () => (opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
    shouldRetry: (event) => !isForbiddenClose(event),
    on: {
      closed: (event) => {
        if (isForbiddenClose(event)) opts.onSessionEnded();
      },
    },
  });
}

/**
 * A client for one session: a new session gets a new client, so one
 * person's cached data never shows to the next.
 */
export function makeClient(opts: ClientOptions): PortalClient {
  const ws = makeWSClient(opts);
  let ended = false;
  const client = new Client({
    url: (opts.origin ?? "") + "/graphql",
    requestPolicy: "cache-and-network",
    // POST only: variables (searches) stay out of URLs and access logs.
    preferGetMethod: false,
    fetch: opts.fetch,
    fetchOptions: (): RequestInit =>
      opts.token ? { headers: { Authorization: `Bearer ${opts.token}` } } : {},
    exchanges: [
      mapExchange({
        onError(error) {
          // Without a token there is no session to end (a refused sign-in).
          if (opts.token && !ended && isUnauthenticated(error)) {
            ended = true;
            opts.onSessionEnded();
          }
        },
      }),
      cacheExchange({
        // Connections, edges and payloads have no id of their own: they are
        // stored inside the object or query that holds them.
        keys: {
          AuthPayload: () => null,
          DealerConnection: () => null,
          DealerEdge: () => null,
          PageInfo: () => null,
          ProductConnection: () => null,
          ProductEdge: () => null,
          OrderConnection: () => null,
          OrderEdge: () => null,
          OrderStatusEvent: () => null,
          DeliveryUpdate: () => null,
          AccountStatement: () => null,
          StatementLine: () => null,
          Ageing: () => null,
          Settings: () => null,
          TimelineConnection: () => null,
          TimelineEdge: () => null,
          SearchHit: () => null,
          TextRange: () => null,
          TicketEvent: () => null,
          ReturnUpdatedEvent: () => null,
          SalesReturnConnection: () => null,
          SalesReturnEdge: () => null,
          FollowUpConnection: () => null,
          FollowUpEdge: () => null,
          ServiceTicketConnection: () => null,
          ServiceTicketEdge: () => null,
          AnnouncementConnection: () => null,
          NotificationConnection: () => null,
          NotificationEdge: () => null,
          NotificationEvent: () => null,
          MarkNotificationsReadPayload: () => null,
          NotificationSettings: () => null,
          NotificationKindSetting: () => null,
          AnnouncementEdge: () => null,
          AnnouncementEvent: () => null,
          ChannelConnection: () => null,
          ChannelEdge: () => null,
          TerritoryConnection: () => null,
          TerritoryEdge: () => null,
          ChannelPolicyConnection: () => null,
          ChannelPolicyEdge: () => null,
          Audience: () => null,
          PolicyChanges: () => null,
          PolicyChangeLine: () => null,
          PriceObservation: () => null,
          MarketReportConnection: () => null,
          MarketReportEdge: () => null,
          ConflictCaseConnection: () => null,
          ConflictCaseEdge: () => null,
          PromotionConnection: () => null,
          PromotionEdge: () => null,
          OrderQuote: () => null,
          OrderStatusCount: () => null,
          DealerSummary: () => null,
          DealerSummaryConnection: () => null,
          DealerSummaryEdge: () => null,
          OrderTransitionResult: () => null,
          OrderTransitionError: () => null,
          QuotaProgress: () => null,
          ShipmentConnection: () => null,
          ShipmentEdge: () => null,
          QuoteLine: () => null,
          Availability: () => null,
          ProductStock: () => null,
          AppliedPromotion: () => null,
          InventoryReportConnection: () => null,
          InventoryReportEdge: () => null,
          DistributionSurveyConnection: () => null,
          DistributionSurveyEdge: () => null,
          SatisfactionScoreConnection: () => null,
          SatisfactionScoreEdge: () => null,
          ChannelCostConnection: () => null,
          ChannelCostEdge: () => null,
          ChannelSignalConnection: () => null,
          ChannelSignalEdge: () => null,
          SignalEvent: () => null,
          SignalEvidence: () => null,
          SignalThreshold: () => null,
          // The ten rules are known by their number.
          SignalRule: (r) => (r.rule == null ? null : String(r.rule)),
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          // A request of its own per subscription, whose `after` follows the
          // events received: a reconnect resumes after the last one.
          const { request: input, received } = resumable({ ...request, query: request.query || "" });
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, {
                next(result) {
                  received(result.data);
                  sink.next(result as Parameters<typeof sink.next>[0]);
                },
                error: (err) => sink.error(err),
                complete: () => sink.complete(),
              });
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { client, dispose: () => void ws.dispose() };
}
