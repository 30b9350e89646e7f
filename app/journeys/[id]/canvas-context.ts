'use client';

import { createContext, useContext } from 'react';

/**
 * What the custom node needs besides its own config: publish problems by node id and the
 * names of the templates, rewards and tiers steps point at (ids are unique across kinds).
 * Kept out of node `data`, which is the config that gets saved.
 */
export interface CanvasInfo {
  problemsByNode: ReadonlyMap<string, string[]>;
  referenceNames: ReadonlyMap<string, string>;
}

export const CanvasContext = createContext<CanvasInfo>({
  problemsByNode: new Map(),
  referenceNames: new Map(),
});

export function useCanvasInfo(): CanvasInfo {
  return useContext(CanvasContext);
}
