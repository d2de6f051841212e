import { useEffect, useState } from "react";

/**
 * False on the component's first render, true once the browser has painted it: for work the first view need not
 * wait for. Starting a request costs the page's main thread a few milliseconds (more with a page inspector
 * attached), so fifty profile requests started as a list mounts would hold the list back from the screen.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timeout: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs just before the paint; a task queued from it runs after.
    const frame = requestAnimationFrame(() => {
      timeout = setTimeout(() => {
        setPainted(true);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timeout !== undefined) clearTimeout(timeout);
    };
  }, []);
  return painted;
}
