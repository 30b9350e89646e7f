'use client';

import { useTranslations } from 'next-intl';
import { useState, type ClipboardEvent, type KeyboardEvent } from 'react';

/**
 * A list of short values (SKUs, categories) as removable chips plus a text box: Enter,
 * comma or leaving the box adds what was typed, a pasted list is split on commas and new
 * lines, Backspace in the empty box removes the last chip. Duplicates (ignoring case, as
 * the points rules compare them) are added once.
 */
export function TagInput({
  id,
  tags,
  onChange,
  placeholder,
  invalid,
  testId,
}: {
  id: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  placeholder: string;
  invalid: boolean;
  testId: string;
}) {
  const t = useTranslations('earning');
  const [text, setText] = useState('');

  function add(values: string[]) {
    const next = [...tags];
    for (const raw of values) {
      const value = raw.trim();
      if (value && !next.some((tag) => tag.toLowerCase() === value.toLowerCase())) next.push(value);
    }
    if (next.length !== tags.length) onChange(next);
    setText('');
  }

  function keyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add([text]);
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  }

  function paste(event: ClipboardEvent<HTMLInputElement>) {
    const pasted = event.clipboardData.getData('text');
    if (!/[,\n]/.test(pasted)) return;
    event.preventDefault();
    add(pasted.split(/[,\n]/));
  }

  return (
    <div className={invalid ? 'tag-input input--invalid' : 'tag-input'} data-testid={testId}>
      {tags.map((tag) => (
        <span key={tag} className="tag-input__tag" data-testid={`${testId}-tag`}>
          {tag}
          <button
            type="button"
            className="tag-input__remove"
            aria-label={t('removeTag', { tag })}
            onClick={() => onChange(tags.filter((candidate) => candidate !== tag))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        id={id}
        className="tag-input__text"
        value={text}
        maxLength={100}
        placeholder={tags.length === 0 ? placeholder : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={keyDown}
        onPaste={paste}
        onBlur={() => add([text])}
        aria-invalid={invalid ? true : undefined}
        data-testid={`${testId}-input`}
      />
    </div>
  );
}
