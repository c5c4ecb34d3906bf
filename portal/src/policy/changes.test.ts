import { describe, expect, it } from "vitest";
import { changeCounts, changeRows } from "./changes";

const same = (text: string) => ({ op: "SAME", text });

describe("change lines", () => {
  it("keeps context around a change and folds the rest", () => {
    const lines = [
      same("a"),
      same("b"),
      same("c"),
      same("d"),
      { op: "REMOVED", text: "e" },
      { op: "ADDED", text: "E" },
      same("f"),
      same("g"),
      same("h"),
    ];
    expect(changeRows(lines, 1)).toEqual([
      { kind: "fold", count: 3 },
      { kind: "line", op: "SAME", text: "d", sign: " " },
      { kind: "line", op: "REMOVED", text: "e", sign: "−" },
      { kind: "line", op: "ADDED", text: "E", sign: "+" },
      { kind: "line", op: "SAME", text: "f", sign: " " },
      { kind: "fold", count: 2 },
    ]);
  });

  it("shows every line when nothing changed, and none for an empty body", () => {
    expect(changeRows([same("a"), same("b")], 0)).toHaveLength(2);
    expect(changeRows([])).toEqual([]);
  });

  it("joins nearby changes without a fold between them", () => {
    const rows = changeRows([{ op: "ADDED", text: "x" }, same("1"), same("2"), { op: "ADDED", text: "y" }], 1);
    expect(rows.map((r) => (r.kind === "fold" ? `…${r.count}` : r.text))).toEqual(["x", "1", "2", "y"]);
  });

  it("counts additions and removals", () => {
    expect(changeCounts([{ op: "ADDED", text: "" }, { op: "REMOVED", text: "" }, { op: "ADDED", text: "" }, same("")])).toEqual(
      { added: 2, removed: 1 },
    );
  });
});
