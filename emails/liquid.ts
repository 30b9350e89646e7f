import { Liquid, type LiquidOptions } from 'liquidjs';

/**
 * Templates are written by marketers and rendered on the worker, so the engines are locked
 * down: no file system (an `{% include '/etc/passwd' %}` finds nothing), a typo in a filter
 * name fails when the template is compiled instead of silently rendering blanks, and a
 * runaway loop is cut off instead of stalling the worker.
 */
export const sharedOptions: LiquidOptions = {
  templates: {},
  strictFilters: true,
  // A missing optional field (no last name) renders empty, as in every other mail tool;
  // templates guard with `| default: '…'`.
  strictVariables: false,
  ownPropertyOnly: true,
  parseLimit: 1_000_000,
  // Generous: renders are synchronous, so this is CPU time of one recipient, normally ~0.1 ms.
  renderLimit: 2_000,
  memoryLimit: 50_000_000,
  // `date` formats in UTC, not in the worker's zone: date-only values such as
  // `loyalty.expiring_on` ("2026-12-31", already local to the customer) must not move a day.
  timezoneOffset: 0,
};

/** For the HTML part: every `{{ output }}` is HTML-escaped unless a template says `| raw`. */
export const htmlLiquid = new Liquid({ ...sharedOptions, outputEscape: 'escape' });

/**
 * For the text part and the subject: escaping would show `&amp;` to the reader. liquidjs
 * applies `outputEscape` when it parses, so each part must be parsed by its own engine.
 */
export const plainLiquid = new Liquid(sharedOptions);
