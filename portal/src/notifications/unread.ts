// The unread count a page learned (marking read answers it), told to the
// bell in the header, which otherwise hears only of notifications added.
const EVENT = "dealerline:unread";

export function tellUnread(count: number) {
  window.dispatchEvent(new CustomEvent<number>(EVENT, { detail: count }));
}

export function onUnread(fn: (count: number) => void): () => void {
  const listener = (e: Event) => fn((e as CustomEvent<number>).detail);
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
