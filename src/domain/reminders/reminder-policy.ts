import type { HolidayCalendar } from '../calendar';
import type { Action, ActionStatus } from '../actions/action';
import type { Agency } from '../directory/agency';
import { assuranceRequestIdOf, isAnswered, type AssuranceRequest } from '../reviews/assurance-request';
import { addDays, addWorkingDays, compareDates, isIsoDate, isWorkingDay, workingDaysBetween, type IsoDate } from '../calendar';
import { ValidationError } from '../errors';
import type { Meeting } from '../reviews/meeting';
import type { Member } from '../directory/member';
import type { Review } from '../reviews/review';
import { groupBy } from '../group-by';

/** Every kind of proactive message the scheduler sends (issue 4). */
export const REMINDER_POLICIES = ['DUE_SOON', 'OVERDUE', 'ESCALATION', 'ASSURANCE_12M', 'ASSURANCE_CHASE', 'PAI_DIGEST', 'AUDIT_DEADLINE'] as const;
export type ReminderPolicy = (typeof REMINDER_POLICIES)[number];

/**
 * The reminder rules the partnership may tune (docs/design/domain.md §8); defaults from issue 4. Counts are working days
 * (Monday to Friday less England and Wales bank holidays); the send window is London wall-clock time.
 */
export interface ReminderSettings {
  /** Due soon: this many working days before the target date (N). */
  dueSoonWorkingDays: number;
  /** Overdue: the working day after the target, then every this many working days (W). */
  overdueRepeatWorkingDays: number;
  /** Escalation to the agency lead (an AGENCY_REP of the action's agency) at this many working days overdue. */
  agencyLeadAfterWorkingDays: number;
  /** Escalation to the PAI chair's channel at this many working days overdue (E). */
  escalateAfterWorkingDays: number;
  /** An unanswered 12-month assurance request is chased every this many working days. */
  assuranceChaseWorkingDays: number;
  /** The PAI digest goes this many working days before each PAI meeting. */
  digestLeadWorkingDays: number;
  /** Longest snooze of an action or audit reminder, in working days from today. */
  maxSnoozeWorkingDays: number;
  /** Longest snooze of a 12-month assurance request: it can be put off, never dismissed. */
  maxAssuranceSnoozeWorkingDays: number;
  /** Messages go out only on working days between these London times ('HH:MM', from inclusive, until exclusive). */
  sendWindow: { from: string; until: string };
}

/** Defaults from issue 4 [D]. */
export const DEFAULT_REMINDER_SETTINGS: Readonly<ReminderSettings> = Object.freeze({
  dueSoonWorkingDays: 5,
  overdueRepeatWorkingDays: 5,
  agencyLeadAfterWorkingDays: 5,
  escalateAfterWorkingDays: 10,
  assuranceChaseWorkingDays: 10,
  digestLeadWorkingDays: 3,
  maxSnoozeWorkingDays: 10,
  maxAssuranceSnoozeWorkingDays: 20,
  sendWindow: Object.freeze({ from: '08:00', until: '18:00' }),
});

/**
 * Who a reminder is for: a member (personal chat), an agency (its channel) or the PAI (its channel). `leads` (id: an
 * agency) stands for the agency's leads as a group, so an escalation is computed once per action, not once per lead;
 * `dueReminders` expands it, the digest shares one list among the leads.
 */
export interface ReminderRecipient {
  kind: 'member' | 'agency' | 'pai' | 'leads';
  id: string;
}

/** What a reminder is about. */
export type ReminderSubjectKind = 'action' | 'assurance' | 'meeting' | 'audit';

/** One message that is due: the scheduler renders, queues and sends it once, keyed by `idempotencyKey`. */
export interface ReminderIntent {
  policy: ReminderPolicy;
  subjectKind: ReminderSubjectKind;
  subjectId: string;
  /** The date this occurrence of the reminder fell due (not the target date). */
  dueDate: IsoDate;
  recipient: ReminderRecipient;
  /** `${policy}|${subjectId}|${dueDate}|${kind}:${id}`: the same reminder computed twice has the same key. */
  idempotencyKey: string;
  /** The agency the reminder concerns: the fallback route and the delivery report's grouping. */
  agencyId?: string;
  /** For ESCALATION: how far up the ladder, and what is late. */
  escalation?: { level: 'agency' | 'pai'; about: 'OVERDUE' | 'ASSURANCE' };
  /** For ASSURANCE_CHASE: 1 for the first chase. */
  chase?: number;
  /** For assurance reminders: the review and the actions asked about. */
  assurance?: { requestId: string; reviewId: string; officerId?: string; actionIds: string[] };
  /** For a `leads` recipient: the officer the escalation is about, who is not their own lead. */
  exceptMemberId?: string;
}

