/** "Anna Schmidt", or "" when neither name is known (callers pick their fallback). */
export function fullName(person: { firstName: string | null; lastName: string | null }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ');
}
