'use client';

import '@xyflow/react/dist/style.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addEdge,
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
  type Connection,
  type Edge,
  type IsValidConnection,
  type NodeTypes,
} from '@xyflow/react';
import { useNow, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import { isDateTrigger } from '../../../workflows/journey/date-trigger';
import type { CompileError } from '../../../workflows/journey/compiler';
import { findNodeType, nodeCatalog } from '../../../workflows/journey/nodes';
import { Loading, QueryError } from '../../_components/query-state';
import { JourneyStatusBadge } from '../../_components/status-badge';
import { useCompileMessage } from '../../_i18n/use-compile-message';
import { useErrorText } from '../../_i18n/use-error-text';
import { useFormats } from '../../_i18n/use-formats';
import { useNodeText } from '../../_i18n/use-node-text';
import type { RouterOutputs } from '../../_trpc/outputs';
import { useTRPC } from '../../_trpc/react';
import { BroadcastPanel } from './broadcast-panel';
import { CanvasContext, type CanvasInfo } from './canvas-context';
import { ConfigPanel, type PickerOptions } from './config-panel';
import { flowToGraph, graphToFlow, newEdgeId, newNodeId, type JourneyFlowNode } from './flow-graph';
import { JourneyNode } from './journey-node';
import { LifecycleButtons } from './lifecycle-buttons';
import { Palette, paletteDragType } from './palette';
import { ProblemsPanel } from './problems-panel';
import { JourneySettingsPanel } from './settings-panel';
import { PublishDialog } from './publish-dialog';
import { TriggerNowButton } from './trigger-now';
import { useAccess } from '../../_components/use-access';

type Journey = RouterOutputs['journeys']['get'];
type Notice = { tone: 'success' | 'error' | 'warning'; text: string };

// Defined once at module level: React Flow re-mounts every node when this object changes.
const nodeTypes: NodeTypes = Object.fromEntries(nodeCatalog.map((node) => [node.type, JourneyNode]));
const nodeWidth = 240;
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed }, style: { strokeWidth: 2 } };

export function JourneyEditor({ journeyId }: { journeyId: string }) {
  const t = useTranslations('editor');
  const trpc = useTRPC();
  const journey = useQuery(
    trpc.journeys.get.queryOptions({ id: journeyId }, { refetchOnWindowFocus: false }),
  );
  const options = useQuery(trpc.journeys.pickerOptions.queryOptions());
  if (journey.isPending || options.isPending) return <Loading label={t('loading')} />;
  if (journey.isError) return <QueryError error={journey.error} onRetry={() => void journey.refetch()} />;
  if (options.isError) return <QueryError error={options.error} onRetry={() => void options.refetch()} />;
  return (
    <ReactFlowProvider>
      <EditorWorkspace journey={journey.data} options={options.data} />
    </ReactFlowProvider>
  );
}

