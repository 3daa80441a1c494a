import { BankHolidayCalendar } from '../../../src/adapters/system/bank-holiday-calendar';
import type { Action } from '../../../src/domain/actions/action';
import type { Agency } from '../../../src/domain/directory/agency';
import type { AssuranceRequest } from '../../../src/domain/reviews/assurance-request';
import type { IsoDate } from '../../../src/domain/calendar';
import { ValidationError } from '../../../src/domain/errors';
import type { Meeting } from '../../../src/domain/reviews/meeting';
import type { Member } from '../../../src/domain/directory/member';
import {
  checkSnooze, DEFAULT_REMINDER_SETTINGS, dueReminders, DueRemindersInput, nextAllowedSendTime, ReminderIntent, snoozePrefix,
} from '../../../src/domain/reminders/reminder-policy';
import type { Review } from '../../../src/domain/reviews/review';
import type { Role } from '../../../src/domain/roles';

// The real England and Wales calendar (date-holidays, GB-ENG): 2026-12-25 Fri, 2026-12-28 Mon (Boxing Day
// substitute), 2027-01-01 Fri, 2027-03-26 Good Friday, 2027-03-29 Easter Monday, 2027-12-27/28 (both substitutes).
const holidays = new BankHolidayCalendar();
const settings = { ...DEFAULT_REMINDER_SETTINGS };
const STAMP = '2026-01-01T00:00:00.000Z';

function member(id: string, roles: Role[], agencyId = 'police', active = true): Member {
  return { id, name: id, email: `${id}@nhs.net`, agencyId, roles, active, createdAt: STAMP, createdBy: 't', updatedAt: STAMP, updatedBy: 't' };
}

const agencies: Agency[] = [
  { id: 'police', name: 'Police', shortName: 'Police', type: 'STATUTORY_PARTNER', s11Duty: true, active: true, createdAt: STAMP, createdBy: 't', updatedAt: STAMP, updatedBy: 't' },
];
const members = [member('officer', ['RESPONSIBLE_OFFICER']), member('lead', ['AGENCY_REP'])];

function action(target: IsoDate, extra: Partial<Action> = {}): Action {
  return {
    id: 'a1', ref: 'A1', reviewId: 'r1', sourceType: 'REVIEW', scope: 'SINGLE_AGENCY', agencyId: 'police', responsibleOfficerId: 'officer',
    themes: [], description: 'Do the thing', successMeasure: 'Done', originalTargetDate: target, currentTargetDate: target, extensionCount: 0,
    extensions: [], status: 'IN_PROGRESS', evidence: [], createdAt: STAMP, createdBy: 't', updatedAt: STAMP, updatedBy: 't', ...extra,
  };
}

function review(extra: Partial<Review> = {}): Review {
  return { id: 'r1', reference: 'LSCP-RR-2026-01', pseudonym: 'Child A', type: 'RAPID_REVIEW', status: 'ACTIONS_LIVE', themes: [], createdAt: STAMP, createdBy: 't', updatedAt: STAMP, updatedBy: 't', ...extra };
}

function run(today: IsoDate, input: Partial<DueRemindersInput> = {}): ReminderIntent[] {
  return dueReminders({ today, actions: [], reviews: [], members, agencies, meetings: [], assuranceRequests: [], settings, holidays, ...input });
}

const keys = (intents: ReminderIntent[]) => intents.map((intent) => `${intent.policy} ${intent.dueDate} ${intent.recipient.kind}:${intent.recipient.id}`).sort();

