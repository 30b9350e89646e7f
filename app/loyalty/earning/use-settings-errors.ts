'use client';

import { useMemo } from 'react';
import type { InputIssue } from '../../../config/input-issue';
import { useIssueText } from '../../_i18n/use-issue-text';

interface MutationError {
  data?: { inputIssues?: InputIssue[] | null } | null;
}

export interface SettingsErrors {
  /** The problem with exactly this value (`earnRules.purchase.pointsPerUnit`). */
  at: (path: string) => string | undefined;
  /** The first problem with this value or anything inside it (a list's items: `…excludedSkus.3`). */
  under: (prefix: string) => string | undefined;
  /** Whether the server refused any value. */
  any: boolean;
}

/**
 * The settings form's server-side problems per field path, in the UI language. Like
 * `useInputErrors`, plus lookups by prefix for lists, whose items have no field of their own.
 */
export function useSettingsErrors(error: MutationError | null): SettingsErrors {
  const issueText = useIssueText();
  return useMemo(() => {
    const issues = error?.data?.inputIssues ?? [];
    const find = (match: (path: string) => boolean) => {
      const issue = issues.find((candidate) => match(candidate.path));
      return issue ? issueText(issue) : undefined;
    };
    return {
      at: (path) => find((candidate) => candidate === path),
      under: (prefix) => find((candidate) => candidate === prefix || candidate.startsWith(`${prefix}.`)),
      any: issues.length > 0,
    };
  }, [error, issueText]);
}
