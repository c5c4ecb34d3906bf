// Package server runs Dealerline: it opens the database, loads the demo data
// into a new one, and serves the GraphQL API, GraphiQL and the portal.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/agreements"
	"github.com/dealerline/dealerline/announcing"
	"github.com/dealerline/dealerline/appraisal"
	"github.com/dealerline/dealerline/attachments"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/conflicts"
	"github.com/dealerline/dealerline/deals"
	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/disputes"
	"github.com/dealerline/dealerline/ent/outboundmessage"
	"github.com/dealerline/dealerline/facts"
	"github.com/dealerline/dealerline/feed"
	"github.com/dealerline/dealerline/funds"
	"github.com/dealerline/dealerline/graph"
	"github.com/dealerline/dealerline/graph/limits"
	"github.com/dealerline/dealerline/leads"
	"github.com/dealerline/dealerline/mail"
	"github.com/dealerline/dealerline/market"
	"github.com/dealerline/dealerline/notify"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/outbound"
	"github.com/dealerline/dealerline/policies"
	"github.com/dealerline/dealerline/promotions"
	"github.com/dealerline/dealerline/push"
	"github.com/dealerline/dealerline/quotas"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/rebates"
	"github.com/dealerline/dealerline/relationship"
	"github.com/dealerline/dealerline/returns"
	"github.com/dealerline/dealerline/search"
	"github.com/dealerline/dealerline/signals"
	"github.com/dealerline/dealerline/standing"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/timeline"
	"github.com/dealerline/dealerline/users"
	"github.com/dealerline/dealerline/webhooks"
)

// Main is one running Dealerline instance.
type Main struct {
	Config Config
	Log    *slog.Logger
	Out    io.Writer // where the start-up banner goes
	// TraceExporter receives the traces instead of the OTLP endpoint, when
	// set (tests).
	TraceExporter sdktrace.SpanExporter
	// PushHTTP is the client push services are reached through instead
	// of the default, when set (tests: a push service of their own).
	PushHTTP *http.Client
	// Clock, when set, is what agreements and dealer status changes read
	// the time from (tests move it to a later day); else the system clock.
	Clock func() time.Time

	db              *store.DB
	delivery        *store.DB // PostgreSQL: the pool subscription payloads are loaded from
	services        *graph.Resolver
	limits          *limits.Limits           // of every GraphQL operation
	rate            *requestRate             // per token or address; nil when off
	allowed         map[string]string        // --operations-allowlist; nil for none
	tracing         *sdktrace.TracerProvider // nil when traces are off
	globalTracing   trace.TracerProvider     // the global one before tracing's
	hub             *realtime.Hub
	relay           *realtime.Relay
	sockets         *sockets
	stopRelay       func()
	signals         *signals.Runner
	stopSignals     func()
	outbound        *outbound.Runner // e-mail and push
	stopOutbound    func()
	webhooks        *webhooks.Sender
	webhookFeed     *feed.Reader
	stopWebhooks    func()
	notifications   *feed.Reader
	notifier        *notify.Notifier
	stopNotify      func()
	agreementRuns   *agreements.Runner
	stopAgreements  func()
	stopLeads       func()
	pushKeys        push.Keys
	redis           *redis.Client
	listener        net.Listener
	metrics         *metrics
	metricsListener net.Listener
	http            *http.Server
	served          chan error
}

// NewMain returns an instance with cfg that logs to stderr.
func NewMain(cfg Config) *Main {
	var h slog.Handler = slog.NewTextHandler(os.Stderr, nil)
	if cfg.Production {
		h = slog.NewJSONHandler(os.Stderr, nil)
	}
	return &Main{Config: cfg, Log: slog.New(h), Out: os.Stdout}
}

