import { randomUUID } from 'node:crypto';
import { KIND } from '../../src/app/kernel/kinds';
import { CARD_VERBS } from '../../src/bot/card-verbs';
import { COMMANDS } from '../../src/domain/commands';
import { listAll } from '../../src/ports/document-store';
import { executeActivity, installationActivity, messageActivity, PEOPLE, botMembershipActivity, submitActivity, type Person } from '../support/activities';
import { useLocalApp } from '../support/e2e-app';
import { addMember } from '../support/test-context';
import { mulberry32 } from '../../src/domain/reports/dip-sample';

/**
 * Fuzzing /api/messages (issue 9): seeded, so a failure is reproducible from FUZZ_SEED. Each activity starts from a
 * well-formed Teams activity (a command, a card press, an install) sent by someone who may not change anything
 * (an outsider, a viewer, an agency rep with forged card data), then gets up to three random mutations: a field of
 * the wrong type, a missing field, an oversized or odd Unicode value, an unknown invoke or verb.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const ACTIVITIES = 1_000;
const HANG_MS = 2_000;

const VIEWER = { aadObjectId: '00000000-0000-4000-8000-0000000000f1', name: 'Fuzz Viewer' };

describe('e2e: fuzzing /api/messages', () => {
  const local = useLocalApp({}, async (app) => {
    await addMember(app.ctx, VIEWER, ['VIEWER'], 'lancashire-constabulary');
    await addMember(app.ctx, PEOPLE.policeRep, ['AGENCY_REP', 'RESPONSIBLE_OFFICER'], 'lancashire-constabulary');
  });

  /** Everything stored except installs (conversation records) and audit entries. */
  async function storeState(): Promise<string> {
    const kinds = Object.values(KIND).filter((kind) => kind !== KIND.audit && kind !== KIND.conversation);
    return JSON.stringify(await Promise.all(kinds.map((kind) => listAll(local.app.ctx.store, kind, local.app.ctx.partnershipId))));
  }

  it(`survives ${ACTIVITIES} generated activities: no crash, no hang, no 5xx, no stored change but installs and audit`, async () => {
    const random = mulberry32(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const senders: Person[] = [PEOPLE.stranger, VIEWER, PEOPLE.policeRep, { aadObjectId: randomUUID(), name: 'Random Outsider' }];
    const oddValues: unknown[] = [
      null, 0, -1, 1e308, true, '', ' ', 'x'.repeat(5000), '\u0000\u202e\u200b', '🙂'.repeat(100), [], [null], [{}], {}, { id: 42 },
      { id: null }, { id: 'x'.repeat(600) }, '<at>Assurance Bot</at>', { $where: '1' }, '../../etc/passwd', 'NaN', [1, 2, 3],
    ];
    const words = [...COMMANDS.map((command) => command.name), 'hlep', 'overdeu', 'sign of', 'DROP TABLE', '', 'review', 'action A1'];
    const args = ['', 'A1', 'LSCP-RR-2026-01', 'Child Jayden Smith 943 476 5919', 'x'.repeat(300), '2027-01-15', 'Q2', 'police', '9999', '\u00a0\u2013'];
    const verbs = [...CARD_VERBS, 'action.delete', '', 'x'.repeat(150)];
    const fields = ['from', 'recipient', 'conversation', 'channelData', 'text', 'value', 'entities', 'locale', 'name', 'type', 'serviceUrl', 'timestamp', 'id', 'replyToId', 'membersAdded', 'action', 'attachments'];

    const base = (): Record<string, unknown> => {
      const from = pick(senders);
      const options = { serviceUrl: local.connector.url, scope: pick(['personal', 'channel', 'groupChat'] as const) };
      switch (Math.floor(random() * 5)) {
        case 0: return messageActivity(from, `${pick(words)} ${pick(args)}`.trim(), options);
        case 1: {
          const data: Record<string, unknown> = { actionId: pick(['a1', 'lscp-rr-2026-01-a1', '', '../x']), etag: pick(['"1"', '', 'x']), submissionId: random() < 0.5 ? randomUUID() : 'not-a-uuid' };
          for (const key of ['status', 'note', 'evidenceUrl', 'requestId', 'policy', 'subjectId', 'until', 'deputyId', 'report', 'reference', 'pseudonym']) {
            if (random() < 0.3) data[key] = pick([...args, ...oddValues]);
          }
          return executeActivity(from, pick(verbs), data, options);
        }
        case 2: return submitActivity(from, pick(verbs), { actionId: pick(args), note: pick(args) }, options);
        case 3: return installationActivity(from, pick(['add', 'remove'] as const), options);
        default: return botMembershipActivity(from, pick(['added', 'removed'] as const), options);
      }
    };
    const mutate = (activity: Record<string, unknown>) => {
      const count = Math.floor(random() * 4);
      for (let i = 0; i < count; i += 1) {
        const field = pick(fields);
        const roll = random();
        if (roll < 0.25) delete activity[field];
        else if (roll < 0.35 && field === 'type') activity.type = pick(['invoke', 'event', 'messageReaction', 'typing', 'unknownType']);
        else if (roll < 0.45 && field === 'name') activity.name = pick(['composeExtension/query', 'task/fetch', 'signin/verifyState', 'adaptiveCard/action', 'fileConsent/invoke']);
        else if (roll < 0.5 && field === 'serviceUrl') activity.serviceUrl = pick(['http://127.0.0.1:9/', 'ftp://x', 'javascript:alert(1)', local.connector.url]);
        else if (roll < 0.6 && typeof activity[field] === 'object' && activity[field] !== null && !Array.isArray(activity[field])) {
          (activity[field] as Record<string, unknown>)[pick(['id', 'aadObjectId', 'tenantId', 'name', 'conversationType', 'tenant', 'verb', 'action'])] = pick(oddValues);
        } else activity[field] = pick(oddValues);
      }
      return activity;
    };

    const before = await storeState();
    const statuses = new Map<number, number>();
    const reasons = new Map<string, number>();
    let crashes = 0;
    let slowest = 0;
    let hangs = 0;
    const started = Date.now();
    for (let i = 0; i < ACTIVITIES; i += 1) {
      const activity = mutate(JSON.parse(JSON.stringify(base())) as Record<string, unknown>);
      const at = Date.now();
      try {
        const response = await local.app.post(random() < 0.02 ? JSON.stringify(activity).slice(0, -3) : activity);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (process.env.FUZZ_REPORT && response.status === 400) reasons.set(String((response.body as { error?: string })?.error), (reasons.get(String((response.body as { error?: string })?.error)) ?? 0) + 1);
      } catch {
        crashes += 1;
      }
      const took = Date.now() - at;
      slowest = Math.max(slowest, took);
      if (took > HANG_MS) hangs += 1;
    }
    const healthy = (await fetch(`${local.app.url}/healthz`)).status;
    const summary = {
      seed: SEED, activities: ACTIVITIES, crashes, hangs, slowestMs: slowest, seconds: (Date.now() - started) / 1000,
      statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
    };
    if (process.env.FUZZ_REPORT) process.stdout.write(`fuzz: ${JSON.stringify(summary)}\n${JSON.stringify([...reasons].sort((a, b) => b[1] - a[1]).slice(0, 12))}\n`);
    expect({ crashes, hangs, healthy, fiveHundreds: [...statuses].filter(([status]) => status >= 500) }).toEqual({ crashes: 0, hangs: 0, healthy: 200, fiveHundreds: [] });
    expect(await storeState()).toBe(before);
    // The run exercised both sides of the guard: refused shapes and turns that ran.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
  }, 120_000);
});
