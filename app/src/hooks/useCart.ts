import { useCallback, useSyncExternalStore } from "react";
import { type Cart, deserializeCart, serializeCart } from "../lib/cart.ts";

const STORAGE_KEY = "hyphae.cart";
const listeners = new Set<() => void>();
let cached: { text: string | null; cart: Cart } | undefined;

function read(): Cart {
  const text = globalThis.localStorage.getItem(STORAGE_KEY);
  if (cached?.text !== text) cached = { text, cart: deserializeCart(text) };
  return cached.cart;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed the cart.
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) listener();
  };
  globalThis.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    globalThis.removeEventListener("storage", onStorage);
  };
}

/** The cart, kept in this browser's storage so it survives a reload, with an updater. */
export function useCart(): [Cart, (update: (cart: Cart) => Cart) => void] {
  const cart = useSyncExternalStore(subscribe, read, read);
  const update = useCallback((change: (cart: Cart) => Cart) => {
    globalThis.localStorage.setItem(STORAGE_KEY, serializeCart(change(read())));
    for (const listener of listeners) listener();
  }, []);
  return [cart, update];
}
