import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { TransactionState } from "../hooks/useTransaction.ts";
import { TransactionStatus } from "./TransactionStatus.tsx";

const HASH = "0x8a3b1f0c2d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c";

function renderStatus(state: TransactionState) {
  return render(<TransactionStatus state={state} />).container;
}

afterEach(() => {
  cleanup();
});

describe("TransactionStatus", () => {
  it("shows nothing while idle, but keeps the live region in place", () => {
    const container = renderStatus({ status: "idle" });
    const region = container.querySelector(".transaction-status");
    expect(region?.getAttribute("aria-live")).toBe("polite");
    expect(region?.textContent).toBe("");
  });

  it("asks to confirm in the wallet while signing", () => {
    renderStatus({ status: "signing", label: "Donate" });
    expect(screen.getByText("Donate: confirm in your wallet…")).toBeDefined();
  });

  it("names the pending transaction by its short hash", () => {
    const container = renderStatus({ status: "pending", label: "Donate", hash: HASH });
    expect(container.textContent).toBe("Donate: waiting for confirmation (transaction 0x8a3b…3b4c)…");
  });

  it("says the transaction is confirmed", () => {
    const container = renderStatus({ status: "confirmed", label: "Fund the pool", hash: HASH });
    expect(container.textContent).toBe("Fund the pool: confirmed.");
  });

  it("shows a declined request calmly, without an alert", () => {
    const container = renderStatus({
      status: "rejected",
      label: "Donate",
      message: "You declined the request in your wallet. Nothing was sent.",
    });
    expect(container.textContent).toBe("You declined the request in your wallet. Nothing was sent.");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("announces a failure as an alert with the reason", () => {
    renderStatus({ status: "failed", label: "Donate", message: "The wallet does not hold enough of the token." });
    expect(screen.getByRole("alert").textContent).toBe("Donate failed: The wallet does not hold enough of the token.");
  });

  it.each<TransactionState>([
    { status: "idle" },
    { status: "signing", label: "Donate" },
    { status: "pending", label: "Donate", hash: HASH },
    { status: "confirmed", label: "Donate", hash: HASH },
  ])("raises no alert while $status", (state) => {
    renderStatus(state);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
