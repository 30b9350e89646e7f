'use client';

import { useMemo } from 'react';
import type { InputIssue } from '../../config/input-issue';
import { useErrorText } from './use-error-text';
import { useIssueText, type IssueInput } from './use-issue-text';

interface MutationError {
  message: string;
  data?: { code?: string; inputIssues?: InputIssue[] | null } | null;
}

/**
 * A form's server-side validation errors per field, in the UI language: the tRPC error
 * formatter (server/trpc.ts) sends each zod issue as a kind and limit, not as English.
 * `other` is a failure that is not about a field (the server was down, say).
 */
export function useInputErrors(error: MutationError | null) {
  const issueText = useIssueText();
  const errorText = useErrorText();
  return useMemo(() => {
    const issues = error?.data?.inputIssues ?? [];
    return {
      field: (path: string, input: IssueInput = 'value'): string | undefined => {
        const issue = issues.find((candidate) => candidate.path === path);
        return issue ? issueText(issue, input) : undefined;
      },
      other: error && issues.length === 0 ? errorText(error) : undefined,
    };
  }, [error, issueText, errorText]);
}
