// The order being put together from the catalogue: quantities per product,
// kept for this tab (sessionStorage) so a reload keeps them, and dropped
// when the session starts or ends, so the next person starts empty.
import { useSyncExternalStore } from "react";
import { onSessionChange } from "../auth/session";

export type CartLine = {
  productID: string;
  sku: string;
  name: string;
  /** The product's Chinese name, shown instead of name in Chinese. */
  nameZh?: string | null;
  quantity: number;
  /** The price shown in the catalogue; the server prices the order itself. */
  unitPrice: string | null;
};

const KEY = "dealerline.cart";
type Listener = () => void;
const listeners = new Set<Listener>();
let lines: CartLine[] = load();

function load(): CartLine[] {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as CartLine[]) : [];
  } catch {
    return [];
  }
}

function save(next: CartLine[]) {
  lines = next;
  try {
    if (next.length) window.sessionStorage.setItem(KEY, JSON.stringify(next));
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // kept in memory only
  }
  for (const l of listeners) l();
}

/** Sets a product's quantity; 0 (or less) takes it off the order. The order of lines is kept. */
export function setQuantity(line: Omit<CartLine, "quantity">, quantity: number) {
  const q = Number.isFinite(quantity) ? Math.trunc(quantity) : 0;
  const i = lines.findIndex((l) => l.productID === line.productID);
  if (q <= 0) {
    if (i >= 0) save(lines.filter((_, j) => j !== i));
    return;
  }
  if (i >= 0) save(lines.map((l, j) => (j === i ? { ...l, quantity: q } : l)));
  else save([...lines, { ...line, quantity: q }]);
}

/** Adds to a product's quantity (quick entry by SKU): a product already in the order gets more. */
export function addQuantity(line: Omit<CartLine, "quantity">, quantity: number) {
  const had = lines.find((l) => l.productID === line.productID)?.quantity ?? 0;
  setQuantity(line, had + Math.trunc(quantity));
}

export function clearCart() {
  if (lines.length) save([]);
}

function subscribe(l: Listener) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The lines of the order being put together. */
export function useCart(): CartLine[] {
  return useSyncExternalStore(subscribe, () => lines);
}

if (typeof window !== "undefined") onSessionChange(clearCart);
