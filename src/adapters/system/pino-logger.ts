import pino from 'pino';
import type { Logger } from '../../ports/logger';
import { currentRequestId } from './request-context';

/**
 * Field names that could carry free text a person typed or a person's name or address. Callers log ids and codes
 * only (ports/logger.ts); should one slip, its value is replaced before the line is written.
 */
export const REDACTED_FIELDS = ['text', 'name', 'email', 'description', 'notes', 'note', 'comment', 'body', 'value', 'title', 'userName', 'displayName'];

/** JSON logs on stdout (App Service and container hosts collect them), each with the request id of its turn or tick. */
export function createPinoLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'assurance-bot' },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      redact: { paths: REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`]), censor: '[redacted]' },
    },
    destination,
  );
}
