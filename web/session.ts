// The report's types and printer only: dsat/check as a whole would bring fast-check into the page.
import { type CheckReport, formatCounterexample } from "../src/check/report.js";
import {
  app,
  Differentiator,
  DsatError,
  declaredMeaningOf,
  defaultTheory,
  diff,
  egraph,
  expandDefinitions,
  explain,
  formatDomainFact,
  freeVariables,
  gradient,
  hessian,
  loadRuleTexts,
  normalize,
  parseExpression,
  printTerm,
  type Rule,
  RuleFileError,
  ruleSetOf,
  type SimplifyReport,
  simplify,
  simplifyRuleSets,
  sym,
  type Term,
  type Theory,
  UnresolvedDerivativeError,
} from "../src/index.js";

/**
 * What the playground computes, apart from the page: the state it shares in the URL, the
 * theory the user's rules make, and every result the panes show. No DOM here, so the tests
 * run it in Node too.
 */

/** The whole state of the page; the URL's fragment holds it, so a link reproduces it. */
export interface PlaygroundState {
  readonly expression: string;
  readonly variable: string;
  /** The expression `equal` compares with (empty: none). */
  readonly compareWith: string;
  /** The user's rules and operator declarations, in the rules-file language. */
  readonly rules: string;
}

/** The file name the user's rules carry in origins, errors and links. */
export const USER_RULES_FILE = "playground.rules";

export const DEFAULT_STATE: PlaygroundState = {
  expression: "x^2 + x*y + y^3",
  variable: "x",
  compareWith: "",
  rules:
    "; Your operators and rules, as in a .rules file, for example:\n; (operator sigmoid 1 :eval (/ 1 (+ 1 (exp (neg ?0)))))\n",
};

const KEYS = { expression: "e", variable: "v", compareWith: "c", rules: "r" } as const;

/** The state as a URL fragment: `#e=…&v=x&c=…&r=…`. */
export function stateToHash(state: PlaygroundState): string {
  const params = new URLSearchParams();
  for (const [field, key] of Object.entries(KEYS)) {
    const value = state[field as keyof PlaygroundState];
    if (value !== "") params.set(key, value);
  }
  return `#${params.toString()}`;
}

/** The state a fragment describes; the defaults for what it leaves out (all of it when empty). */
export function stateFromHash(hash: string): PlaygroundState {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  if (text === "") return DEFAULT_STATE;
  const params = new URLSearchParams(text);
  return {
    expression: params.get(KEYS.expression) ?? DEFAULT_STATE.expression,
    variable: params.get(KEYS.variable) ?? DEFAULT_STATE.variable,
    compareWith: params.get(KEYS.compareWith) ?? "",
    rules: params.get(KEYS.rules) ?? "",
  };
}

/** A rules-file problem, where the editor marks it (1-based line and column, and offsets). */
export interface RulesProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly from: number;
  readonly to: number;
}

/** The theory the user's rules make, or the default one and the problem that stopped them. */
export interface RulesOutcome {
  readonly theory: Theory;
  readonly problem: RulesProblem | undefined;
}

