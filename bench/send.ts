import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ShiftedClock } from '../src/adapters/system/system-clock';
import { ConnectorSender } from '../src/adapters/teams/connector-sender';
import { KIND } from '../src/app/kernel/kinds';
import type { OutboxMessage } from '../src/app/reminders/outbox';
import { conversationRecordId, ConversationRecord } from '../src/app/directory/record-installation';
import { composeApp } from '../src/compose';
import { loadConfig } from '../src/config';
import type { Action } from '../src/domain/actions/action';
import type { Agency } from '../src/domain/directory/agency';
import type { Member } from '../src/domain/directory/member';
import { listAll, WriteOperation } from '../src/ports/document-store';
import { FakeConnector } from '../test/support/fake-connector';
import { MemoryLogger } from '../test/support/silent-logger';
import { heading, ms, percentile, row } from './stats';

/** Teams' published requests per second per app per tenant (platform.md): the figure rates are compared with. */
const TENANT_LIMIT_PER_SECOND = 50;
const LATENCY_MS = 150;
const STAMP = '2026-01-01T00:00:00.000Z';

export interface SendBenchOptions {
  personal?: number;
  /** SEND_TENANT_RATE_PER_SECOND for the run (default: the configured default, 45). */
  tenantRatePerSecond?: number;
  channels?: number;
  postsPerChannel?: number;
}

export interface SendBenchFigures {
  messages: number;
  rateFractionOfTenantLimit: number;
  throttledShareOfSends: number;
  lost: number;
  duplicates: number;
  p95DueToDeliveredMs: number;
  baselineFractionOfTenantLimit: number;
}

