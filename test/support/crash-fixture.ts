import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KIND } from '../../src/app/kernel/kinds';
import { conversationRecordId, ConversationRecord } from '../../src/app/directory/record-installation';
import type { Action } from '../../src/domain/actions/action';
import type { Member } from '../../src/domain/directory/member';
import { composeContext } from '../../src/compose-context';
import { loadConfig } from '../../src/config';
import type { DocumentStore, WriteOperation } from '../../src/ports/document-store';

/* The crash test's fixture, shared by test/e2e/crash-restart.test.ts and bench/crash-duplicates.ts. */

export const CRASH_PARTNERSHIP = 'crash-test';
/** A Wednesday, inside the send window. */
export const CRASH_START = Date.parse('2026-11-25T10:00:00Z');
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

/**
 * Starts the crash child (test/support/crash-child): from its .ts source under jest, or from the build under the
 * benchmark (`compiled`).
 */
export function startCrashChild(env: Record<string, string>, compiled = false): { child: ChildProcess; output: Promise<string> } {
  // From the tests: the child `npm test` has just built starts in a second; transpiling every file took 45 s on a loaded machine.
  const built = join(__dirname, '../../dist/test/support/crash-child.js');
  const args = compiled ? [join(__dirname, 'crash-child.js')] : existsSync(built) ? [built] : ['-e', TRANSPILE_ON_REQUIRE, join(__dirname, 'crash-child.ts')];
  const child = spawn(process.execPath, args, {
    cwd: join(__dirname, compiled ? '../../..' : '../..'),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const output = new Promise<string>((resolve) => child.on('exit', () => resolve(out)));
  return { child, output };
}

/** The crash test's store file, opened as the bot opens it (composeContext); the child seeds the reference data. */
export async function openCrashStore(path: string): Promise<DocumentStore> {
  const config = loadConfig({ SQLITE_PATH: path, PARTNERSHIP_ID: CRASH_PARTNERSHIP, LOG_LEVEL: 'silent' });
  return (await composeContext(config, {}, { seedReferenceData: false })).store;
}

/** `count` responsible officers, each with a personal chat and one action that went overdue yesterday. */
export async function seedCrashStore(path: string, serviceUrl: string, count: number): Promise<void> {
  const store = await openCrashStore(path);
  const operations: WriteOperation[] = [];
  for (let index = 0; index < count; index += 1) {
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
  for (let start = 0; start < operations.length; start += 99) await store.commit(CRASH_PARTNERSHIP, operations.slice(start, start + 99));
  await store.close();
}

