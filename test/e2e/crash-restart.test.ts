import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store';
import { KIND } from '../../src/app/kinds';
import type { OutboxMessage } from '../../src/app/outbox';
import { conversationRecordId, ConversationRecord } from '../../src/app/record-installation';
import type { Action } from '../../src/domain/action';
import type { Member } from '../../src/domain/member';
import { listAll, WriteOperation } from '../../src/ports/document-store';
import { FakeConnector } from '../support/fake-connector';

const COUNT = 1_000;
const PARTNERSHIP = 'crash-test';
const START = Date.parse('2026-11-25T10:00:00Z'); // a Wednesday, inside the send window
const STAMP = '2026-01-01T00:00:00.000Z';

/** Runs a .ts entry in a plain node child: TypeScript is transpiled on require (no build step, no extra tool). */
const TRANSPILE_ON_REQUIRE = `
const ts = require('typescript');
const fs = require('fs');
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};
require(process.argv[1]);
`;

function startChild(env: Record<string, string>): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(process.execPath, ['-e', TRANSPILE_ON_REQUIRE, join(__dirname, '../support/crash-child.ts')], {
    cwd: join(__dirname, '../..'),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const output = new Promise<string>((resolve) => child.on('exit', () => resolve(out)));
  return { child, output };
}

/** 1,000 responsible officers, each with a personal chat and one action that went overdue yesterday. */
async function seed(path: string, serviceUrl: string): Promise<void> {
  const store = new SqliteStore(path);
  const operations: WriteOperation[] = [];
  for (let index = 0; index < COUNT; index += 1) {
    const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    const conversationId = `a:crash-${index}`;
    const member: Member = { id, name: `Officer ${index}`, email: `officer${index}@nhs.net`, agencyId: 'lancashire-constabulary', roles: ['RESPONSIBLE_OFFICER'], active: true, createdAt: STAMP, createdBy: 't', updatedAt: STAMP, updatedBy: 't' };
    const chat: ConversationRecord = {
      id: conversationRecordId(conversationId), conversationId, scope: 'personal', userAadObjectId: id, status: 'active', installedAt: STAMP, updatedAt: STAMP,
      reference: { serviceUrl, channelId: 'msteams', bot: { id: '28:bot' }, user: { id: `29:${id}` }, conversation: { id: conversationId, conversationType: 'personal' } },
    };
    const action: Action = {
      id: `crash-${index}`, ref: `C${index}`, sourceType: 'REVIEW', scope: 'SINGLE_AGENCY', agencyId: 'lancashire-constabulary', responsibleOfficerId: id, themes: [],
      description: 'Refresh neglect training', successMeasure: 'Audit', originalTargetDate: '2026-11-24', currentTargetDate: '2026-11-24', extensionCount: 0,
      extensions: [], status: 'IN_PROGRESS', evidence: [], createdAt: STAMP, createdBy: 't', updatedAt: STAMP, updatedBy: 't',
    };
    operations.push({ op: 'upsert', kind: KIND.member, doc: member }, { op: 'upsert', kind: KIND.conversation, doc: chat }, { op: 'upsert', kind: KIND.action, doc: action });
  }
  for (let start = 0; start < operations.length; start += 99) await store.commit(PARTNERSHIP, operations.slice(start, start + 99));
  await store.close();
}

describe('crash test: a sender killed with SIGKILL midway and restarted', () => {
  let connector: FakeConnector;
  let dir: string;

  beforeAll(async () => {
    connector = await FakeConnector.start({ latencyInMs: 20 });
    dir = mkdtempSync(join(tmpdir(), 'assurance-crash-'));
  });
  afterAll(async () => {
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers each of 1,000 reminders exactly once per idempotency key', async () => {
    const path = join(dir, 'crash.db');
    await seed(path, connector.url);
    const env = (clockNow: number) => ({
      SQLITE_PATH: path, PARTNERSHIP_ID: PARTNERSHIP, LOG_LEVEL: 'silent', CLOCK_NOW: new Date(clockNow).toISOString(),
      SEND_TENANT_RATE_PER_SECOND: '50', SEND_CLAIM_TTL_SECONDS: '2', JOBS_LEASE_TTL_SECONDS: '5', JOBS_IN_PROCESS: 'false',
    });

    const startedAt = Date.now();
    const first = startChild(env(START));
    await connector.waitForCalls(COUNT * 0.3, 150_000); // generous: the child transpiles src/ on start, slow on a busy machine
    first.child.kill('SIGKILL');
    await first.output;
    const deliveredBeforeKill = connector.sentActivities().length;
    expect(deliveredBeforeKill).toBeLessThan(COUNT);

    // The restarted instance's clock carries on from where the first one's stood (as a real clock would).
    const second = startChild(env(START + (Date.now() - startedAt)));
    const output = await second.output;
    expect(output).toMatch(/"ran":true/);

    const deliveries = connector.deliveriesByKey();
    expect(deliveries.size).toBe(COUNT);
    expect([...deliveries.values()].every((count) => count === 1)).toBe(true);
    // Sends in flight at the kill are repeated after restart with the same key, and the connector answers them
    // from memory: a handful at most (one per worker), never a second delivery.
    const repeats = connector.calls.filter((call) => call.duplicate).length;
    expect(repeats).toBeLessThanOrEqual(12);

    const store = new SqliteStore(path);
    const messages = await listAll<OutboxMessage>(store, KIND.outbox, PARTNERSHIP);
    await store.close();
    expect(messages).toHaveLength(COUNT);
    expect(messages.every((message) => message.status === 'sent')).toBe(true);
    process.stdout.write(`crash test: ${deliveredBeforeKill} delivered before SIGKILL, ${repeats} repeated sends answered from memory, ${deliveries.size} keys delivered once each\n`);
  }, 300_000);
});
