import { Precedence } from "../../src/term/operator.js";
import { baseTheory, extend, type Theory } from "../../src/theory.js";

/**
 * A theory that adds operators with every kind of syntax the infix reader and printers must
 * handle without knowing them in advance, for the syntax tests:
 *
 * | name   | written   | precedence                 | notes                                         |
 * | ------ | --------- | -------------------------- | --------------------------------------------- |
 * | `**`   | `a ** b`  | power, right-associative   | longest match against `*`                     |
 * | `mod`  | `a % b`   | product, left              | name differs from symbol                      |
 * | `rdiv` | `a // b`  | product, right-associative | mixes associativity at one level; `/` prefix  |
 * | `xor`  | `a xor b` | between sum and product    | a word symbol                                 |
 * | `eq`   | `a == b`  | below sum                  | spaced                                        |
 * | `flip` | `~a`      | above power                | a second prefix operator                      |
 * | `max`  | `max(a,b)`| call                       |                                               |
 */
export const userSyntaxTheory: Theory = extend(baseTheory, (draft) => {
  const infix = (name: string, symbol: string, precedence: number, associativity: "left" | "right") => {
    draft.operators[name] = { name, arity: 2, syntax: { kind: "infix", symbol, precedence, associativity } };
  };
  infix("**", "**", Precedence.power, "right");
  infix("mod", "%", Precedence.product, "left");
  infix("rdiv", "//", Precedence.product, "right");
  infix("xor", "xor", 15, "left");
  infix("eq", "==", 5, "left");
  draft.operators.flip = { name: "flip", arity: 1, syntax: { kind: "prefix", symbol: "~", precedence: 50 } };
  draft.operators.max = { name: "max", arity: 2, syntax: { kind: "call", name: "max" } };
});
