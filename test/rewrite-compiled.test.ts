import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultTheory } from "../src/default-theory.js";
import { LimitError } from "../src/errors.js";
import { CompiledRule } from "../src/rewrite/compiled-rule.js";
import { foldConstantApplication } from "../src/rewrite/fold-constants.js";
import { applyRuleAtRoot, instantiate, match } from "../src/rewrite/match.js";
import { FOLD_CONSTANTS, type NormalizeResult, normalize, type TraceStep } from "../src/rewrite/normalize.js";
import { RuleIndex } from "../src/rewrite/rule-index.js";
import type { Condition, Rule, RuleSet } from "../src/rules/rule.js";
import { app, num, sym, type Term } from "../src/term/term.js";
import { baseTheory, extend, type Theory } from "../src/theory.js";
import { pattern, rule, term } from "./support/rules.js";

/**
 * The compiled rewriting engine (compiled rules, the rule index, the normalizer's scratch
 * state) must behave exactly like the plain definitions it replaced: `match` + conditions +
 * `instantiate` for one rule, and innermost normalisation trying every rule in file order.
 */

// Small terms and patterns over a few operators, so that random patterns often match.
const groundLeaves = [sym("x"), sym("y"), num(0), num(1), num(2)];
const variables = ["?a", "?b", "?c"].map(sym);

function trees(leaf: fc.Arbitrary<Term>): fc.Arbitrary<Term> {
  return fc.letrec<{ t: Term }>((tie) => ({
    t: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc
        .tuple(fc.constantFrom("+", "*", "-"), tie("t"), tie("t"))
        .map(([op, a, b]) => app(op, [a, b]) as Term),
      fc.tuple(fc.constantFrom("neg", "sin"), tie("t")).map(([op, a]) => app(op, [a]) as Term),
    ),
  })).t;
}
const groundTerms = trees(fc.constantFrom(...groundLeaves));
const patterns = trees(fc.oneof(fc.constantFrom(...groundLeaves), fc.constantFrom(...variables)));
const conditions: fc.Arbitrary<Condition[]> = fc.array(
  fc.oneof(
    fc
      .tuple(fc.constantFrom("const?", "var?", "nonzero?"), patterns)
      .map(([predicate, a]) => ({ predicate, args: [a] })),
    fc
      .tuple(fc.constantFrom("!=", "free-of"), patterns, patterns)
      .map(([predicate, a, b]) => ({ predicate, args: [a, b] })),
  ),
  { maxLength: 2 },
);
let ruleCount = 0;
const rules: fc.Arbitrary<Rule> = fc
  .tuple(patterns, patterns, conditions)
  .map(([lhs, rhs, conds]) => ({ name: `r${ruleCount++}`, lhs, rhs, direction: "=>", conditions: conds }));

/** A term that the left side of `r` often matches: it instantiated with random terms, or a random term. */
function subjectFor(r: Rule): fc.Arbitrary<Term> {
  const instance = fc.tuple(groundTerms, groundTerms, groundTerms).map(([a, b, c]) =>
    instantiate(
      r.lhs,
      new Map([
        ["?a", a],
        ["?b", b],
        ["?c", c],
      ]),
    ),
  );
  return fc.oneof(instance, groundTerms);
}

