import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ConnectorSender, createTokenSource } from './adapters/teams/connector-sender';
import { newRequestId, runWithRequestId } from './adapters/system/request-context';
import { createTeamsAdapter, type AuthenticatedRequest } from './adapters/teams/create-adapter';
import { reportToXlsx } from './adapters/reports/xlsx-writer';
import { seedDemoData } from './app/setup/seed-demo-data';
import { seedReferenceData } from './app/setup/seed-reference-data';
import { warmReports } from './app/reports/report-documents';
import { conversationRecordId } from './app/directory/record-installation';
import type { ReminderRouting } from './app/reminders/reminder-routing';
import { ReminderJobDeps, runReminderTick } from './app/reminders/run-reminder-tick';
import { CronTick, startCronTick } from './scheduler/tick-scheduler';
import { StorePreparation } from './app/setup/prepare-store';
import { checkReadiness } from './http/readiness';
import { createBotApp } from './bot/teams/create-bot-app';
import { CardRenderer } from './cards/render';
import { createDigestRenderer, createPayloadExpander } from './cards/digest-card';
import { section11DigestSource } from './app/section11/digest';
import { scrutinyDigest } from './app/scrutiny/digest';
import type { DigestSource } from './app/reminders/digest-entry';
import { TickJobs } from './app/reminders/tick-jobs';
import { DeliverNow } from './app/reminders/deliver-now';
import type { AppConfig } from './config';
import { composeContext } from './compose-context';
import { createServer } from './http/server';
import type { Clock } from './ports/clock';
import type { DocumentStore } from './ports/document-store';
import type { Logger } from './ports/logger';
import type { Sender } from './ports/sender';

export interface Overrides {
  clock?: Clock;
  logger?: Logger;
  /** The store instead of the configured one (benchmarks on the local Cosmos server). */
  store?: DocumentStore;
  /** Proactive sends (default: the Bot Connector over HTTP). */
  sender?: Sender;
  /** How the sender waits between paced sends (default: real time; tests move their FixedClock). */
  wait?: (ms: number) => Promise<void>;
  /** Lines other capabilities add to the daily digest (Section 11, scrutiny). */
  digestSources?: readonly DigestSource[];
}

export { composeContext } from './compose-context';

/** What other capabilities add to each recipient's daily digest, besides actions and 12-month requests. */
const DIGEST_SOURCES: readonly DigestSource[] = [section11DigestSource, scrutinyDigest];

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

/** Builds the whole bot from config: used by index.ts and the end-to-end tests alike (the CLI uses composeContext). */
export async function composeApp(config: AppConfig, overrides: Overrides = {}) {
  const { ctx, store, clock, logger, reportCache, keepsProjections } = await composeContext(config, overrides, { seedReferenceData: false });
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
  // Run the largest reports once now, so the first one a user asks for after a start is answered from memory too. Only
  // a speed-up: if it fails, the bot starts anyway and that report reads the store when it is asked for.
  if (keepsProjections) {
    const started = Date.now();
    try {
      await warmReports(ctx);
      logger.info({ ms: Date.now() - started }, 'status and overdue run once at start, so the first ones asked for are quick');
    } catch (error) {
      logger.warn({ error: (error as Error)?.message }, 'could not run status and overdue at start; the first ones asked for read the store');
    }
  }
  const adapter = createTeamsAdapter(config.bot);
  const cards = new CardRenderer();
  const stopSending = new AbortController();
  const jobs: ReminderJobDeps = {
    signal: stopSending.signal,
    sender: overrides.sender ?? new ConnectorSender(createTokenSource(config.bot)),
    render: createDigestRenderer(),
    prepare: createPayloadExpander(cards),
    digestSources: overrides.digestSources ?? DIGEST_SOURCES,
    routing: routingOf(config),
    sending: config.sending,
    holderId: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    wait: overrides.wait ?? sleep,
    leaseTtlMs: config.jobs.leaseTtlMs,
    outboxRetentionDays: config.jobs.outboxRetentionDays,
  };
  // What users send on purpose (post actions, a shared report) goes through the outbox and the same sender as the ticks.
  const delivery = new DeliverNow(ctx, jobs);
  const bot = createBotApp(
    { ctx, cards, deliver: (outboxIds) => delivery.start(outboxIds), reportCache, reportWorkbook: reportToXlsx },
    { adapter, botAppId: config.bot.appId },
  );
  // One tick at a time in this process (a second request joins it); the store lease decides across instances.
  // Each tick runs under a request id of its own (`tick-...`), which every log line of the tick carries.
  const ticks = new TickJobs((progress, tickId) => runWithRequestId(`tick-${tickId}`, () => runReminderTick(ctx, jobs, progress)), clock);
  const runTick = () => ticks.runToEnd();
  let scheduler: CronTick | undefined;
  let shuttingDown = false;
  const readiness = () =>
    checkReadiness({ store, preparation, schedulerInProcess: config.jobs.inProcess, scheduler: () => scheduler, runner: ticks, shuttingDown: () => shuttingDown });
  const server = createServer({
    adapter: {
      authenticate: (activity, authHeader) => adapter.authenticate(activity, authHeader),
      run: (request, activity) => adapter.run(request as AuthenticatedRequest, activity, (context) => bot.run(context).then(() => undefined)),
    },
    store,
    logger,
    authEnabled: config.authEnabled,
    allowedTenantIds: config.allowedTenantIds,
    jobs: { secret: config.jobs.secret, ticks },
    requestIds: { next: (kind) => newRequestId(kind), run: (requestId, work) => runWithRequestId(requestId, work) },
    readiness,
  });

  /** Starts the in-process cron (JOBS_IN_PROCESS) once the server listens. */
  const startScheduler = () => {
    if (config.jobs.inProcess) scheduler ??= startCronTick(config.jobs.cron, runTick, logger);
  };

  /**
   * Graceful shutdown: /readyz turns unavailable, no tick starts, the running tick (and any send a user started)
   * stops taking new messages and finishes the sends in flight (each is recorded, so nothing is sent twice or lost), the server stops accepting and
   * lets running turns end, then the store closes. Gives up waiting after `graceMs`.
   */
  const shutdown = async (graceMs = SHUTDOWN_GRACE_MS) => {
    if (shuttingDown) return;
    shuttingDown = true;
    scheduler?.stop();
    preparation.stop();
    stopSending.abort();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const gaveUp = await settleWithin(Promise.all([ticks.idle(), delivery.idle(), closed]), graceMs);
    if (gaveUp) logger.warn({ graceMs }, 'shutdown grace ran out: closing with work still running');
    await store.close();
  };
  return { ctx, store, adapter, bot, server, logger, cards, reportCache, jobs, delivery, runTick, ticks, readiness, startScheduler, shutdown };
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
