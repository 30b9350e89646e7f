'use client';

import '@xyflow/react/dist/style.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeTypes,
  type IsValidConnection,
  type NodeTypes,
} from '@xyflow/react';
import { useNow, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { isDateTrigger } from '../../../workflows/journey/date-trigger';
import type { CompileError } from '../../../workflows/journey/compiler';
import type { JourneyGraph } from '../../../workflows/journey/graph';
import { findNodeType, nodeCatalog } from '../../../workflows/journey/nodes';
import { Loading, QueryError } from '../../_components/query-state';
import { JourneyStatusBadge } from '../../_components/status-badge';
import { useAccess } from '../../_components/use-access';
import { useLeaveGuard } from '../../_components/use-leave-guard';
import { useCompileMessage } from '../../_i18n/use-compile-message';
import { useErrorText } from '../../_i18n/use-error-text';
import { useFormats } from '../../_i18n/use-formats';
import { useNodeText } from '../../_i18n/use-node-text';
import type { RouterOutputs } from '../../_trpc/outputs';
import { useTRPC } from '../../_trpc/react';
import { BroadcastPanel } from './broadcast-panel';
import { autoLayout } from './canvas/auto-layout';
import { clipboardStorageKey, copySelection, pasteClipboard, readClipboard } from './canvas/clipboard';
import { insertOnEdge, setOutputTarget } from './canvas/graph-edits';
import { liveProblems } from './canvas/live-problems';
import { CanvasContext, type CanvasInfo, type StepFigures } from './canvas-context';
import { CanvasToolbar } from './canvas-toolbar';
import { ConfigPanel, type PickerOptions } from './config-panel';
import { flowToGraph, graphToFlow, newEdgeId, newNodeId, type JourneyFlowNode } from './flow-graph';
import { InsertStepDialog } from './insert-step-dialog';
import { InsertableEdge } from './insertable-edge';
import { JourneyNode } from './journey-node';
import { LifecycleButtons } from './lifecycle-buttons';
import { Palette, paletteDragType } from './palette';
import { ProblemsPanel } from './problems-panel';
import { PublishDialog } from './publish-dialog';
import type { PathHighlight } from './preview/path-highlight';
import { PreviewButton } from './preview/preview-button';
import { PreviewPanel } from './preview/preview-panel';
import { JourneySettingsPanel } from './settings-panel';
import { StepConnections, type StepChoice } from './step-connections';
import { TriggerNowButton } from './trigger-now';
import { useAutosave } from './use-autosave';
import { useEditHistory } from './use-edit-history';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { VersionsLink } from './versions/versions-link';

type Journey = RouterOutputs['journeys']['get'];
type Options = RouterOutputs['journeys']['pickerOptions'];
type Notice = { tone: 'success' | 'error' | 'warning'; text: string };

// Defined once at module level: React Flow re-mounts every node when these objects change.
const nodeTypes: NodeTypes = Object.fromEntries(nodeCatalog.map((node) => [node.type, JourneyNode]));
const edgeTypes: EdgeTypes = { insertable: InsertableEdge };
const nodeWidth = 240;
/** How often a published journey's canvas refreshes its per-step figures while open. */
const figuresRefreshMs = 10_000;
/** Vertical room a step needs on a connection; less than this and the steps below move down. */
const stepSpacing = 150;
const pasteOffset = 40;
const defaultEdgeOptions = {
  type: 'insertable',
  markerEnd: { type: MarkerType.ArrowClosed },
  style: { strokeWidth: 2 },
};
const minimapColors: Record<string, string> = {
  trigger: '#2563eb',
  flow: '#64748b',
  loyalty: '#d97706',
  messaging: '#7c3aed',
  data: '#0f766e',
};

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

/** Puts a graph on the canvas, keeping the selection and measured sizes of steps that stay. */
function mergeIntoCanvas(
  graph: JourneyGraph,
  current: JourneyFlowNode[],
  selectedIds?: ReadonlySet<string>,
): JourneyFlowNode[] {
  const before = new Map(current.map((node) => [node.id, node]));
  return graphToFlow(graph).nodes.map((node) => {
    const previous = before.get(node.id);
    const selected = selectedIds ? selectedIds.has(node.id) : (previous?.selected ?? false);
    return previous ? { ...previous, ...node, selected } : { ...node, selected };
  });
}

function EditorWorkspace({ journey, options }: { journey: Journey; options: Options }) {
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
  const [insertingOn, setInsertingOn] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [highlight, setHighlight] = useState<PathHighlight | null>(null);
  const queryClient = useQueryClient();
  const { screenToFlowPosition, fitView } = useReactFlow<JourneyFlowNode, Edge>();
  const canvasRef = useRef<HTMLDivElement>(null);
  // The canvas is seeded once; later refetches of the journey must not overwrite edits.
  const [initial] = useState(() => graphToFlow(journey.draftGraph));
  const [nodes, setNodes, onNodesChange] = useNodesState<JourneyFlowNode>(initial.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>(initial.edges);
  const [notice, setNotice] = useState<Notice | null>(null);

  const graph = useMemo(() => flowToGraph(nodes, edges), [nodes, edges]);
  const serialized = useMemo(() => JSON.stringify(graph), [graph]);
  const [savedSerialized, setSavedSerialized] = useState(() =>
    JSON.stringify(flowToGraph(initial.nodes, initial.edges)),
  );
  const dirty = serialized !== savedSerialized;
  const latestGraph = useRef(graph);
  latestGraph.current = graph;

  // ---- Problems: checked in the browser as the marketer edits, plus what a refused publish
  // added that only the server can check (a webhook body's Liquid), until the next edit.
  const deferredGraph = useDeferredValue(graph);
  const live = useMemo(
    () =>
      liveProblems(deferredGraph, { journeyId: journey.id, settings: journey.settings, choices: options }),
    [deferredGraph, journey.id, journey.settings, options],
  );
  const [refusal, setRefusal] = useState<{ graph: string; errors: CompileError[] } | null>(null);
  const problems = useMemo(() => {
    if (!refusal || refusal.graph !== serialized) return live;
    const known = new Set(
      live.map((problem) => `${problem.code}:${problem.nodeId ?? ''}:${problem.field ?? ''}`),
    );
    const extra = refusal.errors.filter(
      (problem) => !known.has(`${problem.code}:${problem.nodeId ?? ''}:${problem.field ?? ''}`),
    );
    return [...live, ...extra];
  }, [live, refusal, serialized]);

  const refreshJourney = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.journeys.get.queryFilter({ id: journey.id })),
        queryClient.invalidateQueries(trpc.journeys.list.queryFilter()),
      ]),
    [queryClient, trpc, journey.id],
  );

  // An autosave says nothing; a save the marketer asked for says "Draft saved."
  const quietSave = useRef(false);
  const save = useMutation(
    trpc.journeys.saveDraft.mutationOptions({
      onSuccess: (_, variables) => {
        setSavedSerialized(JSON.stringify(variables.graph));
        if (!quietSave.current) setNotice({ tone: 'success', text: t('notice.saved') });
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
          setRefusal({ graph: JSON.stringify(variables.graph), errors: result.errors });
          setNotice({ tone: 'error', text: t('notice.refused', { count: result.errors.length }) });
        } else {
          setRefusal(null);
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
  const saveDraft = useCallback(
    (quiet = false) => {
      quietSave.current = quiet;
      save.mutate({ id: journey.id, graph: latestGraph.current });
    },
    [save, journey.id],
  );
  const autosave = useCallback(() => saveDraft(true), [saveDraft]);
  useAutosave({
    enabled: canEdit,
    dirty,
    busy,
    failed: save.isError,
    version: serialized,
    save: autosave,
  });
  useLeaveGuard(dirty && canEdit, t('leaveConfirm'));

  // ---- Edits.
  const applyGraph = useCallback(
    (next: JourneyGraph, selectedIds?: ReadonlySet<string>) => {
      setNodes((current) => mergeIntoCanvas(next, current, selectedIds));
      setEdges(graphToFlow(next).edges);
    },
    [setNodes, setEdges],
  );
  const history = useEditHistory(
    serialized,
    useCallback((snapshot: string) => applyGraph(JSON.parse(snapshot) as JourneyGraph), [applyGraph]),
  );
  const { checkpoint } = history;

  const connectOutput = useCallback(
    (source: string, handle: string | null, target: string | null) =>
      setEdges((current) => {
        const next = setOutputTarget(flowToGraph([], current).edges, source, handle, target, newEdgeId);
        return graphToFlow({ nodes: [], edges: next }).edges;
      }),
    [setEdges],
  );
  // One edge per output: connecting an output again replaces where it leads.
  const onConnect = useCallback(
    (connection: Connection) =>
      connectOutput(connection.source, connection.sourceHandle ?? null, connection.target),
    [connectOutput],
  );
  const isValidConnection: IsValidConnection<Edge> = useCallback(
    (connection) => connection.source !== connection.target,
    [],
  );

  const addStep = useCallback(
    (type: string, position: { x: number; y: number }, after?: { source: string; handle: string }) => {
      const definition = findNodeType(type);
      if (!definition) return;
      checkpoint();
      const node = {
        id: newNodeId(),
        type,
        position: { x: Math.round(position.x), y: Math.round(position.y) },
        data: structuredClone(definition.defaultConfig),
      };
      const current = latestGraph.current;
      const edges = after
        ? setOutputTarget(current.edges, after.source, after.handle, node.id, newEdgeId)
        : current.edges;
      applyGraph({ nodes: [...current.nodes, node], edges }, new Set([node.id]));
    },
    [applyGraph, checkpoint],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(paletteDragType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(paletteDragType);
      if (!findNodeType(type)) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addStep(type, { x: point.x - nodeWidth / 2, y: point.y - 30 });
    },
    [screenToFlowPosition, addStep],
  );

  /**
   * A palette item activated without dragging (click, Enter): below the one selected step,
   * connected from its first free output, or else in the middle of the view.
   */
  const addFromPalette = useCallback(
    (type: string) => {
      const current = latestGraph.current;
      const selected = nodes.filter((node) => node.selected);
      const anchor = selected.length === 1 ? selected[0] : undefined;
      const anchorOutputs = anchor ? (findNodeType(anchor.type ?? '')?.outputs(anchor.data) ?? []) : [];
      const freeOutput = anchorOutputs.find(
        (output) => !current.edges.some((edge) => edge.source === anchor?.id && edge.sourceHandle === output),
      );
      const isTrigger = findNodeType(type)?.kind === 'trigger';
      if (anchor && freeOutput && !isTrigger) {
        const index = anchorOutputs.indexOf(freeOutput);
        const x = anchor.position.x + (index - (anchorOutputs.length - 1) / 2) * (nodeWidth + 40);
        addStep(type, { x, y: anchor.position.y + stepSpacing }, { source: anchor.id, handle: freeOutput });
        return;
      }
      const rect = canvasRef.current?.getBoundingClientRect();
      const center = rect
        ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 3 })
        : { x: 0, y: 0 };
      addStep(type, { x: center.x - nodeWidth / 2, y: center.y });
    },
    [nodes, addStep, screenToFlowPosition],
  );

  const insertStep = useCallback(
    (edgeId: string, type: string) => {
      const current = latestGraph.current;
      const edge = current.edges.find((candidate) => candidate.id === edgeId);
      const definition = findNodeType(type);
      const source = current.nodes.find((node) => node.id === edge?.source);
      const target = current.nodes.find((node) => node.id === edge?.target);
      if (!edge || !definition || !source || !target) return;
      checkpoint();
      // Too little room between the two: everything from the target's height down moves.
      const room = target.position.y - source.position.y;
      const shift = room < 2 * stepSpacing ? stepSpacing : 0;
      const node = {
        id: newNodeId(),
        type,
        position: {
          x: Math.round((source.position.x + target.position.x) / 2),
          y: Math.round(
            shift ? source.position.y + stepSpacing : (source.position.y + target.position.y) / 2,
          ),
        },
        data: structuredClone(definition.defaultConfig),
      };
      const moved = {
        nodes: current.nodes.map((n) =>
          shift && n.position.y >= target.position.y
            ? { ...n, position: { ...n.position, y: n.position.y + shift } }
            : n,
        ),
        edges: current.edges,
      };
      applyGraph(insertOnEdge(moved, edgeId, node, newEdgeId), new Set([node.id]));
    },
    [applyGraph, checkpoint],
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
      checkpoint();
      setNodes((current) => current.filter((node) => node.id !== nodeId));
      setEdges((current) => current.filter((edge) => edge.source !== nodeId && edge.target !== nodeId));
    },
    [setNodes, setEdges, checkpoint],
  );

  // ---- Clipboard: steps and the connections between them, across journeys and tabs.
  const pasteCount = useRef(0);
  const copy = useCallback(() => {
    const selected = new Set(nodes.filter((node) => node.selected).map((node) => node.id));
    const clipboard = copySelection(latestGraph.current, selected);
    if (!clipboard) return false;
    window.localStorage.setItem(clipboardStorageKey, JSON.stringify(clipboard));
    pasteCount.current = 0;
    setNotice({ tone: 'success', text: t('notice.copied', { count: clipboard.nodes.length }) });
    return true;
  }, [nodes, t]);
  const cut = useCallback(() => {
    if (!copy()) return;
    checkpoint();
    const selected = new Set(nodes.filter((node) => node.selected).map((node) => node.id));
    setNodes((current) => current.filter((node) => !selected.has(node.id)));
    setEdges((current) => current.filter((edge) => !selected.has(edge.source) && !selected.has(edge.target)));
  }, [copy, nodes, setNodes, setEdges, checkpoint]);
  const paste = useCallback(() => {
    const clipboard = readClipboard(window.localStorage.getItem(clipboardStorageKey));
    if (!clipboard) {
      setNotice({ tone: 'warning', text: t('notice.clipboardEmpty') });
      return;
    }
    checkpoint();
    pasteCount.current += 1;
    const offset = pasteOffset * pasteCount.current;
    const pasted = pasteClipboard(clipboard, { offset: { x: offset, y: offset }, newNodeId, newEdgeId });
    const current = latestGraph.current;
    applyGraph(
      { nodes: [...current.nodes, ...pasted.nodes], edges: [...current.edges, ...pasted.edges] },
      new Set(pasted.nodeIds),
    );
  }, [applyGraph, t, checkpoint]);

  const [layingOut, setLayingOut] = useState(false);
  const tidyUp = useCallback(async () => {
    checkpoint();
    setLayingOut(true);
    try {
      const measured = new Map(nodes.map((node) => [node.id, node.measured] as const));
      const positions = await autoLayout(latestGraph.current, (id) => {
        const size = measured.get(id);
        return size?.width && size.height ? { width: size.width, height: size.height } : undefined;
      });
      setNodes((current) =>
        current.map((node) => {
          const position = positions.get(node.id);
          return position ? { ...node, position } : node;
        }),
      );
      // Fit once React Flow has the new positions.
      window.requestAnimationFrame(() => void fitView({ duration: 300, maxZoom: 1, padding: 0.2 }));
    } finally {
      setLayingOut(false);
    }
  }, [nodes, setNodes, fitView, checkpoint]);

  useEditorShortcuts(
    {
      save: () => {
        if (!busy) saveDraft();
      },
      undo: history.undo,
      redo: history.redo,
      copy: () => void copy(),
      cut,
      paste,
    },
    canEdit,
  );

  // ---- A published journey's figures per step, refreshed while the page is open.
  const stepIds = useMemo(() => nodes.map((node) => node.id).sort(), [nodes]);
  const figures = useQuery(
    trpc.journeys.stepCounts.queryOptions(
      { id: journey.id, stepIds },
      {
        enabled: journey.liveVersion !== null,
        refetchInterval: figuresRefreshMs,
        placeholderData: (previous) => previous,
      },
    ),
  );
  const countsByNode = useMemo(() => {
    if (!figures.data) return undefined;
    const { passed, here, entered } = figures.data;
    return new Map<string, StepFigures>(
      nodes.map((node) => {
        // A trigger is passed by every run that entered; other steps by the runs' own records.
        const isTrigger = findNodeType(node.type ?? '')?.kind === 'trigger';
        return [
          node.id,
          isTrigger
            ? { here: null, passed: entered }
            : {
                here: here ? (here[node.id] ?? 0) : null,
                passed: passed[node.id]?.runs ?? 0,
                taken: passed[node.id]?.byOutput ?? {},
              },
        ];
      }),
    );
  }, [figures.data, nodes]);

  // ---- What nodes and edges show besides their config.
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
    for (const problem of problems) {
      if (!problem.nodeId) continue;
      const message = compileMessage(problem);
      problemsByNode.set(problem.nodeId, [...(problemsByNode.get(problem.nodeId) ?? []), message]);
    }
    const referenceNames = new Map(
      [options.template, options.reward, options.tier, options.segment].flatMap((choices) =>
        choices.map((choice) => [choice.id, choice.name] as const),
      ),
    );
    return {
      problemsByNode,
      referenceNames,
      onInsertOnEdge: canEdit ? setInsertingOn : undefined,
      countsByNode,
      highlight: highlight ?? undefined,
    };
  }, [problems, options, compileMessage, canEdit, countsByNode, highlight]);
  const displayedEdges = useMemo(() => {
    const invalid = new Set(problems.map((problem) => problem.edgeId).filter(Boolean));
    const onPath = new Set(highlight?.edgeIds ?? []);
    return invalid.size === 0 && onPath.size === 0
      ? edges
      : edges.map((edge) =>
          invalid.has(edge.id)
            ? { ...edge, className: 'journey-edge--invalid' }
            : onPath.has(edge.id)
              ? { ...edge, className: 'journey-edge--on-path' }
              : edge,
        );
  }, [edges, problems, highlight]);
  const stepChoices = useMemo<StepChoice[]>(
    () =>
      nodes.map((node) => {
        const definition = findNodeType(node.type ?? '');
        const label = definition ? nodeText.label(definition) : (node.type ?? '');
        return {
          id: node.id,
          name: definition ? `${label} · ${nodeText.summary(definition, node.data)}` : label,
          isTrigger: definition?.kind === 'trigger',
        };
      }),
    [nodes, nodeText],
  );

  const selectedNodes = nodes.filter((node) => node.selected);
  const selectedNode = selectedNodes.length === 1 ? (selectedNodes[0] ?? null) : null;
  // Selecting other steps ends the edit in hand: undo then takes back one step at a time.
  const selectionKey = selectedNodes.map((node) => node.id).join(' ');
  useEffect(() => checkpoint(), [selectionKey, checkpoint]);
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
  const blocked = problems.length > 0;

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
          {save.isPending && quietSave.current ? (
            <span className="muted" style={{ fontSize: 12 }} data-testid="autosaving">
              {t('autosaving')}
            </span>
          ) : dirty ? (
            <span className="editor__dirty" data-testid="unsaved-changes">
              {t('unsavedChanges')}
            </span>
          ) : (
            <span
              className="muted"
              style={{ fontSize: 12 }}
              title={format.dateTime(journey.updatedAt)}
              data-testid="saved-ago"
            >
              {t('savedAgo', { ago: format.relativePast(journey.updatedAt, now) })}
            </span>
          )}
          <VersionsLink journeyId={journey.id} />
          <PreviewButton active={previewing} onClick={() => setPreviewing((open) => !open)} />
          {canEdit ? (
            <>
              <LifecycleButtons journeyId={journey.id} status={journey.status} onNotice={setNotice} />
              <button
                type="button"
                className="button"
                onClick={() => saveDraft()}
                disabled={busy}
                data-testid="save-journey"
              >
                {save.isPending && !quietSave.current ? tc('saving') : tc('save')}
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => setConfirmingPublish(true)}
                disabled={busy || blocked}
                title={blocked ? t('publishBlocked', { count: problems.length }) : undefined}
                aria-describedby={blocked ? 'problems-panel-title' : undefined}
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
      {previewing && (
        <PreviewPanel
          journeyId={journey.id}
          graph={graph}
          onClose={() => setPreviewing(false)}
          onHighlight={setHighlight}
        />
      )}
      {confirmingPublish && (
        <PublishDialog
          journeyId={journey.id}
          onConfirm={() => publish.mutate({ id: journey.id, graph })}
          onClose={() => setConfirmingPublish(false)}
        />
      )}
      {insertingOn && (
        <InsertStepDialog
          onPick={(type) => {
            insertStep(insertingOn, type);
            setInsertingOn(null);
          }}
          onClose={() => setInsertingOn(null)}
        />
      )}
      <div className="editor__body">
        {canEdit && <Palette onAdd={addFromPalette} />}
        <div className="editor__canvas" data-testid="journey-canvas" ref={canvasRef}>
          {canEdit && (
            <CanvasToolbar
              canUndo={history.canUndo}
              canRedo={history.canRedo}
              onUndo={history.undo}
              onRedo={history.redo}
              onTidyUp={() => void tidyUp()}
              tidying={layingOut}
              canTidy={nodes.length > 1}
            />
          )}
          <CanvasContext.Provider value={canvasInfo}>
            <ReactFlow<JourneyFlowNode, Edge>
              nodes={nodes}
              edges={displayedEdges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
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
              // 300-step journeys: draw only what is in view.
              onlyRenderVisibleElements={nodes.length > 120}
            >
              <Background gap={16} />
              <Controls showInteractive={false} />
              <MiniMap
                pannable
                zoomable
                ariaLabel={t('minimap')}
                nodeColor={(node) =>
                  minimapColors[findNodeType(node.type ?? '')?.kind ?? 'flow'] ?? '#64748b'
                }
              />
            </ReactFlow>
          </CanvasContext.Provider>
          {nodes.length === 0 && <div className="editor__canvas-hint">{t('canvasHint')}</div>}
        </div>
        <div className="editor__side">
          <JourneySettingsPanel journeyId={journey.id} saved={journey.settings} problems={problems} />
          <ConfigPanel
            node={selectedNode}
            selectionCount={selectedNodes.length}
            options={options as PickerOptions}
            onChange={updateConfig}
            onDelete={removeNode}
            connections={
              canEdit && selectedNode ? (
                <StepConnections
                  nodeId={selectedNode.id}
                  nodeType={selectedNode.type ?? ''}
                  config={selectedNode.data}
                  edges={graph.edges}
                  steps={stepChoices}
                  onConnect={connectOutput}
                />
              ) : null
            }
          />
          {problems.length > 0 && (
            <ProblemsPanel problems={problems} describeNode={describeNode} onShow={showProblem} />
          )}
        </div>
      </div>
    </div>
  );
}
