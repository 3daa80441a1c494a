import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIND } from '../../src/app/kernel/kinds';
import { queueDueReminders } from '../../src/app/reminders/run-reminder-tick';
import { CARD_VERBS } from '../../src/bot/card-verbs';
import { createDigestRenderer } from '../../src/cards/digest-card';
import type { Action } from '../../src/domain/actions/action';
import { COMMANDS, commandsFor } from '../../src/domain/commands';
import { ROLES, type Role } from '../../src/domain/roles';
import { listAll } from '../../src/ports/document-store';
import { executeActivity, messageActivity, PEOPLE, type Person } from '../support/activities';
import { buttonData, cardText, createBotHarness } from '../support/bot-harness';
import { putAction, putReview } from '../support/reminder-fixtures';
import { REVIEW_REF, seedReviewWithActions } from '../support/review-fixtures';
import { addMember, createTestContext, TestContext } from '../support/test-context';

/**
 * The role matrix (issue 9): every command and card verb, pressed by every role, against the README's role tables,
 * which are the source: the test reads who may do what from README.md, so the README, the help card and the code
 * cannot drift apart. Card data is forged by design: each press reuses data from someone else's card.
 */
type Subject = Role | 'UNREGISTERED' | 'OWN_OFFICER';
const SUBJECTS: readonly Subject[] = [...ROLES, 'UNREGISTERED', 'OWN_OFFICER'];
const person = (index: number, name: string): Person => ({ aadObjectId: `00000000-0000-4000-8000-0000000001${String(index).padStart(2, '0')}`, name });
const PEOPLE_BY_SUBJECT: Record<Subject, Person> = Object.fromEntries(SUBJECTS.map((subject, index) => [subject, person(index, `Matrix ${subject.toLowerCase()}`)])) as Record<Subject, Person>;
const POLICE = 'lancashire-constabulary';
const A1 = `${REVIEW_REF}/A1`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');