/** N officers with a personal chat and one overdue action each, plus agency channels with officer-less actions. */
function seedOperations(serviceUrl: string, personal: number, channels: number, postsPerChannel: number): WriteOperation[] {
  const operations: WriteOperation[] = [];
  const action = (id: string, agencyId: string, officerId?: string): Action => ({
    id, ref: id.toUpperCase(), sourceType: 'REVIEW', scope: 'SINGLE_AGENCY', agencyId, responsibleOfficerId: officerId, themes: [], description: 'Refresh neglect training',
    successMeasure: 'Audit', originalTargetDate: '2026-11-24', currentTargetDate: '2026-11-24', extensionCount: 0, extensions: [], status: 'IN_PROGRESS',
    evidence: [], createdAt: STAMP, createdBy: 'bench', updatedAt: STAMP, updatedBy: 'bench',
  });
  const chat = (conversationId: string, scope: 'personal' | 'channel', userAadObjectId?: string): ConversationRecord => ({
    id: conversationRecordId(conversationId), conversationId, scope, userAadObjectId, status: 'active', installedAt: STAMP, updatedAt: STAMP,
    reference: { serviceUrl, channelId: 'msteams', bot: { id: '28:bot' }, conversation: { id: conversationId, conversationType: scope }, ...(userAadObjectId ? { user: { id: `29:${userAadObjectId}` } } : {}) },
  });
  for (let index = 0; index < personal; index += 1) {
    const id = `b0000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    const member: Member = { id, name: `Officer ${index}`, email: `officer${index}@nhs.net`, agencyId: 'lancashire-constabulary', roles: ['RESPONSIBLE_OFFICER'], active: true, createdAt: STAMP, createdBy: 'bench', updatedAt: STAMP, updatedBy: 'bench' };
    operations.push({ op: 'upsert', kind: KIND.member, doc: member }, { op: 'upsert', kind: KIND.conversation, doc: chat(`a:bench-${index}`, 'personal', id) }, { op: 'upsert', kind: KIND.action, doc: action(`p-${index}`, 'lancashire-constabulary', id) });
  }
  for (let channel = 0; channel < channels; channel += 1) {
    const conversationId = `19:bench-agency-${channel}@thread.tacv2`;
    const agency: Agency = { id: `bench-agency-${channel}`, name: `Bench agency ${channel}`, shortName: `B${channel}`, type: 'RELEVANT_AGENCY', s11Duty: true, active: true, channelConversationId: conversationRecordId(conversationId), createdAt: STAMP, createdBy: 'bench', updatedAt: STAMP, updatedBy: 'bench' };
    operations.push({ op: 'upsert', kind: KIND.agency, doc: agency }, { op: 'upsert', kind: KIND.conversation, doc: chat(conversationId, 'channel') });
    for (let post = 0; post < postsPerChannel; post += 1) operations.push({ op: 'upsert', kind: KIND.action, doc: action(`c-${channel}-${post}`, agency.id) });
  }
  return operations;
}

/** What a plain loop of awaited sends reaches against a remote service that takes LATENCY_MS per call. */
async function baselineFraction(connector: FakeConnector, count: number): Promise<number> {
  const sender = new ConnectorSender(async () => undefined);
  const start = Date.now();
  for (let index = 0; index < count; index += 1) {
    await sender.send({ serviceUrl: connector.url, bot: { id: '28:bot' }, conversation: { id: `a:baseline-${index}` } }, { type: 'message', text: 'hi' }, { idempotencyKey: `baseline-${index}` });
  }
  return count / ((Date.now() - start) / 1000) / TENANT_LIMIT_PER_SECOND;
}

/**
 * `npm run bench:send`: 5,000 personal reminders and 50 channel posts through the real pipeline (policies, outbox,
 * paced sender, ConnectorSender over HTTP) against a FakeConnector that enforces Teams' limits and takes 150 ms
 * per call. Prints figures; asserts nothing.
 */
export async function benchSend(options: SendBenchOptions = {}): Promise<SendBenchFigures> {
  const personal = options.personal ?? 5_000;
  const channels = options.channels ?? 10;
  const postsPerChannel = options.postsPerChannel ?? 5;
  heading(`Proactive sends (${personal} personal + ${channels * postsPerChannel} channel posts in ${channels} channels; FakeConnector enforcing Teams limits, ${LATENCY_MS} ms per call; pacing ${options.tenantRatePerSecond ?? 'default'} per s)`);
  const connector = await FakeConnector.start({ latencyInMs: LATENCY_MS, enforceTeamsLimits: true });
  const baseline = await baselineFraction(connector, 40);
  connector.reset();

  const rateSetting: Record<string, string> = options.tenantRatePerSecond ? { SEND_TENANT_RATE_PER_SECOND: String(options.tenantRatePerSecond) } : {};
  const config = loadConfig({ SQLITE_PATH: ':memory:', LOG_LEVEL: 'silent', PARTNERSHIP_ID: 'bench', JOBS_IN_PROCESS: 'false', ...rateSetting });
  const app = await composeApp(config, { logger: new MemoryLogger(), clock: new ShiftedClock('2026-11-25T09:00:00Z') });
  const operations = seedOperations(connector.url, personal, channels, postsPerChannel);
  for (let start = 0; start < operations.length; start += 99) await app.store.commit(app.ctx.partnershipId, operations.slice(start, start + 99));

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const tickStart = Date.now();
  const result = await app.runTick();
  const tickMs = Date.now() - tickStart;
  loopDelay.disable();
  const messages = await listAll<OutboxMessage>(app.store, KIND.outbox, app.ctx.partnershipId);
  await app.store.close();
  await connector.stop();

  const expected = personal + channels * postsPerChannel;
  const sends = connector.calls.filter((call) => call.method === 'POST' && call.path.includes('/activities'));
  const delivered = connector.sentActivities();
  const deliveries = connector.deliveriesByKey();
  // The rate the tenant sees: deliveries over the span between the first and the last (each answered after the same latency).
  const times = delivered.map((call) => call.at);
  const rate = (delivered.length - 1) / ((Math.max(...times) - Math.min(...times)) / 1000);
  const throttled = sends.filter((call) => call.status === 429).length;
  const dueToDelivered = messages.filter((message) => message.sentAt).map((message) => Date.parse(message.sentAt as string) - Date.parse(message.notBefore));
  const figures: SendBenchFigures = {
    messages: expected,
    rateFractionOfTenantLimit: rate / TENANT_LIMIT_PER_SECOND,
    throttledShareOfSends: throttled / sends.length,
    lost: expected - deliveries.size,
    duplicates: [...deliveries.values()].filter((count) => count > 1).length,
    p95DueToDeliveredMs: percentile(dueToDelivered, 95),
    baselineFractionOfTenantLimit: baseline,
  };
  row('messages due / delivered (distinct keys)', `${expected}`, `${deliveries.size}`);
  row('achieved rate, fraction of tenant limit (50/s)', figures.rateFractionOfTenantLimit.toFixed(3), `(${rate.toFixed(1)} per s; goal >= 0.9)`);
  row('baseline: plain loop of awaited sends', figures.baselineFractionOfTenantLimit.toFixed(3));
  row('429s received, share of sends', `${(figures.throttledShareOfSends * 100).toFixed(2)} %`, `(${throttled} of ${sends.length}; goal < 1 %)`);
  row('lost', `${figures.lost}`);
  row('duplicates (keys delivered twice)', `${figures.duplicates}`);
  row('due -> delivered p50 / p95', ms(percentile(dueToDelivered, 50)), ms(figures.p95DueToDeliveredMs));
  row('event-loop delay p99 / max (bot and fake share the process)', ms(loopDelay.percentile(99) / 1e6), ms(loopDelay.max / 1e6));
  row('tick wall time (queue + drain)', ms(tickMs), result.ran ? `(queued ${result.queue.queued}, sent ${result.delivery.sent})` : '(lease held)');
  return figures;
}

if (require.main === module) {
  benchSend().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
