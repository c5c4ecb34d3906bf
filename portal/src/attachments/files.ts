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

/** The server's extensions.reason for a refused file (attachments.Empty … Full), as the portal words it. */
const REASONS: Record<string, UploadRefusal> = {
  EMPTY: "empty",
  TYPE: "type",
  ENCODING: "encoding",
  UNREADABLE: "unreadable",
  PIXELS: "pixels",
  TOO_LARGE: "tooLarge",
  FULL: "full",
};

/**
 * Why an upload was refused, from what the server says: extensions.reason
 * for a file it refused, else extensions.code; an HTTP 413 from a proxy in
 * front of it is a file too large.
 */
export function uploadRefusal(error: CombinedError | null | undefined): UploadRefusal | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  const reason = REASONS[String(first?.extensions?.reason ?? "")];
  if (reason) return reason;
  const status = (error.response as { status?: number } | undefined)?.status;
  if (status === 413) return "tooLarge";
  const p = problemsOf(error)[0];
  switch (p?.code) {
    case "NOT_FOUND":
      return "notFound";
    case "FORBIDDEN":
      return "forbidden";
    case "NETWORK":
      return "network";
    default:
      return "other";
  }
}