describe('action reminders over a table of dates (due soon N=5, overdue W=5, agency lead at 5, PAI at E=10)', () => {
  const cases: [string, IsoDate, IsoDate, string[]][] = [
    // Christmas 2026: 5 working days before Tue 5 Jan skips New Year, Boxing Day's substitute and Christmas.
    ['due soon across Christmas, before the window', '2027-01-05', '2026-12-23', []],
    ['due soon across Christmas, first day', '2027-01-05', '2026-12-24', ['DUE_SOON 2026-12-24 member:officer']],
    ['due soon keeps its date on a bank holiday', '2027-01-05', '2026-12-28', ['DUE_SOON 2026-12-24 member:officer']],
    ['due soon on the target day', '2027-01-05', '2027-01-05', ['DUE_SOON 2026-12-24 member:officer']],
    // Overdue: the working day after the target, then every 5 working days.
    ['overdue on the working day after the target', '2026-12-23', '2026-12-24', ['OVERDUE 2026-12-24 member:officer']],
    ['overdue, nothing new on Christmas Day', '2026-12-23', '2026-12-25', ['OVERDUE 2026-12-24 member:officer']],
    // Working days after Wed 23 Dec 2026: 24, 29, 30, 31 Dec, 4 Jan (5th), 5 Jan (6th) ... 11 Jan (10th).
    ['agency lead at 5 working days overdue, over Christmas and New Year', '2026-12-23', '2027-01-04', [
      'ESCALATION 2027-01-04 member:lead', 'OVERDUE 2026-12-24 member:officer',
    ]],
    ['overdue repeat 5 working days after the first', '2026-12-23', '2027-01-05', [
      'ESCALATION 2027-01-04 member:lead', 'OVERDUE 2027-01-05 member:officer',
    ]],
    ['overdue escalates to the PAI after 10 working days', '2026-12-23', '2027-01-12', [
      'ESCALATION 2027-01-04 member:lead', 'ESCALATION 2027-01-11 pai:pai', 'OVERDUE 2027-01-12 member:officer',
    ]],
    // Easter 2027: Good Friday 26 March and Easter Monday 29 March are not working days.
    ['overdue after Easter: first working day is Tuesday', '2027-03-25', '2027-03-29', []],
    ['overdue after Easter: Tuesday', '2027-03-25', '2027-03-30', ['OVERDUE 2027-03-30 member:officer']],
    ['agency lead at 5 working days after Easter', '2027-03-25', '2027-04-05', ['ESCALATION 2027-04-05 member:lead', 'OVERDUE 2027-03-30 member:officer']],
    ['PAI at 10 working days after Easter', '2027-03-25', '2027-04-12', [
      'ESCALATION 2027-04-05 member:lead', 'ESCALATION 2027-04-12 pai:pai', 'OVERDUE 2027-04-06 member:officer',
    ]],
    // Christmas 2027 falls at a weekend: both substitutes (27 and 28 Dec) are skipped.
    ['substitute bank holidays: nothing on the 28th', '2027-12-24', '2027-12-28', []],
    ['substitute bank holidays: first overdue on the 29th', '2027-12-24', '2027-12-29', ['OVERDUE 2027-12-29 member:officer']],
  ];

  it.each(cases)('%s (target %s, today %s)', (_name, target, today, expected) => {
    expect(keys(run(today, { actions: [action(target)] }))).toEqual(expected);
  });

  it('stays quiet for actions waiting on the PAI, closed or withdrawn', () => {
    for (const status of ['EVIDENCE_SUBMITTED', 'IMPACT_EVIDENCED', 'CLOSED', 'WITHDRAWN'] as const) {
      expect(run('2027-01-12', { actions: [action('2026-12-23', { status })] })).toEqual([]);
    }
  });

  it('goes to the agency channel when the officer has left', () => {
    const gone = [member('officer', ['RESPONSIBLE_OFFICER'], 'police', false), member('lead', ['AGENCY_REP'])];
    expect(keys(run('2026-12-24', { actions: [action('2026-12-23')], members: gone }))).toEqual(['OVERDUE 2026-12-24 agency:police']);
  });

  it('computes the same keys when run twice, so a second tick queues nothing new', () => {
    const input = { actions: [action('2026-12-23')] };
    expect(run('2027-01-12', input).map((intent) => intent.idempotencyKey)).toEqual(run('2027-01-12', input).map((intent) => intent.idempotencyKey));
  });
});

describe('12-month assurance requests', () => {
  const reviewDue = review({ assuranceDue: '2027-06-10' });
  const actions = [action('2027-01-05', { status: 'CLOSED' }), action('2027-02-01', { id: 'a2', ref: 'A2', status: 'CLOSED' })];

  it('asks the officer about every action from the review on the 12-month date', () => {
    const [request] = run('2027-06-10', { reviews: [reviewDue], actions });
    expect(request).toMatchObject({ policy: 'ASSURANCE_12M', dueDate: '2027-06-10', recipient: { kind: 'member', id: 'officer' }, assurance: { actionIds: ['a1', 'a2'] } });
  });

  it('chases after 10 working days, escalates to the agency lead at the 2nd chase and the PAI at the 3rd', () => {
    expect(keys(run('2027-06-23', { reviews: [reviewDue], actions }))).toEqual(['ASSURANCE_12M 2027-06-10 member:officer']);
    expect(keys(run('2027-06-24', { reviews: [reviewDue], actions }))).toEqual(['ASSURANCE_12M 2027-06-10 member:officer', 'ASSURANCE_CHASE 2027-06-24 member:officer']);
    expect(keys(run('2027-07-22', { reviews: [reviewDue], actions }))).toEqual([
      'ASSURANCE_12M 2027-06-10 member:officer', 'ASSURANCE_CHASE 2027-07-22 member:officer', 'ESCALATION 2027-07-08 member:lead', 'ESCALATION 2027-07-22 pai:pai',
    ]);
  });

  it('stops chasing once answered', () => {
    const answered: AssuranceRequest = { id: 'r1--m-officer', reviewId: 'r1', officerId: 'officer', agencyId: 'police', actionIds: ['a1', 'a2'], requestedOn: '2027-06-10', respondedOn: '2027-06-20T10:00:00Z', createdAt: STAMP, updatedAt: STAMP };
    expect(run('2027-07-22', { reviews: [reviewDue], actions, assuranceRequests: [answered] })).toEqual([]);
  });

  it('can be snoozed within its limit but never dismissed', () => {
    const prefix = checkSnooze('ASSURANCE_12M', 'r1--m-officer', '2027-07-01', '2027-06-24', settings, holidays);
    expect(prefix).toBe(snoozePrefix('ASSURANCE_CHASE', 'r1--m-officer'));
    const snoozes = [{ id: 's', prefix, until: '2027-07-01', by: 'officer', at: STAMP }];
    expect(keys(run('2027-06-24', { reviews: [reviewDue], actions, snoozes }))).toEqual(['ASSURANCE_12M 2027-06-10 member:officer']);
    expect(() => checkSnooze('ASSURANCE_12M', 'x', '2027-12-31', '2027-06-24', settings, holidays)).toThrow(ValidationError);
  });
});

