'use client';

import { findNodeType, type FieldSpec } from '../../../workflows/journey/nodes';
import type { JourneyFlowNode } from './flow-graph';

export interface TemplateOption {
  id: string;
  name: string;
}

interface ConfigPanelProps {
  node: JourneyFlowNode | null;
  selectionCount: number;
  templates: TemplateOption[];
  onChange: (nodeId: string, field: string, value: unknown) => void;
  onDelete: (nodeId: string) => void;
}

const hours = Array.from({ length: 24 }, (_, hour) => hour);

/** Edits the selected node's config from the catalog's field list; checks it as the compiler will. */
export function ConfigPanel({ node, selectionCount, templates, onChange, onDelete }: ConfigPanelProps) {
  if (!node) {
    return (
      <section className="card" data-testid="config-panel">
        <div className="card__header">
          <h2>Step settings</h2>
        </div>
        <div className="card__body config-panel__empty">
          {selectionCount > 1
            ? `${selectionCount} steps selected. Select one to edit it, or press Delete to remove them.`
            : 'Select a step on the canvas to edit it.'}
        </div>
      </section>
    );
  }
  const definition = findNodeType(node.type ?? '');
  if (!definition) {
    return (
      <section className="card" data-testid="config-panel">
        <div className="card__body">This step type is not known to this version of the app.</div>
      </section>
    );
  }
  const parsed = definition.parseConfig(node.data);
  const issues = parsed.ok ? [] : parsed.issues;
  const issueFor = (field: string) => issues.find((issue) => issue.field === field)?.message;

  return (
    <section className="card" data-testid="config-panel">
      <div className="card__header">
        <h2>
          <span aria-hidden>{definition.icon}</span> {definition.label}
        </h2>
        <button type="button" className="button button--small" onClick={() => onDelete(node.id)}>
          Remove
        </button>
      </div>
      <div className="card__body">
        <p className="config-panel__description">{definition.description}</p>
        {definition.fields.map((field) => (
          <ConfigField
            key={`${node.id}:${field.name}`}
            field={field}
            value={node.data[field.name]}
            error={issueFor(field.name)}
            templates={templates}
            onChange={(value) => onChange(node.id, field.name, value)}
          />
        ))}
      </div>
    </section>
  );
}

function ConfigField(props: {
  field: FieldSpec;
  value: unknown;
  error: string | undefined;
  templates: TemplateOption[];
  onChange: (value: unknown) => void;
}) {
  const { field, value, error, templates, onChange } = props;
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
          placeholder={field.nullable ? 'None' : undefined}
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
          {typeof value !== 'number' && <option value="">Choose an hour…</option>}
          {hours.map((hour) => (
            <option key={hour} value={hour}>
              {`${String(hour).padStart(2, '0')}:00`}
            </option>
          ))}
        </select>
      );
      break;
    case 'template': {
      const selected = typeof value === 'string' ? value : '';
      const missing = selected !== '' && !templates.some((template) => template.id === selected);
      control = (
        <select
          id={inputId}
          className={error || missing ? 'select input--invalid' : 'select'}
          value={selected}
          onChange={(event) => onChange(event.target.value)}
          data-testid={`config-field-${field.name}`}
        >
          <option value="">Choose a template…</option>
          {missing && <option value={selected}>Missing template ({selected})</option>}
          {templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name}
            </option>
          ))}
        </select>
      );
      break;
    }
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
        {field.label}
      </label>
      {control}
      {error ? (
        <span className="field__error">{error}</span>
      ) : (
        field.help && <span className="field__help">{field.help}</span>
      )}
    </div>
  );
}
