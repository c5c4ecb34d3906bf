// Search snippets come as plain text with the matched words given as ranges
// of characters (Unicode code points, as the API counts them). They are
// rendered as text spans, never as HTML: a snippet is someone's notes.

export type TextRange = { start: number; length: number };

/** A run of a snippet, marked when it is part of a match. */
export type Span = { text: string; hit: boolean };

/**
 * Cuts text into runs at the ranges, counting code points, so a Chinese
 * character or an emoji (two UTF-16 units) is one character. Overlapping
 * or touching ranges merge; ranges past the end are clipped; empty or
 * negative ones are ignored.
 */
export function highlightSpans(text: string, ranges: readonly TextRange[]): Span[] {
  const chars = Array.from(text);
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const r of ranges) {
    const start = Math.max(0, Math.floor(r.start));
    const end = Math.min(chars.length, Math.floor(r.start + r.length));
    for (let i = start; i < end; i++) marked[i] = true;
  }
  const spans: Span[] = [];
  for (let i = 0; i < chars.length; i++) {
    const last = spans[spans.length - 1];
    if (last && last.hit === marked[i]) last.text += chars[i];
    else spans.push({ text: chars[i], hit: marked[i] });
  }
  return spans;
}
