'use client';

/** An event name, typed or picked from the names the workspace has seen. */
export function EventNameInput(props: {
  id: string;
  value: unknown;
  invalid: boolean;
  suggestions: readonly string[];
  onChange: (value: unknown) => void;
  testId: string;
}) {
  const listId = `${props.id}-suggestions`;
  return (
    <>
      <input
        id={props.id}
        className={props.invalid ? 'input input--invalid' : 'input'}
        type="text"
        autoComplete="off"
        list={listId}
        value={typeof props.value === 'string' ? props.value : ''}
        onChange={(event) => props.onChange(event.target.value)}
        data-testid={props.testId}
      />
      <datalist id={listId}>
        {props.suggestions.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
