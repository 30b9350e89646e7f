import type { ReactNode } from 'react';

/**
 * A labelled form control with its error (or, when valid, its help text) underneath, so
 * every form shows server and browser validation the same way. The control itself stays
 * the caller's, marked invalid with `invalidClass(error, base)`.
 */
export function FormField({
  id,
  label,
  error,
  help,
  errorTestId,
  children,
}: {
  id: string;
  label: string;
  error: string | null | undefined;
  help?: string;
  errorTestId?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error ? (
        <span className="field__error" data-testid={errorTestId}>
          {error}
        </span>
      ) : (
        help && <span className="field__help">{help}</span>
      )}
    </div>
  );
}

export function invalidClass(error: string | null | undefined, base: 'input' | 'select'): string {
  return error ? `${base} input--invalid` : base;
}
