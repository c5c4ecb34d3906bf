// The pure parts of attachments: sizes for people, what kind of file a name
// or content type is, the file types offered by the picker, and which
// sentence a refused upload gets. The server decides what it accepts; the
// picker's list is a hint only.
import type { CombinedError } from "@urql/core";
import { problemsOf } from "../errors";

/** The picker's hint: images, PDF, office documents, CSV and plain text. */
export const ACCEPT = [
  "image/*",
  ".pdf",
  "application/pdf",
  ".doc",
  ".docx",
  ".xls",
  ".xlsx",
  ".ppt",
  ".pptx",
  ".odt",
  ".ods",
  ".csv",
  "text/csv",
  ".txt",
  "text/plain",
].join(",");

/** The camera's hint: a photo. */
export const ACCEPT_PHOTO = "image/*";

const UNITS = ["B", "KB", "MB", "GB"] as const;

/**
 * A size in bytes for people, in the locale's digits: "820 B", "1.2 MB",
 * "15 MB" (1 KB = 1024 B; one decimal below 10 of a unit).
 */
export function formatSize(bytes: number, locale: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < UNITS.length - 1) {
    n /= 1024;
    u++;
  }
  // 1023.95 KB rounds to "1,024 KB": say "1 MB".
  if (u > 0 && u < UNITS.length - 1 && Number(n.toFixed(n < 10 ? 1 : 0)) >= 1024) {
    n /= 1024;
    u++;
  }
  const digits = u === 0 || n >= 10 ? 0 : 1;
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
  return `${num} ${UNITS[u]}`;
}

/** What kind of file, for its chip's label and the picker's hint. */
export type FileKind = "image" | "pdf" | "document" | "spreadsheet" | "presentation" | "text" | "other";

const BY_EXTENSION: Record<string, FileKind> = {
  jpg: "image",
  jpeg: "image",
  png: "image",
  gif: "image",
  webp: "image",
  heic: "image",
  heif: "image",
  pdf: "pdf",
  doc: "document",
  docx: "document",
  odt: "document",
  rtf: "document",
  xls: "spreadsheet",
  xlsx: "spreadsheet",
  ods: "spreadsheet",
  csv: "spreadsheet",
  ppt: "presentation",
  pptx: "presentation",
  odp: "presentation",
  txt: "text",
};

/** The kind of a file from its content type, else its name's extension. */
export function fileKind(contentType: string, fileName = ""): FileKind {
  const ct = contentType.toLowerCase().split(";")[0].trim();
  if (ct.startsWith("image/")) return "image";
  if (ct === "application/pdf") return "pdf";
  if (ct === "text/csv") return "spreadsheet";
  if (ct.includes("spreadsheet") || ct.includes("ms-excel")) return "spreadsheet";
  if (ct.includes("presentation") || ct.includes("ms-powerpoint")) return "presentation";
  if (ct.includes("wordprocessing") || ct === "application/msword" || ct === "application/rtf") return "document";
  if (ct === "text/plain") return "text";
  const ext = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? "";
  return BY_EXTENSION[ext] ?? "other";
}

/**
 * Whether the picker's hint lists the file. A file outside it is still
 * sent (the server decides); the form says it may be refused.
 */
export function likelyAccepted(file: { type: string; name: string }): boolean {
  return fileKind(file.type, file.name) !== "other";
}

/** The sentences a refused upload can get, under attachments.refused. */
export type UploadRefusal =
  | "tooLarge"
  | "full"
  | "pixels"
  | "type"
  | "encoding"
  | "unreadable"
  | "empty"
  | "notFound"
  | "forbidden"
  | "network"
  | "other";

const TOO_LARGE = /too large|too big|larger than|exceeds|maximum size|size limit/i;
// What one parent may hold in all: "the files attached here hold 95 MB of at most 100 MB: delete one…".
const FULL = /attached here hold|delete one/i;
const PIXELS = /pixels/i;
const ENCODING = /UTF-8|encoding/i;
const UNREADABLE = /cannot be read|could not be read/i;
const BAD_TYPE = /type|format|extension|not allowed|unsupported/i;

/**
 * Why an upload was refused, from the codes the server gives
 * (extensions.code, and for INVALID_INPUT extensions.field and reason), an
 * HTTP 413, or the transport's words for a body over the limit.
 */
export function uploadRefusal(error: CombinedError | null | undefined): UploadRefusal | null {
  if (!error) return null;
  const status = (error.response as { status?: number } | undefined)?.status;
  if (status === 413) return "tooLarge";
  const first = error.graphQLErrors[0];
  const reason = String(first?.extensions?.reason ?? "").toUpperCase();
  const code = String(first?.extensions?.code ?? "").toUpperCase();
  for (const c of [reason, code]) {
    if (/FULL|QUOTA|TOTAL/.test(c)) return "full";
    if (/PIXEL/.test(c)) return "pixels";
    if (/TOO_LARGE|TOO_BIG|SIZE/.test(c)) return "tooLarge";
    if (/TYPE|MEDIA|FORMAT/.test(c)) return "type";
    if (/EMPTY/.test(c)) return "empty";
  }
  const p = problemsOf(error)[0];
  if (!p) return "other";
  const message = first?.message ?? "";
  switch (p.code) {
    case "INVALID_INPUT":
      if (FULL.test(message)) return "full";
      if (PIXELS.test(message)) return "pixels";
      if (TOO_LARGE.test(message)) return "tooLarge";
      if (ENCODING.test(message)) return "encoding";
      if (UNREADABLE.test(message)) return "unreadable";
      if (/empty/i.test(message)) return "empty";
      if (BAD_TYPE.test(message)) return "type";
      return p.field === "parentID" ? "notFound" : "other";
    case "NOT_FOUND":
      return "notFound";
    case "FORBIDDEN":
      return "forbidden";
    case "NETWORK":
      return "network";
    case "":
      // The transport's own refusal (no code): a body over its limit.
      return TOO_LARGE.test(message) ? "tooLarge" : "other";
    default:
      return "other";
  }
}