function EditorWorkspace({ journey, options }: { journey: Journey; options: PickerOptions }) {
  const t = useTranslations('editor');
  const tc = useTranslations('common');
  const tn = useTranslations('nav');
  const format = useFormats();
  const nodeText = useNodeText();
  const compileMessage = useCompileMessage();
  const errorText = useErrorText();
  // Re-renders "Saved 2 minutes ago" as time passes.
  const now = useNow({ updateInterval: 30 * 1000 });
  const trpc = useTRPC();
  const { role, canEdit } = useAccess();
  const [confirmingPublish, setConfirmingPublish] = useState(false);
  const queryClient = useQueryClient();
  const { screenToFlowPosition, fitView } = useReactFlow<JourneyFlowNode, Edge>();
  // The canvas is seeded once; later refetches of the journey must not overwrite edits.
  const [initial] = useState(() => graphToFlow(journey.draftGraph));
  const [nodes, setNodes, onNodesChange] = useNodesState<JourneyFlowNode>(initial.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>(initial.edges);
  const [problems, setProblems] = useState<CompileError[] | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const graph = useMemo(() => flowToGraph(nodes, edges), [nodes, edges]);
  const serialized = useMemo(() => JSON.stringify(graph), [graph]);
  const [savedSerialized, setSavedSerialized] = useState(() =>
    JSON.stringify(flowToGraph(initial.nodes, initial.edges)),
  );
  const dirty = serialized !== savedSerialized;

  const refreshJourney = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.journeys.get.queryFilter({ id: journey.id })),
        queryClient.invalidateQueries(trpc.journeys.list.queryFilter()),
      ]),
    [queryClient, trpc, journey.id],
  );

  const save = useMutation(
    trpc.journeys.saveDraft.mutationOptions({
      onSuccess: (_, variables) => {
        setSavedSerialized(JSON.stringify(variables.graph));
        setNotice({ tone: 'success', text: t('notice.saved') });
        void refreshJourney();
      },
      onError: (error) =>
        setNotice({ tone: 'error', text: t('notice.saveFailed', { error: errorText(error) }) }),
    }),
  );
  const publish = useMutation(
    trpc.journeys.publish.mutationOptions({
      onSuccess: (result, variables) => {
        setSavedSerialized(JSON.stringify(variables.graph));
        if (!result.ok) {
          setProblems(result.errors);
          setNotice({ tone: 'error', text: t('notice.refused', { count: result.errors.length }) });
        } else {
          setProblems(null);
          // The server's warning names the Temporal error in English; the marketer reads
          // what it means for the journey, the details go to the console.
          if (result.triggerWarning) console.warn(result.triggerWarning);
          setNotice(
            result.triggerWarning
              ? { tone: 'warning', text: t('notice.triggerWarning', { version: result.version }) }
              : { tone: 'success', text: t('notice.published', { version: result.version }) },
          );
        }
        void refreshJourney();
      },
      onError: (error) =>
        setNotice({ tone: 'error', text: t('notice.publishFailed', { error: errorText(error) }) }),
    }),
  );
  const busy = save.isPending || publish.isPending;
  const saveDraft = useCallback(() => save.mutate({ id: journey.id, graph }), [save, journey.id, graph]);

  // Ctrl/⌘+S saves, as in every other editor the marketer uses.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (!busy) saveDraft();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [busy, saveDraft]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const onConnect = useCallback(
    (connection: Connection) =>
      // One edge per output: connecting an output again replaces where it leads.
      setEdges((current) =>
        addEdge(
          { ...connection, id: newEdgeId() },
          current.filter(
            (edge) =>
              !(
                edge.source === connection.source &&
                (edge.sourceHandle ?? null) === (connection.sourceHandle ?? null)
              ),
          ),
        ),
      ),
    [setEdges],
  );
  const isValidConnection: IsValidConnection<Edge> = useCallback(
    (connection) => connection.source !== connection.target,
    [],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(paletteDragType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(paletteDragType);
      const definition = findNodeType(type);
      if (!definition) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const node: JourneyFlowNode = {
        id: newNodeId(),
        type,
        position: { x: Math.round(point.x - nodeWidth / 2), y: Math.round(point.y - 30) },
        data: structuredClone(definition.defaultConfig),
        selected: true,
      };
      setNodes((current) => current.map((n) => (n.selected ? { ...n, selected: false } : n)).concat(node));
    },
    [screenToFlowPosition, setNodes],
  );

  const updateConfig = useCallback(
    (nodeId: string, field: string, value: unknown) =>
      setNodes((current) =>
        current.map((node) =>
          node.id === nodeId ? { ...node, data: { ...node.data, [field]: value } } : node,
        ),
      ),
    [setNodes],
  );
  const removeNode = useCallback(
    (nodeId: string) => {
      setNodes((current) => current.filter((node) => node.id !== nodeId));
      setEdges((current) => current.filter((edge) => edge.source !== nodeId && edge.target !== nodeId));
    },
    [setNodes, setEdges],
  );

  const describeNode = useCallback(
    (nodeId: string) => {
      const node = nodes.find((n) => n.id === nodeId);
      if (!node) return null;
      const definition = findNodeType(node.type ?? '');
      return definition ? nodeText.label(definition) : (node.type ?? null);
    },
    [nodes, nodeText],
  );
  const canvasInfo = useMemo<CanvasInfo>(() => {
    const problemsByNode = new Map<string, string[]>();
    for (const problem of problems ?? []) {
      if (!problem.nodeId) continue;
      const message = compileMessage(problem);
      problemsByNode.set(problem.nodeId, [...(problemsByNode.get(problem.nodeId) ?? []), message]);
    }
    const referenceNames = new Map(
      Object.values(options).flatMap((choices) => choices.map((choice) => [choice.id, choice.name] as const)),
    );
    return { problemsByNode, referenceNames };
  }, [problems, options, compileMessage]);
  const displayedEdges = useMemo(() => {
    const invalid = new Set((problems ?? []).map((problem) => problem.edgeId).filter(Boolean));
    return invalid.size === 0
      ? edges
      : edges.map((edge) => (invalid.has(edge.id) ? { ...edge, className: 'journey-edge--invalid' } : edge));
  }, [edges, problems]);

  const selectedNodes = nodes.filter((node) => node.selected);
  const showProblem = useCallback(
    (problem: CompileError) => {
      const nodeId = problem.nodeId;
      if (nodeId) {
        setNodes((current) => current.map((node) => ({ ...node, selected: node.id === nodeId })));
        void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 });
      } else if (problem.edgeId) {
        setEdges((current) => current.map((edge) => ({ ...edge, selected: edge.id === problem.edgeId })));
      }
    },
    [setNodes, setEdges, fitView],
  );

  const liveBirthday = journey.status === 'live' && isDateTrigger(journey.liveTriggerType);
  const liveManual = journey.status === 'live' && journey.liveTriggerType === 'trigger_manual';

  return (
    <div className="editor">
      <div className="breadcrumb">
        <Link href="/journeys">{tn('journeys')}</Link> /
      </div>
      <div className="editor__header">
        <div className="editor__title">
          <h1 data-testid="journey-name">{journey.name}</h1>
          <JourneyStatusBadge status={journey.status} />
          <span className="muted" data-testid="journey-live-version">
            {journey.liveVersion ? t('liveVersion', { version: journey.liveVersion }) : t('notPublished')}
          </span>
          {journey.hasUnpublishedChanges && (
            <span className="badge badge--paused" title={t('unpublishedChangesHint')}>
              {t('unpublishedChanges')}
            </span>
          )}
        </div>
        <div className="editor__actions">
          {dirty ? (
            <span className="editor__dirty" data-testid="unsaved-changes">
              {t('unsavedChanges')}
            </span>
          ) : (
            <span className="muted" style={{ fontSize: 12 }} title={format.dateTime(journey.updatedAt)}>
              {t('savedAgo', { ago: format.relativePast(journey.updatedAt, now) })}
            </span>
          )}
          {canEdit ? (
            <>
              <LifecycleButtons journeyId={journey.id} status={journey.status} onNotice={setNotice} />
              <button
                type="button"
                className="button"
                onClick={saveDraft}
                disabled={busy}
                data-testid="save-journey"
              >
                {save.isPending ? tc('saving') : tc('save')}
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => setConfirmingPublish(true)}
                disabled={busy}
                data-testid="publish-journey"
              >
                {publish.isPending ? t('publishing') : t('publish')}
              </button>
            </>
          ) : (
            role && (
              <span className="badge" data-testid="journey-view-only">
                {t('viewOnly')}
              </span>
            )
          )}
        </div>
      </div>
      {(notice || liveBirthday || liveManual) && (
        <div className="editor__messages">
          {liveManual && canEdit && <BroadcastPanel journeyId={journey.id} />}
          {liveBirthday && (
            <div className="alert" data-testid="live-bar">
              <span>
                {journey.liveTriggerType === 'trigger_birthday' ? (
                  <>
                    <span aria-hidden>🎂</span> {t('liveBirthday')}
                  </>
                ) : (
                  <>
                    <span aria-hidden>📅</span> {t('liveDateTrigger')}
                  </>
                )}
              </span>
              {canEdit && <TriggerNowButton journeyId={journey.id} />}
            </div>
          )}
          {notice && (
            <div className={`alert alert--${notice.tone}`} role="status" data-testid="editor-notice">
              {notice.text}
            </div>
          )}
        </div>
      )}
      {confirmingPublish && (
        <PublishDialog
          journeyId={journey.id}
          onConfirm={() => publish.mutate({ id: journey.id, graph })}
          onClose={() => setConfirmingPublish(false)}
        />
      )}
      <div className="editor__body">
        {canEdit && <Palette />}
        <div className="editor__canvas" data-testid="journey-canvas">
          <CanvasContext.Provider value={canvasInfo}>
            <ReactFlow<JourneyFlowNode, Edge>
              nodes={nodes}
              edges={displayedEdges}
              nodeTypes={nodeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              isValidConnection={isValidConnection}
              onDrop={canEdit ? onDrop : undefined}
              onDragOver={canEdit ? onDragOver : undefined}
              // An analyst looks without moving, connecting or deleting anything.
              nodesDraggable={canEdit}
              nodesConnectable={canEdit}
              deleteKeyCode={canEdit ? ['Delete', 'Backspace'] : null}
              defaultEdgeOptions={defaultEdgeOptions}
              // Fit only a journey that has steps: fitting the first dropped step would jump the view.
              fitView={initial.nodes.length > 0}
              fitViewOptions={{ maxZoom: 1, padding: 0.3 }}
            >
              <Background gap={16} />
              <Controls showInteractive={false} />
            </ReactFlow>
          </CanvasContext.Provider>
          {nodes.length === 0 && <div className="editor__canvas-hint">{t('canvasHint')}</div>}
        </div>
        <div className="editor__side">
          <JourneySettingsPanel journeyId={journey.id} saved={journey.settings} problems={problems} />
          <ConfigPanel
            node={selectedNodes.length === 1 ? (selectedNodes[0] ?? null) : null}
            selectionCount={selectedNodes.length}
            options={options}
            onChange={updateConfig}
            onDelete={removeNode}
          />
          {problems && problems.length > 0 && (
            <ProblemsPanel problems={problems} describeNode={describeNode} onShow={showProblem} />
          )}
        </div>
      </div>
    </div>
  );
}
