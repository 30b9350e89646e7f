import { createHash } from 'node:crypto';
import type { Template } from 'liquidjs';
import { compileEmailTemplate, preheaderSlot, type CompiledEmail, type EmailTemplateSource } from './compile';
import { htmlLiquid, plainLiquid } from './liquid';
import { TemplateError, type TemplatePart } from './template-error';

export type { EmailTemplateSource } from './compile';

export interface RenderedEmail {
  subject: string;
  /** The rendered preview line ('' when the template has none); already in `html`, hidden. */
  preheader: string;
  html: string;
  text: string;
}

export interface RendererStats {
  /** MJML compilations started: one per template version while it stays cached. */
  compiles: number;
  hits: number;
  cached: number;
}

export interface EmailRenderer {
  render(template: EmailTemplateSource, variables: Record<string, unknown>): Promise<RenderedEmail>;
  /** Compiles (or finds cached) without rendering: to validate a template on save, or to warm up. */
  prepare(template: EmailTemplateSource): Promise<void>;
  stats(): RendererStats;
}

/**
 * Per recipient, only Liquid runs: MJML, the text part and the Liquid parses are made once
 * per template version and kept in a bounded map, least recently used out first. The key is
 * the template id plus a hash of subject, preheader and MJML, so an edit is picked up at once (no
 * reliance on `updated_at` being bumped) and old versions simply age out. The map holds the
 * compile's promise, so recipients arriving together share one compilation.
 */
export function createEmailRenderer(options: { maxTemplates?: number } = {}): EmailRenderer {
  const maxTemplates = options.maxTemplates ?? 200;
  const cache = new Map<string, Promise<CompiledEmail>>();
  let compiles = 0;
  let hits = 0;

  function compiled(template: EmailTemplateSource): Promise<CompiledEmail> {
    const key = cacheKey(template);
    const found = cache.get(key);
    if (found) {
      hits++;
      cache.delete(key);
      cache.set(key, found);
      return found;
    }
    compiles++;
    const pending = compileEmailTemplate(template);
    cache.set(key, pending);
    // A template error is a property of this exact source, so it stays cached (every
    // recipient would fail the same way); anything else may be passing, so it is retried.
    pending.catch((error: unknown) => {
      if (!(error instanceof TemplateError) && cache.get(key) === pending) cache.delete(key);
    });
    for (const oldest of cache.keys()) {
      if (cache.size <= maxTemplates) break;
      cache.delete(oldest);
    }
    return pending;
  }

  return {
    async render(template, variables) {
      const parts = await compiled(template);
      const render = (part: TemplatePart, engine: typeof plainLiquid, parsed: Template[]): string => {
        try {
          return String(engine.renderSync(parsed, variables));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new TemplateError(template.id, [{ part, message: `Liquid: ${message}` }]);
        }
      };
      const preheader = render('preheader', plainLiquid, parts.preheader).replace(/\s+/g, ' ').trim();
      const html = render('body', htmlLiquid, parts.html);
      return {
        // A subject is one header line, whatever a variable or the template put into it.
        subject: render('subject', plainLiquid, parts.subject).replace(/\s+/g, ' ').trim(),
        preheader,
        html: html.replace(preheaderSlot, () => hiddenPreview(preheader)),
        text: render('body', plainLiquid, parts.text),
      };
    },
    async prepare(template) {
      await compiled(template);
    },
    stats: () => ({ compiles, hits, cached: cache.size }),
  };
}

function cacheKey(template: EmailTemplateSource): string {
  const hash = createHash('sha256')
    .update(template.subject)
    .update('\0')
    .update(template.preheader ?? '')
    .update('\0')
    .update(template.mjml)
    .digest('base64url');
  return `${template.id}:${hash}`;
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * The preview line as inbox apps read it (what MJML's `<mj-preview>` makes): hidden text at the
 * top of the body, followed by invisible filler so the app does not run on into the body text.
 */
function hiddenPreview(preheader: string): string {
  if (preheader === '') return '';
  const text = preheader.replace(/[&<>"']/g, (c) => escapes[c]!);
  return (
    '<div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;' +
    `max-width:0px;opacity:0;overflow:hidden;mso-hide:all;">${text}${'&#847;&zwnj;&nbsp;'.repeat(40)}</div>`
  );
}

/** The worker's renderer: one cache per process, shared by every send. */
const processRenderer = createEmailRenderer();

export function renderEmail(
  template: EmailTemplateSource,
  variables: Record<string, unknown>,
): Promise<RenderedEmail> {
  return processRenderer.render(template, variables);
}
