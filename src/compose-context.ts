import { createStore } from './adapters/create-store';
import { NotifyingStore } from './adapters/notifying-store';
import { SqliteStore } from './adapters/sqlite/sqlite-store';
import { BankHolidayCalendar } from './adapters/system/bank-holiday-calendar';
import { createPinoLogger } from './adapters/system/pino-logger';
import { ShiftedClock, SystemClock } from './adapters/system/system-clock';
import type { AppContext } from './app/kernel/app-context';
import { buildAppContext } from './app/kernel/build-context';
import { ReportCache } from './app/reports/report-cache';
import { seedReferenceData } from './app/setup/seed-reference-data';
import type { AppConfig } from './config';
import type { Clock } from './ports/clock';
import type { DocumentStore } from './ports/document-store';
import type { Logger } from './ports/logger';

/** The first half of compose.ts, without the Teams SDK: the CLI starts here and so loads no bot code. */
/**
 * The use-case context from config: store, clock (CLOCK_NOW in local mode), logger, holidays, reference data. The
 * bot (composeApp) and the business-unit CLI both start here, so a CLI import on CLOCK_NOW is stamped as the bot would.
 */
export async function composeContext(config: AppConfig, overrides: { clock?: Clock; logger?: Logger; store?: DocumentStore } = {}, options: { seedReferenceData: boolean } = { seedReferenceData: true }) {
  const logger = overrides.logger ?? createPinoLogger(config.logLevel);
  const clock = overrides.clock ?? (config.clockNow ? new ShiftedClock(config.clockNow) : new SystemClock());
  // A write of anything a report reads drops computed reports, so a reused report is never older than its data.
  const reportCache = new ReportCache(clock);
  // A store handed in (benchmarks on the local Cosmos server, whose TLS needs its own agent) replaces the configured one.
  const base = overrides.store ?? (await createStore(config.store));
  const notifying = new NotifyingStore(base, (kinds) => reportCache.invalidateFor(kinds));
  const ctx: AppContext = buildAppContext(config, { store: notifying, clock, logger, holidays: new BankHolidayCalendar() });
  // The bot seeds through its store preparation (retried on Cosmos); `import all` needs an empty store.
  if (options.seedReferenceData) await seedReferenceData(ctx);
  // The context's store (which keeps the report summaries on every write, build-context.ts) is the one the bot uses.
  // SQLite keeps large projections in memory once read (adapters/sqlite/projection-cache.ts): the bot reads them at start.
  return { ctx, store: ctx.store, clock, logger, reportCache, keepsProjections: base instanceof SqliteStore };
}
