import { StreamLanguage } from "@codemirror/language";
import { type Diagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorView, lineNumbers } from "@codemirror/view";
import { minimalSetup } from "codemirror";
import type { RulesProblem } from "./session.js";

/**
 * The rules editor: CodeMirror 6 with the rules language's comments, strings, keywords and
 * pattern variables coloured, and parse errors marked at their line and column.
 */

const rulesLanguage = StreamLanguage.define({
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match(";")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match(/^"[^"]*"?/)) return "string";
    if (stream.match(/^\?[A-Za-z0-9_]+/)) return "variableName";
    if (stream.match(/^:[a-z-]+/)) return "keyword";
    if (stream.match(/^(<=>|=>|<=)/)) return "operator";
    if (stream.match(/^-?\d+(\/\d+|\.\d+)?/)) return "number";
    if (stream.match(/^(operator|ruleset|fold-constants|if)\b/)) return "keyword";
    if (stream.match(/^[A-Za-z][A-Za-z0-9-]*:/)) return "labelName";
    stream.next();
    return null;
  },
});

export interface RulesEditor {
  readonly view: EditorView;
  /** Marks `problem` (or clears the marks). */
  showProblem(problem: RulesProblem | undefined): void;
  /** Puts the cursor on `line` and scrolls to it. */
  goToLine(line: number): void;
}

export function createRulesEditor(
  parent: HTMLElement,
  text: string,
  onChange: (text: string) => void,
): RulesEditor {
  const view = new EditorView({
    doc: text,
    parent,
    extensions: [
      minimalSetup,
      lineNumbers(),
      lintGutter(),
      rulesLanguage,
      EditorView.lineWrapping,
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ],
  });
  return {
    view,
    showProblem(problem) {
      const diagnostics: Diagnostic[] =
        problem === undefined
          ? []
          : [
              {
                from: Math.min(problem.from, view.state.doc.length),
                to: Math.min(problem.to, view.state.doc.length),
                severity: "error",
                message: `${problem.line}:${problem.column}: ${problem.message}`,
              },
            ];
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goToLine(line) {
      const target = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines)));
      view.dispatch({ selection: { anchor: target.from, head: target.to }, scrollIntoView: true });
      view.focus();
    },
  };
}
