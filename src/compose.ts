import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ConnectorSender, createTokenSource } from './adapters/teams/connector-sender';
import { createTeamsAdapter, type AuthenticatedRequest } from './adapters/teams/create-adapter';
import { reportToXlsx } from './adapters/reports/xlsx-writer';
import { createProactiveSend } from './adapters/teams/proactive-send';
import { seedDemoData } from './app/setup/seed-demo-data';
import { conversationRecordId } from './app/directory/record-installation';
import type { ReminderRouting } from './app/reminders/reminder-routing';
import { ReminderJobDeps, runReminderTick } from './app/reminders/run-reminder-tick';
import { createBotApp } from './bot/teams/create-bot-app';
import { CardRenderer } from './cards/render';
import { createDigestRenderer, createPayloadExpander } from './cards/digest-card';
import { section11DigestSource } from './app/section11/digest';
import type { DigestSource } from './app/reminders/digest-entry';
import { TickJobs } from './app/reminders/tick-jobs';
import type { AppConfig } from './config';
import { composeContext } from './compose-context';
import { createServer } from './http/server';
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
  /** Lines other capabilities add to the daily digest (Section 11, scrutiny). */
  digestSources?: readonly DigestSource[];
}

export { composeContext } from './compose-context';

/** What other capabilities add to each recipient's daily digest, besides actions and 12-month requests. */
const DIGEST_SOURCES: readonly DigestSource[] = [section11DigestSource];

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
  const { ctx, store, clock, logger, reportCache } = await composeContext(config, overrides);
  if (config.demoData) await seedDemoData(ctx, config.adminAadObjectIds.map((id) => ({ id, name: 'Demo operator' })));
  const adapter = createTeamsAdapter(config.bot);
  const cards = new CardRenderer();
  const bot = createBotApp({ ctx, cards, send: createProactiveSend(adapter, config.bot.appId), reportCache, reportWorkbook: reportToXlsx }, { adapter, botAppId: config.bot.appId });
  const jobs: ReminderJobDeps = {
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
  // One tick at a time in this process (a second request joins it); the store lease decides across instances.
  const ticks = new TickJobs((progress) => runReminderTick(ctx, jobs, progress), clock);
  const runTick = () => ticks.runToEnd();
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
  });
  return { ctx, store, adapter, bot, server, logger, cards, reportCache, jobs, runTick, ticks };
}
