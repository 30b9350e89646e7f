'use client';

import { createContext, useContext } from 'react';

/**
 * What the custom node needs besides its own config: publish problems by node id and the
 * workspace's template names. Kept out of node `data`, which is the config that gets saved.
 */
export interface CanvasInfo {
  problemsByNode: ReadonlyMap<string, string[]>;
  templateNames: ReadonlyMap<string, string>;
}

export const CanvasContext = createContext<CanvasInfo>({
  problemsByNode: new Map(),
  templateNames: new Map(),
});

export function useCanvasInfo(): CanvasInfo {
  return useContext(CanvasContext);
}
