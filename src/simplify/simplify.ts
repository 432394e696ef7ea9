import { rationalForms } from "../algebra/rational-form.js";
import { defaultTheory } from "../default-theory.js";
import type { ClassId, EGraph } from "../egraph/egraph.js";
import { DivisionByZeroError, UsageError } from "../errors.js";
import { limitOption, timeLimitOption } from "../limit-option.js";
import { normalize } from "../rewrite/normalize.js";
import { type DomainFact, DomainFacts, domainFacts, validityConditions } from "../rules/domain-facts.js";
import { isNonzero } from "../rules/predicates.js";
import type { RuleSet } from "../rules/rule.js";
import { app, ONE, type Term } from "../term/term.js";
import { dagSize, findInPostorder } from "../term/traverse.js";
import { checkTermFits, type Theory } from "../theory.js";
import { type CanonicalForms, canonicalForms } from "./canonical-form.js";
import { type CostFunction, costOf, operatorWeights, treeSizeCost, unreadability } from "./cost.js";
import { definedNowhere, dividesByLiteralZero, requireDefinedConstants } from "./defined-nowhere.js";
import { findUndefinedConstant } from "./domain.js";
import { hornerForm } from "./horner.js";
import { HumanForm } from "./human-form.js";
import { LazySimplifyReport } from "./lazy-report.js";
import { type SaturationLimits, type StopReason, saturate } from "./saturation.js";
import { tangentsAsQuotients } from "./tangent-quotient.js";
import { TreeSizes } from "./tree-size.js";

/**
 * The simplifier: cleanup rewriting, canonical forms (like terms collected, with and without
 * multiplying out), equality saturation from those forms under limits, extraction of the
 * cheapest equivalent term, and the human printing order.
 *
 * The result is never larger (in tree size) than the input, or than the input's human form
 * when that is larger (`x^(-2)/y` is written `1/(x^2*y)`): when nothing smaller is found, the
 * input itself comes back, in human form. Hitting a limit is not
 * an error: the best term found so far is returned and the report says which limit stopped it.
 * Deterministic: the same input and options give the same output.
 *
 * Domains: wherever the input is defined, the result is defined and equal (Herbie's
 * soundness). The simplifier knows the input's domain facts (`src/rules/domain-facts.ts`:
 * every divisor is nonzero, every `log` argument positive, …), so `x/x` is 1 and
 * `exp(log(x))` is x; the report's `conditions` say where such a result is valid. With
 * `strictDomain` the result is defined exactly where the input is, as far as domain facts
 * tell (a candidate whose facts do not imply the input's is passed over): a divisor is
 * cancelled only when it is nonzero everywhere (`x/x` stays, `exp(x)/exp(x)` is 1), and
 * `0*(1/x)` stays. A constant that folds to a division by zero (`1/0`,
 * `0^-1`) is an error, as in exact evaluation; so is a divisor that cancels to 0, which makes
 * the input defined nowhere (`3/(2*x - (x + x))`: a `ZeroDivisorError` naming `2*x - (x + x)`).
 * An input that is undefined everywhere for another reason (`sign(0)`) comes back unchanged.
 */

/** The rule sets saturation uses by default. */
export const DEFAULT_SIMPLIFY_RULE_SETS: readonly string[] = ["algebra", "trig", "exp-log"];

/**
 * Default limits: small, so that a typical derivative simplifies in a fraction of a millisecond;
 * the canonical forms (and Horner's form) do most of the work and saturation looks for what
 * they miss. Each iteration roughly doubles a small e-graph: on the derivative suite a fourth
 * one took as long as the first three together and saved one node in 49 derivatives
 * (docs/benchmarks.md has the table).
 */
export const DEFAULT_LIMITS: Readonly<SaturationLimits> = {
  nodeLimit: 500,
  iterLimit: 3,
  // A safety net only: the node and iteration limits keep results independent of machine speed.
  timeLimitMs: 1_000,
};