/** `text` (the editor's rules) loaded over the default theory. */
export function theoryFromRules(text: string): RulesOutcome {
  if (text.trim() === "") return { theory: defaultTheory(), problem: undefined };
  try {
    return {
      theory: loadRuleTexts(defaultTheory(), [{ file: USER_RULES_FILE, text }]),
      problem: undefined,
    };
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    const { line, column } = error.position;
    const from = offsetOf(text, line, column);
    const lineEnd = text.indexOf("\n", from);
    const to = Math.max(from + 1, Math.min(lineEnd === -1 ? text.length : lineEnd, from + 40));
    return {
      theory: defaultTheory(),
      problem: { message: error.reason, line, column, from, to: Math.min(to, text.length) },
    };
  }
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

/** A result in both forms the page shows. */
export interface Shown {
  readonly infix: string;
  readonly latex: string;
}

/** Where a rule is written: a shipped file (`rules/diff.rules`) or the user's, and the line. */
export interface RuleLink {
  readonly name: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
}

/** One step of a shown derivation: the rule, and the subterm it changed. */
export interface Step {
  readonly rule: RuleLink | undefined;
  /** `constant folding`, `given`, or the rule's name; `(backward)` when used right to left. */
  readonly label: string;
  readonly before: string;
  readonly after: string;
  /** The whole term after the step. */
  readonly term: string;
}

export interface ExpressionResults {
  readonly input: Shown;
  /**
   * Operators declared with `:eval` but without a derivative rule, which were differentiated
   * through their definitions (empty when the rules sufficed).
   */
  readonly throughDefinitions: readonly string[];
  readonly variables: readonly string[];
  readonly raw: Shown;
  /** The derivative simplified on f's domain, as `dsat diff` gives it. */
  readonly simplified: Shown;
  /** The simplifier's report on it; its `conditions` are printed in {@link conditions}. */
  readonly simplifyReport: SimplifyReport;
  /** `simplify(f)` itself. */
  readonly simplifiedInput: Shown;
  /**
   * Where the simplified derivative is valid beyond f's domain, when it is defined more widely
   * (the simplifier's `report.conditions`, printed): `x ≠ 0`.
   */
  readonly conditions: readonly string[];
  /** The same for `simplify(f)` against f. */
  readonly inputConditions: readonly string[];
  readonly equal: { readonly shown: boolean; readonly text: string } | undefined;
  readonly gradient: readonly Shown[];
  readonly hessian: readonly (readonly Shown[])[];
  /** The `diff` rules as they fired. */
  readonly diffSteps: readonly Step[];
  /** The checked proof from the raw derivative to the simplified one (as `dsat diff --explain`). */
  readonly proofSteps: readonly Step[] | undefined;
  readonly proofStop: string;
  readonly timeMs: number;
}

/** Up to this many diff rule applications are listed (a large derivative lists the first ones). */
const MAX_LISTED_STEPS = 200;

/**
 * Everything the expression pane and the steps pane show for `state`, under `theory`. Throws
 * a `DsatError` for an expression or variable that cannot be read.
 */
export function computeResults(state: PlaygroundState, theory: Theory): ExpressionResults {
  const started = performance.now();
  const show = (t: Term): Shown => ({
    infix: printTerm(t, { format: "infix", theory }),
    latex: printTerm(t, { format: "latex", theory }),
  });
  const term = parseExpression(state.expression, { theory });
  const variable = state.variable.trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) throw new DsatError(`'${variable}' is not a variable name`);
  const { differentiated, expanded } = differentiable(term, variable, theory);
  const raw = diff(differentiated, variable, { theory, raw: true });
  const ruleSets = simplifyRuleSets(theory);
  // As `dsat diff`: the raw derivative simplified on the function's domain (the simplifier
  // starts with the cleanup rules itself).
  const simplified = simplify(raw, { theory, ruleSets, assumeDefined: [differentiated] });
  const simplifiedInput = simplify(term, { theory, ruleSets });
  const variables = freeVariables(term);
  const vars = variables.length === 0 ? [variable] : variables;
  // One differentiator, so the Hessian reuses the gradient's entries.
  const derivatives = new Differentiator({ theory, simplify: { ruleSets } });
  const grad = gradient(differentiated, vars, derivatives);
  const hess = vars.length <= 4 ? hessian(differentiated, vars, derivatives) : [];
  const printed = (report: SimplifyReport) => report.conditions.map((c) => formatDomainFact(c, { theory }));
  let equal: ExpressionResults["equal"];
  if (state.compareWith.trim() !== "") {
    const other = parseExpression(state.compareWith, { theory });
    const proved = explain.proveEqual(term, other, {
      theory,
      ruleSets: explain.explanationRuleSets(theory, ruleSets),
    });
    equal =
      proved.proof === undefined
        ? { shown: false, text: `not shown equal within limits (${explain.describeStop(proved)})` }
        : { shown: true, text: `equal (checked proof of ${proved.proof.steps.length} steps)` };
  }
  // The term the diff rules rewrite, (d variable term), traced rule by rule.
  const traced = normalize(app("d", [sym(variable), differentiated]), ruleSetOf(theory, "diff"), {
    theory,
    trace: true,
  });
  const diffSteps = (traced.trace ?? []).slice(0, MAX_LISTED_STEPS).map((step) => {
    const rule = ruleByName(theory, "diff", step.rule);
    return {
      rule: linkOf(step.rule, rule),
      label: step.rule,
      before: printTerm(step.before, { format: "infix", theory }),
      after: printTerm(step.after, { format: "infix", theory }),
      term: "",
    };
  });
  const proved = explain.proveEqual(raw, simplified.term, {
    theory,
    ruleSets: explain.explanationRuleSets(theory, ruleSets),
  });
  return {
    input: show(term),
    throughDefinitions: expanded,
    variables: vars,
    raw: show(raw),
    simplified: show(simplified.term),
    simplifyReport: simplified.report,
    simplifiedInput: show(simplifiedInput.term),
    conditions: printed(simplified.report),
    inputConditions: printed(simplifiedInput.report),
    equal,
    gradient: grad.map(show),
    hessian: hess.map((row) => row.map(show)),
    diffSteps,
    proofSteps: proved.proof === undefined ? undefined : proofSteps(proved.proof, theory),
    proofStop: explain.describeStop(proved),
    timeMs: performance.now() - started,
  };
}

/**
 * `term`, or, when the diff rules cannot differentiate an operator that has an `:eval`
 * definition (a user just declared it, with no `d` rule yet), `term` with the definitions of
 * such operators written out, which the rules can differentiate; and which operators those were.
 */
