// A composed sentence with some of its words made links: the order and
// shipment numbers in a statement line's text, wherever the reader's
// language put them.

export type Part = { text: string; href?: string };

/** Splits text at the first occurrence of each reference; references not in the text are left out. */
export function linkParts(text: string, refs: { text: string | null | undefined; href: string | null | undefined }[]): Part[] {
  let parts: Part[] = [{ text }];
  for (const r of refs) {
    if (!r.text || !r.href) continue;
    const next: Part[] = [];
    let done = false;
    for (const p of parts) {
      const i = done || p.href ? -1 : p.text.indexOf(r.text);
      if (i < 0) {
        next.push(p);
        continue;
      }
      done = true;
      if (i > 0) next.push({ text: p.text.slice(0, i) });
      next.push({ text: r.text, href: r.href });
      const rest = p.text.slice(i + r.text.length);
      if (rest) next.push({ text: rest });
    }
    parts = next;
  }
  return parts;
}

/** A name for the downloaded statement: its dealer's code and period. */
export function statementFileName(code: string, from: string, to: string): string {
  return `statement-${code.replace(/[^A-Za-z0-9_-]+/g, "_")}-${from}-${to}.csv`;
}
