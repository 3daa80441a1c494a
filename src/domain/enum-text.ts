import { ValidationError } from './errors';

/** "in progress", "In-Progress" and "IN_PROGRESS" all mean IN_PROGRESS: imports and cards accept any of them. */
export function normaliseEnumText(text: string): string {
  return text.trim().toUpperCase().replace(/[\s-]+/g, '_');
}

/** One of `values`, typed in any case, or a ValidationError that lists what is allowed. */
export function parseEnum<T extends string>(values: readonly T[], text: string, field: string, code?: string): T {
  const wanted = normaliseEnumText(text);
  const found = values.find((value) => value === wanted);
  if (!found) throw new ValidationError(`Unknown ${field}. Use one of: ${values.join(', ')}.`, { field, allowed: values }, code);
  return found;
}
