import { describe, expect, it } from 'vitest';
import { compileEmailTemplate } from './compile';
import { expandPartials, partialNames } from './partials';
import { TemplateError } from './template-error';

describe('expandPartials', () => {
  it('expands the allowed partials in place, one line each, so line numbers stay the marketer’s', () => {
    const source =
      'line 1\n<mj-include path="partials/footer" />\nline 3\n<mj-include path="partials/header.mjml"></mj-include>\nline 5';
    const { mjml, problems } = expandPartials(source);
    expect(problems).toEqual([]);
    const lines = mjml.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain('{{ links.unsubscribe }}');
    expect(lines[1]).toContain('{{ links.preferences }}');
    expect(lines[3]).toContain('{{ workspace.name | upcase }}');
    expect(lines[4]).toBe('line 5');
  });

  it('refuses any other path on its line and drops it, keeping the line breaks', () => {
    const source =
      'a\n<mj-include\n  path="/etc/passwd" />\nb\n<mj-include path="partials/../../package.json" />\n<mj-include />';
    const { mjml, problems } = expandPartials(source);
    expect(mjml).toBe('a\n\n\nb\n\n');
    expect(problems.map((p) => p.line)).toEqual([2, 5, 6]);
    expect(problems[0]!.message).toContain('not "/etc/passwd"');
    expect(problems[2]!.message).toContain('the path attribute is missing');
    expect(partialNames).toEqual([
      'partials/head',
      'partials/header',
      'partials/footer',
      'partials/footer.de',
    ]);
  });

  it('keeps MJML error lines pointing at the source after an include', async () => {
    const source = [
      '<mjml>',
      '<mj-head><mj-include path="partials/head" /></mj-head>',
      '<mj-body>',
      '<mj-include path="partials/header" />',
      '<mj-section><mj-column>',
      '<mj-text colour="red">x</mj-text>',
      '</mj-column></mj-section>',
      '</mj-body>',
      '</mjml>',
    ].join('\n');
    const error = await compileEmailTemplate({ id: 't', subject: 's', mjml: source }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).problems).toEqual([
      { part: 'body', line: 6, message: expect.stringContaining('colour') },
    ]);
  });
});
