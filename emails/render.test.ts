import mjml2html from 'mjml';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mjmlOptions } from './compile';
import { createEmailRenderer } from './render';
import { starterTemplates } from './starter-templates';
import { TemplateError } from './template-error';
import { buildEmailVariables } from './variables';

// Counts real MJML compilations while still running the real compiler.
vi.mock('mjml', async (importOriginal) => {
  const actual = await importOriginal<{ default: typeof mjml2html }>();
  return { default: vi.fn(actual.default) };
});

const birthday = starterTemplates.find((t) => t.key === 'birthday')!;
const template = { id: 'tpl_birthday', subject: birthday.subject, mjml: birthday.mjml };

function variables(firstName: string | null, balance = 1250) {
  return buildEmailVariables({
    customer: { email: 'ada@example.test', firstName, lastName: 'Lovelace', locale: 'en' },
    balance,
    // Typed on the workspace page over three lines.
    workspace: { name: 'Demo Shop', postalAddress: 'Laden GmbH\nMusterstraße 1\n10115 Berlin · Germany' },
    links: {
      memberPage: 'https://app.test/member/cus_1?a=1&b=2',
      unsubscribe: 'https://app.test/unsubscribe/cus_1',
    },
  });
}

function mjml(body: string): string {
  return `<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n${body}\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>`;
}

beforeEach(() => {
  vi.mocked(mjml2html).mockClear();
});

