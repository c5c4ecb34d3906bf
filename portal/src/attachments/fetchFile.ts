// Files behind the bearer token: GET /attachments/{id}[/thumbnail] needs the
// Authorization header, so an <img src> cannot load them. They are fetched
// here and shown through object (blob:) URLs, which the portal's
// Content-Security-Policy allows in img-src and which are revoked when no
// longer shown; they are downloaded through an object URL and a temporary
// <a download>.
import { useEffect, useState } from "react";
import { endSession, getToken } from "../auth/session";

/** The file at url (the API's url or thumbnailURL) as a blob, with the session's token. */
export async function fetchFile(url: string, signal?: AbortSignal): Promise<Blob> {
  const token = getToken();
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal, credentials: "omit" });
  if (res.status === 401 && token) endSession("expired");
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.blob();
}

/** An object URL showing blob in an <img>, and how to let it go. */
async function imageURL(blob: Blob): Promise<{ url: string; release: () => void }> {
  const url = URL.createObjectURL(blob);
  return { url, release: () => URL.revokeObjectURL(url) };
}

export type ObjectURLState = { src: string | null; failed: boolean };

/**
 * A URL showing the image at url while the component shows it; null while
 * it loads (or url is null). It is let go on unmount and when url changes.
 */
export function useObjectURL(url: string | null | undefined): ObjectURLState {
  const [state, setState] = useState<ObjectURLState & { for: string | null }>({ src: null, failed: false, for: null });
  useEffect(() => {
    if (!url) return;
    const ctrl = new AbortController();
    let release: (() => void) | null = null;
    fetchFile(url, ctrl.signal)
      .then(imageURL)
      .then(
        (made) => {
          if (ctrl.signal.aborted) return made.release();
          release = made.release;
          setState({ src: made.url, failed: false, for: url });
        },
        () => {
          if (!ctrl.signal.aborted) setState({ src: null, failed: true, for: url });
        },
      );
    return () => {
      ctrl.abort();
      release?.();
    };
  }, [url]);
  // A state left from the previous url is not this one's.
  if (!url || state.for !== url) return { src: null, failed: false };
  return { src: state.src, failed: state.failed };
}

/** A URL showing a local image File (a preview before sending), let go on unmount. */
export function useLocalPreview(file: File | null): string | null {
  const [state, setState] = useState<{ src: string; for: File } | null>(null);
  useEffect(() => {
    if (!file) return;
    let live = true;
    let release: (() => void) | null = null;
    imageURL(file).then(
      (made) => {
        if (!live) return made.release();
        release = made.release;
        setState({ src: made.url, for: file });
      },
      () => undefined,
    );
    return () => {
      live = false;
      release?.();
    };
  }, [file]);
  return file && state?.for === file ? state.src : null;
}

/** Downloads the file at url under fileName: fetch, blob, a temporary <a download>. */
export async function downloadFile(url: string, fileName: string): Promise<void> {
  const blob = await fetchFile(url);
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = fileName;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click has handed the blob to the download; give it a moment.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * A fetch (for urql's context) that reports the upload's progress: the
 * same request, through XMLHttpRequest, whose upload events fetch lacks.
 */
export function progressFetch(onProgress: (fraction: number) => void): typeof fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      xhr.open(init?.method ?? "POST", url);
      new Headers(init?.headers).forEach((v, k) => xhr.setRequestHeader(k, v));
      xhr.responseType = "text";
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
          const i = line.indexOf(":");
          if (i > 0) headers.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
        }
        resolve(new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers }));
      };
      xhr.onerror = () => reject(new TypeError("Network request failed"));
      xhr.onabort = () => reject(new DOMException("Aborted", "AbortError"));
      const signal = init?.signal;
      if (signal) {
        if (signal.aborted) return reject(new DOMException("Aborted", "AbortError"));
        signal.addEventListener("abort", () => xhr.abort(), { once: true });
      }
      xhr.send((init?.body ?? null) as XMLHttpRequestBodyInit | null);
    });
}
