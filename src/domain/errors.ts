/**
 * Errors the core raises. Each has a stable `code` for logs and tests, and a message that is safe to show a user
 * (it never repeats free text the user typed, which may hold personal data).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Extra safe facts for the error card (field names, allowed values); never user free text. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that fails validation: a card field, a command argument, a CSV row. */
export class ValidationError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}, code = 'INPUT.INVALID') {
    super(code, message, details);
  }
}

/** The user is known but their role or agency does not allow the operation. */
export class ForbiddenError extends DomainError {
  constructor(message: string, code = 'AUTH.FORBIDDEN') {
    super(code, message);
  }
}

/** A referenced record does not exist (or not in this partnership). */
export class NotFoundError extends DomainError {
  constructor(message: string, code = 'STORE.NOT_FOUND') {
    super(code, message);
  }
}

/** A create met a record with the same id. */
export class AlreadyExistsError extends DomainError {
  constructor(message: string, code = 'STORE.ALREADY_EXISTS') {
    super(code, message);
  }
}

/** An update carried a stale ETag: someone else changed the record first. */
export class ConflictError extends DomainError {
  constructor(message: string, code = 'STORE.CONFLICT') {
    super(code, message);
  }
}

/** A state machine refused a move (e.g. closing an action that has no evidence). */
export class InvalidTransitionError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/** One reason a row of an imported file was refused. Rows count as a spreadsheet does: the header is row 1. */
export interface RowProblem {
  row: number;
  column: string;
  reason: string;
}

/** An import refused as a whole: nothing was written. */
export class ImportRejectedError extends DomainError {
  constructor(readonly problems: RowProblem[]) {
    super('IMPORT.REJECTED', `The file was not imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} found, nothing was written.`, {
      problems,
    });
  }
}