describe('snooze limits', () => {
  it('refuses escalations, past dates and dates beyond the limit', () => {
    expect(() => checkSnooze('ESCALATION', 'a1', '2027-01-06', '2027-01-05', settings, holidays)).toThrow('cannot be snoozed');
    expect(() => checkSnooze('OVERDUE', 'a1', '2027-01-05', '2027-01-05', settings, holidays)).toThrow('after today');
    // 10 working days from Thu 24 Dec 2026 skip 25 and 28 Dec and 1 Jan: 12 Jan is the latest.
    expect(checkSnooze('OVERDUE', 'a1', '2027-01-12', '2026-12-24', settings, holidays)).toBe('OVERDUE|a1|');
    expect(() => checkSnooze('OVERDUE', 'a1', '2027-01-13', '2026-12-24', settings, holidays)).toThrow('2027-01-12');
  });
});

describe('PAI pre-meeting digest', () => {
  const meeting: Meeting = { id: 'meeting-2027-04-01', date: '2027-04-01', type: 'PAI', title: 'PAI', createdAt: STAMP, createdBy: 't' };

  it('goes 3 working days before the meeting, counting back over Easter', () => {
    expect(keys(run('2027-03-24', { meetings: [meeting] }))).toEqual([]);
    expect(keys(run('2027-03-25', { meetings: [meeting] }))).toEqual(['PAI_DIGEST 2027-03-25 pai:pai']);
    expect(keys(run('2027-04-01', { meetings: [meeting] }))).toEqual(['PAI_DIGEST 2027-03-25 pai:pai']);
    expect(keys(run('2027-04-02', { meetings: [meeting] }))).toEqual([]);
  });
});

describe('quiet hours: nothing at weekends, on bank holidays or outside 08:00-18:00 London time', () => {
  const cases: [string, string, string][] = [
    ['inside the window (GMT)', '2026-12-24T10:00:00Z', '2026-12-24T10:00:00.000Z'],
    ['before 08:00 on a working day', '2026-12-24T07:59:00Z', '2026-12-24T08:00:00.000Z'],
    ['the last minute of the window', '2026-12-24T17:59:00Z', '2026-12-24T17:59:00.000Z'],
    ['18:00 Christmas Eve waits for Tue 29 Dec (Christmas, weekend, substitute)', '2026-12-24T18:00:00Z', '2026-12-29T08:00:00.000Z'],
    ['Christmas Day', '2026-12-25T12:00:00Z', '2026-12-29T08:00:00.000Z'],
    ['Good Friday waits for Easter Tuesday, after the clocks go forward (BST)', '2027-03-26T12:00:00Z', '2027-03-30T07:00:00.000Z'],
    ['inside the window in summer time: 07:30 UTC is 08:30 BST', '2027-06-10T07:30:00Z', '2027-06-10T07:30:00.000Z'],
    ['17:30 UTC in summer is 18:30 BST: next morning', '2027-06-10T17:30:00Z', '2027-06-11T07:00:00.000Z'],
    ['Saturday', '2027-06-12T09:00:00Z', '2027-06-14T07:00:00.000Z'],
    ['substitute days in 2027: Fri 24 Dec evening to Wed 29 Dec', '2027-12-24T19:00:00Z', '2027-12-29T08:00:00.000Z'],
  ];
  it.each(cases)('%s', (_name, now, expected) => {
    expect(nextAllowedSendTime(new Date(now), settings, holidays).toISOString()).toBe(expected);
  });

  it('refuses a window that ends before it starts', () => {
    expect(() => nextAllowedSendTime(new Date('2027-01-05T10:00:00Z'), { ...settings, sendWindow: { from: '18:00', until: '08:00' } }, holidays)).toThrow(ValidationError);
  });
});
