'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { ConfigIssue, FieldSpec, ReferenceKind } from '../../../workflows/journey/nodes';
import { findNodeType } from '../../../workflows/journey/nodes';
import { issueInputOf, useIssueText } from '../../_i18n/use-issue-text';
import { useNodeText } from '../../_i18n/use-node-text';
import { BranchesInput } from './branches-input';
import { DurationInput } from './duration-input';
import { EventNameInput } from './event-name-input';
import { FiltersInput } from './filters-input';
import type { JourneyFlowNode } from './flow-graph';
import { SharesInput } from './shares-input';
import { TemplateThumbnail } from './template-thumbnail';
import { WeekdaysInput } from './weekdays-input';
import { NodeIcon } from '../node-icon';

export interface PickerOption {
  id: string;
  name: string;
}

/** What exists in the workspace for the fields that point at something (templates, rewards, tiers). */
export type PickerOptions = Record<ReferenceKind, PickerOption[]>;

interface ConfigPanelProps {
  node: JourneyFlowNode | null;
  selectionCount: number;
  options: PickerOptions;
  onChange: (nodeId: string, field: string, value: unknown) => void;
  onDelete: (nodeId: string) => void;
  /** Where the step's outputs lead (a keyboard-friendly way to connect), below its settings. */
  connections?: ReactNode;
}

const hours = Array.from({ length: 24 }, (_, hour) => hour);

/** Edits the selected node's config from the catalog's field list; checks it as the compiler will. */
export function ConfigPanel({
  node,
  selectionCount,
  options,
  onChange,
  onDelete,
  connections,
}: ConfigPanelProps) {
  const t = useTranslations('configPanel');
  const nodeText = useNodeText();
  const issueText = useIssueText();
  if (!node) {
    return (
      <section className="card" data-testid="config-panel">
        <div className="card__header">
          <h2>{t('title')}</h2>
        </div>
        <div className="card__body config-panel__empty">
          {selectionCount > 1 ? t('severalSelected', { count: selectionCount }) : t('selectOne')}
        </div>
      </section>
    );
  }
  const definition = findNodeType(node.type ?? '');
  if (!definition) {
    return (
      <section className="card" data-testid="config-panel">
        <div className="card__body">{t('unknownType')}</div>
      </section>
    );
  }
  const parsed = definition.parseConfig(node.data);
  const issues: ConfigIssue[] = parsed.ok ? [] : parsed.issues;
  const issueFor = (field: FieldSpec) => {
    const issue = issues.find(
      (candidate) => candidate.field === field.name || candidate.field.startsWith(`${field.name}.`),
    );
    return issue ? issueText(issue, issueInputOf(field)) : undefined;
  };
  /** Issues inside a list field (filter rows, branches) by their path below it: `0.value`. */
  const nestedIssues = (field: FieldSpec) =>
    new Map(
      issues
        .filter((issue) => issue.field.startsWith(`${field.name}.`))
        .map((issue) => [issue.field.slice(field.name.length + 1), issueText(issue, 'value')] as const),
    );

  return (
    <section className="card" data-testid="config-panel">
      <div className="card__header">
        <h2>
          <NodeIcon type={definition.type} /> {nodeText.label(definition)}
        </h2>
        <button
          type="button"
          className="button button--small"
          onClick={() => onDelete(node.id)}
          data-testid="remove-step"
        >
          {t('remove')}
        </button>
      </div>
      <div className="card__body">
        <p className="config-panel__description">{nodeText.description(definition.type)}</p>
        {definition.fields
          .filter((field) => isShown(field, node.data))
          .map((field) => (
            <ConfigField
              key={`${node.id}:${field.name}`}
              field={field}
              label={nodeText.fieldLabel(definition.type, field.name)}
              help={nodeText.fieldHelp(definition.type, field.name)}
              value={node.data[field.name]}
              error={issueFor(field)}
              nestedErrors={nestedIssues(field)}
              config={node.data}
              options={options}
              optionLabel={(value) => nodeText.fieldOption(definition.type, field.name, value)}
              onChange={(value) => onChange(node.id, field.name, value)}
            />
          ))}
        {connections}
      </div>
    </section>
  );
}

/** A field that only applies to one choice of another (fixed points vs formula) is hidden otherwise. */
function isShown(field: FieldSpec, config: Record<string, unknown>): boolean {
  if (!field.showWhen) return true;
  return field.showWhen.equals.includes(String(config[field.showWhen.field]));
}

