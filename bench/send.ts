import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LANCASHIRE_AGENCIES } from '../src/domain/directory/reference-data';
import { installationActivity } from '../test/support/activities';
import { FakeConnector } from '../test/support/fake-connector';
import { row, heading, ms } from './stats';

/** Teams' published requests per second per app per tenant (platform.md): the figure rates are compared with. */
const TENANT_LIMIT_PER_SECOND = 50;
const LATENCY_MS = 150;
const SECRET = 'bench-jobs-secret-0123456789';
/** The bot's clock for the tick: a Wednesday inside the send window. */
const TICK_AT = '2026-11-25T09:00:00Z';
/** The business unit imports the plans a week before. */
const IMPORT_AT = '2026-11-18T09:00:00Z';
const PAI_CHANNEL = '19:bench-pai@thread.tacv2';

export interface SendBenchOptions {
  /** Agency reps, each with a personal chat (default 5,000). */
  recipients?: number;
  /** Agencies the reps are spread over (default 20: 250 reps each). */
  agencies?: number;
  /** Overdue actions per agency, held by its reps (default 1,000). */
  overduePerAgency?: number;
  /** SEND_TENANT_RATE_PER_SECOND for the run (default: the configured default, 47). */
  tenantRatePerSecond?: number;
}

export interface SendBenchFigures {
  recipients: number;
  maxMessagesPerRecipient: number;
  meanMessagesPerRecipient: number;
  queueMs: number;
  tickCallMs: number;
  tickToLastDeliveredMs: number;
  rateFractionOfTenantLimit: number;
  throttledShareOfSends: number;
  lost: number;
  duplicates: number;
  storeBytes: number;
}

const guid = (index: number) => `b0000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

/** Runs a built entry point (the CLI, the bot) as its own process, as the business unit and the host would. */
function run(entry: string, args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, [join(__dirname, '..', 'src', ...entry.split('/')), ...args], {
    cwd: join(__dirname, '..', '..'),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, output }))) };
}

async function cli(args: string[], env: Record<string, string>): Promise<void> {
  const { done } = run('cli/main.js', args, env);
  const { code, output } = await done;
  if (code !== 0) throw new Error(`cli ${args.join(' ')} failed (${code}):\n${output.slice(-2000)}`);
}

async function waitForReady(url: string, server: { done: Promise<unknown> }): Promise<void> {
  let exited = false;
  void server.done.then(() => (exited = true));
  for (let attempt = 0; attempt < 600 && !exited; attempt += 1) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the bot did not become ready');
}

/** POSTs activities to /api/messages, a few at a time. */
async function postAll(url: string, activities: object[], concurrency = 16): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < activities.length) {
      const activity = activities[next++];
      const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
      if (response.status >= 300) throw new Error(`/api/messages answered ${response.status}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function fileBytes(path: string): number {
  return [path, `${path}-wal`, `${path}-shm`].filter(existsSync).reduce((sum, file) => sum + statSync(file).size, 0);
}

/**
 * `npm run bench:send`: a reminder tick as a business unit runs one, through the product's own doors. Members and
 * actions are imported with the CLI into a file-backed SQLite store; the bot runs as its own process; every rep's
 * personal chat is installed over HTTP; one tick goes through POST /api/jobs/tick and is followed on its status
 * endpoint; a FakeConnector enforces Teams' limits and answers each call after 150 ms. Prints figures; asserts nothing.
 */