/**
 * Inputs whose tree is this many times larger than their DAG (and large) are heavily shared,
 * like the derivative of a long product: flattening them into sums of products would take
 * time quadratic in their size, so they keep their cleaned-up form.
 */
const SHARING_RATIO = 20;
/** The cleaned-up input joins saturation's start terms when at most this many times larger. */
const SEED_RATIO = 1;
const LARGE_TREE = 50_000;
/** Inputs up to this tree size may come back in their human form when that is larger. */
const HUMAN_BOUND_LIMIT = 10_000;

export interface SimplifyOptions extends Partial<SaturationLimits> {
  /** Operators, rule sets and predicates; default {@link defaultTheory}. */
  readonly theory?: Theory;
  /** Names of the theory's rule sets to saturate with; default {@link DEFAULT_SIMPLIFY_RULE_SETS}. */
  readonly ruleSets?: readonly string[];
  /** Rule set applied first by rewriting; default `cleanup` (skipped when the theory has none). */
  readonly cleanup?: string | false;
  /**
   * Rule set applied by rewriting to the result, kept when it makes the result smaller;
   * default `final` (skipped when the theory has none), e.g. `1/cos(a)^2` → `sec(a)^2`.
   */
  readonly final?: string | false;
  /** Skip equality saturation (canonical forms only). */
  readonly saturate?: boolean;
  /** What to minimise; default tree size. Overrides `weights`. */
  readonly cost?: CostFunction;
  /** Tree size with a weight per operator (default 1), e.g. `{ d: 100 }`; see `operatorWeights`. */
  readonly weights?: Readonly<Record<string, number>>;
  /** Rewrite the result into the human printing order (default true). */
  readonly humanForm?: boolean;
  /** Rewrites the cleanup may make (see `normalize`); default: grows with the input. */
  readonly fuel?: number;
  /** Offer Horner's form of polynomials as a candidate (default true; see `hornerForm`). */
  readonly horner?: boolean;
  /**
   * Keep the result defined exactly where the input is (default false: the result equals the
   * input wherever the input is defined, and may be defined at more points, as `x/x` → 1).
   * When set, no domain facts are assumed (a common factor of a numerator and a denominator
   * cancels only when it is provably nonzero everywhere: a constant, `exp(x)`), the rules
   * marked `:widens-domain` are left out, and a candidate whose domain facts do not imply the
   * input's is passed over.
   */
  readonly strictDomain?: boolean;
  /**
   * Called with the saturated e-graph and the class of the start term, before extraction (not
   * called when saturation is skipped): to keep it, e.g. `egraph.toJSON([root])`. The e-graph is
   * reused afterwards, so copy what you need.
   */
  readonly onSaturated?: (egraph: EGraph<unknown>, root: ClassId) => void;
  /**
   * Terms known to be defined wherever the result is used, whose domain facts hold too: the
   * function being differentiated, for its derivative (`y/(x*y)` is `1/x` where `log(x*y)` is
   * defined). Ignored with `strictDomain`.
   */
  readonly assumeDefined?: readonly Term[];
}

/** Which step produced the returned term. */
export type ResultSource =
  | "saturation"
  | "horner"
  | "rational"
  | "factored"
  | "expanded"
  | "collected"
  | "cleaned"
  | "input";

export interface SimplifyReport {
  /**
   * Why saturation stopped: `saturated`, a limit, or `skipped` when it did not run (turned
   * off, a canonical form already a leaf, start terms over the node limit, an input undefined
   * everywhere).
   */
  readonly stopReason: StopReason;
  readonly iterations: number;
  /** E-nodes and e-classes when saturation stopped. */
  readonly nodes: number;
  readonly classes: number;
  /** Tree sizes of the input and the result. */
  readonly inputSize: number;
  readonly outputSize: number;
  readonly source: ResultSource;
  /**
   * Where the result is valid, when it is defined at more points than the input (and the
   * `assumeDefined` terms): the domain facts of those that the result's own domain does not
   * imply (`x ≠ 0` for `x/x` → `1`); empty when the result needs nothing more, and always
   * with `strictDomain`. Print one with `formatDomainFact`.
   */
  readonly conditions: readonly DomainFact[];
  /** Milliseconds per phase. */
  readonly timeMs: {
    readonly cleanup: number;
    readonly canonical: number;
    readonly saturation: number;
    readonly total: number;
  };
}

