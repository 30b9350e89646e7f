'use client';

import { useTranslations } from 'next-intl';
import type { FieldChange, GraphDiff } from '../../../../workflows/journey/graph-diff';
import type { JourneyGraph } from '../../../../workflows/journey/graph';
import { useNodeText } from '../../../_i18n/use-node-text';
import { useDiffWords } from './use-diff-words';
import { useSettingLabel } from './use-setting-label';

/**
 * The diff against the previous version, in words: steps added, removed and changed (each
 * changed field with before and after), connections rewired, and how many steps only moved.
 */
export function VersionDiff({
  diff,
  settingsChanges,
  first,
  graph,
  referenceNames,
}: {
  diff: GraphDiff;
  settingsChanges: FieldChange[];
  /** A first version: every step is new, so its connections need no list of their own. */
  first: boolean;
  /** This version's graph, to name the steps a connection joins (removed ones come with the diff). */
  graph: JourneyGraph;
  referenceNames: ReadonlyMap<string, string>;
}) {
  const t = useTranslations('versions');
  const nodeText = useNodeText();
  const words = useDiffWords(referenceNames);
  const settingLabel = useSettingLabel();
  // Settings are not node configs: values read as they are (no template names or select labels).
  const settingValue = (raw: unknown) => words.value('', '', raw);
  const typeOf = new Map([...diff.removedNodes, ...graph.nodes].map((node) => [node.id, node.type]));
  const step = (id: string) => {
    const type = typeOf.get(id);
    return type ? words.stepLabel(type) : id;
  };
  const output = (source: string, handle: string | null) => {
    const type = typeOf.get(source);
    return type && handle ? nodeText.output(type, handle) : (handle ?? '');
  };
  const connections = [
    ...diff.rewiredOutputs.map((edge) =>
      t('rewired', {
        step: step(edge.source),
        output: output(edge.source, edge.sourceHandle),
        target: step(edge.target),
        previous: step(edge.previousTarget),
      }),
    ),
    ...diff.addedEdges.map((edge) =>
      t('connected', {
        step: step(edge.source),
        output: output(edge.source, edge.sourceHandle),
        target: step(edge.target),
      }),
    ),
    ...diff.removedEdges.map((edge) =>
      t('disconnected', {
        step: step(edge.source),
        output: output(edge.source, edge.sourceHandle),
        target: step(edge.target),
      }),
    ),
  ];
  const nothing =
    diff.addedNodes.length +
      diff.removedNodes.length +
      diff.changedNodes.length +
      connections.length +
      settingsChanges.length ===
    0;

  return (
    <div className="stack" data-testid="version-diff">
      {nothing && <p className="muted">{t('noChanges')}</p>}
      {diff.addedNodes.length > 0 && (
        <section data-testid="diff-added">
          <h3>{t('added')}</h3>
          <ul>
            {diff.addedNodes.map((node) => (
              <li key={node.id}>
                <strong>{words.stepLabel(node.type)}</strong>{' '}
                <span className="muted">{words.stepSummary(node.type, node.data)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.removedNodes.length > 0 && (
        <section data-testid="diff-removed">
          <h3>{t('removed')}</h3>
          <ul>
            {diff.removedNodes.map((node) => (
              <li key={node.id}>
                <strong>{words.stepLabel(node.type)}</strong>{' '}
                <span className="muted">{words.stepSummary(node.type, node.data)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.changedNodes.length > 0 && (
        <section data-testid="diff-changed">
          <h3>{t('changed')}</h3>
          <ul>
            {diff.changedNodes.map((node) => (
              <li key={node.id} data-testid="diff-changed-step">
                <strong>{words.stepLabel(node.type)}</strong>
                {node.previousType && (
                  <span className="muted">
                    {' '}
                    {t('typeChanged', { previous: words.stepLabel(node.previousType) })}
                  </span>
                )}
                <ul>
                  {node.fields.map((field) => {
                    const name = words.fieldPath(node.type, field.path);
                    return (
                      <li key={field.path} data-testid="diff-field" data-path={field.path}>
                        {field.kind === 'changed'
                          ? t('fieldChanged', {
                              field: name,
                              before: words.value(node.previousType ?? node.type, field.path, field.before),
                              after: words.value(node.type, field.path, field.after),
                            })
                          : field.kind === 'added'
                            ? t('fieldAdded', {
                                field: name,
                                after: words.value(node.type, field.path, field.after),
                              })
                            : t('fieldRemoved', {
                                field: name,
                                before: words.value(node.previousType ?? node.type, field.path, field.before),
                              })}
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
      {connections.length > 0 && !first && (
        <section data-testid="diff-connections">
          <h3>{t('connections')}</h3>
          <ul>
            {connections.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </section>
      )}
      {settingsChanges.length > 0 && (
        <section data-testid="diff-settings">
          <h3>{t('settings')}</h3>
          <ul>
            {settingsChanges.map((change) => (
              <li key={change.path} data-testid="diff-setting" data-path={change.path}>
                {change.kind === 'changed'
                  ? t('fieldChanged', {
                      field: settingLabel(change.path),
                      before: settingValue(change.before),
                      after: settingValue(change.after),
                    })
                  : change.kind === 'added'
                    ? t('fieldAdded', { field: settingLabel(change.path), after: settingValue(change.after) })
                    : t('fieldRemoved', {
                        field: settingLabel(change.path),
                        before: settingValue(change.before),
                      })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.movedNodeIds.length > 0 && (
        <p className="muted">{t('moved', { count: diff.movedNodeIds.length })}</p>
      )}
    </div>
  );
}
