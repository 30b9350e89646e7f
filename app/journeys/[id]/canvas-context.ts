'use client';

import { createContext, useContext } from 'react';

/**
 * What the custom node and edge need besides their own config: publish problems by node
 * id, the names of the templates, rewards and tiers steps point at (ids are unique across
 * kinds), and the editor's "insert a step here" (absent when the viewer cannot edit).
 * Kept out of node `data`, which is the config that gets saved.
 */
export interface CanvasInfo {
  problemsByNode: ReadonlyMap<string, string[]>;
  referenceNames: ReadonlyMap<string, string>;
  onInsertOnEdge?: (edgeId: string) => void;
}

export const CanvasContext = createContext<CanvasInfo>({
  problemsByNode: new Map(),
  referenceNames: new Map(),
});

export function useCanvasInfo(): CanvasInfo {
  return useContext(CanvasContext);
}
