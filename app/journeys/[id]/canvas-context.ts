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
  /** A published journey's figures by step: running customers there now and runs that passed it. */
  countsByNode?: ReadonlyMap<string, StepFigures>;
  /** The preview's path (app/journeys/[id]/preview): steps passed so far and the one shown now. */
  highlight?: { stepIds: string[]; edgeIds: string[]; currentStepId: string | null };
}

export interface StepFigures {
  /** Null when Temporal could not be asked, and for triggers (nobody waits at a trigger). */
  here: number | null;
  /** Null when Temporal could not be asked (a trigger's figure is the runs it started). */
  passed: number | null;
  /** Runs that left by each output (from the runs' own records), for the branches' shares. */
  taken?: Readonly<Record<string, number>>;
}

export const CanvasContext = createContext<CanvasInfo>({
  problemsByNode: new Map(),
  referenceNames: new Map(),
});

export function useCanvasInfo(): CanvasInfo {
  return useContext(CanvasContext);
}
