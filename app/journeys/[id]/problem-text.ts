/**
 * The compiler prefixes config problems with the step's label ("Send email: choose a
 * template") so they read well in a flat list; where the step is already named, that
 * prefix would say it twice.
 */
export function withoutStepLabel(message: string, label: string | null): string {
  return label && message.startsWith(`${label}: `) ? message.slice(label.length + 2) : message;
}
