'use client';

import { html } from '@codemirror/lang-html';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { useEffect, useMemo, useRef } from 'react';
import { lineRange } from './studio-model';

export interface EditorProblem {
  line: number;
  message: string;
}

/**
 * CodeMirror 6 for MJML with Liquid: HTML highlighting (MJML is HTML-shaped; Liquid tags
 * read as text inside it), the problems as diagnostics on their lines, and a way to move
 * the cursor to a line from the problems list. Loaded client-only (next/dynamic).
 */
export default function MjmlEditor({
  value,
  onChange,
  problems,
  jump,
  readOnly = false,
  label,
  testId,
}: {
  value: string;
  onChange?: (value: string) => void;
  problems: EditorProblem[];
  /** Set with a new `seq` to move the cursor to `line` and focus the editor. */
  jump?: { line: number; seq: number } | null;
  readOnly?: boolean;
  label: string;
  testId: string;
}) {
  const ref = useRef<ReactCodeMirrorRef>(null);
  const extensions = useMemo(
    () => [
      html({ selfClosingTags: true }),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label }),
    ],
    [label],
  );

  // Diagnostics come from the server's render, not from a CodeMirror linter source: they
  // are pushed in whenever the problem list changes, clamped to the current document.
  useEffect(() => {
    const view = ref.current?.view;
    if (!view) return;
    const doc = view.state.doc.toString();
    const diagnostics: Diagnostic[] = problems.map((problem) => ({
      ...lineRange(doc, problem.line),
      severity: 'error',
      message: problem.message,
    }));
    view.dispatch(setDiagnostics(view.state, diagnostics));
  }, [problems, value]);

  useEffect(() => {
    const view = ref.current?.view;
    if (!view || !jump) return;
    const { from } = lineRange(view.state.doc.toString(), jump.line);
    view.dispatch({ selection: { anchor: from }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
    view.focus();
  }, [jump]);

  return (
    <div className="mjml-editor" data-testid={testId} data-problems={problems.length}>
      <CodeMirror
        ref={ref}
        value={value}
        onChange={onChange}
        readOnly={readOnly}
        editable={!readOnly}
        extensions={extensions}
        height="100%"
        basicSetup={{ foldGutter: true, highlightActiveLine: !readOnly }}
      />
    </div>
  );
}