// Run opens the database, prepares it, and starts serving. It returns once
// the listener is open; Close stops it.
func (m *Main) Run(ctx context.Context) (err error) {
	defer func() {
		if err != nil {
			m.Close()
		}
	}()
	m.Log = slog.New(withRequestIDs{m.Log.Handler()})
	if err := m.startTracing(ctx); err != nil {
		return err
	}
	if m.db, err = m.openDB(); err != nil {
		return err
	}
	if m.Config.DatabaseURL != "" {
		if m.delivery, err = store.Open(m.Config.Deliveries()); err != nil {
			return err
		}
	}
	// Under the setup lock: of several instances starting together on an
	// empty database, one migrates and loads the demo data; the others
	// find both done.
	var loaded bool
	var lastEvent int64
	err = m.db.Locked(ctx, func(ctx context.Context) error {
		if err := m.db.Migrate(ctx); err != nil {
			return err
		}
		if lastEvent, err = realtime.Prepare(ctx, m.db.Client); err != nil {
			return err
		}
		if err := search.IndexExisting(ctx, m.db.Client); err != nil {
			return fmt.Errorf("index the existing dealers and contacts for search: %w", err)
		}
		loaded, err = m.loadDemo(ctx)
		return err
	})
	if err != nil {
		return err
	}
	m.prepareReaders()
	if err := m.startRealtime(lastEvent); err != nil {
		return err
	}
	if m.pushKeys, err = push.LoadKeys(ctx, m.db.Client); err != nil {
		return fmt.Errorf("load the Web Push keys: %w", err)
	}
	m.services = m.newServices()
	m.startSignals()
	m.startOutbound()
	m.startWebhooks()
	m.startNotifications()
	m.startAgreements()
	m.startLeads()
	m.limits = limits.New(m.Config.Limits)
	m.rate = newRequestRate(m.Config.HTTP)
	if m.allowed, err = loadAllowlist(m.Config.OperationsAllowlist); err != nil {
		return err
	}
	m.metrics = newMetrics(m)
	if err := m.serveMetrics(); err != nil {
		return err
	}

	if m.listener, err = net.Listen("tcp", m.Config.Addr); err != nil {
		return fmt.Errorf("listen on %s: %w", m.Config.Addr, err)
	}
	m.listener = &clientListener{Listener: m.listener, open: newPerClient(m.Config.HTTP.MaxConnsPerClient), trusted: m.Config.TrustedProxies}
	// The read and write timeouts end with the upgrade of a websocket,
	// which sets deadlines of its own (WebsocketConfig).
	m.http = &http.Server{
		Handler:           m.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       m.Config.HTTP.ReadTimeout,
		WriteTimeout:      m.Config.HTTP.WriteTimeout,
		IdleTimeout:       m.Config.HTTP.IdleTimeout,
		ConnState:         connState,
		ErrorLog:          slog.NewLogLogger(m.Log.Handler(), slog.LevelWarn),
	}
	m.served = make(chan error, 1)
	go func() { m.served <- m.http.Serve(m.listener) }()

	m.banner(loaded)
	return nil
}

// startRealtime starts the event relay, which publishes committed events to
// the hub, and prepares the websockets that subscribe to it. On PostgreSQL
// the relays of all instances elect one to number events; with Redis, the
// leader streams them to every instance.
func (m *Main) startRealtime(lastEvent int64) error {
	ws := m.Config.Websocket
	m.hub = realtime.NewHub(m.db.Background, lastEvent, realtime.Limits{QueueLen: ws.QueueLen, MaxSubscriptions: ws.MaxSubscriptions}, m.Log)
	m.hub.OnPublished = m.published
	m.relay = realtime.NewRelay(m.db.Background, m.db.Dialect, m.hub, m.Config.EventRetention, m.Log)
	m.relay.Watch(m.db.Client)
	// The signals runner records its events through the background client.
	m.relay.Watch(m.db.Background)
	if m.Config.DatabaseURL != "" {
		m.relay.Elect(m.db.Dedicated)
	}
	if m.Config.RedisURL != "" {
		opts, err := redis.ParseURL(m.Config.RedisURL)
		if err != nil {
			return fmt.Errorf("REDIS_URL: %w", err)
		}
		m.redis = redis.NewClient(opts)
		m.relay.SetStream(realtime.NewStream(m.redis, m.Config.RedisPrefix+":events", m.Log))
	}
	m.sockets = newSockets(ws, m.Config.AllowedOrigins, m.Config.TrustedProxies, m.Log)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); m.relay.Run(ctx) }()
	m.stopRelay = func() { cancel(); <-done }
	return nil
}

