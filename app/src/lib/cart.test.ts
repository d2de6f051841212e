import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import {
  addToCart,
  type Cart,
  type CartLine,
  deserializeCart,
  isInCart,
  linesByRound,
  removeFromCart,
  removeRound,
  serializeCart,
  setCartAmount,
} from "./cart.ts";

const ROUND_A = getAddress("0x5fbdb2315678afecb367f032d93f642f64180aa3");
const ROUND_B = getAddress("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
const LOCAL = 31_337;
const SEPOLIA = 11_155_111;

function line(round: CartLine["round"], projectId: bigint, amount = "", chainId = LOCAL): CartLine {
  return { chainId, round, projectId, amount };
}

describe("addToCart", () => {
  it("adds a project to an empty cart", () => {
    expect(addToCart([], line(ROUND_A, 1n, "5"))).toEqual([line(ROUND_A, 1n, "5")]);
  });

  it("does not add the same project of the same round twice", () => {
    const cart = addToCart([], line(ROUND_A, 1n));
    expect(addToCart(cart, line(ROUND_A, 1n))).toHaveLength(1);
  });

  it("keeps the amount already typed when the project is added again", () => {
    const cart = addToCart([], line(ROUND_A, 1n, "12.5"));
    expect(addToCart(cart, line(ROUND_A, 1n, ""))).toEqual([line(ROUND_A, 1n, "12.5")]);
  });

  it("recognises the same round written in lower case", () => {
    const cart = addToCart([], line(ROUND_A, 1n, "3"));
    const again = addToCart(cart, line(ROUND_A.toLowerCase() as CartLine["round"], 1n));
    expect(again).toEqual([line(ROUND_A, 1n, "3")]);
  });

  it("stores the round address in its checksummed form", () => {
    const cart = addToCart([], line(ROUND_A.toLowerCase() as CartLine["round"], 1n));
    expect(cart[0]?.round).toBe(ROUND_A);
  });

  it("treats the same project id in another round, or on another chain, as another line", () => {
    let cart: Cart = addToCart([], line(ROUND_A, 1n));
    cart = addToCart(cart, line(ROUND_B, 1n));
    cart = addToCart(cart, line(ROUND_A, 1n, "", SEPOLIA));
    expect(cart).toHaveLength(3);
  });

  it("does not change the cart it was given", () => {
    const cart: Cart = [line(ROUND_A, 1n)];
    addToCart(cart, line(ROUND_A, 2n));
    expect(cart).toEqual([line(ROUND_A, 1n)]);
  });
});

describe("removeFromCart", () => {
  it("removes exactly the one project", () => {
    const cart: Cart = [line(ROUND_A, 1n), line(ROUND_A, 2n), line(ROUND_B, 1n)];
    expect(removeFromCart(cart, { chainId: LOCAL, round: ROUND_A, projectId: 1n })).toEqual([
      line(ROUND_A, 2n),
      line(ROUND_B, 1n),
    ]);
  });

  it("leaves the cart as it is when the project is not in it", () => {
    const cart: Cart = [line(ROUND_A, 1n)];
    expect(removeFromCart(cart, { chainId: SEPOLIA, round: ROUND_A, projectId: 1n })).toEqual(cart);
  });
});

describe("setCartAmount", () => {
  it("changes the amount of one line only", () => {
    const cart: Cart = [line(ROUND_A, 1n, "1"), line(ROUND_A, 2n, "2")];
    expect(setCartAmount(cart, { chainId: LOCAL, round: ROUND_A, projectId: 2n }, "7.5")).toEqual([
      line(ROUND_A, 1n, "1"),
      line(ROUND_A, 2n, "7.5"),
    ]);
  });

  it("keeps the amount as typed, even when it is not a number yet", () => {
    const cart: Cart = [line(ROUND_A, 1n, "1")];
    expect(setCartAmount(cart, { chainId: LOCAL, round: ROUND_A, projectId: 1n }, "1.")).toEqual([
      line(ROUND_A, 1n, "1."),
    ]);
  });

  it("adds nothing for a project that is not in the cart", () => {
    const cart: Cart = [line(ROUND_A, 1n, "1")];
    expect(setCartAmount(cart, { chainId: LOCAL, round: ROUND_A, projectId: 9n }, "4")).toEqual(cart);
  });
});

describe("removeRound", () => {
  it("removes every line of that round on that chain and nothing else", () => {
    const cart: Cart = [line(ROUND_A, 1n), line(ROUND_B, 1n), line(ROUND_A, 2n), line(ROUND_A, 1n, "", SEPOLIA)];
    expect(removeRound(cart, LOCAL, ROUND_A)).toEqual([line(ROUND_B, 1n), line(ROUND_A, 1n, "", SEPOLIA)]);
  });

  it("accepts the round address in any case", () => {
    const cart: Cart = [line(ROUND_A, 1n), line(ROUND_B, 1n)];
    expect(removeRound(cart, LOCAL, ROUND_A.toLowerCase() as CartLine["round"])).toEqual([line(ROUND_B, 1n)]);
  });
});

describe("linesByRound", () => {
  it("groups the lines of one chain by round, in the order they were added", () => {
    const cart: Cart = [line(ROUND_B, 3n), line(ROUND_A, 1n), line(ROUND_B, 2n), line(ROUND_A, 5n)];
    const groups = linesByRound(cart, LOCAL);
    expect([...groups.keys()]).toEqual([ROUND_B, ROUND_A]);
    expect(groups.get(ROUND_B)).toEqual([line(ROUND_B, 3n), line(ROUND_B, 2n)]);
    expect(groups.get(ROUND_A)).toEqual([line(ROUND_A, 1n), line(ROUND_A, 5n)]);
  });

  it("leaves out the lines of other chains", () => {
    const cart: Cart = [line(ROUND_A, 1n, "", SEPOLIA), line(ROUND_B, 1n)];
    const groups = linesByRound(cart, LOCAL);
    expect([...groups.keys()]).toEqual([ROUND_B]);
    expect(linesByRound(cart, SEPOLIA).get(ROUND_A)).toEqual([line(ROUND_A, 1n, "", SEPOLIA)]);
  });

  it("is empty for a chain with nothing in the cart", () => {
    expect(linesByRound([line(ROUND_A, 1n)], 1).size).toBe(0);
  });
});

describe("isInCart", () => {
  const cart: Cart = [line(ROUND_A, 1n, "3")];

  it("finds a project by chain, round and id", () => {
    expect(isInCart(cart, { chainId: LOCAL, round: ROUND_A, projectId: 1n })).toBe(true);
  });

  it("finds it whatever the case of the round address", () => {
    expect(isInCart(cart, { chainId: LOCAL, round: ROUND_A.toLowerCase() as CartLine["round"], projectId: 1n })).toBe(
      true,
    );
    expect(
      isInCart(cart, {
        chainId: LOCAL,
        round: ROUND_A.toUpperCase().replace("0X", "0x") as CartLine["round"],
        projectId: 1n,
      }),
    ).toBe(true);
  });

  it("does not find another project, round or chain", () => {
    expect(isInCart(cart, { chainId: LOCAL, round: ROUND_A, projectId: 2n })).toBe(false);
    expect(isInCart(cart, { chainId: LOCAL, round: ROUND_B, projectId: 1n })).toBe(false);
    expect(isInCart(cart, { chainId: SEPOLIA, round: ROUND_A, projectId: 1n })).toBe(false);
  });
});

describe("serializeCart and deserializeCart", () => {
  it("round-trip a cart, bigint project ids included", () => {
    const cart: Cart = [line(ROUND_A, 1n, "2.5"), line(ROUND_B, 2n ** 200n, ""), line(ROUND_A, 0n, "1,000", SEPOLIA)];
    expect(deserializeCart(serializeCart(cart))).toEqual(cart);
  });

  it("store project ids as decimal text, which JSON can hold", () => {
    const stored: unknown = JSON.parse(serializeCart([line(ROUND_A, 2n ** 64n)]));
    expect(stored).toEqual([{ chainId: LOCAL, round: ROUND_A, projectId: "18446744073709551616", amount: "" }]);
  });

  it("read nothing stored as an empty cart", () => {
    expect(deserializeCart(null)).toEqual([]);
    expect(deserializeCart(serializeCart([]))).toEqual([]);
  });

  it.each(["{not json", "", "undefined", '"a cart"', "42", "null", '{"0": {}}'])(
    "read %j, which is not a list, as an empty cart",
    (text) => {
      expect(deserializeCart(text)).toEqual([]);
    },
  );

  it("keep the readable lines and drop each corrupt one", () => {
    const good = { chainId: LOCAL, round: ROUND_A, projectId: "7", amount: "1" };
    const stored = JSON.stringify([
      good,
      null,
      "a line",
      17,
      [LOCAL, ROUND_A, "1", ""],
      { ...good, chainId: "31337" },
      { ...good, round: 12 },
      { ...good, round: "0x1234" },
      { ...good, round: "not an address" },
      { ...good, projectId: 7 },
      { ...good, projectId: "seven" },
      { ...good, projectId: "-1" },
      { ...good, projectId: "1.5" },
      { ...good, projectId: "0x10" },
      { ...good, projectId: "" },
      { chainId: LOCAL, round: ROUND_B },
    ]);
    expect(deserializeCart(stored)).toEqual([line(ROUND_A, 7n, "1")]);
  });

  it("give a line without a readable amount an empty amount", () => {
    const stored = JSON.stringify([
      { chainId: LOCAL, round: ROUND_A, projectId: "1" },
      { chainId: LOCAL, round: ROUND_B, projectId: "2", amount: 5 },
    ]);
    expect(deserializeCart(stored)).toEqual([line(ROUND_A, 1n, ""), line(ROUND_B, 2n, "")]);
  });

  it("checksum a stored round address written in lower case", () => {
    const stored = JSON.stringify([{ chainId: LOCAL, round: ROUND_A.toLowerCase(), projectId: "1", amount: "" }]);
    expect(deserializeCart(stored)).toEqual([line(ROUND_A, 1n)]);
  });
});
