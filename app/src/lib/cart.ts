import { type Address, getAddress } from "viem";

/** One project in the cart, with the amount as typed (validated at checkout and as it is typed). */
export interface CartLine {
  chainId: number;
  round: Address;
  projectId: bigint;
  amount: string;
}

export type Cart = readonly CartLine[];

function sameProject(a: Omit<CartLine, "amount">, b: Omit<CartLine, "amount">): boolean {
  return a.chainId === b.chainId && a.round === b.round && a.projectId === b.projectId;
}

/** Adds a project; a project already in the cart keeps its amount. */
export function addToCart(cart: Cart, line: CartLine): Cart {
  const normalised = { ...line, round: getAddress(line.round) };
  return cart.some((existing) => sameProject(existing, normalised)) ? cart : [...cart, normalised];
}

export function removeFromCart(cart: Cart, line: Omit<CartLine, "amount">): Cart {
  const target = { ...line, round: getAddress(line.round) };
  return cart.filter((existing) => !sameProject(existing, target));
}

export function setCartAmount(cart: Cart, line: Omit<CartLine, "amount">, amount: string): Cart {
  const target = { ...line, round: getAddress(line.round) };
  return cart.map((existing) => (sameProject(existing, target) ? { ...existing, amount } : existing));
}

/** Removes every line of one round: what a confirmed checkout of that round does, so a retry cannot repeat it. */
export function removeRound(cart: Cart, chainId: number, round: Address): Cart {
  return cart.filter((line) => !(line.chainId === chainId && line.round === getAddress(round)));
}

/** The cart's lines of `chainId`, grouped by round in the order they were added. */
export function linesByRound(cart: Cart, chainId: number): Map<Address, CartLine[]> {
  const groups = new Map<Address, CartLine[]>();
  for (const line of cart) {
    if (line.chainId !== chainId) continue;
    groups.set(line.round, [...(groups.get(line.round) ?? []), line]);
  }
  return groups;
}

export function isInCart(cart: Cart, line: Omit<CartLine, "amount">): boolean {
  return cart.some((existing) => sameProject(existing, { ...line, round: getAddress(line.round) }));
}

/** The cart as stored (bigints as strings); anything unreadable is dropped rather than trusted. */
export function serializeCart(cart: Cart): string {
  return JSON.stringify(cart.map((line) => ({ ...line, projectId: line.projectId.toString() })));
}

export function deserializeCart(text: string | null): Cart {
  if (text === null) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((item: unknown): CartLine[] => {
      if (typeof item !== "object" || item === null) return [];
      const { chainId, round, projectId, amount } = item as Record<string, unknown>;
      if (typeof chainId !== "number" || typeof round !== "string" || typeof projectId !== "string") return [];
      if (!/^\d+$/.test(projectId)) return [];
      try {
        return [
          {
            chainId,
            round: getAddress(round),
            projectId: BigInt(projectId),
            amount: typeof amount === "string" ? amount : "",
          },
        ];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}