// startSignals starts the runner that evaluates the channel-change
// signals: as the marks of changed facts commit, and daily. On PostgreSQL
// the instances elect one to evaluate.
func (m *Main) startSignals() {
	evaluator := signals.NewService(m.db.Background, m.db.Dialect, m.Config.Timezone)
	m.signals = signals.NewRunner(m.db.Background, evaluator.Evaluate, m.Config.Timezone, m.Log)
	m.signals.Watch(m.db.Client)
	if m.Config.DatabaseURL != "" {
		m.signals.Elect(m.db.Dedicated)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); m.signals.Run(ctx) }()
	m.stopSignals = func() { cancel(); <-done }
}

// startOutbound starts sending the queued pushes, and e-mail when an SMTP
// server is set. Every instance sends; each message is taken by one of them.
func (m *Main) startOutbound() {
	senders := map[outboundmessage.Channel]outbound.Sender{}
	if m.Config.Mail.SMTPURL != "" {
		smtp, err := mail.ParseSMTP(m.Config.Mail.SMTPURL, m.Config.Mail.From)
		if err != nil {
			panic(err) // ParseConfig checked it
		}
		senders[outbound.Email] = outbound.SMTP(smtp)
	}
	senders[outbound.Push] = outbound.WebPush(m.services.Push.Sender())
	m.outbound = outbound.NewRunner(m.db.Background, m.db.Dialect, senders, m.Log)
	m.outbound.Watch(m.db.Client)
	m.outbound.Watch(m.db.Background)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); m.outbound.Run(ctx) }()
	m.stopOutbound = func() { cancel(); <-done }
}

// prepareReaders makes the outbox readers: the one that writes the
// in-app notifications, and the one that queues the webhook
// deliveries of each event, once across the cluster, and the sender that
// sends them after commit (on PostgreSQL the instances elect one sender).
// Before the relay starts: the hub wakes the reader (published).
func (m *Main) prepareReaders() {
	m.webhooks = webhooks.NewSender(m.db.Background, m.Config.WebhookAllowPrivate, m.Log)
	m.webhooks.Retention = m.Config.EventRetention // as far back as a replay reaches
	if m.Config.DatabaseURL != "" {
		m.webhooks.Elect(m.db.Dedicated)
	}
	m.webhookFeed = feed.New(webhooks.ReaderName, m.db.Background, m.db.Dialect, webhooks.Handler(m.webhooks.Wake), m.Log)
	// Web Push needs nothing set: its keys are made at the first start.
	m.notifier = &notify.Notifier{Locale: m.Config.Locale, Push: true, Rebates: rebates.NewService(m.db.Background, m.Config.Timezone)}
	if m.Config.Mail.SMTPURL != "" {
		m.notifier.Email = &mail.Composer{PublicURL: m.Config.Mail.PublicURL}
	}
	m.notifications = feed.New(notify.ReaderName, m.db.Background, m.db.Dialect, m.notifier.Handle, m.Log)
}

// published hears from the hub that events were published: it wakes every
// outbox reader.
func (m *Main) published(int64) {
	for _, r := range []*feed.Reader{m.webhookFeed, m.notifications} {
		if r != nil {
			r.Wake()
		}
	}
}

