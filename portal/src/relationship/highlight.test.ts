import { describe, expect, it } from "vitest";
import { highlightSpans } from "./highlight";

describe("highlightSpans", () => {
  it("marks the ranges and keeps the text between", () => {
    expect(highlightSpans("North Distribution", [{ start: 0, length: 5 }])).toEqual([
      { text: "North", hit: true },
      { text: " Distribution", hit: false },
    ]);
  });

  it("counts Chinese characters one each", () => {
    expect(highlightSpans("客户反映售后响应慢", [{ start: 4, length: 2 }])).toEqual([
      { text: "客户反映", hit: false },
      { text: "售后", hit: true },
      { text: "响应慢", hit: false },
    ]);
  });

  it("counts a character outside the BMP (two UTF-16 units) as one", () => {
    // "𠀀" and "😀" are surrogate pairs in JavaScript strings.
    expect(highlightSpans("𠀀😀售后好", [{ start: 2, length: 2 }])).toEqual([
      { text: "𠀀😀", hit: false },
      { text: "售后", hit: true },
      { text: "好", hit: false },
    ]);
    expect(highlightSpans("a😀b", [{ start: 1, length: 1 }])).toEqual([
      { text: "a", hit: false },
      { text: "😀", hit: true },
      { text: "b", hit: false },
    ]);
  });

  it("merges overlapping and touching ranges, in any order", () => {
    expect(
      highlightSpans("abcdefgh", [
        { start: 5, length: 2 },
        { start: 1, length: 2 },
        { start: 2, length: 2 },
      ]),
    ).toEqual([
      { text: "a", hit: false },
      { text: "bcd", hit: true },
      { text: "e", hit: false },
      { text: "fg", hit: true },
      { text: "h", hit: false },
    ]);
    expect(highlightSpans("abcd", [{ start: 0, length: 2 }, { start: 2, length: 2 }])).toEqual([{ text: "abcd", hit: true }]);
  });

  it("clips ranges past the end and ignores empty ones", () => {
    expect(highlightSpans("abc", [{ start: 2, length: 10 }, { start: 1, length: 0 }, { start: -3, length: 2 }])).toEqual([
      { text: "ab", hit: false },
      { text: "c", hit: true },
    ]);
    expect(highlightSpans("abc", [{ start: 5, length: 1 }])).toEqual([{ text: "abc", hit: false }]);
    expect(highlightSpans("", [{ start: 0, length: 1 }])).toEqual([]);
  });

  it("keeps markup as text", () => {
    expect(highlightSpans("<b>x</b>", [{ start: 3, length: 1 }])).toEqual([
      { text: "<b>", hit: false },
      { text: "x", hit: true },
      { text: "</b>", hit: false },
    ]);
  });
});
