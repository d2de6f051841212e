/** Work that waits for the first paint: not on the first render, once the browser has painted, never after unmount. */
import { renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useAfterFirstPaint } from "./useAfterFirstPaint.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("useAfterFirstPaint", () => {
  it("is false on the first render and true once a frame has been painted", async () => {
    const frame = vi.spyOn(globalThis, "requestAnimationFrame");
    const { result } = renderHook(() => useAfterFirstPaint());

    expect(result.current).toBe(false);
    expect(frame).toHaveBeenCalledTimes(1);
    await waitFor(() => {
      expect(result.current).toBe(true);
    });
  });

  it("waits for the frame, not only for the effect or a task", async () => {
    // A browser that never paints (a background tab) never runs the frame callback.
    vi.spyOn(globalThis, "requestAnimationFrame").mockImplementation(() => 7);
    const { result } = renderHook(() => useAfterFirstPaint());

    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(result.current).toBe(false);
  });

  it("cancels the frame it asked for when the component goes before the paint", () => {
    vi.spyOn(globalThis, "requestAnimationFrame").mockImplementation(() => 7);
    const cancel = vi.spyOn(globalThis, "cancelAnimationFrame");
    const { unmount } = renderHook(() => useAfterFirstPaint());

    unmount();

    expect(cancel).toHaveBeenCalledWith(7);
  });
});
