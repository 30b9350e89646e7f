'use client';

import { useCallback } from 'react';
import type { InputIssueKind } from '../../config/input-issue';
import type { FieldSpec } from '../../workflows/journey/nodes';
import { useDynamicTranslations } from './dynamic-translations';

/** Pickers say "choose one" where text inputs say "enter a value". */
export type IssueInput = 'choice' | 'value';

/** A validation problem in words: "must be greater than 0" / "muss größer als 0 sein". */
export function useIssueText() {
  const t = useDynamicTranslations();
  return useCallback(
    (issue: { kind: InputIssueKind; limit?: number }, input: IssueInput = 'value') =>
      t(`inputIssue.${issue.kind}`, { limit: issue.limit ?? 0, input }),
    [t],
  );
}

/** How a config field is edited, as far as the wording of "required" goes. */
export function issueInputOf(field: Pick<FieldSpec, 'input'> | undefined): IssueInput {
  return field?.input === 'template' || field?.input === 'hour' ? 'choice' : 'value';
}