export async function benchSend(options: SendBenchOptions = {}): Promise<SendBenchFigures> {
  const recipients = options.recipients ?? 5_000;
  const agencyCount = options.agencies ?? 20;
  const overduePerAgency = options.overduePerAgency ?? 1_000;
  const agencies = LANCASHIRE_AGENCIES.slice(0, agencyCount);
  if (agencies.length < agencyCount) throw new Error(`only ${LANCASHIRE_AGENCIES.length} agencies are seeded`);
  heading(`Reminder tick: ${recipients} agency reps in ${agencyCount} agencies, ${overduePerAgency} overdue actions per agency; CLI import, HTTP installs, POST /api/jobs/tick; FakeConnector enforcing Teams limits, ${LATENCY_MS} ms per call`);

  const dir = mkdtempSync(join(tmpdir(), 'assurance-bench-send-'));
  const dbPath = join(dir, 'assurance.db');
  const env = { SQLITE_PATH: dbPath, STORE: 'sqlite', PARTNERSHIP_ID: 'bench', LOG_LEVEL: 'silent' };
  const connector = await FakeConnector.start({ latencyInMs: LATENCY_MS, enforceTeamsLimits: true });
  let server: ReturnType<typeof run> | undefined;
  try {
    // The business unit's files: reps (AGENCY_REP and RESPONSIBLE_OFFICER), one review, and its overdue actions.
    const reps = Array.from({ length: recipients }, (_, index) => ({ id: guid(index), name: `Rep ${index}`, email: `rep${index}@lancashire.gov.uk`, agency: agencies[index % agencyCount] }));
    writeFileSync(join(dir, 'members.csv'), ['aad_object_id,name,email,agency,roles', ...reps.map((rep) => `${rep.id},${rep.name},${rep.email},"${rep.agency.name}",AGENCY_REP;RESPONSIBLE_OFFICER`)].join('\n'));
    writeFileSync(join(dir, 'reviews.csv'), 'reference,type,pseudonym,sin_date,rr_submitted_on,decision,decision_date,published_on,completed_on,themes\nLSCP-RR-2026-09,RAPID_REVIEW,Child A,2026-03-02,2026-03-20,NO_FURTHER_REVIEW,2026-04-01,,,Neglect\n');
    const actionRows = ['review_reference,ref,scope,agency,responsible_officer_email,themes,description,success_measure,target_date,status,agreed_on'];
    agencies.forEach((agency, agencyIndex) => {
      const agencyReps = reps.filter((_, index) => index % agencyCount === agencyIndex);
      for (let number = 0; number < overduePerAgency; number += 1) {
        const rep = agencyReps[number % agencyReps.length];
        // Targets spread over October: every action is past the PAI escalation point by the tick.
        const target = `2026-10-${String(1 + (number % 28)).padStart(2, '0')}`;
        actionRows.push(`LSCP-RR-2026-09,A${agencyIndex}-${number},SINGLE_AGENCY,"${agency.name}",${rep.email},Neglect,Refresh neglect training for front-line staff,Audit of 20 cases shows the toolkit in use,${target},IN_PROGRESS,2026-04-15`);
      }
    });
    writeFileSync(join(dir, 'actions.csv'), actionRows.join('\n'));
    const importStart = Date.now();
    const cliEnv = { ...env, CLOCK_NOW: IMPORT_AT };
    await cli(['import', 'members', join(dir, 'members.csv')], cliEnv);
    await cli(['import', 'reviews', join(dir, 'reviews.csv')], cliEnv);
    await cli(['import', 'actions', join(dir, 'actions.csv')], cliEnv);
    const importMs = Date.now() - importStart;

    // The bot as its own process, on the same file, with the jobs endpoint on and no in-process cron.
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const url = `http://127.0.0.1:${port}`;
    const rate: Record<string, string> = options.tenantRatePerSecond ? { SEND_TENANT_RATE_PER_SECOND: String(options.tenantRatePerSecond) } : {};
    server = run('index.js', [], { ...env, PORT: String(port), CLOCK_NOW: TICK_AT, JOBS_SECRET: SECRET, JOBS_IN_PROCESS: 'false', PAI_CHANNEL_CONVERSATION_ID: PAI_CHANNEL, ...rate });
    await waitForReady(url, server);
    const installStart = Date.now();
    await postAll(url, [
      ...reps.map((rep) => installationActivity({ aadObjectId: rep.id, name: rep.name }, 'add', { serviceUrl: connector.url })),
      installationActivity({ aadObjectId: reps[0].id, name: reps[0].name }, 'add', { serviceUrl: connector.url, scope: 'channel', conversationId: PAI_CHANNEL }),
    ]);
    const installMs = Date.now() - installStart;
    connector.reset();

    // One tick through the jobs endpoint, then its status until it has finished.
    const tickStart = Date.now();
    const response = await fetch(`${url}/api/jobs/tick`, { method: 'POST', headers: { Authorization: `Bearer ${SECRET}` } });
    const tickCallMs = Date.now() - tickStart;
    const started = (await response.json()) as { tickId: string };
    if (response.status !== 202) throw new Error(`the tick answered ${response.status}`);
    let status: Record<string, number | string> = {};
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      status = (await (await fetch(`${url}/api/jobs/tick/${started.tickId}`, { headers: { Authorization: `Bearer ${SECRET}` } })).json()) as Record<string, number | string>;
      if (status.state !== 'running') break;
    }
    server.child.kill('SIGTERM');
    await server.done;
    server = undefined;

    const expected = recipients + 1; // every rep, and the PAI channel
    const sends = connector.calls.filter((call) => call.method === 'POST' && call.path.includes('/activities'));
    const delivered = connector.sentActivities();
    const perConversation = new Map<string, number>();
    for (const call of delivered) perConversation.set(call.conversationId ?? '', (perConversation.get(call.conversationId ?? '') ?? 0) + 1);
    const counts = [...perConversation.values()];
    const deliveries = connector.deliveriesByKey();
    const times = delivered.map((call) => call.at);
    const first = Math.min(...times);
    const last = Math.max(...times);
    const throttled = sends.filter((call) => call.status === 429).length;
    const figures: SendBenchFigures = {
      recipients: expected,
      maxMessagesPerRecipient: Math.max(0, ...counts),
      meanMessagesPerRecipient: counts.reduce((sum, count) => sum + count, 0) / expected,
      queueMs: Number(status.queuedInMs ?? NaN),
      tickCallMs,
      tickToLastDeliveredMs: last - tickStart,
      rateFractionOfTenantLimit: (delivered.length - 1) / ((last - first) / 1000) / TENANT_LIMIT_PER_SECOND,
      throttledShareOfSends: throttled / Math.max(1, sends.length),
      lost: expected - perConversation.size,
      duplicates: [...deliveries.values()].filter((count) => count > 1).length,
      storeBytes: fileBytes(dbPath),
    };
    row('setup: CLI import / HTTP installs', ms(importMs), ms(installMs), `(${recipients} members, ${agencyCount * overduePerAgency} actions)`);
    row('tick status', String(status.state), `recipients ${status.recipients}, queued ${status.queued}, sent ${status.sent}, pending ${status.pending}, failed ${status.failed}`);
    row('messages per recipient, max / mean', String(figures.maxMessagesPerRecipient), figures.meanMessagesPerRecipient.toFixed(3), '(goal: at most 1)');
    row('time to queue every digest', ms(figures.queueMs), '(goal < 10 s)');
    row('tick call duration (POST /api/jobs/tick)', ms(figures.tickCallMs), '(goal < 1 s)');
    row('tick to last delivered', ms(figures.tickToLastDeliveredMs));
    row('achieved rate, fraction of tenant limit (50/s)', figures.rateFractionOfTenantLimit.toFixed(3), '(goal >= 0.9)');
    row('429s received, share of sends', `${(figures.throttledShareOfSends * 100).toFixed(2)} %`, `(${throttled} of ${sends.length}; goal < 1 %)`);
    row('lost (recipients with no delivery)', String(figures.lost));
    row('duplicates (keys delivered twice)', String(figures.duplicates));
    row('store file size after (db + wal)', `${(figures.storeBytes / 1024 / 1024).toFixed(1)} MB`);
    return figures;
  } finally {
    server?.child.kill('SIGKILL');
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchSend().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