/** The rows of a README table whose header starts with `first`, as [first cell, second cell]. */
function readmeTable(header: string): [string, string][] {
  const lines = readFileSync(join(__dirname, '../../README.md'), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  if (start < 0) throw new Error(`README has no table starting "${header}"`);
  const rows: [string, string][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [, a, b] = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
    rows.push([a, b]);
  }
  return rows;
}

/** Who a README "who" cell allows, in the words the README uses. */
function subjectsAllowed(who: string): Set<Subject> {
  const text = who.toLowerCase();
  if (text.includes('everyone')) return new Set(SUBJECTS);
  if (text.includes('registered members')) return new Set(SUBJECTS.filter((subject) => subject !== 'UNREGISTERED'));
  const allowed = new Set<Subject>();
  if (text.includes('pai chair')) allowed.add('PAI_CHAIR');
  if (text.includes('business unit')) allowed.add('LSBU_OFFICER');
  if (/\badmin/.test(text)) allowed.add('ADMIN');
  if (text.includes('agency rep')) allowed.add('AGENCY_REP');
  if (text.includes('own responsible officer')) allowed.add('OWN_OFFICER');
  return allowed;
}

/** `link agency <name>` -> link agency; `dip sample <n> [agency] [seed <n>]` -> dip sample. */
const commandNameOf = (usage: string) => usage.replace(/`/g, '').split(/\s[<[]/)[0].trim();
const COMMAND_ROWS = readmeTable('| command | who |').filter(([usage]) => usage.startsWith('`') && !usage.includes('npm'))
  .filter(([usage]) => COMMANDS.some((command) => command.name === commandNameOf(usage)));
const VERB_ROWS = readmeTable('| card control | who |').flatMap(([verbs, who]) => verbs.split(',').map((verb) => [verb.replace(/`/g, '').trim(), who] as [string, string]));

/**
 * Section 11 and scrutiny card verbs carry forms whose data this matrix cannot forge meaningfully; their own bot
 * tests (test/bot/section11.test.ts, test/bot/scrutiny.test.ts) press each verb as each role with forged data.
 */
const MATRIX_VERBS = CARD_VERBS.filter((verb) => !verb.startsWith('s11.') && !verb.startsWith('scrutiny.'));

const COMMAND_ARGS: Record<string, string> = {
  actions: 'Lancashire Constabulary', review: REVIEW_REF, action: 'A1', history: 'A1', 'add action': REVIEW_REF, 'post actions': REVIEW_REF,
  'link agency': 'Lancashire Constabulary', 'dip sample': '2', 'meeting add': '2027-01-15',
};
const IN_A_CHANNEL = new Set(['link agency', 'link pai channel']);

const refused = (text: string) => /Not allowed/.test(text);

async function setUp(): Promise<{ ctx: TestContext; bot: ReturnType<typeof createBotHarness> }> {
  const ctx = await createTestContext();
  ctx.clock.set('2026-11-25T10:00:00Z');
  await seedReviewWithActions(ctx);
  for (const subject of SUBJECTS) {
    if (subject === 'UNREGISTERED') continue;
    const role: Role = subject === 'OWN_OFFICER' ? 'RESPONSIBLE_OFFICER' : subject;
    await addMember(ctx, PEOPLE_BY_SUBJECT[subject], [role], ['AGENCY_REP', 'RESPONSIBLE_OFFICER', 'VIEWER'].includes(role) ? POLICE : undefined);
  }
  // The action every edit verb aims at belongs to OWN_OFFICER; the RESPONSIBLE_OFFICER subject is their colleague.
  const a1 = (await ctx.store.get<Action>(KIND.action, ctx.partnershipId, A1)) as Action & { etag: string };
  await ctx.store.update(KIND.action, ctx.partnershipId, { ...a1, responsibleOfficerId: PEOPLE_BY_SUBJECT.OWN_OFFICER.aadObjectId }, { ifMatch: a1.etag });
  return { ctx, bot: createBotHarness(ctx) };
}

async function storeState(ctx: TestContext): Promise<string> {
  const kinds = Object.values(KIND).filter((kind) => kind !== KIND.audit && kind !== KIND.conversation);
  return JSON.stringify(await Promise.all(kinds.map((kind) => listAll(ctx.store, kind, ctx.partnershipId))));
}

describe('role matrix: the README role tables are complete', () => {
  it('lists every command and every card verb', () => {
    expect(COMMAND_ROWS.map(([usage]) => commandNameOf(usage)).sort()).toEqual(COMMANDS.map((command) => command.name).sort());
    expect(VERB_ROWS.map(([verb]) => verb).sort()).toEqual(MATRIX_VERBS.sort());
  });

  it.each(SUBJECTS.filter((subject) => subject !== 'OWN_OFFICER'))('help for %s lists exactly the commands the README allows', (subject) => {
    const roles: Role[] = subject === 'UNREGISTERED' ? [] : [subject as Role];
    const expected = COMMAND_ROWS.filter(([, who]) => subjectsAllowed(who).has(subject) || (subject === 'UNREGISTERED' && /registered members/.test(who)))
      .map(([usage]) => commandNameOf(usage));
    expect(commandsFor(roles).map((command) => command.name).sort()).toEqual(expected.sort());
  });
});

describe('role matrix: every command as every role', () => {
  let ctx: TestContext;
  let bot: ReturnType<typeof createBotHarness>;
  beforeAll(async () => {
    ({ ctx, bot } = await setUp());
  });

  it.each(COMMAND_ROWS.flatMap(([usage, who]) => SUBJECTS.map((subject) => [commandNameOf(usage), subject, subjectsAllowed(who).has(subject)] as const)))(
    '%s by %s: allowed %p',
    async (name, subject, allowed) => {
      const before = await storeState(ctx);
      const text = `${name} ${COMMAND_ARGS[name] ?? ''}`.trim();
      const replies = await bot.send(messageActivity(PEOPLE_BY_SUBJECT[subject], text, IN_A_CHANNEL.has(name) ? { scope: 'channel' } : {}));
      const said = replies.map((reply) => reply.text ?? cardText(reply.card)).join('\n');
      expect(refused(said)).toBe(!allowed);
      if (!allowed) expect(await storeState(ctx)).toBe(before);
    },
  );
});

describe('role matrix: every card verb as every role, with forged data', () => {
  const requestId = `r1--m-${PEOPLE_BY_SUBJECT.OWN_OFFICER.aadObjectId}`;

  /** Data for each verb, taken from another user's card or written by hand: the bot must decide from the activity alone. */
  async function dataFor(verb: string, ctx: TestContext, bot: ReturnType<typeof createBotHarness>): Promise<Record<string, unknown>> {
    const [card] = await bot.send(messageActivity(PEOPLE_BY_SUBJECT.AGENCY_REP, 'action A1'));
    const key = { ...buttonData(card.card, 'action.update'), submissionId: randomUUID() };
    switch (verb) {
      case 'review.create': return { reference: `LSCP-RR-2026-${Math.floor(Math.random() * 90) + 10}`, type: 'RAPID_REVIEW', pseudonym: 'Child B', sin_date: '2026-11-02' };
      case 'action.create': {
        const [form] = await bot.send(messageActivity(PEOPLE.lsbu, `add action ${REVIEW_REF}`));
        return { ...buttonData(form.card, 'action.create'), ref: `M${Math.floor(Math.random() * 1000)}`, agency: POLICE, responsible_officer_email: 'pat@lancashire.gov.uk', description: 'Brief staff', success_measure: 'All staff briefed', target_date: '2027-02-28' };
      }
      case 'action.refresh': return { actionId: A1 };
      case 'action.update': return { ...key, note: 'Progress made on the briefing' };
      case 'report.more': return { report: 'status', args: '', start: 0 };
      case 'report.share': case 'report.file': return { report: 'status', args: '' };
      case 'theme.decide': return { args: '', period: 'Q3 2026/27', themeId: 'neglect', route: 'PAI', note: 'Follow up at the next meeting' };
      case 'reminder.snooze': return { policy: 'OVERDUE', subjectId: A1, until: '2026-12-01' };
      case 'reminder.handover': return { actionId: A1, deputyId: PEOPLE_BY_SUBJECT.RESPONSIBLE_OFFICER.aadObjectId };
      case 'assurance.respond': return { requestId, completion_a9: 'Audit done in October', impact_a9: 'Practice improved' };
      case 'assurance.evaluate': return { requestId, evaluation: 'ASSURED' };
      default: return { ...key, rationale: 'Discussed at the PAI meeting', meetingDate: '2026-11-20' };
    }
  }

  async function setUpWithRequest() {
    const { ctx, bot } = await setUp();
    await putReview(ctx, { id: 'r1', reference: 'LSCP-RR-2025-07', assuranceDue: '2026-11-25' });
    await putAction(ctx, { id: 'a9', reviewId: 'r1', agencyId: POLICE, responsibleOfficerId: PEOPLE_BY_SUBJECT.OWN_OFFICER.aadObjectId, currentTargetDate: '2026-06-30', status: 'CLOSED' });
    await queueDueReminders(ctx, { render: createDigestRenderer(), routing: {} });
    return { ctx, bot };
  }

  // Per verb, refusals run first on one context (each must leave it unchanged); an allowed press may change it, so the
  // next allowed press gets a fresh one.
  describe.each(VERB_ROWS)('%s', (verb, who) => {
    const allowedSubjects = subjectsAllowed(who);
    const ordered = [...SUBJECTS].sort((a, b) => Number(allowedSubjects.has(a)) - Number(allowedSubjects.has(b)));
    let setup: Awaited<ReturnType<typeof setUpWithRequest>> | undefined;

    it.each(ordered.map((subject) => [subject, allowedSubjects.has(subject)] as const))('by %s: allowed %p', async (subject, allowed) => {
      setup ??= await setUpWithRequest();
      const { ctx, bot } = setup;
      const data = await dataFor(verb, ctx, bot);
      const before = await storeState(ctx);
      const card = await bot.execute(executeActivity(PEOPLE_BY_SUBJECT[subject], verb, data));
      expect(refused(cardText(card))).toBe(!allowed);
      if (!allowed) expect(await storeState(ctx)).toBe(before);
      else setup = undefined;
    });
  });
});