/** A user's "not now": reminders whose key starts with `prefix` are held until `until` (exclusive). */
export interface ReminderSnooze {
  id: string;
  prefix: string;
  until: IsoDate;
  by: string;
  at: string;
}

/** An audit deadline from the audit issue: reminded like an action target. */
export interface AuditDeadline {
  id: string;
  title: string;
  dueDate: IsoDate;
  recipient: ReminderRecipient;
  agencyId?: string;
}

export interface DueRemindersInput {
  today: IsoDate;
  actions: readonly Action[];
  reviews: readonly Review[];
  members: readonly Member[];
  agencies: readonly Agency[];
  meetings: readonly Meeting[];
  assuranceRequests: readonly AssuranceRequest[];
  snoozes?: readonly ReminderSnooze[];
  auditDeadlines?: readonly AuditDeadline[];
  settings: ReminderSettings;
  holidays: HolidayCalendar;
}

/** Statuses in which the officer still owes work: evidence submitted or impact evidenced waits on the PAI, not them. */
const REMINDABLE: ReadonlySet<ActionStatus> = new Set(['AGREED', 'IN_PROGRESS', 'COMPLETED_AWAITING_EVIDENCE']);
/** Actions a 12-month request asks about: everything the review produced except what was withdrawn or superseded. */
const NOT_ASKED_AT_TWELVE_MONTHS: ReadonlySet<ActionStatus> = new Set(['PROPOSED', 'WITHDRAWN', 'SUPERSEDED']);
/** Snoozing silences the recipient's own reminders only; escalations and digests cannot be snoozed. */
const SNOOZABLE: ReadonlySet<ReminderPolicy> = new Set(['DUE_SOON', 'OVERDUE', 'ASSURANCE_12M', 'ASSURANCE_CHASE', 'AUDIT_DEADLINE']);

export const PAI_RECIPIENT: ReminderRecipient = Object.freeze({ kind: 'pai', id: 'pai' });

/** The stable key of one reminder occurrence: written into the outbox so it is queued and sent once. */
export function reminderKey(policy: ReminderPolicy, subjectId: string, dueDate: IsoDate, recipient: ReminderRecipient): string {
  return `${policy}|${subjectId}|${dueDate}|${recipient.kind}:${recipient.id}`;
}

/**
 * The reminders due on `today`, each as the latest occurrence of its schedule: a tick missed for a day (or run
 * twice) computes the same keys, so the outbox sends each occurrence once and nothing piles up.
 */
export function dueReminders(input: DueRemindersInput): ReminderIntent[] {
  const ladder = new Ladder(input, new Map(input.members.map((member) => [member.id, member])), new Map(input.agencies.map((agency) => [agency.id, agency])));
  const expanded = dueReminderGroups(input).flatMap((grouped) =>
    grouped.recipient.kind !== 'leads'
      ? [grouped]
      : ladder.agencyLead(grouped.recipient.id, grouped.exceptMemberId).map((recipient) => {
          const { exceptMemberId: _except, ...rest } = grouped;
          return { ...rest, recipient, idempotencyKey: reminderKey(grouped.policy, grouped.subjectId, grouped.dueDate, recipient) };
        }),
  );
  const seen = new Set<string>();
  return expanded
    .filter((intent) => (seen.has(intent.idempotencyKey) ? false : (seen.add(intent.idempotencyKey), true)))
    .sort((a, b) => a.idempotencyKey.localeCompare(b.idempotencyKey));
}

/**
 * The reminders due on `today` with each agency-lead escalation still as one `leads` intent: what the digest
 * works from, so its cost grows with actions plus recipients, never actions times leads. Snoozes are applied.
 */
export function dueReminderGroups(input: DueRemindersInput): ReminderIntent[] {
  const members = new Map(input.members.map((member) => [member.id, member]));
  const agencies = new Map(input.agencies.map((agency) => [agency.id, agency]));
  const out: ReminderIntent[] = [];
  const ladder = new Ladder(input, members, agencies);
  for (const action of input.actions) out.push(...actionReminders(action, ladder));
  out.push(...assuranceReminders(input, ladder));
  out.push(...digestReminders(input));
  out.push(...auditReminders(input));
  const snoozes = input.snoozes ?? [];
  return snoozes.length === 0 ? out : out.filter((intent) => !isSnoozed(intent, snoozes, input.today));
}

/** The dates an action's reminders hang on, from its target date and today. */
interface TargetDates {
  soon: IsoDate;
  late: number;
  overdue?: { date: IsoDate; index: number };
  leadOn: IsoDate;
  paiOn: IsoDate;
}

