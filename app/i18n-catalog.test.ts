import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inputIssueKinds } from '../config/input-issue';
import { locales } from '../config/locales';
import { journeyStatus, ledgerEntryKind, messageStatus } from '../db/schema';
import de from '../messages/de.json';
import en from '../messages/en.json';
import { compileErrorCodes } from '../workflows/journey/compiler';
import { nodeCatalog, nodeKinds } from '../workflows/journey/nodes';
import { reportTables } from '../server/analytics/report-tables';
import { reportTabs } from './analytics/analytics-tabs';
import { findFigureIds } from './_i18n/catalog-check/find-figure-ids';
import { findHardCodedText } from './_i18n/catalog-check/find-hard-coded-text';
import { findMessageKeys } from './_i18n/catalog-check/find-message-keys';
import { flattenMessages } from './_i18n/catalog-check/flatten-messages';
import { messageArguments } from './_i18n/catalog-check/message-arguments';
import { temporalRunStatuses } from './_i18n/run-statuses';

/**
 * The UI text contract: both catalogs hold the same keys with the same placeholders,
 * every key the source asks for exists, keys built at run time (node types, error codes,
 * statuses) are complete, and no component carries words of its own.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const catalogs = { en: flattenMessages(en), de: flattenMessages(de) } as const;

function sourceFiles(dir: string, extensions: string[]): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => extensions.some((ext) => file.endsWith(ext)) && !/\.test\.tsx?$/.test(file))
    .map((file) => path.join(dir, file));
}

const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('message catalogs', () => {
  it('exist for every shipped locale', () => {
    expect(Object.keys(catalogs).sort()).toEqual([...locales].sort());
  });

  it('have the same keys in English and German', () => {
    const enKeys = [...catalogs.en.keys()];
    const deKeys = [...catalogs.de.keys()];
    expect(
      enKeys.filter((key) => !catalogs.de.has(key)),
      'missing in de.json',
    ).toEqual([]);
    expect(
      deKeys.filter((key) => !catalogs.en.has(key)),
      'missing in en.json',
    ).toEqual([]);
  });

  it('hold valid ICU messages with the same placeholders and tags in both languages', () => {
    const problems: string[] = [];
    for (const [key, english] of catalogs.en) {
      const german = catalogs.de.get(key);
      if (typeof english !== 'string' || typeof german !== 'string' || !english.trim() || !german.trim()) {
        problems.push(`${key}: not a non-empty string in both catalogs`);
        continue;
      }
      try {
        const [enArgs, deArgs] = [messageArguments(english), messageArguments(german)];
        if (enArgs.join() !== deArgs.join()) problems.push(`${key}: en {${enArgs}} vs de {${deArgs}}`);
      } catch (error) {
        problems.push(`${key}: not valid ICU (${String(error)})`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('keys used in the source', () => {
  const files = [...sourceFiles('app', ['.ts', '.tsx']), ...sourceFiles('i18n', ['.ts'])];

  it('all exist in both catalogs', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const file of files) {
      for (const { key, line } of findMessageKeys(file, read(file))) {
        checked++;
        for (const [locale, catalog] of Object.entries(catalogs)) {
          if (typeof catalog.get(key) !== 'string') missing.push(`${file}:${line} ${key} (${locale})`);
        }
      }
    }
    expect(missing).toEqual([]);
    // Guards the scan itself: if it stopped finding calls, the check above would pass vacuously.
    expect(checked).toBeGreaterThan(150);
  });

  it('cover the whole catalog: no message is left unused', () => {
    const used = new Set(files.flatMap((file) => findMessageKeys(file, read(file)).map(({ key }) => key)));
    // Families whose keys the source builds from data (see app/_i18n and the template-literal
    // keys, which the compiler checks); the next describe block checks them for completeness.
    const built = [
      'nodes.',
      'nodeKinds.',
      'paletteGroups.',
      'compile.',
      'inputIssue.',
      'status.',
      'queryError.codes.',
      'language.names.',
      'runs.stepStatus.',
      'message.tabs.',
      'nav.',
      'memberPage.kinds.',
      'loyalty.tabNames.',
      'analytics.tabNames.',
      'analytics.kpi.',
      'analytics.csv.',
    ];
    const unused = [...catalogs.en.keys()].filter(
      (key) => !used.has(key) && !built.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });

  it('are built at run time only in app/_i18n, whose key families are checked below', () => {
    const outside = files.filter(
      (file) => !file.startsWith(path.join('app', '_i18n')) && read(file).includes('dynamic-translations'),
    );
    expect(outside).toEqual([]);
  });
});

describe('keys built at run time', () => {
  const expectKeys = (keys: string[]) => {
    const missing = keys.flatMap((key) =>
      Object.entries(catalogs)
        .filter(([, catalog]) => typeof catalog.get(key) !== 'string')
        .map(([locale]) => `${key} (${locale})`),
    );
    expect(missing).toEqual([]);
  };

  it('cover every node type: label, description, summary, fields and outputs', () => {
    expectKeys(
      nodeCatalog.flatMap((node) => [
        `nodes.${node.type}.label`,
        `nodes.${node.type}.description`,
        `nodes.${node.type}.summary`,
        ...node.fields.map((field) => `nodes.${node.type}.fields.${field.name}.label`),
        // Numbered outputs (`branch_1`, `branch_2` …) share `outputs.branch` with `{n}`.
        ...node
          .outputs(node.defaultConfig)
          .map((output) => `nodes.${node.type}.outputs.${output.replace(/^branch_\d+$/, 'branch')}`),
      ]),
    );
    expectKeys(nodeKinds.flatMap((kind) => [`nodeKinds.${kind}`, `paletteGroups.${kind}`]));
  });

  it('format every node summary in both languages from the values the catalog gives', () => {
    for (const node of nodeCatalog) {
      const values = node.summaryValues(node.defaultConfig);
      if (!values) continue;
      for (const catalog of Object.values(catalogs)) {
        const names = messageArguments(catalog.get(`nodes.${node.type}.summary`) as string);
        expect(names.filter((name) => !(name in values))).toEqual([]);
      }
    }
  });

  it('cover every compile error code and every input issue kind', () => {
    expectKeys(compileErrorCodes.map((code) => `compile.${code}`));
    expectKeys(inputIssueKinds.map((kind) => `inputIssue.${kind}`));
  });

  it('cover every status the app shows', () => {
    expectKeys(journeyStatus.enumValues.map((status) => `status.journey.${status}`));
    expectKeys(messageStatus.enumValues.map((status) => `status.message.${status}`));
    expectKeys(ledgerEntryKind.enumValues.map((kind) => `status.ledger.${kind}`));
    // The customer's member page names entry kinds in its own, plainer words.
    expectKeys(ledgerEntryKind.enumValues.map((kind) => `memberPage.kinds.${kind}`));
    expectKeys(temporalRunStatuses.map((status) => `status.run.${status}`));
  });

  it('cover every analytics figure, report tab and CSV column', () => {
    // Figure ids are read from the KPI modules, so a figure added there needs its words here.
    const figureIds = sourceFiles(path.join('db', 'analytics', 'kpis'), ['.ts']).flatMap((file) =>
      findFigureIds(file, read(file)),
    );
    expect(figureIds.length).toBeGreaterThan(30);
    expectKeys(figureIds.flatMap((id) => [`analytics.kpi.${id}.label`, `analytics.kpi.${id}.formula`]));
    expectKeys(reportTabs.map((tab) => `analytics.tabNames.${tab}`));
    expectKeys(
      Object.values(reportTables).flatMap((columns) => columns.map(([id]) => `analytics.csv.${id}`)),
    );
  });
});

describe('components', () => {
  it('carry no user-visible text of their own', () => {
    const found = sourceFiles('app', ['.tsx']).flatMap((file) =>
      findHardCodedText(file, read(file)).map(({ line, text, where }) => `${file}:${line} ${where}: ${text}`),
    );
    expect(found).toEqual([]);
  });
});

describe('the journey catalog and compiler', () => {
  it('stay free of React, Next and next-intl: they are bundled into Temporal workflows', () => {
    const offenders = sourceFiles(path.join('workflows', 'journey'), ['.ts']).filter((file) =>
      /from '(react|react-dom|next|next-intl|use-intl)(\/[^']*)?'/.test(read(file)),
    );
    expect(offenders).toEqual([]);
  });
});