export interface SimplifyResult {
  readonly term: Term;
  readonly report: SimplifyReport;
}

const now = () => performance.now();

/**
 * Simplifies `term`.
 *
 * @example
 * ```ts
 * const theory = defaultTheory();
 * const { term } = simplify(parseExpression("(1*x)+(x*1)", { theory }), { theory });
 * printTerm(term, { theory }); // "2*x"
 * ```
 */
export function simplify(term: Term, options: SimplifyOptions = {}): SimplifyResult {
  const start = now();
  const theory = options.theory ?? defaultTheory();
  checkTermFits(term, theory);
  // Checked first, so a NaN or negative limit is an error whichever steps the input needs.
  const limits: SaturationLimits = {
    nodeLimit: limitOption("nodeLimit", options.nodeLimit, DEFAULT_LIMITS.nodeLimit),
    iterLimit: limitOption("iterLimit", options.iterLimit, DEFAULT_LIMITS.iterLimit),
    timeLimitMs: timeLimitOption("timeLimitMs", options.timeLimitMs, DEFAULT_LIMITS.timeLimitMs),
  };
  limitOption("fuel", options.fuel, 1);
  const cost =
    options.cost ?? (options.weights === undefined ? treeSizeCost : operatorWeights(options.weights));
  // A cost of the caller's may prefer x*x to x^2: then the human form leaves products uncollected.
  const human = new HumanForm(theory, {
    collectPowers: options.cost === undefined && options.weights === undefined,
    widenDomain: options.strictDomain !== true,
  });
  const sizes = new TreeSizes();

  const inputSize = sizes.of(term);
  // Defined nowhere for certain (asin(2), 1/0): an error naming the constant or the divisor.
  // Not for a term derived from others assumed defined: the derivative of log(1)^x holds
  // log(log(1)), although log(1)^x is defined for x > 0; such a term is left alone below.
  if (options.assumeDefined === undefined || options.assumeDefined.length === 0)
    requireDefinedConstants(term, theory);
  // A constant that may be undefined only by rounding (exp(1000) - exp(1000)) leaves the input
  // alone: it may be undefined everywhere, and 0*c must not become 0.
  if (findUndefinedConstant(term, theory) !== undefined) return unchanged(term, inputSize, start);
  const strict = options.strictDomain === true;
  const facts = strict ? DomainFacts.NONE : domainFacts([term, ...(options.assumeDefined ?? [])], { theory });
  // With strictDomain, a candidate must need every fact the input needs (0*(1/x) is not 0).
  const inputFacts = strict ? domainFacts([term], { theory }) : facts;
  const definedAsInput = (t: Term) =>
    !strict ||
    t === term ||
    validityConditions(inputFacts, domainFacts([t], { theory }), factoredForm).length === 0;

  const cleanupName = options.cleanup ?? "cleanup";
  const fullCleanupSet = cleanupName === false ? undefined : theory.ruleSets[cleanupName];
  const cleanupSet =
    strict && fullCleanupSet !== undefined ? withoutWidening(fullCleanupSet) : fullCleanupSet;
  const cleaned = cleanupSet === undefined ? term : cleanup(term, cleanupSet, theory, options.fuel);
  if (cleaned === undefined) throw definedNowhere(term, theory);
  const afterCleanup = now();

  const cleanedSize = sizes.of(cleaned);
  const shared = cleanedSize > LARGE_TREE && cleanedSize > SHARING_RATIO * dagSize(cleaned);
  let canonical: CanonicalForms | undefined;
  if (!shared) {
    try {
      canonical = canonicalForms(cleaned, theory, sizes, human, facts);
    } catch (error) {
      // A divisor that cancels to 0 (1/(x - x)): the input is undefined everywhere.
      if (error instanceof DivisionByZeroError) throw definedNowhere(term, theory, error);
      throw error;
    }
  }
  // The rational normal form, read from the collected form (whose atoms are canonical already):
  // numerator and denominator with their common factors cancelled.
  const rationalOptions = {
    cancelDivisors: !strict,
    isNonzero: (atom: Term) => isNonzero(facts.signOf(atom)),
  };
  const rational = canonical === undefined ? undefined : rationalForms(canonical.collected, rationalOptions);
  // With tangents as sine over cosine, when a sine or cosine of the same argument is there
  // for the rational form to cancel against.
  let tangentRational: ReturnType<typeof rationalForms> | undefined;
  let tangentCollected: Term | undefined;
  const quotients = canonical === undefined ? undefined : tangentsAsQuotients(cleaned, theory);
  if (quotients !== undefined) {
    // The domain facts may let the canonical form cancel the cosine itself (tan(x)*cos(x) is
    // sin(x): cos(x) ≠ 0 where tan(x) is defined), leaving no division for the rational form.
    tangentCollected = canonicalForms(quotients, theory, sizes, human, facts).collected;
    tangentRational = rationalForms(tangentCollected, rationalOptions);
  }
  const afterCanonical = now();

  let saturation: ReturnType<typeof saturate> | undefined;
  if (options.saturate !== false && canonical !== undefined) {
    const ruleSets =
      options.ruleSets === undefined
        ? DEFAULT_SIMPLIFY_RULE_SETS.flatMap((name) => theory.ruleSets[name] ?? [])
        : options.ruleSets.map((name) => ruleSetNamed(theory, name));
    const smallest = Math.min(sizes.of(canonical.expanded), sizes.of(canonical.collected));
    // A leaf is the smallest a term can be: nothing for saturation to find (by tree size).
    const minimal = smallest === 1 && cost === treeSizeCost;
    if (ruleSets.length > 0 && !minimal) {
      // From the smaller canonical form, and from the cleaned-up input when it is no larger:
      // rules written against the input's own shape (3*a^2 - 3*b^2) can then match it, while
      // a larger input (a derivative fresh from the rules) would only swell the e-graph. The
      // other canonical form stays a candidate below; seeding it too made the e-graph about
      // half as large again for the same results on the derivative suite.
      // A rational form smaller than both (a common factor cancelled) is the seed instead, so
      // that the rules work on what is left (sin(x)^2 + cos(x)^2 after a cancellation).
      let seed =
        sizes.of(canonical.expanded) <= sizes.of(canonical.collected)
          ? canonical.expanded
          : canonical.collected;
      if (rational !== undefined) {
        for (const form of [rational.factored, rational.expanded])
          if (sizes.of(form) < sizes.of(seed)) seed = form;
      }
      const seeds = [seed];
      if (cleanedSize <= SEED_RATIO * smallest) seeds.push(cleaned);
      saturation = saturate(seeds, {
        theory,
        ruleSets,
        cost,
        ...limits,
        facts,
        strictDomain: strict,
        ...(options.onSaturated === undefined ? {} : { onSaturated: options.onSaturated }),
      });
    }
  }
  const afterSaturation = now();

  // Candidates in order of preference, each scored as it would be printed: in human form,
  // unless that is larger than the input (it may spell x^-2 as the larger 1/x^2).
  // Saturation's term comes after the canonical forms: on a tie the polynomial reading
  // (x + 3*y^2) reads better than whatever equal-size term extraction met first (x + 3*y*y).
  const raw: [ResultSource, Term][] = [];
  if (rational !== undefined) {
    raw.push(["factored", rational.factored], ["rational", rational.expanded]);
    if (rational.mixed !== undefined) raw.push(["rational", rational.mixed]);
    const reduced = rational.reduced;
    if (reduced !== undefined) {
      raw.push(["factored", reduced.factored], ["rational", reduced.expanded]);
      if (reduced.mixed !== undefined) raw.push(["rational", reduced.mixed]);
    }
  }
  if (canonical !== undefined) raw.push(["expanded", canonical.expanded], ["collected", canonical.collected]);
  if (tangentRational !== undefined)
    raw.push(["rational", tangentRational.factored], ["rational", tangentRational.expanded]);
  if (tangentCollected !== undefined) raw.push(["collected", tangentCollected]);
  if (saturation?.term !== undefined) raw.push(["saturation", saturation.term]);
  raw.push(["cleaned", cleaned], ["input", term]);
  const scoreOf = (t: Term) => (cost === treeSizeCost ? sizes.of(t) : costOf(t, cost));
  // Exact arithmetic may build a coefficient floating point cannot hold (x/(1/4)^512 →
  // 4^512*x, Infinity at every x): such a candidate loses to any other unless the input
  // has one too.
  const guardDouble = !hasLiteralBeyondDouble(term);
  // The bound on the result's size: the input's, or its human form's when that is larger, so
  // that x^(-2)/y (5 nodes) may come out as a person writes it, 1/(x^2*y) (7). Not for a large
  // input, whose human form may take long and whose result is far smaller anyway.
  const bound =
    options.humanForm === false || shared || inputSize > HUMAN_BOUND_LIMIT
      ? inputSize
      : Math.max(inputSize, sizes.of(human.of(term)));
  const seen = new Set<Term>();
  let best: [ResultSource, Term] = ["input", term];
  let bestScore = Number.POSITIVE_INFINITY;
  let bestSize = inputSize;
  for (const [source, t] of raw) {
    if (seen.has(t)) continue;
    seen.add(t);
    const rawSize = sizes.of(t);
    // Respelling in human form saves at most a few nodes per term (x + -1*y → x - y), so a
    // raw term half again as large as the best cannot win in practice: skip converting it.
    if (cost === treeSizeCost && rawSize > 1.5 * bestSize + 2) continue;
    const pretty = options.humanForm === false || shared ? t : human.of(t);
    const prettyFits = sizes.of(pretty) <= bound;
    const rawFits = rawSize <= bound;
    if (!prettyFits && !rawFits) continue;
    // Scored as printed: the human form when it fits, else the raw term.
    const chosen = prettyFits ? pretty : t;
    if (guardDouble && hasLiteralBeyondDouble(chosen)) continue;
    if (!definedAsInput(chosen)) continue;
    const score = scoreOf(chosen);
    // Strictly better only: among equal scores and sizes the more textbook form, then the
    // earlier candidate.
    const size = sizes.of(chosen);
    if (
      score < bestScore ||
      (score === bestScore &&
        (size < bestSize || (size === bestSize && unreadability(chosen) < unreadability(best[1]))))
    ) {
      best = [source, chosen];
      bestScore = score;
      bestSize = sizes.of(chosen);
    }
  }

  // Horner's form of the winner: polynomials nested by their variable (3*x^2 - 6*x + 1 →
  // 3*x*(x - 2) + 1), which the rules reach only after several iterations. Kept when smaller.
  if (canonical !== undefined && options.horner !== false && cost === treeSizeCost) {
    const horner = hornerForm(best[1]);
    if (horner !== best[1] && !(guardDouble && hasLiteralBeyondDouble(horner))) {
      const pretty = options.humanForm === false ? horner : human.of(horner);
      const size = Math.min(sizes.of(pretty), sizes.of(horner));
      const chosen = sizes.of(pretty) <= sizes.of(horner) ? pretty : horner;
      if (size < bestSize && definedAsInput(chosen)) {
        best = ["horner", chosen];
        bestSize = size;
      }
    }
  }

  // The `final` rules (abbreviations such as 1/cos(a)^2 → sec(a)^2) on the winner, kept when
  // smaller: applied last, so the canonical forms and saturation still see sin and cos.
  const finalSet = options.final === false ? undefined : theory.ruleSets[options.final ?? "final"];
  if (finalSet !== undefined) {
    const abbreviated = cleanup(best[1], finalSet, theory, options.fuel);
    if (abbreviated !== undefined && abbreviated !== best[1] && scoreOf(abbreviated) < scoreOf(best[1])) {
      best = [best[0], abbreviated];
      bestSize = sizes.of(abbreviated);
    }
  }

  const end = now();
  const result = best[1];
  // A zero divisor the rules brought to light (sin(x)/(sin(x)^2 + cos(x)^2 - 1) → sin(x)/0):
  // the input is defined nowhere, and such a result is never returned.
  if (result !== term && dividesByLiteralZero(result)) throw definedNowhere(term, theory);
  return {
    term: result,
    report: new LazySimplifyReport(
      {
        stopReason: saturation?.stopReason ?? "skipped",
        iterations: saturation?.iterations ?? 0,
        nodes: saturation?.nodes ?? 0,
        classes: saturation?.classes ?? 0,
        inputSize,
        outputSize: bestSize,
        source: best[0],
      },
      // Computed when asked for: most callers never read them.
      () =>
        facts.size === 0 ? [] : validityConditions(facts, domainFacts([result], { theory }), factoredForm),
      {
        cleanup: afterCleanup - start,
        canonical: afterCanonical - afterCleanup,
        saturation: afterSaturation - afterCanonical,
        total: end - start,
      },
    ),
  };
}

