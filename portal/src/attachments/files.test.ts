import { CombinedError } from "@urql/core";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { ACCEPT, fileKind, formatSize, likelyAccepted, uploadRefusal } from "./files";

describe("formatSize", () => {
  it.each([
    [0, "en", "0 B"],
    [820, "en", "820 B"],
    [1023, "en", "1,023 B"],
    [1024, "en", "1 KB"],
    [1536, "en", "1.5 KB"],
    [10 * 1024 + 300, "en", "10 KB"],
    [1024 * 1024 - 1, "en", "1 MB"],
    [1.25 * 1024 * 1024, "en", "1.3 MB"],
    [15 * 1024 * 1024, "en", "15 MB"],
    [3 * 1024 * 1024 * 1024, "en", "3 GB"],
    [1536, "zh", "1.5 KB"],
  ])("%d bytes in %s is %s", (bytes, locale, want) => {
    expect(formatSize(bytes, locale)).toBe(want);
  });

  it("says nothing for a size that is not one", () => {
    expect(formatSize(-1, "en")).toBe("");
    expect(formatSize(Number.NaN, "en")).toBe("");
  });
});

describe("fileKind", () => {
  it.each([
    ["image/jpeg", "shelf.jpg", "image"],
    ["image/heic", "IMG_0001.HEIC", "image"],
    ["application/pdf", "receipt.pdf", "pdf"],
    ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "stock.xlsx", "spreadsheet"],
    ["text/csv", "stock.csv", "spreadsheet"],
    ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "contract.docx", "document"],
    ["application/msword", "contract.doc", "document"],
    ["application/vnd.ms-powerpoint", "deck.ppt", "presentation"],
    ["text/plain; charset=utf-8", "notes.txt", "text"],
    ["", "receipt.PDF", "pdf"],
    ["application/octet-stream", "stock.csv", "spreadsheet"],
    ["application/octet-stream", "setup.exe", "other"],
    ["application/zip", "photos.zip", "other"],
  ])("%s %s is %s", (type, name, want) => {
    expect(fileKind(type, name)).toBe(want);
  });
});

describe("the picker's hint", () => {
  it("lists images, PDF, office documents, CSV and text", () => {
    for (const t of ["image/*", ".pdf", ".docx", ".xlsx", ".pptx", ".csv", ".txt"]) expect(ACCEPT.split(",")).toContain(t);
  });

  it("warns of a file outside it, without refusing it", () => {
    expect(likelyAccepted({ type: "image/png", name: "a.png" })).toBe(true);
    expect(likelyAccepted({ type: "", name: "a.xlsx" })).toBe(true);
    expect(likelyAccepted({ type: "application/x-msdownload", name: "a.exe" })).toBe(false);
  });
});

describe("uploadRefusal", () => {
  const coded = (code: string, extra: Record<string, unknown> = {}, message = "refused") =>
    new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code, ...extra } })] });

  it("is nothing without an error", () => {
    expect(uploadRefusal(null)).toBeNull();
  });

  it("goes by the server's reason for a refused file", () => {
    const reasons: [string, string][] = [
      ["EMPTY", "empty"],
      ["TYPE", "type"],
      ["ENCODING", "encoding"],
      ["UNREADABLE", "unreadable"],
      ["PIXELS", "pixels"],
      ["TOO_LARGE", "tooLarge"],
      ["FULL", "full"],
    ];
    for (const [reason, want] of reasons)
      expect(uploadRefusal(coded("INVALID_INPUT", { field: "file", reason }, "words that do not matter")), reason).toBe(want);
    expect(uploadRefusal(coded("INVALID_INPUT", { field: "file" }, "file: the file is too large"))).toBe("other");
  });

  it("answers a foreign or missing parent as not found, and a refusal as forbidden", () => {
    expect(uploadRefusal(coded("NOT_FOUND", { field: "parentID" }))).toBe("notFound");
    expect(uploadRefusal(coded("FORBIDDEN"))).toBe("forbidden");
  });

  it("reads a proxy's 413 and a network failure", () => {
    const http = new CombinedError({ networkError: new Error("Request Entity Too Large"), response: { status: 413 } });
    expect(uploadRefusal(http)).toBe("tooLarge");
    expect(uploadRefusal(new CombinedError({ networkError: new Error("offline") }))).toBe("network");
  });
});
