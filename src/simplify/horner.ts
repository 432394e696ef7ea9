import { Rational } from "../term/rational.js";
import { app, num, type Term, withArgs } from "../term/term.js";

/**
 * Horner's form of the polynomials inside a term: every sum that is a polynomial in one
 * variable with at least two terms of positive degree is nested by that variable,
 * `3*x^2 - 6*x + 1` → `x*(3*x - 6) + 1`, `x^3 - 2*x^2 + 5*x` → `x*(x*(x - 2) + 5)`. The
 * variable then appears once per distinct power step instead of once per term, which is
 * often smaller; the simplifier offers it as one more candidate and keeps it only when it is.
 * The value is the same everywhere (only `+`, `*` and natural powers are regrouped).
 *
 * Iterative over the DAG (explicit stack), so deep terms are fine.
 */
export function hornerForm(root: Term): Term {
  const done = new Map<number, Term>();
  const readSums = new Set<number>();
  const chain: Term[] = [];
  const stack: Term[] = [root];
  while (stack.length > 0) {
    const t = stack[stack.length - 1]!;
    if (done.has(t.id)) {
      stack.pop();
      continue;
    }
    if (t.kind !== "app") {
      stack.pop();
      done.set(t.id, t);
      continue;
    }
    // A whole polynomial is nested at its top sum (its parts are numbers and powers). A sum
    // that is not one is read once: the sums inside its chain are not tried again, which
    // would take time quadratic in a long sum's length.
    if ((t.op === "+" || t.op === "-") && !readSums.has(t.id)) {
      chain.length = 0;
      const whole = nested(t, chain);
      for (const sum of chain) readSums.add(sum.id);
      if (whole !== undefined) {
        stack.pop();
        done.set(t.id, whole);
        continue;
      }
    }
    let ready = true;
    for (let i = t.args.length - 1; i >= 0; i--) {
      if (!done.has(t.args[i]!.id)) {
        stack.push(t.args[i]!);
        ready = false;
      }
    }
    if (!ready) continue;
    stack.pop();
    const rebuilt = withArgs(
      t,
      t.args.map((a) => done.get(a.id)!),
    );
    done.set(t.id, rebuilt);
  }
  return done.get(root.id)!;
}

/** One term of a polynomial: `coef * variable^degree`. */
interface Monomial {
  readonly degree: number;
  readonly coef: Rational;
}

/**
 * The Horner form of sum `sum`, or `undefined` when it is not a polynomial worth nesting.
 * The sums read through on the way (`sum` and the sums in its chain) are added to `chain`.
 */
function nested(sum: Term, chain: Term[]): Term | undefined {
  const terms: Monomial[] = [];
  let variable: Term | undefined;
  let failed = false;
  // The addends, with their signs (`a - b` is `a + (-1)*b`); nested sums are read through.
  const pending: [Term, Rational][] = [[sum, Rational.ONE]];
  while (pending.length > 0) {
    const [t, sign] = pending.pop()!;
    if (t.kind === "app" && t.op === "+") {
      chain.push(t);
      pending.push([t.args[1]!, sign], [t.args[0]!, sign]);
      continue;
    }
    if (t.kind === "app" && t.op === "-") {
      chain.push(t);
      pending.push([t.args[1]!, sign.neg()], [t.args[0]!, sign]);
      continue;
    }
    const read = failed ? undefined : monomialOf(t);
    if (read === undefined) {
      failed = true; // still read the whole chain, so none of its sums is tried again
      continue;
    }
    if (read.variable !== undefined) {
      if (variable !== undefined && read.variable !== variable) failed = true;
      variable = read.variable;
    }
    terms.push({ degree: read.degree, coef: read.coef.mul(sign) });
  }
  if (failed || variable === undefined) return undefined;
  // Like degrees are combined; at least two terms must mention the variable.
  const byDegree = new Map<number, Rational>();
  for (const { degree, coef } of terms)
    byDegree.set(degree, (byDegree.get(degree) ?? Rational.ZERO).add(coef));
  const degrees = [...byDegree.keys()].filter((d) => !byDegree.get(d)!.isZero()).sort((a, b) => a - b);
  if (degrees.filter((d) => d > 0).length < 2) return undefined;
  // From the highest degree down: acc = c_i + x^(d_{i+1} - d_i) * acc.
  let acc: Term = num(byDegree.get(degrees[degrees.length - 1]!)!);
  for (let i = degrees.length - 2; i >= 0; i--) {
    const step = power(variable, degrees[i + 1]! - degrees[i]!);
    const product = app("*", [step, acc]);
    acc = app("+", [num(byDegree.get(degrees[i]!)!), product]);
  }
  return degrees[0]! > 0 ? app("*", [power(variable, degrees[0]!), acc]) : acc;
}

function power(variable: Term, degree: number): Term {
  return degree === 1 ? variable : app("^", [variable, num(degree)]);
}

/** `c`, `x`, `x^k`, `c*x`, `c*x^k`, `neg(…)` of those; `undefined` for anything else. */
function monomialOf(t: Term): { variable: Term | undefined; degree: number; coef: Rational } | undefined {
  let coef = Rational.ONE;
  let rest = t;
  if (rest.kind === "app" && rest.op === "neg") {
    coef = coef.neg();
    rest = rest.args[0]!;
  }
  if (rest.kind === "num") return { variable: undefined, degree: 0, coef: coef.mul(rest.value) };
  if (rest.kind === "app" && rest.op === "*" && rest.args[0]!.kind === "num") {
    coef = coef.mul(rest.args[0]!.value);
    rest = rest.args[1]!;
  }
  if (rest.kind === "sym") return { variable: rest, degree: 1, coef };
  if (rest.kind === "app" && rest.op === "^" && rest.args[0]!.kind === "sym") {
    const exponent = rest.args[1]!;
    if (exponent.kind === "num" && exponent.value.isInteger() && exponent.value.isPositive()) {
      const degree = Number(exponent.value.num);
      if (Number.isSafeInteger(degree) && degree <= 64) return { variable: rest.args[0]!, degree, coef };
    }
  }
  return undefined;
}
