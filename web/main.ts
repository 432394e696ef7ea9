import "katex/dist/katex.min.css";
import "./style.css";
import katex from "katex";
import { egraph, shippedRuleFiles, type Theory } from "../src/index.js";
import type { CheckAnswer, CheckRequest } from "./check-worker.js";
import { createRulesEditor } from "./rules-editor.js";
import {
  computeResults,
  type ExpressionResults,
  egraphView,
  MAX_DRAWN_NODES,
  type PlaygroundState,
  type RuleLink,
  type Shown,
  type Step,
  stateFromHash,
  stateToHash,
  theoryFromRules,
  USER_RULES_FILE,
} from "./session.js";

/**
 * The playground page: wires the panes to the session (`session.ts`), the rules editor and the
 * check worker. Every change recomputes from the state, which is mirrored into the URL.
 */

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const expressionInput = element<HTMLInputElement>("expression");
const variableInput = element<HTMLInputElement>("variable");
const compareInput = element<HTMLInputElement>("compare");

let state: PlaygroundState = stateFromHash(location.hash);
let theory: Theory = theoryFromRules(state.rules).theory;
let firstResult = true;

expressionInput.value = state.expression;
variableInput.value = state.variable;
compareInput.value = state.compareWith;

const editor = createRulesEditor(element("editor"), state.rules, (rules) => update({ rules }));

/** `tex` typeset by KaTeX into a new element (a KaTeX error shows as red source, never throws). */
function typeset(tex: string, display = false): HTMLElement {
  const span = document.createElement("span");
  span.className = "tex";
  katex.render(tex, span, { throwOnError: false, displayMode: display });
  return span;
}

function code(text: string): HTMLElement {
  const c = document.createElement("code");
  c.textContent = text;
  return c;
}

function row(table: HTMLTableElement, label: string, shown: Shown | undefined, extra?: HTMLElement): void {
  const tr = table.insertRow();
  const th = document.createElement("th");
  th.textContent = label;
  tr.append(th);
  const infix = tr.insertCell();
  const tex = tr.insertCell();
  infix.className = "infix";
  tex.className = "typeset";
  if (shown !== undefined) {
    infix.append(code(shown.infix));
    tex.append(typeset(shown.latex));
  }
  if (extra !== undefined) infix.append(extra);
}

function vectorTex(entries: readonly Shown[]): string {
  return `\\begin{pmatrix}${entries.map((e) => e.latex).join(" \\\\ ")}\\end{pmatrix}`;
}

function renderResults(results: ExpressionResults): void {
  const table = element<HTMLTableElement>("results");
  table.replaceChildren();
  const v = variableInput.value.trim();
  row(table, "f", results.input);
  row(table, `d/d${v}, raw`, results.raw);
  row(table, `d/d${v}, simplified`, results.simplified);
  row(table, "simplify(f)", results.simplifiedInput);
  if (results.equal !== undefined) {
    const eq = table.insertRow();
    eq.innerHTML = "<th>equal</th>";
    const cell = eq.insertCell();
    cell.colSpan = 2;
    cell.className = results.equal.shown ? "yes" : "no";
    cell.textContent = results.equal.text;
  }
  const vars = `(${results.variables.join(", ")})`;
  row(table, `∇f ${vars}`, {
    infix: `[${results.gradient.map((g) => g.infix).join(", ")}]`,
    latex: vectorTex(results.gradient),
  });
  if (results.hessian.length > 0) {
    row(table, "Hessian", {
      infix: `[${results.hessian.map((r) => `[${r.map((h) => h.infix).join(", ")}]`).join(", ")}]`,
      latex: `\\begin{pmatrix}${results.hessian.map((r) => r.map((h) => h.latex).join(" & ")).join(" \\\\ ")}\\end{pmatrix}`,
    });
  }
  const note = element("definitions-note");
  note.hidden = results.throughDefinitions.length === 0;
  note.textContent = `No derivative rule for ${results.throughDefinitions.join(", ")}: differentiated through its :eval definition (add a d rule in your rules to keep it by name).`;
  const conditions = element("conditions");
  const notes = [
    ...(results.conditions.length === 0
      ? []
      : [`d/d${v}, simplified, equals the derivative of f where ${results.conditions.join(" and ")}`]),
    ...(results.inputConditions.length === 0
      ? []
      : [`simplify(f) equals f where ${results.inputConditions.join(" and ")}`]),
  ];
  conditions.hidden = notes.length === 0;
  conditions.textContent = `Validity: ${notes.join("; ")} (the simplified form is defined more widely).`;
  const r = results.simplifyReport;
  element("timing").textContent =
    `computed in ${results.timeMs.toFixed(1)} ms · simplifier: ${r.stopReason}, ${r.iterations} iterations, ${r.nodes} e-nodes, size ${r.inputSize} → ${r.outputSize}`;
}

