/**
 * The playground page (docs/report.md#the-playground): an scn editor whose
 * program is checked as you type, with every diagnostic underlined in the
 * editor and printed with carets below it; a context editor and the answer
 * with its explanation; the formatted source; a gallery of the examples; and
 * share links that hold everything in the URL fragment.
 *
 * A keystroke costs a check (the edited declaration parsed again, names and
 * types, an answer from the interpreter); the rest of the compilation (the
 * exact analysis, the bundle and the explained answer) and the formatting
 * wait until typing pauses (see session.ts).
 */
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine } from "@codemirror/view";
import { defaultKeymap, history as undoHistory, historyKeymap } from "@codemirror/commands";
import { setDiagnostics, type Diagnostic as LintDiagnostic } from "@codemirror/lint";
import * as prettier from "prettier/standalone";
import type { Plugin } from "prettier";
import * as scnPlugin from "@scn/prettier-plugin";
import { scnHighlight, scnLanguage } from "./scn-highlight.js";
import { evaluate, Session, type Compiled } from "./session.js";
import { decodeShare, encodeShare } from "./share.js";
import { EXAMPLES, type Example } from "./examples.js";

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
};

const status = byId<HTMLElement>("status");
const problems = byId<HTMLElement>("problems");
const decisionSelect = byId<HTMLSelectElement>("decision");
const contextInput = byId<HTMLTextAreaElement>("context");
const answer = byId<HTMLElement>("answer");
const explanation = byId<HTMLElement>("explanation");
const formatted = byId<HTMLElement>("formatted");
const shareOutput = byId<HTMLInputElement>("share-link");
const gallery = byId<HTMLElement>("gallery");
const sampleSelect = byId<HTMLSelectElement>("sample");

/** The date expiry is judged against: today, in UTC, as `scn check` does. */
const today = (): string => new Date().toISOString().slice(0, 10);

let compiled: Compiled | null = null;
let session = new Session(today());
let pending: ReturnType<typeof setTimeout> | undefined;
let completing: ReturnType<typeof setTimeout> | undefined;
/** Checking waits for this short pause, so that a burst of keys (a paste, auto-repeat) is checked once. */
const TYPING_PAUSE_MS = 50;
/** The rest of the compilation waits for a longer pause, so that it never delays a keystroke while typing goes on. */
const COMPILE_PAUSE_MS = 400;

const editor = new EditorView({
  parent: byId("editor"),
  state: EditorState.create({
    doc: "",
    extensions: [
      lineNumbers(),
      highlightActiveLine(),
      undoHistory(),
      keymap.of([...defaultKeymap, ...historyKeymap]),
      scnLanguage,
      scnHighlight,
      EditorView.contentAttributes.of({ "aria-label": "scn program" }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) schedule();
      }),
    ],
  }),
});

// The scroller is a scrollable region: keyboard users must be able to reach it (WCAG 2.1.1).
editor.scrollDOM.tabIndex = 0;

function schedule(): void {
  clearTimeout(pending);
  clearTimeout(completing);
  status.dataset["complete"] = "false";
  pending = setTimeout(recompile, TYPING_PAUSE_MS);
}

function source(): string {
  return editor.state.doc.toString();
}

/**
 * The keystroke's step: check, show the diagnostics and the answer. The
 * status line's `data-millis` is the time of all of it, page updates
 * included (the benchmark reads it); the rest follows after a pause.
 */
function recompile(): void {
  const start = performance.now();
  const text = source();
  show(session.check(text), text.length);
  const millis = performance.now() - start;
  status.dataset["millis"] = millis.toFixed(2);
  status.dataset["runs"] = String(Number(status.dataset["runs"] ?? "0") + 1);
  clearTimeout(completing);
  completing = setTimeout(complete, COMPILE_PAUSE_MS);
}

/** The pause's step: the rest of the compilation, then the formatted source. */
function complete(): void {
  completing = undefined;
  if (compiled === null || compiled.source !== source()) return;
  const start = performance.now();
  show(session.complete(compiled), compiled.source.length);
  const millis = performance.now() - start;
  status.dataset["fullMillis"] = millis.toFixed(2);
  status.dataset["fullRuns"] = String(Number(status.dataset["fullRuns"] ?? "0") + 1);
  void formatNow(compiled.source).then(() => {
    if (compiled?.complete && compiled.source === source()) status.dataset["complete"] = "true";
  });
}

function show(result: Compiled, length: number): void {
  compiled = result;
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
  const stage = result.complete ? `compiled in ${Math.round(result.millis)} ms` : `checked in ${Math.round(result.millis)} ms; analysis when typing pauses`;
  status.textContent = `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"} · ${stage}`;
  status.dataset["errors"] = String(errors);
  showDiagnostics(result, length);
  fillDecisions(result.decisions);
  answerNow();
}

