// The lines of a change between two versions, as the API lists them
// (ADDED, REMOVED, SAME), made readable: long unchanged stretches fold into
// "n unchanged lines" and keep a little context around each change.

export type ChangeLine = { op: string; text: string };

export type ChangeRow =
  | { kind: "line"; op: "ADDED" | "REMOVED" | "SAME"; text: string; sign: "+" | "−" | " " }
  | { kind: "fold"; count: number };

const SIGN = { ADDED: "+", REMOVED: "−", SAME: " " } as const;

function opOf(op: string): "ADDED" | "REMOVED" | "SAME" {
  return op === "ADDED" || op === "REMOVED" ? op : "SAME";
}

/**
 * The rows to show: every added and removed line, and the unchanged lines
 * within `context` lines of one; a run of more unchanged lines than that
 * becomes one fold. Nothing changed at all shows every line.
 */
export function changeRows(lines: ChangeLine[], context = 2): ChangeRow[] {
  const ops = lines.map((l) => opOf(l.op));
  const changed = ops.map((op, i) => (op !== "SAME" ? i : -1)).filter((i) => i >= 0);
  if (!changed.length) return lines.map((l) => ({ kind: "line", op: "SAME", text: l.text, sign: " " }));
  const keep = lines.map((_, i) => changed.some((c) => Math.abs(c - i) <= context));
  const rows: ChangeRow[] = [];
  let folded = 0;
  lines.forEach((l, i) => {
    if (!keep[i]) {
      folded++;
      return;
    }
    if (folded) rows.push({ kind: "fold", count: folded });
    folded = 0;
    rows.push({ kind: "line", op: ops[i], text: l.text, sign: SIGN[ops[i]] });
  });
  if (folded) rows.push({ kind: "fold", count: folded });
  return rows;
}

/** How many lines were added and removed. */
export function changeCounts(lines: ChangeLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const l of lines) {
    if (l.op === "ADDED") added++;
    else if (l.op === "REMOVED") removed++;
  }
  return { added, removed };
}
