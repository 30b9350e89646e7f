import { readFileSync } from 'node:fs';
import type { TemplateProblem } from './template-error';

/**
 * Layout pieces the starter templates share, included with
 * `<mj-include path="partials/footer" />`. We expand them ourselves, from this fixed list,
 * before MJML runs; MJML itself runs with includes ignored, so a template (written by a
 * user) can never make the worker read a file off its disk.
 *
 * A literal `new URL(…, import.meta.url)` per file so bundlers (Next.js) see and ship them.
 */
const partialFiles = {
  'partials/head': new URL('./partials/head.mjml', import.meta.url),
  'partials/header': new URL('./partials/header.mjml', import.meta.url),
  'partials/footer': new URL('./partials/footer.mjml', import.meta.url),
  'partials/footer.de': new URL('./partials/footer.de.mjml', import.meta.url),
} as const;

export type PartialName = keyof typeof partialFiles;
export const partialNames = Object.keys(partialFiles) as PartialName[];

let loaded: Map<string, string> | undefined;

/**
 * Each partial flattened to one line: an include then takes exactly the line it was written
 * on, so MJML and Liquid line numbers still point at the marketer's own source.
 */
function partials(): Map<string, string> {
  loaded ??= new Map(
    Object.entries(partialFiles).map(([name, url]) => [
      name,
      readFileSync(url, 'utf8')
        .replace(/<!--[\s\S]*?-->/g, '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join(' '),
    ]),
  );
  return loaded;
}

const includePattern = /<mj-include\b([^>]*?)\/?>(?:\s*<\/mj-include>)?/g;

export interface ExpandedMjml {
  mjml: string;
  problems: TemplateProblem[];
}

/** Replaces every allowed include with its partial; any other include is a problem on its line. */
export function expandPartials(mjml: string): ExpandedMjml {
  const problems: TemplateProblem[] = [];
  const expanded = mjml.replace(includePattern, (whole, attributes: string, offset: number) => {
    const path = /\bpath\s*=\s*["']([^"']*)["']/.exec(attributes)?.[1]?.trim() ?? '';
    const found = partials().get(path.replace(/\.mjml$/, ''));
    // An include written over several lines keeps its line breaks, for the same reason.
    const breaks = '\n'.repeat(whole.split('\n').length - 1);
    if (found !== undefined) return found + breaks;
    problems.push({
      part: 'body',
      line: mjml.slice(0, offset).split('\n').length,
      message:
        `<mj-include> can only include ${partialNames.map((n) => `"${n}"`).join(', ')}` +
        (path ? `, not "${path}"` : ' (the path attribute is missing)'),
    });
    // Removed, so nothing downstream ever sees a path that was not allowed.
    return breaks;
  });
  return { mjml: expanded, problems };
}
