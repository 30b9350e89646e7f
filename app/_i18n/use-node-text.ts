'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { NodeDefinition, NodeKind } from '../../workflows/journey/nodes';
import { useDynamicTranslations } from './dynamic-translations';

/**
 * The node catalog's words in the UI language: `nodes.<type>.*` in messages/*.json. The
 * catalog itself (workflows/journey/nodes) stays free of UI text because it is bundled
 * into Temporal workflows; its English `label` is only the fallback for a type the
 * messages do not know yet.
 */
export function useNodeText() {
  const t = useDynamicTranslations();
  const canvas = useTranslations('canvasNode');
  return useMemo(() => {
    const text = (key: string, fallback: string) => (t.has(key) ? t(key) : fallback);
    return {
      label: (node: Pick<NodeDefinition, 'type' | 'label'>) => text(`nodes.${node.type}.label`, node.label),
      description: (type: string) => text(`nodes.${type}.description`, ''),
      fieldLabel: (type: string, field: string) => text(`nodes.${type}.fields.${field}.label`, field),
      fieldHelp: (type: string, field: string) => text(`nodes.${type}.fields.${field}.help`, ''),
      fieldOption: (type: string, field: string, value: string) =>
        text(`nodes.${type}.fields.${field}.options.${value}`, value),
      /** Numbered outputs (`branch_2` of a condition or split) share one message with `{n}`. */
      output: (type: string, handle: string) => {
        const numbered = /^branch_(\d+)$/.exec(handle);
        if (numbered && t.has(`nodes.${type}.outputs.branch`))
          return t(`nodes.${type}.outputs.branch`, { n: Number(numbered[1]) });
        return text(`nodes.${type}.outputs.${handle}`, handle);
      },
      kind: (kind: NodeKind) => t(`nodeKinds.${kind}`),
      paletteGroup: (kind: NodeKind) => t(`paletteGroups.${kind}`),
      /** The canvas line; "not configured" while the config does not validate. */
      summary: (definition: NodeDefinition, config: unknown) => {
        const values = definition.summaryValues(config);
        return values ? t(`nodes.${definition.type}.summary`, values) : canvas('notConfigured');
      },
    };
  }, [t, canvas]);
}
