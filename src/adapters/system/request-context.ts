import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The request id of the turn or tick the current code runs for. pino reads it into every log line (see
 * pino-logger.ts), so the use cases log as before and each line still says which turn or tick it belongs to.
 */
const current = new AsyncLocalStorage<{ requestId: string }>();

/** A short random id, prefixed with what started the work: `turn-...` or `tick-...`. */
export function newRequestId(prefix: 'turn' | 'tick'): string {
  return `${prefix}-${randomUUID()}`;
}

/** Runs `work` (and everything it awaits) under the request id. */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return current.run({ requestId }, work);
}

/** The request id in force here, if any. */
export function currentRequestId(): string | undefined {
  return current.getStore()?.requestId;
}