function ConfigField(props: {
  field: FieldSpec;
  label: string;
  help: string;
  value: unknown;
  error: string | undefined;
  /** Problems inside list fields (filters, branches), by path below the field. */
  nestedErrors: ReadonlyMap<string, string>;
  /** The whole config, for controls that show a sibling (the split's holdout in its total). */
  config: Record<string, unknown>;
  options: PickerOptions;
  optionLabel: (value: string) => string;
  onChange: (value: unknown) => void;
}) {
  const { field, label, value, error, options, optionLabel, onChange } = props;
  const testId = `config-field-${field.name}`;
  let help = props.help;
  const t = useTranslations('configPanel');
  const inputId = `config-${field.name}`;
  const className = error ? 'input input--invalid' : 'input';
  let control;
  switch (field.input) {
    case 'number':
      control = (
        <input
          id={inputId}
          className={className}
          type="number"
          step={1}
          inputMode="numeric"
          value={typeof value === 'number' && Number.isFinite(value) ? value : ''}
          placeholder={field.nullable ? t('none') : undefined}
          // Empty means "none" for nullable fields; for the others it shows as a missing value.
          onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
          data-testid={`config-field-${field.name}`}
        />
      );
      break;
    case 'hour':
      control = (
        <select
          id={inputId}
          className={error ? 'select input--invalid' : 'select'}
          value={typeof value === 'number' ? String(value) : ''}
          onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
          data-testid={`config-field-${field.name}`}
        >
          {typeof value !== 'number' && <option value="">{t('chooseHour')}</option>}
          {hours.map((hour) => (
            <option key={hour} value={hour}>
              {t('hour', { hour })}
            </option>
          ))}
        </select>
      );
      break;
    case 'template':
    case 'reward':
    case 'tier':
    case 'segment': {
      const kind = field.input;
      const choices = options[kind];
      const selected = typeof value === 'string' ? value : '';
      const missing = selected !== '' && !choices.some((choice) => choice.id === selected);
      control = (
        <select
          id={inputId}
          className={error || missing ? 'select input--invalid' : 'select'}
          value={selected}
          onChange={(event) => onChange(event.target.value)}
          data-testid={`config-field-${field.name}`}
        >
          <option value="">{t('choose', { kind })}</option>
          {missing && <option value={selected}>{t('missing', { kind, id: selected })}</option>}
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.name}
            </option>
          ))}
        </select>
      );
      if (kind === 'template' && selected !== '' && !missing) {
        control = (
          <>
            {control}
            <TemplateThumbnail templateId={selected} />
          </>
        );
      }
      if (choices.length === 0) help = t('noneYet', { kind });
      break;
    }
    case 'select':
      control = (
        <select
          id={inputId}
          className={error ? 'select input--invalid' : 'select'}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
          data-testid={`config-field-${field.name}`}
        >
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {optionLabel(option)}
            </option>
          ))}
        </select>
      );
      break;
    case 'checkbox':
      control = (
        <input
          id={inputId}
          type="checkbox"
          className="checkbox"
          checked={value === true}
          onChange={(event) => onChange(event.target.checked)}
          data-testid={`config-field-${field.name}`}
        />
      );
      break;
    case 'formula':
      control = (
        <input
          id={inputId}
          className={`${className} input--code`}
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
          data-testid={`config-field-${field.name}`}
        />
      );
      break;
    case 'code':
      control = (
        <textarea
          id={inputId}
          className={`${className} input--code`}
          rows={8}
          spellCheck={false}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
          data-testid={`config-field-${field.name}`}
        />
      );
      break;
    case 'duration':
      control = (
        <DurationInput
          id={inputId}
          value={value}
          invalid={Boolean(error)}
          onChange={onChange}
          testId={testId}
        />
      );
      break;
    case 'time':
      control = (
        <input
          id={inputId}
          className={className}
          type="time"
          step={60}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
          data-testid={testId}
        />
      );
      break;
    case 'weekdays':
      control = <WeekdaysInput id={inputId} value={value} onChange={onChange} testId={testId} />;
      break;
    case 'eventName': {
      // Known event names, once the picker options carry them; free text otherwise.
      const known = (options as Partial<Record<string, PickerOption[]>>)['eventName'] ?? [];
      control = (
        <EventNameInput
          id={inputId}
          value={value}
          invalid={Boolean(error)}
          suggestions={known.map((option) => option.name)}
          onChange={onChange}
          testId={testId}
        />
      );
      break;
    }
    case 'filters':
      control = (
        <FiltersInput
          id={inputId}
          value={value}
          errors={props.nestedErrors}
          onChange={onChange}
          testId={testId}
        />
      );
      break;
    case 'branches':
      control = (
        <BranchesInput
          id={inputId}
          value={value}
          errors={props.nestedErrors}
          tiers={options.tier}
          segments={options.segment}
          onChange={onChange}
          testId={testId}
        />
      );
      break;
    case 'shares':
      control = (
        <SharesInput
          id={inputId}
          value={value}
          holdout={props.config['holdout']}
          invalid={Boolean(error)}
          onChange={onChange}
          testId={testId}
        />
      );
      break;
    case 'text':
      control = (
        <input
          id={inputId}
          className={className}
          type="text"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
          data-testid={`config-field-${field.name}`}
        />
      );
      break;
  }
  return (
    <div className="field">
      <label className="field__label" htmlFor={inputId}>
        {label}
      </label>
      {control}
      {error ? (
        <span className="field__error" data-testid={`config-error-${field.name}`}>
          {error}
        </span>
      ) : (
        help && <span className="field__help">{help}</span>
      )}
    </div>
  );
}