/** Whether `term` has a number literal that is not 0 and overflows or underflows a double. */
function hasLiteralBeyondDouble(term: Term): boolean {
  return findInPostorder(term, (t) => t.kind === "num" && !t.value.fitsDouble()) !== undefined;
}

/**
 * A term zero exactly where `t` is, with its polynomial factors pulled apart (`4*x + 4` →
 * `4*(x + 1)`, `1 - x` → `x - 1`), for comparing `≠ 0` facts: the denominator of the factored
 * form of `1/t`; `t` itself when it has none.
 */
function factoredForm(t: Term): Term {
  if (t.kind !== "app") return t;
  const factored = rationalForms(app("/", [ONE, t]), { cancelDivisors: false })?.factored;
  return factored?.kind === "app" && factored.op === "/" ? factored.args[1]! : t;
}

/**
 * The cleanup normal form; `undefined` when folding meets an exact zero divisor. The input
 * has no constant one (see `findUndefinedConstant`), so its divisor became 0 by rewriting
 * (`1/(x - x)`): the input is undefined everywhere.
 */
function cleanup(term: Term, ruleSet: RuleSet, theory: Theory, fuel: number | undefined): Term | undefined {
  try {
    return normalize(term, ruleSet, fuel === undefined ? { theory } : { theory, fuel }).term;
  } catch (error) {
    if (error instanceof DivisionByZeroError) return undefined;
    throw error;
  }
}

