import pino from 'pino';
import type { Logger } from '../../ports/logger';

/** JSON logs on stdout (App Service and container hosts collect them). */
export function createPinoLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'assurance-bot' } }, destination);
}
