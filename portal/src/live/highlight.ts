// Marking what just changed: an order whose status arrived live is
// highlighted for a few seconds (the colour fades in CSS), and the change is
// announced once to screen readers through a polite live region.

export type LiveChange = { orderID: string; number: string; to: string; at: number; amended?: boolean };

export type HighlightState = {
  /** Orders highlighted now, by id, with when their change arrived. */
  marked: Record<string, LiveChange>;
  /** The latest change, for the live region; null when there is nothing to say. */
  announcement: LiveChange | null;
};

export type HighlightAction = { type: "changed"; change: LiveChange } | { type: "expire"; now: number };

/** How long an order stays highlighted, in milliseconds. */
export const HIGHLIGHT_MS = 6000;

export const initialHighlight: HighlightState = { marked: {}, announcement: null };

export function highlightReducer(s: HighlightState, a: HighlightAction): HighlightState {
  switch (a.type) {
    case "changed": {
      const prev = s.marked[a.change.orderID];
      // The same change heard twice (a replay after resubscribing) is not news.
      if (prev && prev.to === a.change.to) return s;
      return { marked: { ...s.marked, [a.change.orderID]: a.change }, announcement: a.change };
    }
    case "expire": {
      const kept = Object.entries(s.marked).filter(([, c]) => a.now - c.at < HIGHLIGHT_MS);
      if (kept.length === Object.keys(s.marked).length) return s;
      return { marked: Object.fromEntries(kept), announcement: s.announcement };
    }
  }
}

/** Whether an order is highlighted. */
export function isMarked(s: HighlightState, orderID: string): boolean {
  return orderID in s.marked;
}