/** Resolves the rungs of the escalation ladder: the officer, the agency lead, the PAI. */
class Ladder {
  constructor(
    readonly input: DueRemindersInput,
    private readonly members: Map<string, Member>,
    private readonly agencies: Map<string, Agency>,
  ) {}

  private readonly dates = new Map<IsoDate, TargetDates>();

  /** The reminder dates of a target date, worked out once per tick: thousands of actions share a few targets. */
  datesFor(target: IsoDate): TargetDates {
    let dates = this.dates.get(target);
    if (!dates) {
      const { today, settings, holidays } = this.input;
      const late = workingDaysBetween(target, today, holidays);
      dates = {
        soon: addWorkingDays(target, -settings.dueSoonWorkingDays, holidays),
        late,
        overdue: latestRepeat(target, late, settings.overdueRepeatWorkingDays, holidays),
        leadOn: addWorkingDays(target, settings.agencyLeadAfterWorkingDays, holidays),
        paiOn: addWorkingDays(target, settings.escalateAfterWorkingDays, holidays),
      };
      this.dates.set(target, dates);
    }
    return dates;
  }

  /** The responsible officer while active; otherwise the agency's channel. */
  officer(officerId: string | undefined, agencyId: string): ReminderRecipient[] {
    const member = officerId ? this.members.get(officerId) : undefined;
    if (member?.active) return [{ kind: 'member', id: member.id }];
    return this.agencies.has(agencyId) ? [{ kind: 'agency', id: agencyId }] : [];
  }

  /** Every active AGENCY_REP of the agency other than the officer; the agency channel when it has none. */
  agencyLead(agencyId: string, officerId: string | undefined): ReminderRecipient[] {
    const reps = this.input.members
      .filter((member) => member.active && member.agencyId === agencyId && member.roles.includes('AGENCY_REP') && member.id !== officerId)
      .map((member): ReminderRecipient => ({ kind: 'member', id: member.id }));
    if (reps.length > 0) return reps;
    const officerIsChannel = this.officer(officerId, agencyId).some((recipient) => recipient.kind === 'agency');
    return this.agencies.has(agencyId) && !officerIsChannel ? [{ kind: 'agency', id: agencyId }] : [];
  }
}

/** The agency's leads as one recipient (expanded by `dueReminders`, shared by the digest). */
function leadsOf(agencyId: string): ReminderRecipient {
  return { kind: 'leads', id: agencyId };
}

function intent(
  policy: ReminderPolicy,
  subjectKind: ReminderSubjectKind,
  subjectId: string,
  dueDate: IsoDate,
  recipient: ReminderRecipient,
  extra: Partial<ReminderIntent> = {},
): ReminderIntent {
  return { policy, subjectKind, subjectId, dueDate, recipient, idempotencyKey: reminderKey(policy, subjectId, dueDate, recipient), ...extra };
}

/**
 * The occurrence of "the working day after `target`, then every `every` working days" that is current when the
 * target is `late` working days past, or undefined before the first one.
 */
function latestRepeat(target: IsoDate, late: number, every: number, holidays: HolidayCalendar): { date: IsoDate; index: number } | undefined {
  if (late < 1) return undefined;
  const index = Math.floor((late - 1) / every);
  return { date: addWorkingDays(target, 1 + index * every, holidays), index };
}

function actionReminders(action: Action, ladder: Ladder): ReminderIntent[] {
  const { today, settings } = ladder.input;
  if (!REMINDABLE.has(action.status)) return [];
  const target = action.currentTargetDate;
  const extra = { agencyId: action.agencyId };
  const officer = ladder.officer(action.responsibleOfficerId, action.agencyId);
  const out: ReminderIntent[] = [];

  const dates = ladder.datesFor(target);
  if (compareDates(dates.soon, today) <= 0 && compareDates(today, target) <= 0) {
    for (const recipient of officer) out.push(intent('DUE_SOON', 'action', action.id, dates.soon, recipient, extra));
  }

  const { late, overdue } = dates;
  if (!overdue) return out;
  for (const recipient of officer) out.push(intent('OVERDUE', 'action', action.id, overdue.date, recipient, extra));
  if (late >= settings.agencyLeadAfterWorkingDays) {
    out.push(intent('ESCALATION', 'action', action.id, dates.leadOn, leadsOf(action.agencyId), { ...extra, exceptMemberId: action.responsibleOfficerId, escalation: { level: 'agency', about: 'OVERDUE' } }));
  }
  if (late >= settings.escalateAfterWorkingDays) {
    out.push(intent('ESCALATION', 'action', action.id, dates.paiOn, PAI_RECIPIENT, { ...extra, escalation: { level: 'pai', about: 'OVERDUE' } }));
  }
  return out;
}