// startWebhooks starts the webhooks' reader and sender.
func (m *Main) startWebhooks() {
	m.services.WebhookService.Wake = m.webhooks.Wake
	ctx, cancel := context.WithCancel(context.Background())
	var done sync.WaitGroup
	done.Go(func() { m.webhookFeed.Run(ctx) })
	done.Go(func() { m.webhooks.Run(ctx) })
	m.stopWebhooks = func() { cancel(); done.Wait() }
}

// startNotifications starts the outbox reader that writes the in-app
// notifications (woken as the hub publishes, on every instance; the row
// lock on its position lets one at a time take a batch) and the daily pass
// that records the reminders of overdue invoices and due follow-ups.
func (m *Main) startNotifications() {
	daily := notify.NewDaily(m.db.Background, m.db.Dialect, m.Config.Timezone, m.Log)
	ctx, cancel := context.WithCancel(context.Background())
	var done sync.WaitGroup
	done.Go(func() { m.notifications.Run(ctx) })
	done.Go(func() { daily.Run(ctx) })
	if m.notifier.Email != nil {
		digest := notify.NewDigest(m.db.Background, m.notifier.Email, m.Config.Locale, m.Config.Timezone, m.Log)
		done.Go(func() { digest.Run(ctx) })
	}
	m.stopNotify = func() { cancel(); done.Wait() }
}

// startAgreements starts the daily run of package agreements: scheduled
// status changes, agreements past their end, and notices of those ending.
// Every instance runs it; the row lock on its mark lets one a day do it.
func (m *Main) startAgreements() {
	svc := agreements.NewService(m.db.Background, m.db.Dialect, m.Config.Timezone, m.services.Auth)
	if m.Clock != nil {
		svc = svc.WithClock(m.Clock)
	}
	m.agreementRuns = agreements.NewRunner(svc, m.Log)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); m.agreementRuns.Run(ctx) }()
	m.stopAgreements = func() { cancel(); <-done }
}

// RunAgreementsDaily does the daily run of package agreements now, if it
// has not run today (by Clock): for tests that move the clock.
func (m *Main) RunAgreementsDaily(ctx context.Context) (agreements.Done, error) {
	return m.agreementRuns.Pass(ctx)
}

// startLeads starts the pass that takes back the leads dealers did not
// answer in time and offers them to the next dealer. Every instance runs
// it; a row lock makes the passes run one at a time.
func (m *Main) startLeads() {
	cases := conflicts.NewService(m.db.Background, m.Config.Timezone, m.Config.ConflictDueDays)
	d := deals.NewService(m.db.Background, m.db.Dialect, m.Config.Timezone, cases)
	l := leads.NewService(m.db.Background, m.db.Dialect, m.Config.Timezone, d,
		appraisal.NewService(m.db.Background, m.db.Dialect, m.Config.Timezone))
	ctx, cancel := context.WithCancel(context.Background())
	var done sync.WaitGroup
	done.Go(func() { l.Run(ctx, m.Log) })
	m.stopLeads = func() { cancel(); done.Wait() }
}

