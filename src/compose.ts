import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createStore } from './adapters/create-store';
import { createPinoLogger } from './adapters/system/pino-logger';
import { ShiftedClock, SystemClock } from './adapters/system/system-clock';
import { ConnectorSender, createTokenSource } from './adapters/teams/connector-sender';
import { createTeamsAdapter } from './adapters/teams/create-adapter';
import { createProactiveSend } from './adapters/teams/proactive-send';
import type { AppContext } from './app/app-context';
import { buildAppContext } from './app/build-context';
import { BankHolidayCalendar } from './adapters/system/bank-holiday-calendar';
import { seedDemoData } from './app/seed-demo-data';
import { seedReferenceData } from './app/seed-reference-data';
import { conversationRecordId } from './app/record-installation';
import type { ReminderRouting } from './app/reminder-routing';
import { ReminderJobDeps, runReminderTick } from './app/run-reminder-tick';
import { CronTick, createTickRunner, startCronTick } from './scheduler/tick-scheduler';
import { StorePreparation } from './app/setup/prepare-store';
import { checkReadiness } from './http/readiness';
import { createBotApp } from './bot/create-bot-app';
import { CardRenderer } from './cards/render';
import { createReminderRenderer } from './cards/reminder-cards';
import type { AppConfig } from './config';
import { createServer } from './http/server';
import { NotifyingStore } from './adapters/notifying-store';
import { ReportCache } from './app/report-cache';
import type { Clock } from './ports/clock';
import type { Logger } from './ports/logger';
import type { Sender } from './ports/sender';

export interface Overrides {
  clock?: Clock;
  logger?: Logger;
  /** Proactive sends (default: the Bot Connector over HTTP). */
  sender?: Sender;
  /** How the sender waits between paced sends (default: real time; tests move their FixedClock). */
  wait?: (ms: number) => Promise<void>;
}

/** Real-time waiting for the sender's pacing. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Configured channels become store ids, as installation capture records them. */
function routingOf(config: AppConfig): ReminderRouting {
  const { paiChannelConversationId: pai, businessUnitChannelConversationId: unit } = config.routing;
  return {
    paiConversationRecordId: pai ? conversationRecordId(pai) : undefined,
    businessUnitConversationRecordId: unit ? conversationRecordId(unit) : undefined,
  };
}

/** Builds the whole bot from config: used by index.ts, the CLI and the end-to-end tests alike. */
export async function composeApp(config: AppConfig, overrides: Overrides = {}) {
  const logger = overrides.logger ?? createPinoLogger(config.logLevel);
  const clock = overrides.clock ?? (config.clockNow ? new ShiftedClock(config.clockNow) : new SystemClock());
  // A write of anything a report reads drops computed reports, so a reused report is never older than its data.
  const reportCache = new ReportCache(clock);
  const store = new NotifyingStore(await createStore(config.store), (kinds) => reportCache.invalidateFor(kinds));
  const ctx: AppContext = buildAppContext(config, { store, clock, logger, holidays: new BankHolidayCalendar() });
  const preparation = new StorePreparation(
    async () => {
      await seedReferenceData(ctx);
      if (config.demoData) await seedDemoData(ctx, config.adminAadObjectIds.map((id) => ({ id, name: 'Demo operator' })));
    },
    logger,
    () => clock.now(),
  );
  // Cosmos DB may not answer yet (a new role assignment takes minutes to apply): start anyway, /readyz says why.
  await preparation.start({ retry: config.store.kind === 'cosmos' });
  const adapter = createTeamsAdapter(config.bot);
  const cards = new CardRenderer();
  const bot = createBotApp({ ctx, cards, send: createProactiveSend(adapter, config.bot.appId), reportCache }, { adapter, botAppId: config.bot.appId });
  const stopSending = new AbortController();
  const jobs: ReminderJobDeps = {
    signal: stopSending.signal,
    sender: overrides.sender ?? new ConnectorSender(createTokenSource(config.bot)),
    render: createReminderRenderer(cards),
    routing: routingOf(config),
    sending: config.sending,
    holderId: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    wait: overrides.wait ?? sleep,
    leaseTtlMs: config.jobs.leaseTtlMs,
  };
  const runTick = createTickRunner(() => runReminderTick(ctx, jobs), () => clock.now());
  let scheduler: CronTick | undefined;
  let shuttingDown = false;
  const readiness = () =>
    checkReadiness({ store, preparation, schedulerInProcess: config.jobs.inProcess, scheduler: () => scheduler, runner: runTick, shuttingDown: () => shuttingDown });
  const server = createServer({
    adapter,
    runTurn: (context) => bot.run(context).then(() => undefined),
    store,
    logger,
    authEnabled: config.authEnabled,
    allowedTenantIds: config.allowedTenantIds,
    jobs: { secret: config.jobs.secret, runTick },
    readiness,
  });

  /** Starts the in-process cron (JOBS_IN_PROCESS) once the server listens. */
  const startScheduler = () => {
    if (config.jobs.inProcess) scheduler ??= startCronTick(config.jobs.cron, runTick, logger);
  };

  /**
   * Graceful shutdown: /readyz turns unavailable, no tick starts, the running tick stops taking new messages and
   * finishes the sends in flight (each is recorded, so nothing is sent twice or lost), the server stops accepting and
   * lets running turns end, then the store closes. Gives up waiting after `graceMs`.
   */
  const shutdown = async (graceMs = SHUTDOWN_GRACE_MS) => {
    if (shuttingDown) return;
    shuttingDown = true;
    scheduler?.stop();
    preparation.stop();
    stopSending.abort();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const gaveUp = await settleWithin(Promise.all([runTick.idle(), closed]), graceMs);
    if (gaveUp) logger.warn({ graceMs }, 'shutdown grace ran out: closing with work still running');
    await store.close();
  };
  return { ctx, store, adapter, bot, server, logger, cards, reportCache, jobs, runTick, readiness, startScheduler, shutdown };
}

/** App Service waits 30 s after SIGTERM before it kills the process; leave room to close the store. */
export const SHUTDOWN_GRACE_MS = 25_000;

/** True when the time ran out before the work settled. */
async function settleWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), ms);
  });
  try {
    return await Promise.race([work.then(() => false, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