/** Rule sets without their `:widens-domain` rules, for `strictDomain`, made once per set. */
const narrowed = new WeakMap<RuleSet, RuleSet>();

/** `set` without the rules marked `:widens-domain` (`set` itself when it has none). */
function withoutWidening(set: RuleSet): RuleSet {
  let result = narrowed.get(set);
  if (result === undefined) {
    const rules = set.rules.filter((r) => r.widensDomain !== true);
    result = rules.length === set.rules.length ? set : { ...set, rules };
    narrowed.set(set, result);
  }
  return result;
}

/** The result for an input undefined everywhere: the input itself. */
function unchanged(term: Term, size: number, start: number): SimplifyResult {
  const total = now() - start;
  return {
    term,
    report: {
      stopReason: "skipped",
      iterations: 0,
      nodes: 0,
      classes: 0,
      inputSize: size,
      outputSize: size,
      source: "input",
      conditions: [],
      timeMs: { cleanup: 0, canonical: 0, saturation: 0, total },
    },
  };
}

function ruleSetNamed(theory: Theory, name: string): RuleSet {
  const set = theory.ruleSets[name];
  if (set === undefined) {
    const known = Object.keys(theory.ruleSets).sort().join(", ");
    throw new UsageError(`no rule set '${name}' to simplify with (known: ${known})`);
  }
  return set;
}
