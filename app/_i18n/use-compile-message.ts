'use client';

import { useCallback } from 'react';
import type { CompileError } from '../../workflows/journey/compiler';
import { findNodeType } from '../../workflows/journey/nodes';
import { useDynamicTranslations } from './dynamic-translations';
import { issueInputOf, useIssueText } from './use-issue-text';
import { useNodeText } from './use-node-text';

/**
 * A publish problem in the UI language: `compile.<code>` filled with the step's and the
 * field's translated names and the broken rule in words ("Punkte: muss größer als 0
 * sein"). The compiler's English `message` is for API callers and never shown.
 */
export function useCompileMessage(): (error: CompileError) => string {
  const t = useDynamicTranslations();
  const nodeText = useNodeText();
  const issueText = useIssueText();
  return useCallback(
    (error: CompileError) => {
      const {
        nodeType = '',
        handle = '',
        nodeId = '',
        path = '',
        issue,
        limit,
        reference = 'template',
        template = '',
      } = error.params;
      const definition = findNodeType(nodeType);
      const field = error.field ?? '';
      const fieldSpec = definition?.fields.find((candidate) => candidate.name === field);
      return t(`compile.${error.code}`, {
        nodeType,
        nodeId,
        path,
        reference,
        template,
        step: definition ? nodeText.label(definition) : nodeType,
        handle: nodeText.output(nodeType, handle),
        field: nodeText.fieldLabel(nodeType, field),
        issue: issue ? issueText({ kind: issue, limit }, issueInputOf(fieldSpec)) : '',
      });
    },
    [t, nodeText, issueText],
  );
}