describe('the birthday starter template', () => {
  it('renders subject, HTML and text for a recipient', async () => {
    const email = await createEmailRenderer().render(template, variables('Ada'));

    expect(email.subject).toBe('Happy birthday, Ada! 🎂');
    expect(email.html).toContain('Happy birthday, Ada!');
    expect(email.html).toContain('1250 points');
    expect(email.html).toContain('href="https://app.test/member/cus_1?a=1&amp;b=2"');
    expect(email.html).toContain('href="https://app.test/unsubscribe/cus_1"');
    expect(email.html).toContain('Demo Shop');
    expect(email.html).not.toMatch(/\{\{|\{%/);

    expect(email.text).toContain('Hi Ada,');
    expect(email.text).toContain('1250 points');
    expect(email.text).toContain('[https://app.test/member/cus_1?a=1&b=2]');
    expect(email.text).toContain('Unsubscribe [https://app.test/unsubscribe/cus_1]');
    // Word wrap ran before Liquid: the address must still come out in one piece.
    expect(email.text).toContain('Laden GmbH · Musterstraße 1 · 10115 Berlin · Germany');
    // The hidden preview line belongs to the inbox list, not to the text body.
    expect(email.text).not.toContain('Birthday points are waiting');
    expect(email.text).not.toMatch(/\{\{|\{%|<[a-z]/);
  });

  it('greets politely when the first name is missing', async () => {
    const email = await createEmailRenderer().render(template, variables(null));
    expect(email.text).toContain('Hi there,');
    expect(email.html).toContain('Happy birthday, dear member!');
  });
});

describe('escaping', () => {
  const evil = '<script>alert("x")</script> & <b>Co</b>';

  it('escapes variables in the HTML part only', async () => {
    const email = await createEmailRenderer().render(template, variables(evil));

    expect(email.html).not.toContain('<script>alert');
    expect(email.html).not.toContain('<b>Co</b>');
    expect(email.html).toContain(
      '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;',
    );

    expect(email.text).toContain(`Hi ${evil},`);
    expect(email.text).not.toContain('&lt;');
    expect(email.subject).toBe(`Happy birthday, ${evil}! 🎂`);
  });

  it('keeps a subject on one line whatever a variable contains', async () => {
    const email = await createEmailRenderer().render(template, variables('Ada\r\nBcc: someone@evil.test'));
    expect(email.subject).toBe('Happy birthday, Ada Bcc: someone@evil.test! 🎂');
  });
});

describe('the compile cache', () => {
  it('compiles MJML once per template version, however many recipients', async () => {
    const renderer = createEmailRenderer();

    // Recipients arriving together share the one compilation in flight.
    const together = await Promise.all(
      Array.from({ length: 50 }, (_, i) => renderer.render(template, variables(`Guest ${i}`, i))),
    );
    for (let i = 0; i < 500; i++) await renderer.render(template, variables(`Member ${i}`, i));

    expect(vi.mocked(mjml2html)).toHaveBeenCalledTimes(1);
    expect(renderer.stats()).toEqual({ compiles: 1, hits: 549, cached: 1 });
    expect(together[7]!.subject).toBe('Happy birthday, Guest 7! 🎂');
    expect(together[7]!.html).toContain('7 points');

    // An edit is a new version, whether or not anyone bumped updated_at.
    const edited = { ...template, mjml: template.mjml.replace('See your points', 'Open your account') };
    const email = await renderer.render(edited, variables('Ada'));
    expect(email.html).toContain('Open your account');
    expect(vi.mocked(mjml2html)).toHaveBeenCalledTimes(2);
  });

  it('keeps a bounded number of versions, least recently used out first', async () => {
    const renderer = createEmailRenderer({ maxTemplates: 2 });
    const version = (n: number) => ({
      id: `tpl_${n}`,
      subject: `S${n}`,
      mjml: mjml(`<mj-text>v${n}</mj-text>`),
    });

    await renderer.render(version(1), {});
    await renderer.render(version(2), {});
    await renderer.render(version(1), {}); // 1 is now the most recently used
    await renderer.render(version(3), {}); // evicts 2
    expect(renderer.stats()).toMatchObject({ compiles: 3, cached: 2 });

    await renderer.render(version(1), {});
    expect(renderer.stats().compiles).toBe(3);
    await renderer.render(version(2), {});
    expect(renderer.stats().compiles).toBe(4);
  });
});

describe('broken templates', () => {
  async function problem(source: { subject?: string; mjml: string }): Promise<TemplateError> {
    const error = await createEmailRenderer()
      .render({ id: 'tpl_broken', subject: source.subject ?? 'Hello', mjml: source.mjml }, {})
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }

  it('names invalid MJML with its line', async () => {
    const error = await problem({ mjml: mjml('<mj-text colour="red">Hi</mj-text>\n<mj-bogus />') });
    expect(error.problems).toEqual([
      { part: 'body', line: 5, message: '<mj-text> Attribute colour is illegal' },
      { part: 'body', line: 6, message: "<mj-bogus> Element mj-bogus doesn't exist or is not registered" },
    ]);
    expect(error.message).toContain('tpl_broken');
    expect(error.message).toContain('body line 5: <mj-text> Attribute colour is illegal');
  });

  it('names broken Liquid in the body with its line in the MJML', async () => {
    const error = await problem({ mjml: mjml('<mj-text>\n{% if customer.first_name %}Hi\n</mj-text>') });
    expect(error.message).toMatch(/body line 6: Liquid: tag \{% if customer\.first_name %\} not closed/);
  });

  it('names an unknown filter in the subject', async () => {
    const error = await problem({
      subject: 'Hi {{ customer.first_name | shout }}',
      mjml: mjml('<mj-text>x</mj-text>'),
    });
    expect(error.problems).toEqual([
      { part: 'subject', line: 1, message: 'Liquid: undefined filter: shout' },
    ]);
  });

  it('reads no files: neither <mj-include> nor {% include %}', async () => {
    const renderer = createEmailRenderer();
    // Only the allow-listed partials are included (by our code); anything else is refused on its line.
    for (const path of ['./package.json', '/etc/passwd', '../emails/partials/footer.mjml']) {
      const include = mjml(`<mj-include path="${path}" type="html" />\n<mj-text>x</mj-text>`);
      const error = await problem({ subject: 'S', mjml: include });
      expect(error.problems).toEqual([
        { part: 'body', line: 5, message: expect.stringContaining(`not "${path}"`) },
      ]);
    }
    // And MJML itself, as we run it, ignores includes: nothing from the disk reaches the HTML.
    for (const [path, marker] of [
      ['/etc/passwd', 'root:'],
      [fileURLToPath(new URL('../package.json', import.meta.url)), 'journey'],
    ] as const) {
      const raw = mjml(`<mj-include path="${path}" type="html" />\n<mj-text>x</mj-text>`);
      const result = await vi.mocked(mjml2html).getMockImplementation()!(raw, mjmlOptions);
      expect(result.html).toContain('>x<');
      expect(result.html).not.toContain(marker);
    }
    // The control: without the option MJML would have read the file.
    const control = await vi.mocked(mjml2html).getMockImplementation()!(
      mjml('<mj-include path="./package.json" type="html" />'),
      { ...mjmlOptions, ignoreIncludes: false, filePath: fileURLToPath(new URL('../', import.meta.url)) },
    );
    expect(control.html).toContain('journey-builder');

    const liquidInclude = mjml(`<mj-text>{% include 'package.json' %}</mj-text>`);
    await expect(
      renderer.render({ id: 'tpl_liquid_include', subject: 'S', mjml: liquidInclude }, {}),
    ).rejects.toThrow(/Failed to lookup "package.json"/);
  });
});

describe('the preheader', () => {
  it('is Liquid, escaped, hidden at the top of the body and kept out of the text part', async () => {
    const renderer = createEmailRenderer();
    const email = await renderer.render(
      { ...template, preheader: 'Hi {{ customer.first_name }}, {{ loyalty.balance }} points & more' },
      variables('<b>Ada</b>'),
    );
    expect(email.preheader).toBe('Hi <b>Ada</b>, 1250 points & more');
    expect(email.html).toMatch(
      /<body[^>]*><div style="display:none;[^"]*">Hi &lt;b&gt;Ada&lt;\/b&gt;, 1250 points &amp; more&#847;/,
    );
    expect(email.text).not.toContain('points & more');
  });

  it('adds nothing when empty, and a change is a new cache entry', async () => {
    const renderer = createEmailRenderer();
    const plain = await renderer.render({ ...template, preheader: '' }, variables('Ada'));
    expect(plain.preheader).toBe('');
    expect(plain.html).not.toContain('journeys:preheader');
    expect(plain.html).not.toContain('mso-hide:all;">');
    await renderer.render({ ...template, preheader: 'One' }, variables('Ada'));
    await renderer.render({ ...template, preheader: 'Two' }, variables('Ada'));
    expect(renderer.stats().compiles).toBe(3);
  });

  it('names its own Liquid errors', async () => {
    const error = await createEmailRenderer()
      .render({ ...template, preheader: 'Hi\n{{ customer.first_name | shout }}' }, variables('Ada'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).problems).toEqual([
      { part: 'preheader', line: 2, message: 'Liquid: undefined filter: shout' },
    ]);
  });
});

describe('web fonts', () => {
  it('loads no font from a third-party server unless the template asks with <mj-font>', async () => {
    const renderer = createEmailRenderer();
    const plain = await renderer.render(
      {
        id: 'fonts',
        subject: 'x',
        mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>',
      },
      {},
    );
    expect(plain.html).not.toContain('fonts.googleapis.com');
  });
});