function showDiagnostics(result: Compiled, length: number): void {
  const marks: LintDiagnostic[] = result.diagnostics.map((d) => ({
    from: Math.min(d.span.start.offset, length),
    to: Math.min(Math.max(d.span.end.offset, d.span.start.offset), length),
    severity: d.severity === "info" ? "info" : d.severity,
    message: `${d.code} ${d.message}${d.help !== undefined ? ` (help: ${d.help})` : ""}`,
  }));
  editor.dispatch(setDiagnostics(editor.state, marks));
  problems.replaceChildren(
    ...result.diagnostics.map((d) => {
      const item = document.createElement("li");
      item.className = `problem severity-${d.severity}`;
      item.dataset["code"] = d.code;
      item.dataset["line"] = String(d.span.start.line);
      const jump = document.createElement("button");
      jump.type = "button";
      jump.textContent = `line ${d.span.start.line}`;
      jump.addEventListener("click", () => {
        editor.dispatch({ selection: { anchor: Math.min(d.span.start.offset, editor.state.doc.length) }, scrollIntoView: true });
        editor.focus();
      });
      const frame = document.createElement("pre");
      frame.textContent = result.report.split("\n\n").find((block) => block.includes(`${d.code}`) && block.includes(`:${d.span.start.line}:${d.span.start.column}`)) ?? `${d.severity} ${d.code}: ${d.message}`;
      item.append(jump, frame);
      return item;
    }),
  );
}

function fillDecisions(decisions: readonly string[]): void {
  const chosen = decisionSelect.value;
  const same = decisions.length === decisionSelect.options.length && decisions.every((d, i) => decisionSelect.options[i]?.value === d);
  if (!same) {
    decisionSelect.replaceChildren(...decisions.map((d) => new Option(d, d)));
    if (decisions.includes(chosen)) decisionSelect.value = chosen;
  }
}

function answerNow(): void {
  if (compiled === null) return;
  const result = evaluate(compiled, decisionSelect.value, contextInput.value);
  if (result.kind === "problem") {
    answer.textContent = result.message;
    answer.dataset["rule"] = "";
    explanation.textContent = "";
    return;
  }
  answer.textContent = JSON.stringify(result.answer, null, 2);
  answer.dataset["rule"] = result.answer.rule ?? result.answer.reason;
  explanation.textContent = result.text;
}

let formatRun = 0;
async function formatNow(text: string): Promise<void> {
  const run = ++formatRun;
  try {
    const output = await prettier.format(text, { parser: "scn", plugins: [scnPlugin as unknown as Plugin] });
    if (run === formatRun) formatted.textContent = output;
  } catch {
    if (run === formatRun) formatted.textContent = "Fix the syntax errors to see the formatted source.";
  }
}

type Sample = Example["contexts"][number];

function load(example: { source: string; context: string; decision: string }, samples: readonly Sample[] = []): void {
  sampleSelect.replaceChildren(new Option(samples.length === 0 ? "(this link's context)" : "(edited)", ""), ...samples.map((c) => new Option(c.name, c.text)));
  if (samples.length > 0) sampleSelect.selectedIndex = 1;
  contextInput.value = example.context;
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: example.source } });
  clearTimeout(pending);
  session = new Session(today());
  recompile();
  clearTimeout(completing);
  complete();
  if (example.decision !== "" && [...decisionSelect.options].some((o) => o.value === example.decision)) decisionSelect.value = example.decision;
  answerNow();
}

function buildGallery(examples: readonly Example[]): void {
  gallery.replaceChildren(
    ...examples.map((example) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset["example"] = example.name;
      button.innerHTML = "<strong></strong><span></span>";
      (button.firstChild as HTMLElement).textContent = example.title;
      (button.lastChild as HTMLElement).textContent = example.description;
      button.addEventListener("click", () => {
        history.replaceState(null, "", location.pathname + location.search);
        load({ source: example.source, context: example.contexts[0]?.text ?? "{}", decision: example.decision }, example.contexts);
      });
      item.append(button);
      return item;
    }),
  );
}

byId<HTMLButtonElement>("share").addEventListener("click", async () => {
  const fragment = await encodeShare({ source: source(), context: contextInput.value, decision: decisionSelect.value });
  history.replaceState(null, "", fragment);
  shareOutput.value = location.href;
  shareOutput.select();
  try {
    await navigator.clipboard.writeText(location.href);
    byId("share-note").textContent = "Link copied.";
  } catch {
    byId("share-note").textContent = "Copy the link above.";
  }
});

byId<HTMLButtonElement>("use-formatted").addEventListener("click", () => {
  const text = formatted.textContent ?? "";
  if (text === "" || text.startsWith("Fix the syntax errors")) return;
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
});

decisionSelect.addEventListener("change", answerNow);
contextInput.addEventListener("input", () => {
  sampleSelect.value = "";
  answerNow();
});
sampleSelect.addEventListener("change", () => {
  if (sampleSelect.value === "") return;
  contextInput.value = sampleSelect.value;
  answerNow();
});

async function start(): Promise<void> {
  buildGallery(EXAMPLES);
  const shared = location.hash.length > 1 ? await decodeShare(location.hash) : null;
  if (location.hash.length > 1 && shared === null) byId("share-note").textContent = "This link could not be read; showing an example instead.";
  const first = EXAMPLES[0];
  if (shared !== null) load(shared);
  else if (first !== undefined) load({ source: first.source, context: first.contexts[0]?.text ?? "{}", decision: first.decision }, first.contexts);
  document.body.dataset["ready"] = "true";
}

void start();