/**
 * 12 months after a review is completed, one request per responsible officer covering their actions from it;
 * unanswered, it is chased every C working days, escalated to the agency lead at the second chase and to the PAI
 * at the third, and never dropped.
 */
function assuranceReminders(input: DueRemindersInput, ladder: Ladder): ReminderIntent[] {
  const { today, settings, holidays } = input;
  const requests = new Map(input.assuranceRequests.map((request) => [request.id, request]));
  const byReview = groupBy(input.actions.filter((action) => action.reviewId && !NOT_ASKED_AT_TWELVE_MONTHS.has(action.status)), (action) => action.reviewId as string);
  const out: ReminderIntent[] = [];
  for (const review of input.reviews) {
    const due = review.assuranceDue;
    if (!due || review.status === 'CLOSED' || compareDates(due, today) > 0) continue;
    const groups = new Map<string, { officerId?: string; agencyId: string; actionIds: string[] }>();
    for (const action of byReview.get(review.id) ?? []) {
      const [recipient] = ladder.officer(action.responsibleOfficerId, action.agencyId);
      if (!recipient) continue;
      const officerId = recipient.kind === 'member' ? recipient.id : undefined;
      const id = assuranceRequestIdOf(review.id, { officerId, agencyId: action.agencyId });
      const group = groups.get(id) ?? { officerId, agencyId: action.agencyId, actionIds: [] };
      group.actionIds.push(action.id);
      groups.set(id, group);
    }
    for (const [requestId, group] of groups) {
      const stored = requests.get(requestId);
      if (stored && isAnswered(stored)) continue;
      const recipient: ReminderRecipient = group.officerId ? { kind: 'member', id: group.officerId } : { kind: 'agency', id: group.agencyId };
      const assurance = { requestId, reviewId: review.id, officerId: group.officerId, actionIds: stored?.actionIds ?? group.actionIds.sort() };
      const extra = { agencyId: group.agencyId, assurance };
      out.push(intent('ASSURANCE_12M', 'assurance', requestId, due, recipient, extra));
      const chase = Math.floor(workingDaysBetween(due, today, holidays) / settings.assuranceChaseWorkingDays);
      if (chase < 1) continue;
      const every = settings.assuranceChaseWorkingDays;
      out.push(intent('ASSURANCE_CHASE', 'assurance', requestId, addWorkingDays(due, chase * every, holidays), recipient, { ...extra, chase }));
      if (chase >= 2) {
        out.push(intent('ESCALATION', 'assurance', requestId, addWorkingDays(due, 2 * every, holidays), leadsOf(group.agencyId), { ...extra, exceptMemberId: group.officerId, escalation: { level: 'agency', about: 'ASSURANCE' } }));
      }
      if (chase >= 3) {
        out.push(intent('ESCALATION', 'assurance', requestId, addWorkingDays(due, 3 * every, holidays), PAI_RECIPIENT, { ...extra, escalation: { level: 'pai', about: 'ASSURANCE' } }));
      }
    }
  }
  return out;
}

/** The PAI channel gets a digest L working days before each PAI meeting (sent late rather than never, up to the day). */
function digestReminders(input: DueRemindersInput): ReminderIntent[] {
  const { today, settings, holidays } = input;
  return input.meetings
    .filter((meeting) => meeting.type === 'PAI')
    .flatMap((meeting) => {
      const on = addWorkingDays(meeting.date, -settings.digestLeadWorkingDays, holidays);
      if (compareDates(on, today) > 0 || compareDates(today, meeting.date) > 0) return [];
      return [intent('PAI_DIGEST', 'meeting', meeting.id, on, PAI_RECIPIENT)];
    });
}

/** Audit deadlines, for the audit issue: reminded N working days before, then like an overdue action while listed. */
function auditReminders(input: DueRemindersInput): ReminderIntent[] {
  const { today, settings, holidays } = input;
  return (input.auditDeadlines ?? []).flatMap((deadline) => {
    const extra = deadline.agencyId ? { agencyId: deadline.agencyId } : {};
    const soon = addWorkingDays(deadline.dueDate, -settings.dueSoonWorkingDays, holidays);
    if (compareDates(soon, today) <= 0 && compareDates(today, deadline.dueDate) <= 0) {
      return [intent('AUDIT_DEADLINE', 'audit', deadline.id, soon, deadline.recipient, extra)];
    }
    const late = workingDaysBetween(deadline.dueDate, today, holidays);
    const overdue = latestRepeat(deadline.dueDate, late, settings.overdueRepeatWorkingDays, holidays);
    return overdue ? [intent('AUDIT_DEADLINE', 'audit', deadline.id, overdue.date, deadline.recipient, extra)] : [];
  });
}

