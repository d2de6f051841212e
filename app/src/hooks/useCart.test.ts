import { act, cleanup, renderHook } from "@testing-library/react";
import { getAddress } from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addToCart, type CartLine, removeFromCart, serializeCart, setCartAmount } from "../lib/cart.ts";
import { useCart } from "./useCart.ts";

const STORAGE_KEY = "hyphae.cart";
const ROUND = getAddress("0x5fbdb2315678afecb367f032d93f642f64180aa3");
const LINE: CartLine = { chainId: 31_337, round: ROUND, projectId: 1n, amount: "" };
const OTHER: CartLine = { chainId: 31_337, round: ROUND, projectId: 2n, amount: "5" };

beforeEach(() => {
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe("useCart", () => {
  it("starts empty when nothing is stored", () => {
    const { result } = renderHook(() => useCart());
    expect(result.current[0]).toEqual([]);
  });

  it("starts with the cart stored by an earlier visit", () => {
    localStorage.setItem(STORAGE_KEY, serializeCart([LINE, OTHER]));
    const { result } = renderHook(() => useCart());
    expect(result.current[0]).toEqual([LINE, OTHER]);
  });

  it("starts empty when the stored value is corrupt", () => {
    localStorage.setItem(STORAGE_KEY, "{not json");
    const { result } = renderHook(() => useCart());
    expect(result.current[0]).toEqual([]);
  });

  it("replaces a corrupt stored value with the next update", () => {
    localStorage.setItem(STORAGE_KEY, '[{"chainId": "x"}]');
    const { result } = renderHook(() => useCart());
    act(() => {
      result.current[1]((cart) => addToCart(cart, LINE));
    });
    expect(result.current[0]).toEqual([LINE]);
    expect(localStorage.getItem(STORAGE_KEY)).toBe(serializeCart([LINE]));
  });

  it("shows an update at once and writes it to localStorage", () => {
    const { result } = renderHook(() => useCart());
    act(() => {
      result.current[1]((cart) => addToCart(cart, LINE));
    });
    act(() => {
      result.current[1]((cart) => setCartAmount(cart, LINE, "12.5"));
    });
    const expected = [{ ...LINE, amount: "12.5" }];
    expect(result.current[0]).toEqual(expected);
    expect(localStorage.getItem(STORAGE_KEY)).toBe(serializeCart(expected));
  });

  it("keeps the cart across a reload (a new hook reading the same storage)", () => {
    const first = renderHook(() => useCart());
    act(() => {
      first.result.current[1]((cart) => addToCart(addToCart(cart, LINE), OTHER));
    });
    first.unmount();
    const second = renderHook(() => useCart());
    expect(second.result.current[0]).toEqual([LINE, OTHER]);
  });

  it("applies each update to the latest cart, not to the one the component last rendered", () => {
    const { result } = renderHook(() => useCart());
    const update = result.current[1];
    act(() => {
      update((cart) => addToCart(cart, LINE));
      update((cart) => addToCart(cart, OTHER));
    });
    expect(result.current[0]).toEqual([LINE, OTHER]);
  });

  it("keeps two hooks in sync", () => {
    const page = renderHook(() => useCart());
    const header = renderHook(() => useCart());
    act(() => {
      page.result.current[1]((cart) => addToCart(cart, LINE));
    });
    expect(header.result.current[0]).toEqual([LINE]);
    act(() => {
      header.result.current[1]((cart) => removeFromCart(cart, LINE));
    });
    expect(page.result.current[0]).toEqual([]);
  });

  it("gives the same cart object to every hook until it changes", () => {
    localStorage.setItem(STORAGE_KEY, serializeCart([LINE]));
    const first = renderHook(() => useCart());
    const second = renderHook(() => useCart());
    expect(first.result.current[0]).toBe(second.result.current[0]);
  });

  it("follows a change made in another tab", () => {
    const { result } = renderHook(() => useCart());
    act(() => {
      localStorage.setItem(STORAGE_KEY, serializeCart([OTHER]));
      window.dispatchEvent(new StorageEvent("storage", { key: STORAGE_KEY }));
    });
    expect(result.current[0]).toEqual([OTHER]);
  });

  it("stops listening for other tabs once unmounted", () => {
    const added = vi.spyOn(globalThis, "addEventListener");
    const removed = vi.spyOn(globalThis, "removeEventListener");
    const { unmount } = renderHook(() => useCart());
    const listener = added.mock.calls.find(([type]) => type === "storage")?.[1];
    expect(listener).toBeTypeOf("function");
    unmount();
    expect(removed).toHaveBeenCalledWith("storage", listener);
    added.mockRestore();
    removed.mockRestore();
  });
});
