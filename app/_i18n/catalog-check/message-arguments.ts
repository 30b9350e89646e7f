import {
  isPluralElement,
  isSelectElement,
  isTagElement,
  parse,
  TYPE,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';

/**
 * The placeholders (`{points}`) and rich-text tags (`<strong>`) of an ICU message, so two
 * translations can be compared: a German text that drops `{points}` would render without
 * the number. Throws on a message that is not valid ICU.
 */
export function messageArguments(message: string): string[] {
  const names = new Set<string>();
  collect(parse(message), names);
  return [...names].sort();
}

function collect(elements: MessageFormatElement[], names: Set<string>): void {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (isTagElement(element)) {
      names.add(`<${element.value}>`);
      collect(element.children, names);
      continue;
    }
    names.add(element.value);
    if (isSelectElement(element) || isPluralElement(element)) {
      for (const option of Object.values(element.options)) collect(option.value, names);
    }
  }
}
