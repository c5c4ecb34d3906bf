package realtime

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Stream carries numbered events from the leading relay to every instance
// through a Redis stream, for prompt delivery across a cluster. It is live
// fan-out only: the stream is trimmed, and Redis may forget it entirely (a
// restart); the outbox stays the replay log, and a relay that sees a gap in
// the numbers fills it from there.
type Stream struct {
	rdb    *redis.Client
	key    string
	maxLen int64
	log    *slog.Logger

	healthy atomic.Bool
	warned  atomic.Bool // the outage is logged once
}

// Stream settings.
const (
	// streamMaxLen is roughly how many events the stream keeps (XADD
	// MAXLEN ~): enough for a follower that blinked, not a replay log.
	streamMaxLen = 10_000
	streamBlock  = 5 * time.Second
	streamRetry  = 250 * time.Millisecond
	streamBatch  = 500
	// streamAddTimeout bounds an XADD: the leader does not wait for a
	// Redis that is away (followers poll the outbox meanwhile).
	streamAddTimeout = time.Second
)

// NewStream returns the stream key on rdb.
func NewStream(rdb *redis.Client, key string, log *slog.Logger) *Stream {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Stream{rdb: rdb, key: key, maxLen: streamMaxLen, log: log}
}

// Healthy reports whether the last read from Redis succeeded.
func (s *Stream) Healthy() bool { return s.healthy.Load() }

// add appends batch to the stream, in one round trip.
func (s *Stream) add(ctx context.Context, batch []*Event) error {
	ctx, cancel := context.WithTimeout(ctx, streamAddTimeout)
	defer cancel()
	pipe := s.rdb.Pipeline()
	for _, e := range batch {
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		pipe.XAdd(ctx, &redis.XAddArgs{Stream: s.key, MaxLen: s.maxLen, Approx: true, Values: []any{"e", b}})
	}
	_, err := pipe.Exec(ctx)
	return err
}

// follow hands r's hub the events of the stream until ctx ends. It starts
// with what is added from now on: what came before is the outbox's, read by
// the first gap fill or poll.
func (s *Stream) follow(ctx context.Context, r *Relay) {
	last := "$"
	for ctx.Err() == nil {
		res, err := s.rdb.XRead(ctx, &redis.XReadArgs{Streams: []string{s.key, last}, Count: streamBatch, Block: streamBlock}).Result()
		if errors.Is(err, redis.Nil) {
			s.up(ctx)
			continue // nothing within streamBlock
		}
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			s.down(ctx, err)
			select {
			case <-ctx.Done():
			case <-time.After(streamRetry):
			}
			continue
		}
		s.up(ctx)
		for _, st := range res {
			for _, msg := range st.Messages {
				last = msg.ID // IDs grow with time, also across a Redis restart
				e, err := decodeEntry(msg)
				if err != nil {
					s.log.WarnContext(ctx, "stream: skip an unreadable entry", "id", msg.ID, "err", err)
					continue
				}
				if e.Seq <= r.hub.last.Load() {
					continue // had it: from our own relay, or a poll
				}
				if _, err := r.handOver(ctx, []*Event{e}); err != nil && ctx.Err() == nil {
					s.log.WarnContext(ctx, "stream: fill a gap from the outbox", "err", err)
				}
			}
		}
	}
}

func (s *Stream) up(ctx context.Context) {
	s.healthy.Store(true)
	if s.warned.Swap(false) {
		s.log.InfoContext(ctx, "stream: Redis is back")
	}
}

func (s *Stream) down(ctx context.Context, err error) {
	s.healthy.Store(false)
	if !s.warned.Swap(true) {
		s.log.WarnContext(ctx, "stream: Redis unreachable; events arrive by polling the database until it is back", "err", err)
	}
}

func decodeEntry(msg redis.XMessage) (*Event, error) {
	raw, ok := msg.Values["e"].(string)
	if !ok {
		return nil, errors.New("no event field")
	}
	var e Event
	if err := json.Unmarshal([]byte(raw), &e); err != nil {
		return nil, err
	}
	if e.Seq <= 0 {
		return nil, errors.New("an event without a number")
	}
	return &e, nil
}