// newServices builds the domain services from the configuration, for the
// resolvers and the transports that sign people in.
func (m *Main) newServices() *graph.Resolver {
	signIn := auth.NewService(m.db.Client, m.Config.SessionTTL)
	signIn.OnRevoke = realtime.RecordTokenRevoked // closes the token's sockets
	signIn.CacheViewers(m.Config.ViewerCacheTTL, 100_000)
	m.hub.OnRevoked = signIn.Forget // on every instance
	r := &graph.Resolver{
		Client:          m.db.Client,
		Auth:            signIn,
		Ordering:        ordering.NewService(m.db.Client, m.Config.MaxLineQuantity, m.Config.Timezone),
		Accounts:        accounts.NewService(m.db.Client, m.Config.Timezone),
		Announcing:      announcing.NewService(m.db.Client),
		Relationship:    relationship.NewService(m.db.Client, m.Config.Timezone),
		Market:          market.NewService(m.db.Client, m.Config.Timezone),
		Conflicts:       conflicts.NewService(m.db.Client, m.Config.Timezone, m.Config.ConflictDueDays),
		Policies:        policies.NewService(m.db.Client, m.Config.Timezone),
		Quotas:          quotas.NewService(m.db.Client, m.Config.Timezone),
		Appraisal:       appraisal.NewService(m.db.Client, m.db.Dialect, m.Config.Timezone),
		Standing:        standing.NewService(m.db.Client, m.Config.Timezone),
		Rebates:         rebates.NewService(m.db.Client, m.Config.Timezone),
		Facts:           facts.NewService(m.db.Client, m.Config.Timezone),
		Currency:        m.Config.Currency,
		Location:        m.Config.Timezone,
		MaxLineQuantity: m.Config.MaxLineQuantity,
		Events:          m.hub,
		Timelines:       timeline.NewService(m.db.Client, m.db.Dialect),
		SearchIndex:     search.NewService(m.db.Client, m.db.Dialect),
		SignalService:   signals.NewService(m.db.Client, m.db.Dialect, m.Config.Timezone),
		Outbound:        outbound.NewLog(m.db.Client),
		SendsEmail:      m.Config.Mail.SMTPURL != "",
		WebhookService:  webhooks.NewService(m.db.Client, m.Config.WebhookAllowPrivate),
		Notify:          notify.NewService(m.db.Client, m.Config.Locale),
	}
	// Dealers are told free quantities only when the installation says so.
	r.ShowStockQuantities = m.Config.ShowStockQuantities
	r.Promotions = promotions.NewService(m.db.Client, r.Announcing, m.Config.Timezone)
	r.Users = users.NewService(m.db.Client, signIn)
	r.Users.PublicURL, r.Users.Locale = m.Config.Mail.PublicURL, m.Config.Locale
	if m.Config.Mail.SMTPURL != "" {
		r.Users.Mail = &mail.Composer{PublicURL: m.Config.Mail.PublicURL}
	} else if !m.Config.Production {
		r.Users.Log = m.Log // in development the links are found in the log
	}
	r.AgreementService = agreements.NewService(m.db.Client, m.db.Dialect, m.Config.Timezone, signIn)
	if m.Clock != nil {
		r.AgreementService = r.AgreementService.WithClock(m.Clock)
	}
	r.Returns = returns.NewService(m.db.Client, m.db.Dialect, r.Accounts)
	r.Funds = funds.NewService(m.db.Client, r.Accounts, m.Config.Timezone)
	r.Disputes = disputes.NewService(m.db.Client, r.Accounts)
	r.AttachmentService = attachments.NewService(m.db.Client, m.Config.AttachmentMaxBytes)
	r.Deals = deals.NewService(m.db.Client, m.db.Dialect, m.Config.Timezone, r.Conflicts)
	r.LeadService = leads.NewService(m.db.Client, m.db.Dialect, m.Config.Timezone, r.Deals, r.Appraisal)
	sender := push.NewSender(m.db.Client, m.pushKeys, m.Config.PushContact())
	if m.PushHTTP != nil {
		sender.HTTP = m.PushHTTP
	}
	r.Push = push.NewService(m.db.Client, sender)
	if m.delivery != nil {
		r.Deliveries = m.delivery.Client // PostgreSQL; SQLite has the one client
	}
	return r
}

// RelayLeading reports whether this instance's relay numbers the events of
// the cluster.
func (m *Main) RelayLeading() bool { return m.relay != nil && m.relay.Leading() }

func (m *Main) openDB() (*store.DB, error) {
	db, err := store.Open(m.Config.Config)
	if err != nil {
		return nil, err
	}
	db.Log = m.Log
	return db, nil
}

// Migrate brings the database schema up to date and returns, for
// `dealerline migrate`: a deployment can migrate before it starts new
// instances. Run does the same at every start.
func (m *Main) Migrate(ctx context.Context) error {
	db, err := m.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Migrate(ctx)
}

