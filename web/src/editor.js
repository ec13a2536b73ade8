// The mlkata editor: CodeMirror 6 in Python mode, bundled by build.sh into one IIFE
// (src/mlkata/web/static/vendor/codemirror.js) that sets window.MlkataEditor = {create}.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import {
  bracketMatching,
  defaultHighlightStyle,
  HighlightStyle,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Annotation, EditorState, Prec, Transaction } from "@codemirror/state";
import {
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace';

// Editor chrome: quiet greys and one blue accent, like a documentation page's code blocks.
const lightTheme = EditorView.theme(
  {
    "&": { color: "#1f2328", backgroundColor: "#ffffff", fontSize: "14px", border: "1px solid #d0d7de", borderRadius: "6px" },
    "&.cm-focused": { outline: "2px solid #0969da33" },
    ".cm-scroller": { fontFamily: MONO, lineHeight: "1.5" },
    ".cm-content": { caretColor: "#0969da", padding: "8px 0" },
    ".cm-cursor, .cm-dropCursor": { borderLeftColor: "#0969da", borderLeftWidth: "2px" },
    "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection": {
      backgroundColor: "#b6d7ff",
    },
    ".cm-gutters": { backgroundColor: "#f6f8fa", color: "#8c959f", borderRight: "1px solid #d0d7de", borderRadius: "6px 0 0 6px" },
    ".cm-activeLine": { backgroundColor: "#f6f8fa99" },
    ".cm-activeLineGutter": { backgroundColor: "#eaeef2", color: "#1f2328" },
    "&.cm-focused .cm-matchingBracket": { backgroundColor: "#4ac26b40", outline: "1px solid #4ac26b" },
    "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: "#ff818266" },
    ".cm-selectionMatch": { backgroundColor: "#fff8c5" },
    ".cm-searchMatch": { backgroundColor: "#fff8c5", outline: "1px solid #d4a72c" },
    ".cm-tooltip": { border: "1px solid #d0d7de", backgroundColor: "#ffffff", borderRadius: "6px" },
    ".cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: "#ddf4ff", color: "#1f2328" },
    ".cm-panels": { backgroundColor: "#f6f8fa", color: "#1f2328" },
  },
  { dark: false },
);

// Token colours in the spirit of GitHub's light code theme.
const lightHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword], color: "#cf222e" },
  { tag: [t.bool, t.null, t.self], color: "#0550ae" },
  { tag: [t.number, t.atom], color: "#0550ae" },
  { tag: [t.string, t.special(t.string), t.regexp], color: "#0a3069" },
  { tag: t.comment, color: "#6e7781", fontStyle: "italic" },
  { tag: [t.function(t.definition(t.variableName)), t.function(t.variableName)], color: "#8250df" },
  { tag: [t.className, t.definition(t.className)], color: "#953800" },
  { tag: [t.standard(t.variableName), t.special(t.variableName)], color: "#0550ae" },
  { tag: [t.propertyName, t.function(t.propertyName)], color: "#1f2328" },
  { tag: t.meta, color: "#8250df" },
  { tag: t.invalid, color: "#82071e", textDecoration: "underline wavy" },
]);

// Marks transactions made by setDoc so that onChange reports only the user's edits.
const fromDisk = Annotation.define();

// The new text as one change (common prefix and suffix kept), so the selection maps through it.
function minimalChange(old, text) {
  const max = Math.min(old.length, text.length);
  let start = 0;
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
  return { from: start, to: old.length - end, insert: text.slice(start, text.length - end) };
}

/**
 * A Python editor in `parent`. Options: doc (initial text), onChange(text) after each user edit,
 * onRun() on Mod-Enter, onSave() on Mod-s (the browser's own save is prevented).
 * Returns {getDoc, setDoc, focus, view}.
 */
export function create(parent, { doc = "", onChange, onRun, onSave } = {}) {
  const call = (fn) => () => {
    if (fn) fn();
    return true; // handled: CodeMirror prevents the browser's default
  };
  const appKeys = keymap.of([
    { key: "Mod-Enter", run: call(onRun), preventDefault: true },
    { key: "Mod-s", run: call(onSave), preventDefault: true },
  ]);
  const reportChanges = EditorView.updateListener.of((update) => {
    if (!onChange || !update.docChanged) return;
    if (update.transactions.every((tr) => tr.annotation(fromDisk))) return;
    onChange(update.state.doc.toString());
  });

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        Prec.highest(appKeys), // before defaultKeymap, whose Mod-Enter inserts a blank line
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        dropCursor(),
        EditorState.allowMultipleSelections.of(true),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        autocompletion(),
        rectangularSelection(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        EditorState.tabSize.of(4),
        indentUnit.of("    "),
        python(),
        syntaxHighlighting(lightHighlight),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        lightTheme,
        keymap.of([
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
          ...completionKeymap,
          indentWithTab,
        ]),
        reportChanges,
      ],
    }),
  });

  return {
    view,
    getDoc: () => view.state.doc.toString(),
    // Replace the text (e.g. the file changed on disk); the cursor stays where the text around it is unchanged.
    setDoc(text) {
      const old = view.state.doc.toString();
      if (text === old) return;
      view.dispatch({
        changes: minimalChange(old, text),
        annotations: [fromDisk.of(true), Transaction.addToHistory.of(false)],
      });
    },
    focus: () => view.focus(),
  };
}

window.MlkataEditor = { create };