/** The key prefix a snooze holds: one policy's reminders about one subject (a 12-month request's chases, for both assurance policies). */
export function snoozePrefix(policy: ReminderPolicy, subjectId: string): string {
  return `${policy === 'ASSURANCE_12M' ? 'ASSURANCE_CHASE' : policy}|${subjectId}|`;
}

/** A reminder is held while a snooze on its prefix has not reached its until-date. */
export function isSnoozed(intent: Pick<ReminderIntent, 'idempotencyKey'>, snoozes: readonly ReminderSnooze[], today: IsoDate): boolean {
  return snoozes.some((snooze) => intent.idempotencyKey.startsWith(snooze.prefix) && compareDates(today, snooze.until) < 0);
}

/**
 * The latest date a reminder may be snoozed to, or undefined when it cannot be snoozed: escalations and digests
 * never; a 12-month assurance request only within its own (longer) limit, because it may be put off but not dismissed.
 */
export function latestSnoozeDate(policy: ReminderPolicy, today: IsoDate, settings: ReminderSettings, holidays: HolidayCalendar): IsoDate | undefined {
  if (!SNOOZABLE.has(policy)) return undefined;
  const limit = policy === 'ASSURANCE_12M' || policy === 'ASSURANCE_CHASE' ? settings.maxAssuranceSnoozeWorkingDays : settings.maxSnoozeWorkingDays;
  return addWorkingDays(today, limit, holidays);
}

/** Checks a snooze request against the limits; returns the snooze prefix to store. */
export function checkSnooze(policy: ReminderPolicy, subjectId: string, until: IsoDate, today: IsoDate, settings: ReminderSettings, holidays: HolidayCalendar): string {
  const latest = latestSnoozeDate(policy, today, settings, holidays);
  if (!latest) throw new ValidationError('This reminder cannot be snoozed.', { policy }, 'REMINDER.NOT_SNOOZABLE');
  if (!isIsoDate(until) || compareDates(until, today) <= 0) {
    throw new ValidationError('Snooze to a date after today (YYYY-MM-DD).', { field: 'until' }, 'REMINDER.SNOOZE_DATE_INVALID');
  }
  if (compareDates(until, latest) > 0) {
    throw new ValidationError(`You can snooze this reminder until ${latest} at the latest.`, { field: 'until', latest }, 'REMINDER.SNOOZE_TOO_LONG');
  }
  return snoozePrefix(policy, subjectId);
}

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** London wall-clock fields of an instant (Intl knows the GMT/BST rules; no tz library). */
function londonWallClock(instant: Date): { date: IsoDate; minutes: number; asUtcMs: number } {
  const p = Object.fromEntries(londonClock.formatToParts(instant).map((part) => [part.type, part.value]));
  const [year, month, day, hour, minute, second] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number);
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    minutes: hour * 60 + minute,
    asUtcMs: Date.UTC(year, month - 1, day, hour, minute, second),
  };
}

/** The instant at which London's clocks show `minutes` past midnight on `date` (times in the window never fall in a clock change). */
function londonInstant(date: IsoDate, minutes: number): Date {
  const [year, month, day] = date.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
  let instant = wall;
  for (let pass = 0; pass < 2; pass += 1) {
    const offset = londonWallClock(new Date(instant)).asUtcMs - instant;
    instant = wall - offset;
  }
  return new Date(instant);
}

function minutesOf(time: string, field: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new ValidationError(`The ${field} time must be HH:MM (24-hour).`, { field }, 'REMINDER.TIME_INVALID');
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * When a message may go: now, if London is inside the send window on a working day; otherwise the start of the
 * next window (nothing is sent at weekends, on bank holidays, or out of hours).
 */
export function nextAllowedSendTime(now: Date, settings: ReminderSettings, holidays: HolidayCalendar): Date {
  const from = minutesOf(settings.sendWindow.from, 'send window start');
  const until = minutesOf(settings.sendWindow.until, 'send window end');
  if (from >= until) throw new ValidationError('The send window must start before it ends.', {}, 'REMINDER.WINDOW_INVALID');
  const { date, minutes } = londonWallClock(now);
  if (isWorkingDay(date, holidays)) {
    if (minutes >= from && minutes < until) return now;
    if (minutes < from) return londonInstant(date, from);
  }
  let day = addDays(date, 1);
  while (!isWorkingDay(day, holidays)) day = addDays(day, 1);
  return londonInstant(day, from);
}