// loadDemo loads the demo data set into a new database when wanted.
func (m *Main) loadDemo(ctx context.Context) (bool, error) {
	if !m.Config.DemoWanted() {
		return false, nil
	}
	empty, err := demo.Empty(ctx, m.db.Client)
	if err != nil || !empty {
		return false, err
	}
	today := time.Now().In(m.Config.Timezone)
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	if err := demo.LoadIn(ctx, m.db.Client, today, m.Config.Timezone); err != nil {
		return false, fmt.Errorf("load demo data: %w", err)
	}
	return true, nil
}

// URL is the base address the instance serves on.
func (m *Main) URL() string {
	addr := m.listener.Addr().(*net.TCPAddr)
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "localhost"
	}
	return fmt.Sprintf("http://%s", net.JoinHostPort(host, fmt.Sprint(addr.Port)))
}

func (m *Main) banner(demoLoaded bool) {
	u := m.URL()
	fmt.Fprintf(m.Out, "Dealerline is serving on %s\n  portal    %s/\n  GraphQL   %s/graphql\n", u, u, u)
	if !m.Config.Production {
		fmt.Fprintf(m.Out, "  GraphiQL  %s/graphiql/\n", u)
	}
	if demoLoaded {
		fmt.Fprintf(m.Out, "Demo data loaded. Sign in with password %q as:\n", demo.Password)
		for _, l := range demo.Logins {
			fmt.Fprintf(m.Out, "  %-20s %-16s %s\n", l.Email, l.Role, l.Sees)
		}
	}
}

// Close stops accepting requests, lets in-flight ones finish (up to
// ShutdownTimeout), closes the websockets with 1001 (http.Server.Shutdown
// leaves hijacked connections alone), stops the relay and closes the
// database.
func (m *Main) Close() error {
	var errs []error
	ctx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownTimeout)
	defer cancel()
	if m.sockets != nil {
		m.sockets.refuseNew()
	}
	if m.http != nil {
		errs = append(errs, m.http.Shutdown(ctx))
		if err := <-m.served; !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, err)
		}
		m.http = nil
	} else if m.listener != nil {
		errs = append(errs, m.listener.Close())
	}
	m.listener = nil // Shutdown closed it; a second Close has nothing to do
	if m.metricsListener != nil {
		errs = append(errs, m.metricsListener.Close())
		m.metricsListener = nil
	}
	if m.sockets != nil {
		errs = append(errs, m.sockets.shutDown(ctx))
		m.sockets = nil
	}
	if m.stopWebhooks != nil {
		m.stopWebhooks()
		m.stopWebhooks = nil
	}
	if m.stopAgreements != nil {
		m.stopAgreements()
		m.stopAgreements = nil
	}
	if m.stopNotify != nil {
		m.stopNotify()
		m.stopNotify = nil
	}
	if m.stopLeads != nil {
		m.stopLeads()
		m.stopLeads = nil
	}
	if m.stopSignals != nil {
		m.stopSignals()
		m.stopSignals = nil
	}
	if m.stopOutbound != nil {
		m.stopOutbound()
		m.stopOutbound = nil
	}
	if m.stopRelay != nil {
		m.stopRelay()
		m.stopRelay = nil
	}
	if m.redis != nil {
		errs = append(errs, m.redis.Close())
		m.redis = nil
	}
	if m.delivery != nil {
		errs = append(errs, m.delivery.Close())
		m.delivery = nil
	}
	if m.db != nil {
		errs = append(errs, m.db.Close())
		m.db = nil
	}
	errs = append(errs, m.stopTracing(ctx))
	return errors.Join(errs...)
}

// Statements is how many SQL statements this instance has sent.
func (m *Main) Statements() int64 {
	n := m.db.Statements()
	if m.delivery != nil {
		n += m.delivery.Statements()
	}
	return n
}
