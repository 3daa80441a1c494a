import { createStore } from './adapters/create-store';
import { createPinoLogger } from './adapters/system/pino-logger';
import { SystemClock } from './adapters/system/system-clock';
import { createTeamsAdapter } from './adapters/teams/create-adapter';
import { createProactiveSend } from './adapters/teams/proactive-send';
import type { AppContext } from './app/app-context';
import { buildAppContext } from './app/build-context';
import { BankHolidayCalendar } from './adapters/system/bank-holiday-calendar';
import { seedDemoData } from './app/seed-demo-data';
import { seedReferenceData } from './app/seed-reference-data';
import { createBotApp } from './bot/create-bot-app';
import { CardRenderer } from './cards/render';
import type { AppConfig } from './config';
import { createServer } from './http/server';
import { NotifyingStore } from './adapters/notifying-store';
import { ReportCache } from './app/report-cache';
import type { Clock } from './ports/clock';
import type { Logger } from './ports/logger';

export interface Overrides {
  clock?: Clock;
  logger?: Logger;
}

/** Builds the whole bot from config: used by index.ts, the CLI and the end-to-end tests alike. */
export async function composeApp(config: AppConfig, overrides: Overrides = {}) {
  const logger = overrides.logger ?? createPinoLogger(config.logLevel);
  const clock = overrides.clock ?? new SystemClock();
  // A write of anything a report reads drops computed reports, so a reused report is never older than its data.
  const reportCache = new ReportCache(clock);
  const store = new NotifyingStore(await createStore(config.store), (kinds) => reportCache.invalidateFor(kinds));
  const ctx: AppContext = buildAppContext(config, { store, clock, logger, holidays: new BankHolidayCalendar() });
  await seedReferenceData(ctx);
  if (config.demoData) await seedDemoData(ctx, config.adminAadObjectIds.map((id) => ({ id, name: 'Demo operator' })));
  const adapter = createTeamsAdapter(config.bot);
  const cards = new CardRenderer();
  const bot = createBotApp({ ctx, cards, send: createProactiveSend(adapter, config.bot.appId), reportCache }, { adapter, botAppId: config.bot.appId });
  const server = createServer({
    adapter,
    runTurn: (context) => bot.run(context).then(() => undefined),
    store,
    logger,
    authEnabled: config.authEnabled,
    allowedTenantIds: config.allowedTenantIds,
  });
  return { ctx, store, adapter, bot, server, logger, cards, reportCache };
}
