import { describe, expect, it } from 'vitest';
import { findMessageKeys } from './find-message-keys';

describe('findMessageKeys', () => {
  it('resolves keys against the namespace of the translator they are called on', () => {
    const scan = findMessageKeys(
      'a.tsx',
      `function A() {
        const t = useTranslations('editor');
        const tc = useTranslations('common');
        const root = useTranslations();
        return <>{t('notice.saved')}{tc('save')}{t.rich('result', {})}{root('nav.main')}{t.has('x')}</>;
      }
      export const generateMetadata = pageTitle('runs');
      async function B() {
        const t = await getTranslations({ namespace: 'metadata' });
        const n = await getTranslations('notFound');
        return [t('appTitle'), n('title')];
      }`,
    );
    expect(scan.map((use) => use.key)).toEqual([
      'editor.notice.saved',
      'common.save',
      'editor.result',
      'nav.main',
      'editor.x',
      'metadata.runs',
      'metadata.appTitle',
      'notFound.title',
    ]);
  });

  it('leaves keys that are not literals to the compiler, and ignores other functions', () => {
    const scan = findMessageKeys(
      'a.tsx',
      `function A({ code, key }: { code: 'a' | 'b'; key: 'x' | 'y' }) {
        const t = useTranslations('queryError');
        const other = makeThing('ns');
        return <>{t(\`codes.\${code}\`)}{t(key)}{other('literal')}{t('title')}</>;
      }`,
    );
    expect(scan).toEqual([{ key: 'queryError.title', line: 4 }]);
  });
});