function differentiable(
  term: Term,
  variable: string,
  theory: Theory,
): { differentiated: Term; expanded: string[] } {
  const expanded: string[] = [];
  let current = term;
  for (;;) {
    try {
      diff(current, variable, { theory, raw: true });
      return { differentiated: current, expanded };
    } catch (error) {
      const spec = error instanceof UnresolvedDerivativeError ? theory.operators[error.operator] : undefined;
      if (spec === undefined || declaredMeaningOf(spec)?.kind !== "eval" || expanded.includes(spec.name))
        throw error;
      expanded.push(spec.name);
      current = expandDefinitions(current, { theory });
    }
  }
}

function ruleByName(theory: Theory, ruleSet: string | undefined, name: string | undefined): Rule | undefined {
  return explain.findRule(theory, ruleSet, name);
}

function linkOf(name: string, rule: Rule | undefined): RuleLink | undefined {
  if (rule === undefined) return undefined;
  return { name, file: rule.origin?.file, line: rule.origin?.position.line };
}

function proofSteps(
  proof: NonNullable<ReturnType<typeof explain.proveEqual>["proof"]>,
  theory: Theory,
): Step[] {
  const steps: Step[] = [];
  let previous = proof.start;
  for (const step of proof.steps) {
    const before = egraph.subtermAt(previous, step.position);
    const after = egraph.subtermAt(step.term, step.position);
    const rule = step.kind === "rule" ? ruleByName(theory, step.ruleSet, step.rule) : undefined;
    const name =
      step.kind === "fold" ? "constant folding" : step.kind === "given" ? "given" : (step.rule ?? "?");
    steps.push({
      rule: rule === undefined ? undefined : linkOf(name, rule),
      label: step.direction === "backward" ? `${name} (backward)` : name,
      before: before === undefined ? "" : printTerm(before, { format: "infix", theory }),
      after: after === undefined ? "" : printTerm(after, { format: "infix", theory }),
      term: printTerm(step.term, { format: "infix", theory }),
    });
    previous = step.term;
  }
  return steps;
}

/** The e-graph pane's content: the picture, and the runner's report beside it. */
export interface EgraphView {
  readonly picture: explain.EgraphPicture;
  /** The runner's report as the pane prints it: stop reason, sizes, time, the rules that applied most. */
  readonly report: string;
  /** Whether it is small enough to draw legibly (a larger e-graph draws as a tangle). */
  readonly drawable: boolean;
}

/** Larger e-graphs draw as an unreadable tangle. */
export const MAX_DRAWN_NODES = 400;

/** The e-graph of the state's expression after saturation with the simplifier's rules. */
export function egraphView(state: PlaygroundState, theory: Theory): EgraphView {
  const term = parseExpression(state.expression, { theory });
  const picture = explain.egraphPicture(term, { theory, saturateWith: simplifyRuleSets(theory) });
  return {
    picture,
    report: picture.report === undefined ? "" : formatRunReport(picture.report, picture),
    drawable: picture.nodes <= MAX_DRAWN_NODES,
  };
}

function formatRunReport(report: egraph.RunReport, picture: explain.EgraphPicture): string {
  const applied = report.rules
    .filter((r) => r.applied > 0)
    .sort((a, b) => b.applied - a.applied)
    .slice(0, 8)
    .map((r) => `  ${r.name}: ${r.applied}`);
  return [
    `stop reason: ${report.stopReason}`,
    `iterations:  ${report.iterations}`,
    `e-nodes:     ${picture.nodes}`,
    `e-classes:   ${picture.classes}`,
    `time:        ${report.totalMs.toFixed(1)} ms`,
    "rules applied most:",
    ...applied,
  ].join("\n");
}

/** One finding of the soundness check, for the editor's side panel. */
export interface CheckFinding {
  readonly rule: string;
  readonly line: number | undefined;
  readonly severity: string;
  readonly kind: string;
  readonly text: string;
}

/** The findings of a `checkRules` report on the user's rules, counterexamples shrunk and written out, errors first. */
export function findingsOf(report: CheckReport): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const { rule, findings: found } of report.rules) {
    for (const finding of found) {
      // Notes matter here only with a counterexample (a rule that disagrees where an earlier one wins).
      if (finding.severity === "note" && finding.counterexample === undefined) continue;
      const example =
        finding.counterexample === undefined ? "" : formatCounterexample(finding.counterexample);
      findings.push({
        rule: rule.name,
        line: rule.origin?.position.line,
        severity: finding.severity,
        kind: finding.kind,
        text: [example, finding.summary].filter((s) => s !== "").join(" — "),
      });
    }
  }
  const rank = { error: 0, warning: 1, note: 2 } as Record<string, number>;
  return findings.sort((a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3));
}
