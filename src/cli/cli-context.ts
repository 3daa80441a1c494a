import { userInfo } from 'node:os';
import { createStore } from '../adapters/create-store';
import { createPinoLogger } from '../adapters/system/pino-logger';
import { SystemClock } from '../adapters/system/system-clock';
import type { AppContext } from '../app/app-context';
import { buildAppContext } from '../app/build-context';
import { BankHolidayCalendar } from '../adapters/system/bank-holiday-calendar';
import { seedReferenceData } from '../app/seed-reference-data';
import type { AppConfig } from '../config';
import type { Actor } from '../domain/member';

/** The same use-case context the bot builds, for business-unit commands run from a terminal. */
export async function createCliContext(config: AppConfig, options: { seedReferenceData: boolean } = { seedReferenceData: true }): Promise<AppContext> {
  const store = await createStore(config.store);
  const logger = createPinoLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const ctx: AppContext = buildAppContext(config, { store, clock: new SystemClock(), logger, holidays: new BankHolidayCalendar() });
  if (options.seedReferenceData) await seedReferenceData(ctx);
  return ctx;
}

/** Audit entries from the CLI name the operating-system user who ran it. */
export function cliActor(): string {
  return `cli:${userInfo().username}`;
}

/** Whoever can run the CLI against the store acts for the business unit, which runs imports and exports. */
export function cliBusinessUnitActor(): Actor {
  return { aadObjectId: cliActor(), name: cliActor(), roles: ['LSBU_OFFICER'] };
}