/** What running `f` gives: its value, or the class and message of what it threw. */
function outcome<T>(f: () => T): { value: T } | { error: string } {
  try {
    return { value: f() };
  } catch (error) {
    return { error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
  }
}

/**
 * The definition of `normalize`: innermost, memoised on term ids, folding first, then every
 * rule in file order through `applyRuleAtRoot`; a recursion-free copy of the engine before it
 * was compiled, kept small because the terms here are small.
 */
function referenceNormalize(
  root: Term,
  ruleSet: RuleSet,
  theory: Theory,
  fuel: number,
  trace: TraceStep[],
): NormalizeResult {
  const normal = new Map<number, Term>();
  const fired = new Map<string, number>();
  let steps = 0;
  const record = (name: string, before: Term, after: Term) => {
    if (steps >= fuel) {
      const most = [...fired.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 5)
        .map(([n, c]) => `${n} (${c})`)
        .join(", ");
      throw new LimitError(
        "fuel",
        `rule set '${ruleSet.name}' did not terminate within ${fuel} rewrites (the fuel given; raise it with --fuel); most fired: ${most || "none"}`,
      );
    }
    steps++;
    fired.set(name, (fired.get(name) ?? 0) + 1);
    trace.push({ rule: name, before, after });
  };
  const rewriteRoot = (t: Term): Term | undefined => {
    if (ruleSet.foldConstants) {
      const folded = foldConstantApplication(t, theory);
      if (folded !== undefined && folded !== t) {
        record(FOLD_CONSTANTS, t, folded);
        return folded;
      }
    }
    for (const r of ruleSet.rules) {
      const next = applyRuleAtRoot(r, t, theory);
      if (next !== undefined && next !== t) {
        record(r.name, t, next);
        return next;
      }
    }
    return undefined;
  };
  // Frames: [term, phase, rebuilt, rewrite]; phase 0 expand, 1 reduce, 2 alias.
  const stack: [Term, number, Term?, Term?][] = [[root, 0]];
  while (stack.length > 0) {
    const [t, phase, rebuiltAlias, rewrite] = stack[stack.length - 1]!;
    if (phase === 2) {
      const result = normal.get(rewrite!.id)!;
      normal.set(t.id, result);
      normal.set(rebuiltAlias!.id, result);
      stack.pop();
      continue;
    }
    if (phase === 0) {
      if (normal.has(t.id)) {
        stack.pop();
        continue;
      }
      if (t.kind === "app") {
        stack[stack.length - 1]![1] = 1;
        for (let i = t.args.length - 1; i >= 0; i--)
          if (!normal.has(t.args[i]!.id)) stack.push([t.args[i]!, 0]);
        continue;
      }
    }
    stack.pop();
    const rebuilt =
      t.kind === "app"
        ? app(
            t.op,
            t.args.map((a) => normal.get(a.id)!),
          )
        : t;
    if (rebuilt !== t && normal.has(rebuilt.id)) {
      normal.set(t.id, normal.get(rebuilt.id)!);
      continue;
    }
    const next = rewriteRoot(rebuilt);
    if (next === undefined) {
      normal.set(t.id, rebuilt);
      normal.set(rebuilt.id, rebuilt);
      continue;
    }
    const known = normal.get(next.id);
    if (known !== undefined) {
      normal.set(t.id, known);
      normal.set(rebuilt.id, known);
      continue;
    }
    stack.push([t, 2, rebuilt, next], [next, 0]);
  }
  return { term: normal.get(root.id)!, steps, trace };
}

function normalizeOutcome(t: Term, ruleSet: RuleSet, theory: Theory, fuel: number) {
  return outcome(() => normalize(t, ruleSet, { theory, fuel, trace: true }));
}
function referenceOutcome(t: Term, ruleSet: RuleSet, theory: Theory, fuel: number) {
  return outcome(() => referenceNormalize(t, ruleSet, theory, fuel, []));
}

describe("compiled rules", () => {
  it("rewrite exactly like match, conditions and instantiate (errors included)", () => {
    fc.assert(
      fc.property(
        rules.chain((r) => fc.tuple(fc.constant(r), subjectFor(r))),
        ([r, subject]) => {
          const compiled = new CompiledRule(r);
          const slots = compiled.newSlots();
          expect(outcome(() => compiled.rewrite(subject, slots, baseTheory))).toEqual(
            outcome(() => applyRuleAtRoot(r, subject, baseTheory)),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("number repeated variables once, so non-linear patterns compare by identity", () => {
    const compiled = new CompiledRule(rule("same", "(* ?a (+ ?b ?a))", "(- ?b ?a)"));
    const slots = compiled.newSlots();
    expect(compiled.slotCount).toBe(2);
    expect(compiled.rewrite(term("(* (sin x) (+ y (sin x)))"), slots, baseTheory)).toBe(
      term("(- y (sin x))"),
    );
    expect(compiled.rewrite(term("(* (sin x) (+ y (sin y)))"), slots, baseTheory)).toBeUndefined();
  });

  it("report a right-side variable the left side does not bind only when the rule fires", () => {
    const compiled = new CompiledRule(rule("loose", "(sin ?a)", "(+ ?a ?b)"));
    const slots = compiled.newSlots();
    expect(compiled.rewrite(term("(cos x)"), slots, baseTheory)).toBeUndefined();
    expect(() => compiled.rewrite(term("(sin x)"), slots, baseTheory)).toThrow("variable '?b' has no value");
  });

  it("look predicates up in the theory they are given, each time it changes", () => {
    const guarded = new CompiledRule({
      ...rule("g", "(sin ?a)", "0"),
      conditions: [{ predicate: "small?", args: [pattern("?a")] }],
    });
    const slots = guarded.newSlots();
    expect(() => guarded.rewrite(term("(sin x)"), slots, baseTheory)).toThrow("unknown predicate 'small?'");
    const withSmall = extend(baseTheory, (draft) => {
      draft.predicates["small?"] = {
        name: "small?",
        arity: 1,
        description: "a leaf",
        holds: ([a]) => a!.kind !== "app",
      };
    });
    expect(guarded.rewrite(term("(sin x)"), slots, withSmall)).toBe(term("0"));
    expect(guarded.rewrite(term("(sin (sin x))"), slots, withSmall)).toBeUndefined();
    expect(() => guarded.rewrite(term("(sin x)"), slots, baseTheory)).toThrow("unknown predicate 'small?'");
  });
});

describe("rule index", () => {
  it("offers, in file order, every rule whose left side matches at the root", () => {
    fc.assert(
      fc.property(
        fc.array(rules, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        groundTerms,
        (ruleList, pick, other) => {
          const ruleSet: RuleSet = { name: "t", rules: ruleList };
          const index = new RuleIndex(ruleSet);
          // A subject shaped like one of the rules, or any term.
          const shaped = instantiate(
            ruleList[pick % ruleList.length]!.lhs,
            new Map([
              ["?a", other],
              ["?b", other],
              ["?c", other],
            ]),
          );
          for (const subject of [shaped, other]) {
            const offered = index.candidates(subject);
            for (let i = 1; i < offered.length; i++) expect(offered[i]!).toBeGreaterThan(offered[i - 1]!);
            ruleList.forEach((r, position) => {
              if (match(r.lhs, subject) !== undefined) expect(offered).toContain(position);
            });
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("splits the derivative rules by what is differentiated", () => {
    const index = new RuleIndex(defaultTheory().ruleSets.diff!);
    const names = (t: Term) => index.candidates(t).map((p) => index.rules[p]!.rule.name);
    expect(names(term("(d x (sin x))"))).toEqual(["d-same-var", "d-other-var", "d-const", "d-sin"]);
    expect(names(term("(d x y)"))).toEqual(["d-same-var", "d-other-var", "d-const"]);
    expect(names(term("(sin x)"))).toEqual([]);
    expect(index.leavesAreNormal).toBe(true);
  });
});

describe("normalize agrees with its definition", () => {
  it("on the shipped derivative and cleanup rules", () => {
    const theory = defaultTheory();
    const diffTerms = groundTerms.map((t) => app("d", [sym("x"), t]) as Term);
    fc.assert(
      fc.property(diffTerms, (t) => {
        const diffSet = theory.ruleSets.diff!;
        const cleanupSet = theory.ruleSets.cleanup!;
        const raw = normalizeOutcome(t, diffSet, theory, 10_000);
        expect(raw).toEqual(referenceOutcome(t, diffSet, theory, 10_000));
        if ("value" in raw) {
          expect(normalizeOutcome(raw.value.term, cleanupSet, theory, 10_000)).toEqual(
            referenceOutcome(raw.value.term, cleanupSet, theory, 10_000),
          );
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("on random rule sets, with leaf and catch-all rules, folding, fuel and traces", () => {
    const leafRules = fc.constantFrom(
      [] as Rule[],
      [rule("two", "2", "(+ 1 1)")],
      [rule("any-sin", "?a", "(sin ?a)", [{ predicate: "const?", args: [pattern("?a")] }])],
    );
    fc.assert(
      fc.property(
        fc.array(rules, { maxLength: 6 }),
        leafRules,
        fc.boolean(),
        groundTerms,
        fc.integer({ min: 0, max: 60 }),
        (ruleList, extra, fold, t, fuel) => {
          const ruleSet: RuleSet = { name: "random", rules: [...ruleList, ...extra], foldConstants: fold };
          expect(normalizeOutcome(t, ruleSet, baseTheory, fuel)).toEqual(
            referenceOutcome(t, ruleSet, baseTheory, fuel),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("when a predicate normalises too (each run keeps its own scratch state)", () => {
    const inner: RuleSet = { name: "inner", rules: [rule("mul-one", "(* ?a 1)", "?a")] };
    const theory = extend(baseTheory, (draft) => {
      draft.predicates["simple?"] = {
        name: "simple?",
        arity: 1,
        description: "a leaf once multiplications by one are gone",
        holds: ([a]) => normalize(a!, inner, { theory: baseTheory }).term.kind !== "app",
      };
    });
    const outer: RuleSet = {
      name: "outer",
      rules: [
        {
          ...rule("sin-simple", "(sin ?a)", "?a"),
          conditions: [{ predicate: "simple?", args: [pattern("?a")] }],
        },
      ],
    };
    const t = term("(+ (sin (* x 1)) (sin (* (* y 1) 1)))");
    const result = normalize(t, outer, { theory, trace: true });
    expect(result.term).toBe(term("(+ (* x 1) (* (* y 1) 1))"));
    expect(result).toEqual(referenceNormalize(t, outer, theory, 1_000_000, []));
  });
});