function ruleButton(link: RuleLink | undefined, label: string): HTMLElement {
  if (link === undefined || link.file === undefined) {
    const span = document.createElement("span");
    span.className = "rule";
    span.textContent = label;
    return span;
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = "rule-link";
  button.textContent = label;
  button.title = `${link.file}:${link.line}`;
  button.addEventListener("click", () => showSource(link.file!, link.line));
  return button;
}

function stepList(steps: readonly Step[], withTerms: boolean): HTMLElement {
  const list = document.createElement("ol");
  list.className = "steps";
  for (const step of steps) {
    const li = document.createElement("li");
    li.append(ruleButton(step.rule, step.label), " ", code(`${step.before} → ${step.after}`));
    if (withTerms) li.append(document.createElement("br"), code(`= ${step.term}`));
    list.append(li);
  }
  return list;
}

function renderSteps(results: ExpressionResults): void {
  const steps = element("steps");
  steps.replaceChildren();
  const h3 = document.createElement("h3");
  h3.textContent = `Differentiation: the diff rules as they fired (${results.diffSteps.length})`;
  steps.append(h3, stepList(results.diffSteps, false));
  const h3b = document.createElement("h3");
  steps.append(h3b);
  if (results.proofSteps === undefined) {
    h3b.textContent = "Tidying: not explained within limits";
    steps.append(code(results.proofStop));
  } else {
    h3b.textContent = `Tidying: checked proof from the raw derivative to the result (${results.proofSteps.length} steps)`;
    steps.append(code(`  ${results.raw.infix}`), stepList(results.proofSteps, true));
  }
}

/** Shows `file` in the rules source pane with `line` highlighted; the user's rules in the editor. */
function showSource(file: string, line?: number): void {
  if (file === USER_RULES_FILE) {
    if (line !== undefined) editor.goToLine(line);
    return;
  }
  const select = element<HTMLSelectElement>("source-file");
  select.value = file;
  const source = element("source");
  source.replaceChildren();
  const shipped = shippedRuleFiles.find((f) => `rules/${f.name}` === file);
  const pre = document.createElement("pre");
  (shipped?.text ?? "").split("\n").forEach((text, i) => {
    const div = document.createElement("div");
    div.className = i + 1 === line ? "line current" : "line";
    div.dataset.line = String(i + 1);
    div.textContent = text === "" ? " " : text;
    pre.append(div);
  });
  source.append(pre);
  if (line !== undefined) {
    const current = pre.querySelector<HTMLElement>(".current");
    current?.scrollIntoView({ block: "center" });
    element("source-pane").scrollIntoView({ block: "nearest" });
  }
}

function fillSourceFiles(): void {
  const select = element<HTMLSelectElement>("source-file");
  for (const file of shippedRuleFiles) {
    const option = document.createElement("option");
    option.value = `rules/${file.name}`;
    option.textContent = `rules/${file.name}`;
    select.append(option);
  }
  select.addEventListener("change", () => showSource(select.value));
  showSource("rules/diff.rules");
}

function recompute(): void {
  const error = element("expression-error");
  try {
    const results = computeResults(state, theory);
    error.hidden = true;
    renderResults(results);
    renderSteps(results);
    if (firstResult) {
      firstResult = false;
      performance.mark("dsat:first-result");
      document.body.dataset.ready = "true";
    }
  } catch (problem) {
    error.hidden = false;
    error.textContent = problem instanceof Error ? problem.message : String(problem);
    element("results").replaceChildren();
    element("steps").replaceChildren();
  }
}

// The soundness check runs in a worker, started when there are rules to check (it carries its
// own copy of the library); only the answer to the latest text is shown.
let worker: Worker | undefined;
let checkId = 0;
function checkWorker(): Worker {
  if (worker === undefined) {
    worker = new Worker(new URL("./check-worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = showCheck;
  }
  return worker;
}

function showCheck(event: MessageEvent<CheckAnswer>): void {
  if (event.data.id !== checkId) return;
  const { checked, findings, timeMs } = event.data;
  const box = element("check");
  box.replaceChildren();
  const summary = document.createElement("p");
  // Red with an error, amber with only warnings or notes, green with nothing to say.
  summary.className = findings.some((f) => f.severity === "error")
    ? "no"
    : findings.length > 0
      ? "warning"
      : "yes";
  summary.textContent =
    checked === 0
      ? "No rules of yours to check yet."
      : findings.length === 0
        ? `✓ ${checked} rule${checked === 1 ? "" : "s"} checked at random points: no counterexample (${timeMs.toFixed(0)} ms)`
        : `${findings.length} finding${findings.length === 1 ? "" : "s"} in ${checked} rule${checked === 1 ? "" : "s"} (${timeMs.toFixed(0)} ms):`;
  if (checked === 0) summary.className = "muted";
  box.append(summary);
  const list = document.createElement("ul");
  list.className = "findings";
  for (const finding of findings) {
    const li = document.createElement("li");
    li.className = finding.severity;
    const where = ruleButton(
      { name: finding.rule, file: USER_RULES_FILE, line: finding.line },
      `${finding.rule} (line ${finding.line})`,
    );
    li.append(where, ` ${finding.kind}: `, code(finding.text));
    list.append(li);
  }
  box.append(list);
}

function checkRulesLive(rules: string): void {
  checkId++;
  const request: CheckRequest = { id: checkId, rules };
  element("check").querySelector("p")?.classList.add("pending");
  checkWorker().postMessage(request);
}

let pending: number | undefined;

function update(change: Partial<PlaygroundState>): void {
  const rulesChanged = change.rules !== undefined && change.rules !== state.rules;
  state = { ...state, ...change };
  history.replaceState(null, "", stateToHash(state));
  if (rulesChanged) {
    const outcome = theoryFromRules(state.rules);
    theory = outcome.theory;
    editor.showProblem(outcome.problem);
    const problem = element("rules-problem");
    problem.hidden = outcome.problem === undefined;
    if (outcome.problem !== undefined) {
      problem.textContent = `line ${outcome.problem.line}, column ${outcome.problem.column}: ${outcome.problem.message}`;
    } else checkRulesLive(state.rules);
  }
  window.clearTimeout(pending);
  pending = window.setTimeout(recompute, 150);
}

expressionInput.addEventListener("input", () => update({ expression: expressionInput.value }));
variableInput.addEventListener("input", () => update({ variable: variableInput.value }));
compareInput.addEventListener("input", () => update({ compareWith: compareInput.value }));

element("share").addEventListener("click", async () => {
  history.replaceState(null, "", stateToHash(state));
  await navigator.clipboard?.writeText(location.href).catch(() => undefined);
  element("share").textContent = "Link copied";
  window.setTimeout(() => {
    element("share").textContent = "Copy link";
  }, 1500);
});

element("draw").addEventListener("click", async () => {
  const svgBox = element("egraph-svg");
  svgBox.textContent = "Drawing…";
  try {
    const view = egraphView(state, theory);
    element("egraph-report").textContent = view.report;
    if (!view.drawable) {
      svgBox.textContent = `${view.picture.nodes} e-nodes: too many to draw legibly (at most ${MAX_DRAWN_NODES}).`;
      return;
    }
    svgBox.innerHTML = await egraph.renderSvg(view.picture.dot);
    document.body.dataset.egraph = "drawn";
  } catch (problem) {
    svgBox.textContent = problem instanceof Error ? problem.message : String(problem);
  }
});

fillSourceFiles();
const initial = theoryFromRules(state.rules);
editor.showProblem(initial.problem);
if (initial.problem === undefined && state.rules.trim() !== "") checkRulesLive(state.rules);
recompute();

// Offline once loaded: the service worker precaches the whole build (see service-worker.ts).
// Registered after the page has loaded, so filling its cache never delays the first result;
// not under `npm run web` (Vite's dev server, the one place `import.meta.hot` is set), whose
// files change as they are edited.
if (import.meta.hot === undefined && "serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("./sw.js").catch((problem: unknown) => {
      console.warn("the playground will not work offline:", problem);
    });
  });
}
