'use client';

import { useMemo } from 'react';
import { nodeCatalog, nodeKinds, type NodeDefinition, type NodeKind } from '../../../workflows/journey/nodes';
import { useNodeText } from '../../_i18n/use-node-text';

/** Folds case and accents, so "prufe" finds "Prüfen" and "E-MAIL" finds "E-Mail senden". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/**
 * The catalog's step types grouped in palette order, narrowed to those whose label,
 * description or group (in the viewer's language) contain every word of the query.
 */
export function useStepSearch(
  query: string,
  include: (node: NodeDefinition) => boolean = () => true,
): { kind: NodeKind; items: NodeDefinition[] }[] {
  const nodeText = useNodeText();
  return useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    return nodeKinds
      .map((kind) => ({
        kind,
        items: nodeCatalog.filter((node) => {
          if (node.kind !== kind || !include(node)) return false;
          const haystack = fold(
            `${nodeText.label(node)} ${nodeText.description(node.type)} ${nodeText.paletteGroup(kind)}`,
          );
          return words.every((word) => haystack.includes(word));
        }),
      }))
      .filter((group) => group.items.length > 0);
  }, [query, include, nodeText]);
}
