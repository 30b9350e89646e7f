'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { canonicalJson } from '../../../../workflows/journey/graph-diff';
import { findNodeType } from '../../../../workflows/journey/nodes';
import { useFormats } from '../../../_i18n/use-formats';
import { useNodeText } from '../../../_i18n/use-node-text';

/**
 * The words a diff is told in: a step by its catalog label (and its canvas summary, which
 * tells two steps of one type apart), a config path by its field label, a value by what a
 * marketer recognises (a template's name, a select option's label, yes/no).
 */
export function useDiffWords(referenceNames: ReadonlyMap<string, string>) {
  const t = useTranslations('versions');
  const tc = useTranslations('common');
  const nodeText = useNodeText();
  const format = useFormats();
  return useMemo(() => {
    const stepLabel = (type: string) => {
      const definition = findNodeType(type);
      return definition ? nodeText.label(definition) : type;
    };
    /** The canvas line, with the template, reward or tier the step points at, as the canvas shows it. */
    const stepSummary = (type: string, data: unknown) => {
      const definition = findNodeType(type);
      if (!definition) return '';
      const summary = nodeText.summary(definition, data);
      const name = definition
        .references(data)
        .map((reference) => referenceNames.get(reference.id))
        .find((found) => found !== undefined);
      return name === undefined ? summary : t('withReference', { summary, name });
    };
    /** `branches.0.rules.1.value` → "Branches › #1 › rules › #2 › value": the head by its label. */
    const fieldPath = (type: string, path: string) => {
      const [head = '', ...rest] = path.split('.');
      const field = nodeText.fieldLabel(type, head);
      if (rest.length === 0) return field;
      const tail = rest.map((part) => (/^\d+$/.test(part) ? `#${Number(part) + 1}` : part)).join(' › ');
      return t('fieldPath', { field, rest: tail });
    };
    const value = (type: string, path: string, raw: unknown): string => {
      if (raw === null || raw === undefined || raw === '') return t('empty');
      if (typeof raw === 'boolean') return raw ? tc('yes') : tc('no');
      if (typeof raw === 'number') return format.count(raw);
      if (typeof raw === 'string') {
        const name = referenceNames.get(raw);
        if (name !== undefined) return t('quoted', { value: name });
        const spec = findNodeType(type)?.fields.find((field) => field.name === path);
        if (spec?.input === 'select') return nodeText.fieldOption(type, path, raw);
        return t('quoted', { value: raw });
      }
      // Nested values (a filter, a duration, a whole branch) as compact data.
      return canonicalJson(raw);
    };
    return { stepLabel, stepSummary, fieldPath, value };
  }, [t, tc, nodeText, format, referenceNames]);
}
