import { describe, expect, it } from 'vitest';
import { findHardCodedText } from './find-hard-coded-text';

const scan = (source: string) =>
  findHardCodedText('planted.tsx', source).map(({ text, where }) => ({ text, where }));

describe('findHardCodedText', () => {
  it('flags JSX text with words, wherever it sits', () => {
    expect(scan(`export const A = () => <div><h1>Journeys</h1><p>{n} problems</p></div>;`)).toEqual([
      { text: 'Journeys', where: 'JSX text' },
      { text: 'problems', where: 'JSX text' },
    ]);
  });

  it('flags strings in visible attributes, also behind a conditional', () => {
    expect(
      scan(`export const A = ({ x }: { x: boolean }) => (
        <>
          <input placeholder="Search name" aria-label={x ? 'Search' : 'Find'} />
          <img alt={\`Logo of \${x}\`} />
          <span title="Current workspace" className="pill" data-testid="name-tag" />
        </>
      );`),
    ).toEqual([
      { text: 'Search name', where: 'placeholder attribute' },
      { text: 'Search', where: 'aria-label attribute' },
      { text: 'Find', where: 'aria-label attribute' },
      { text: '`Logo of ${x}`', where: 'alt attribute' },
      { text: 'Current workspace', where: 'title attribute' },
    ]);
  });

  it('flags string children and visible object properties', () => {
    expect(
      scan(`export function A({ ok, name }: { ok: boolean; name?: string }) {
        setNotice({ tone: 'success', text: 'Draft saved.' });
        const tabs = [{ id: 'html', label: 'HTML' }];
        return <p>{ok ? 'Yes' : name ?? 'Unnamed'}{ok && 'Done'}{\`\${name} pts\`}</p>;
      }`),
    ).toEqual([
      { text: 'Draft saved.', where: 'text property' },
      { text: 'HTML', where: 'label property' },
      { text: 'Yes', where: 'JSX child' },
      { text: 'Unnamed', where: 'JSX child' },
      { text: 'Done', where: 'JSX child' },
      { text: '`${name} pts`', where: 'JSX child' },
    ]);
  });

  it('flags a default for a visible prop', () => {
    expect(
      scan(`export function Loading({ label = 'Loading…' }: { label?: string }) { return label; }`),
    ).toEqual([{ text: 'Loading…', where: 'label default' }]);
  });

  it('flags a static metadata export', () => {
    expect(scan(`export const metadata = { title: t };`)).toEqual([
      { text: 'export const metadata', where: 'static metadata (use generateMetadata)' },
    ]);
  });

  it('accepts catalog lookups, data, symbols, keys, class names and comparisons', () => {
    expect(
      scan(`export function A({ status, name }: { status: string; name: string }) {
        const t = useTranslations('journeys');
        return (
          <div className={\`badge badge--\${status}\`} title={t('hint')} data-testid="journey-status">
            <span aria-hidden>◆ ⚠ → · — 🎂</span>
            {status === 'live' && <b>{t('live', { name })}</b>}
            {name ?? '—'}
            {': '}
            {t('title')} {name}
          </div>
        );
      }`),
    ).toEqual([]);
  });
});
