import { findByName, Theme } from '../../domain/directory/agency';
import { parseFlexibleDate, IsoDate } from '../../domain/calendar';
import { ValidationError } from '../../domain/errors';

/** One problem with one input field; imports turn these into row problems, cards into one error. */
export interface FieldProblem {
  column: string;
  reason: string;
}

/** Collects problems while reading a set of fields, so every problem is reported at once. */
export class FieldReader {
  readonly problems: FieldProblem[] = [];

  constructor(private readonly raw: Record<string, string | undefined>) {}

  text(column: string, options: { required?: boolean; max?: number } = {}): string | undefined {
    const value = (this.raw[column] ?? '').trim();
    if (!value) {
      if (options.required) this.problem(column, 'required');
      return undefined;
    }
    if (options.max && value.length > options.max) {
      this.problem(column, `longer than ${options.max} characters`);
      return undefined;
    }
    return value;
  }

  date(column: string, options: { required?: boolean } = {}): IsoDate | undefined {
    const value = this.text(column, options);
    if (value === undefined) return undefined;
    const date = parseFlexibleDate(value);
    if (!date) this.problem(column, 'not a date: use YYYY-MM-DD or DD/MM/YYYY');
    return date;
  }

  /** An enumerated identifier, accepted in any case ("rapid_review", "Rapid Review"). */
  choice<T extends string>(column: string, parse: (text: string) => T, options: { required?: boolean } = {}): T | undefined {
    const value = this.text(column, options);
    if (value === undefined) return undefined;
    try {
      return parse(value);
    } catch (error) {
      this.problem(column, error instanceof ValidationError ? error.message : 'not an allowed value');
      return undefined;
    }
  }

  /** Semicolon-separated theme names, each matched to the partnership's themes. */
  themes(column: string, themes: readonly Theme[]): string[] {
    const value = this.text(column) ?? '';
    const ids: string[] = [];
    for (const name of value.split(';').map((part) => part.trim()).filter(Boolean)) {
      const { match, suggestions } = findByName(themes, name);
      if (match) {
        if (!ids.includes(match.id)) ids.push(match.id);
      } else {
        this.problem(column, `unknown theme "${name.slice(0, 40)}"${suggestions.length ? `; did you mean ${suggestions.map((theme) => `"${theme.name}"`).join(' or ')}?` : ''}`);
      }
    }
    return ids;
  }

  problem(column: string, reason: string): void {
    this.problems.push({ column, reason });
  }
}

/** For card input: all field problems as one error the card can show. */
export function throwIfProblems(problems: readonly FieldProblem[], code = 'INPUT.INVALID'): void {
  if (problems.length === 0) return;
  throw new ValidationError(
    `Please check: ${problems.map((problem) => `${problem.column.replace(/_/g, ' ')} ${problem.reason}`).join('; ')}.`,
    { problems: problems.map((problem) => ({ row: 1, ...problem })) },
    code,
  );
}
