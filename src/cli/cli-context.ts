import { userInfo } from 'node:os';
import { createPinoLogger } from '../adapters/system/pino-logger';
import type { AppContext } from '../app/kernel/app-context';
import { composeContext } from '../compose-context';
import type { AppConfig } from '../config';
import type { Actor } from '../domain/directory/member';

/** The bot's own context (compose-context.ts), for business-unit commands run from a terminal: same store, same clock (CLOCK_NOW). */
export async function createCliContext(config: AppConfig, options: { seedReferenceData: boolean } = { seedReferenceData: true }): Promise<AppContext> {
  const logger = createPinoLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  return (await composeContext(config, { logger }, options)).ctx;
}

/** Audit entries from the CLI name the operating-system user who ran it. */
export function cliActor(): string {
  return `cli:${userInfo().username}`;
}

/** Whoever can run the CLI against the store acts for the business unit, which runs imports and exports. */
export function cliBusinessUnitActor(): Actor {
  return { aadObjectId: cliActor(), name: cliActor(), roles: ['LSBU_OFFICER'] };
}
