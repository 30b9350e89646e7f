'use client';

import '@xyflow/react/dist/style.css';
import { Background, Controls, ReactFlow, ReactFlowProvider, type Edge, type NodeTypes } from '@xyflow/react';
import { useMemo } from 'react';
import type { JourneyGraph } from '../../../../workflows/journey/graph';
import { nodeCatalog } from '../../../../workflows/journey/nodes';
import { CanvasContext, type CanvasInfo } from '../canvas-context';
import { graphToFlow, type JourneyFlowNode } from '../flow-graph';
import { JourneyNode } from '../journey-node';

const nodeTypes: NodeTypes = Object.fromEntries(nodeCatalog.map((node) => [node.type, JourneyNode]));

/** Outlines for the steps this version added or changed, so the canvas shows where the diff is. */
const highlight = {
  added: { outline: '2px solid #16a34a', outlineOffset: 2, borderRadius: 8 },
  changed: { outline: '2px solid #d97706', outlineOffset: 2, borderRadius: 8 },
} as const;

/**
 * A published version drawn with the editor's own node component, nothing movable,
 * connectable or deletable: a version is immutable, edits belong to the draft.
 */
export function ReadOnlyCanvas({
  graph,
  referenceNames,
  addedIds,
  changedIds,
}: {
  graph: JourneyGraph;
  referenceNames: ReadonlyMap<string, string>;
  addedIds: ReadonlySet<string>;
  changedIds: ReadonlySet<string>;
}) {
  const flow = useMemo(() => {
    const { nodes, edges } = graphToFlow(graph);
    return {
      edges,
      nodes: nodes.map((node): JourneyFlowNode =>
        addedIds.has(node.id)
          ? { ...node, style: highlight.added }
          : changedIds.has(node.id)
            ? { ...node, style: highlight.changed }
            : node,
      ),
    };
  }, [graph, addedIds, changedIds]);
  const canvasInfo = useMemo<CanvasInfo>(
    () => ({ problemsByNode: new Map(), referenceNames }),
    [referenceNames],
  );

  return (
    <ReactFlowProvider>
      <CanvasContext.Provider value={canvasInfo}>
        <ReactFlow<JourneyFlowNode, Edge>
          nodes={flow.nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          deleteKeyCode={null}
          fitView
          fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
        >
          <Background gap={16} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </CanvasContext.Provider>
    </ReactFlowProvider>
  );
}
