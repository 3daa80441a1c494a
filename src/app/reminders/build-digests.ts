import { type Action, actionSourceText, isAwaitingSignOff, isOpen, isOverdue } from '../../domain/actions/action';
import { isAnswered } from '../../domain/reviews/assurance-request';
import { daysBetween, type IsoDate, workingDaysBetween } from '../../domain/calendar';
import { latestSnoozeDate, type ReminderIntent, type ReminderPolicy, type ReminderRecipient, type ReminderSnooze } from '../../domain/reminders/reminder-policy';
import { reviewLabelOf } from '../../domain/reviews/review';
import { hashedIdOf } from '../../ports/document-store';
import { canHoldActionIn } from '../kernel/permissions';
import type { ReminderData } from './reminder-views';
import type { DigestEntry, DigestRecipient } from './digest-entry';
import { groupBy } from '../../domain/group-by';

/** The sections of a reminder digest, in words (the digest seam's headings). */
export const SECTIONS = {
  own: 'Your actions',
  agency: "Your agency's overdue actions",
  assurance: '12-month assurance',
  pai: 'Escalated to the PAI',
  signOff: 'Waiting for PAI sign-off',
  audit: 'Audit deadlines',
} as const;

/** One digest line with what the card's forms and the queue need besides the seam's fields. */
export interface DigestItem extends DigestEntry {
  /** The instant (ms) from which this line is news: it is told once, in the first digest composed after it. */
  newsFrom?: number;
  /** On an agency-lead escalation: the officer it is about, who is not told about it as a lead. */
  exceptMemberId?: string;
  /** Offered in the card's Snooze form (the use case checks the limits and who may). */
  snooze?: { policy: ReminderPolicy; subjectId: string };
  /** Offered in the card's Hand over form (the recipient's own actions). */
  handOverActionId?: string;
  /** A 12-month request: the card carries its answer form. */
  assurance?: { requestId: string; label: string; actions: { id: string; ref: string; description: string }[] };
  /** The intent behind the line (a first 12-month request is opened when its line is queued). */
  intent?: ReminderIntent;
}

/** Everything one recipient hears from one tick, before routing. */
export interface RecipientDigest {
  recipient: ReminderRecipient;
  /** `member:<id>`, `agency:<id>` or `pai:pai`: with the policy day, the idempotency key. */
  key: string;
  name: string;
  agencyId?: string;
  /** Opening lines besides the counts (the PAI's pre-meeting briefing). */
  intro: string[];
  /** The recipient's own lines, most urgent first; the card shows what fits and counts the rest. */
  items: DigestItem[];
  /**
   * Lines shared with others, by reference (an agency's escalations, heard by each of its leads): sorted once per
   * agency, never copied per lead, so the cost grows with recipients plus actions. `exceptMemberId` is skipped.
   */
  shared: { items: readonly DigestItem[]; exceptMemberId?: string }[];
  /** Full counts per section (the card may show fewer lines). */
  totals: Map<string, number>;
  /** The full list behind each section. */
  commands: Map<string, string>;
  /** Deputies a hand-over may go to (same agency). */
  deputies: { id: string; name: string }[];
}

/** Where a recipient's last digest left off: only what became due after it is news. */
export interface DigestCursor {
  id: string;
  recipient: string;
  /** The policy day of the last digest (one digest per recipient per day). */
  lastDay: IsoDate;
  /** When it was composed (ISO instant). */
  lastAt: string;
}

export function recipientKeyOf(recipient: { kind: string; id: string }): string {
  return `${recipient.kind}:${recipient.id}`;
}

export function cursorIdOf(recipientKey: string): string {
  return hashedIdOf(`digest-cursor|${recipientKey}`);
}

/** The seam's recipient as the router's. */
export function reminderRecipientOf(to: DigestRecipient): ReminderRecipient {
  if (to.kind === 'member') return { kind: 'member', id: to.memberId };
  if (to.kind === 'agency-channel') return { kind: 'agency', id: to.agencyId };
  return { kind: 'pai', id: 'pai' };
}

export function digestRecipientOf(recipient: ReminderRecipient): DigestRecipient {
  if (recipient.kind === 'member') return { kind: 'member', memberId: recipient.id };
  if (recipient.kind === 'agency') return { kind: 'agency-channel', agencyId: recipient.id };
  return { kind: 'pai-channel' };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `30 Nov 2026`, as cards show dates. */
export function dayText(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** London midnight is close enough for "became due on": days are compared, never hours. */
function startOf(day: IsoDate): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/**
 * Builds every recipient's digest for one tick from the reminder intents (agency-lead escalations still grouped),
 * the capabilities' own digest entries, and each recipient's cursor. Pure: reads the loaded data, writes nothing.
 * Cost: one pass over the intents, one sorted list per agency shared by its leads, one pass per recipient.
 */
export function buildDigests(input: {
  data: ReminderData;
  intents: readonly ReminderIntent[];
  /** Entries from other capabilities (Section 11, scrutiny, ...): told every day their source returns them. */
  extra: readonly DigestEntry[];
  snoozes: readonly ReminderSnooze[];
  cursors: ReadonlyMap<string, DigestCursor>;
  now: Date;
}): RecipientDigest[] {
  const { data, now } = input;
  const today = data.today;
  const nowMs = now.getTime();
  const lastSnoozeEnd = new Map<string, number>();
  for (const snooze of input.snoozes) {
    if (snooze.until <= today) lastSnoozeEnd.set(snooze.prefix, Math.max(lastSnoozeEnd.get(snooze.prefix) ?? 0, startOf(snooze.until)));
  }
  const newsFrom = (intent: ReminderIntent): number => {
    let from = startOf(intent.dueDate);
    const action = intent.subjectKind === 'action' ? data.actions.get(intent.subjectId) : undefined;
    if (action) from = Math.max(from, Date.parse(action.createdAt));
    if (intent.assurance && !data.requests.has(intent.assurance.requestId)) from = nowMs;
    const snoozedUntil = lastSnoozeEnd.get(`${intent.policy === 'ASSURANCE_12M' ? 'ASSURANCE_CHASE' : intent.policy}|${intent.subjectId}|`);
    return snoozedUntil ? Math.max(from, snoozedUntil) : from;
  };

  const digests = new Map<string, RecipientDigest>();
  const digestOf = (recipient: ReminderRecipient): RecipientDigest => {
    const key = recipientKeyOf(recipient);
    let digest = digests.get(key);
    if (!digest) {
      const member = recipient.kind === 'member' ? data.members.get(recipient.id) : undefined;
      digest = {
        recipient,
        key,
        name: member?.name ?? (recipient.kind === 'agency' ? (data.agencies.get(recipient.id)?.name ?? 'Agency') : recipient.kind === 'pai' ? 'PAI subgroup' : 'Colleague'),
        agencyId: member?.agencyId ?? (recipient.kind === 'agency' ? recipient.id : undefined),
        intro: [],
        items: [],
        shared: [],
        totals: new Map(),
        commands: new Map(),
        deputies: [],
      };
      digests.set(key, digest);
    }
    return digest;
  };
  const isNews = (digest: RecipientDigest, item: DigestItem) => {
    const cursor = input.cursors.get(digest.key);
    return !cursor || item.newsFrom === undefined || item.newsFrom > Date.parse(cursor.lastAt);
  };

  // Agency-lead escalations: one list per agency, shared by its leads.
  const leadLists = new Map<string, DigestItem[]>();
  for (const intent of input.intents) {
    const item = itemOf(data, intent);
    if (!item) continue;
    item.newsFrom = newsFrom(intent);
    if (intent.recipient.kind === 'leads') {
      const list = leadLists.get(intent.recipient.id) ?? [];
      list.push(item);
      leadLists.set(intent.recipient.id, list);
      continue;
    }
    if (intent.policy === 'PAI_DIGEST') {
      const briefing = meetingBriefing(data, intent);
      if (!briefing) continue;
      const digest = digestOf(intent.recipient);
      if (!isNews(digest, { ...item })) continue;
      digest.intro.push(briefing.intro);
      for (const line of briefing.items) digest.items.push(line);
      continue;
    }
    const digest = digestOf(intent.recipient);
    if (isNews(digest, item)) digest.items.push(item);
  }
  for (const entry of input.extra) {
    const digest = digestOf(reminderRecipientOf(entry.to));
    digest.items.push({ ...entry });
  }

  // Each agency's leads (its active AGENCY_REPs; else its channel, unless the channel is already the officer's rung).
  const leadsByAgency = groupBy([...data.members.values()].filter((member) => member.active && member.agencyId && member.roles.includes('AGENCY_REP')), (member) => member.agencyId as string);
  for (const [agencyId, list] of leadLists) {
    list.sort(byUrgency);
    const leads = leadsByAgency.get(agencyId) ?? [];
    const shared = new Map<string, SharedNews>();
    const targets: ReminderRecipient[] = leads.length > 0 ? leads.map((lead) => ({ kind: 'member', id: lead.id })) : data.agencies.has(agencyId) ? [{ kind: 'agency', id: agencyId }] : [];
    for (const target of targets) {
      const digest = digestOf(target);
      const cursorAt = input.cursors.get(digest.key)?.lastAt ?? '';
      let news = shared.get(cursorAt);
      if (!news) {
        news = sharedNews(cursorAt ? list.filter((item) => (item.newsFrom ?? 0) > Date.parse(cursorAt)) : list);
        shared.set(cursorAt, news);
      }
      if (target.kind === 'agency') {
        // With no reps, the channel hears only about actions whose officer is reachable in person (as before).
        for (const item of news.items) if (!item.exceptMemberId || data.members.get(item.exceptMemberId)?.active) digest.items.push(item);
        continue;
      }
      if (news.items.length === 0) continue;
      digest.shared.push({ items: news.items, exceptMemberId: target.id });
      for (const [section, count] of news.sections) {
        const total = count - (news.excluded.get(`${target.id}|${section}`) ?? 0);
        if (total > 0) digest.totals.set(section, (digest.totals.get(section) ?? 0) + total);
      }
      for (const section of news.sections.keys()) if (!digest.commands.has(section)) digest.commands.set(section, sectionCommand(data, digest, { section } as DigestItem));
    }
  }

  const deputies = deputiesByAgency(data);
  const out: RecipientDigest[] = [];
  for (const digest of digests.values()) {
    if (digest.items.length === 0 && digest.intro.length === 0 && digest.totals.size === 0) continue;
    digest.items.sort(byUrgency);
    for (const item of digest.items) {
      digest.totals.set(item.section, (digest.totals.get(item.section) ?? 0) + 1);
      if (item.command && !digest.commands.has(item.section)) digest.commands.set(item.section, sectionCommand(data, digest, item));
    }
    if (digest.recipient.kind === 'member' && digest.items.some((item) => item.handOverActionId)) {
      const memberId = digest.recipient.id;
      digest.deputies = (deputies.get(digest.agencyId ?? '') ?? []).filter((deputy) => deputy.id !== memberId).slice(0, 20);
    }
    out.push(digest);
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** A shared list with its counts per section, and per officer left out of it, worked out once. */
interface SharedNews {
  items: DigestItem[];
  sections: Map<string, number>;
  excluded: Map<string, number>;
}

function sharedNews(items: DigestItem[]): SharedNews {
  const sections = new Map<string, number>();
  const excluded = new Map<string, number>();
  for (const item of items) {
    sections.set(item.section, (sections.get(item.section) ?? 0) + 1);
    if (item.exceptMemberId) excluded.set(`${item.exceptMemberId}|${item.section}`, (excluded.get(`${item.exceptMemberId}|${item.section}`) ?? 0) + 1);
  }
  return { items, sections, excluded };
}

/** The `limit` most urgent lines of a digest: its own and its shared lists merged, skipping what is not for it. */
export function topItems(digest: RecipientDigest, limit: number): DigestItem[] {
  const lists = [digest.items, ...digest.shared.map((list) => list.items)];
  const except = [undefined, ...digest.shared.map((list) => list.exceptMemberId)];
  const cursor = lists.map(() => 0);
  const out: DigestItem[] = [];
  while (out.length < limit) {
    let best = -1;
    for (let index = 0; index < lists.length; index += 1) {
      while (cursor[index] < lists[index].length && except[index] && lists[index][cursor[index]].exceptMemberId === except[index]) cursor[index] += 1;
      const item = lists[index][cursor[index]];
      if (item && (best < 0 || byUrgency(item, lists[best][cursor[best]]) < 0)) best = index;
    }
    if (best < 0) break;
    out.push(lists[best][cursor[best]]);
    cursor[best] += 1;
  }
  return out;
}

/** How many lines a digest holds in all. */
export function lineCount(digest: RecipientDigest): number {
  return [...digest.totals.values()].reduce((sum, count) => sum + count, 0);
}

function byUrgency(a: DigestItem, b: DigestItem): number {
  return a.urgency - b.urgency || a.section.localeCompare(b.section) || a.title.localeCompare(b.title);
}

/** The command behind a section's "open the full list" button. */
function sectionCommand(data: ReminderData, digest: RecipientDigest, item: DigestItem): string {
  if (item.section === SECTIONS.agency) return `overdue ${data.agencies.get(digest.agencyId ?? '')?.name ?? ''}`.trim();
  if (item.section === SECTIONS.own) return 'my actions';
  if (item.section === SECTIONS.pai) return 'overdue';
  return item.command ?? '';
}

/** Who an action may be handed to, per agency (worked out once per tick; a card offers 20). */
function deputiesByAgency(data: ReminderData): Map<string, { id: string; name: string }[]> {
  const byAgency = new Map<string, { id: string; name: string }[]>();
  for (const member of data.members.values()) {
    if (!member.agencyId || !canHoldActionIn(member, member.agencyId)) continue;
    const list = byAgency.get(member.agencyId) ?? [];
    if (list.length < 21) list.push({ id: member.id, name: member.name });
    byAgency.set(member.agencyId, list);
  }
  for (const list of byAgency.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return byAgency;
}

/** Working days past a target, worked out once per target date and tick (thousands of lines share a few targets). */
const lateCache = new WeakMap<ReminderData, Map<IsoDate, number>>();
function lateBy(data: ReminderData, target: IsoDate): number {
  let byTarget = lateCache.get(data);
  if (!byTarget) lateCache.set(data, (byTarget = new Map()));
  let late = byTarget.get(target);
  if (late === undefined) byTarget.set(target, (late = Math.max(0, workingDaysBetween(target, data.today, data.holidays))));
  return late;
}

function actionLine(data: ReminderData, action: Action): { title: string; detail: string } {
  const review = action.reviewId ? data.reviews.get(action.reviewId) : undefined;
  const description = action.description.length > 90 ? `${action.description.slice(0, 87)}...` : action.description;
  const late = isOverdue(action, data.today) ? lateBy(data, action.currentTargetDate) : 0;
  const officer = (action.responsibleOfficerId && data.members.get(action.responsibleOfficerId)?.name) || 'no officer named';
  const when = late > 0 ? `${plural(late, 'working day')} overdue (target ${dayText(action.currentTargetDate)})` : `due ${dayText(action.currentTargetDate)}`;
  return {
    title: `${action.ref} · ${review ? reviewLabelOf(review) : actionSourceText(action)}: ${description}`,
    detail: `${when} · ${officer} · ${data.agencies.get(action.agencyId)?.name ?? 'No agency'}`,
  };
}

/** One intent as a digest line; undefined when its subject has gone since the policy ran. */
function itemOf(data: ReminderData, intent: ReminderIntent): DigestItem | undefined {
  const to = digestRecipientOf(intent.recipient.kind === 'leads' ? { kind: 'agency', id: intent.recipient.id } : intent.recipient);
  const snoozable = latestSnoozeDate(intent.policy, data.today, data.settings, data.holidays) !== undefined;
  switch (intent.subjectKind) {
    case 'action': {
      const action = data.actions.get(intent.subjectId);
      if (!action) return undefined;
      const line = actionLine(data, action);
      const urgency = daysBetween(data.today, action.currentTargetDate);
      if (intent.policy === 'ESCALATION') {
        const section = intent.escalation?.level === 'pai' ? SECTIONS.pai : SECTIONS.agency;
        return { to, urgency, section, ...line, command: `action ${action.ref}`, exceptMemberId: intent.exceptMemberId, intent };
      }
      return {
        to, urgency, section: SECTIONS.own, ...line, command: `action ${action.ref}`, intent,
        snooze: snoozable ? { policy: intent.policy, subjectId: intent.subjectId } : undefined,
        handOverActionId: action.id,
      };
    }
    case 'assurance': {
      const assurance = intent.assurance;
      const review = assurance ? data.reviews.get(assurance.reviewId) : undefined;
      if (!assurance || !review) return undefined;
      const label = reviewLabelOf(review);
      const actions = assurance.actionIds.map((id) => data.actions.get(id)).filter((action): action is Action => action !== undefined);
      const officer = (assurance.officerId && data.members.get(assurance.officerId)?.name) || data.agencies.get(intent.agencyId ?? '')?.name || 'the agency';
      const urgency = daysBetween(data.today, intent.dueDate);
      const title = intent.escalation
        ? `Unanswered 12-month request: ${label}, to ${officer}`
        : intent.chase
          ? `Reminder ${intent.chase}: 12-month assurance for ${label} is still open`
          : `12-month assurance for ${label}: please give evidence of completion and impact`;
      const detail = `${plural(actions.length, 'action')} · 12-month point ${dayText(review.assuranceDue ?? intent.dueDate)}`;
      const item: DigestItem = { to, urgency, section: intent.escalation?.level === 'pai' ? SECTIONS.pai : SECTIONS.assurance, title, detail, command: 'assurance', exceptMemberId: intent.exceptMemberId, intent };
      if (!intent.escalation) {
        item.snooze = snoozable ? { policy: intent.policy, subjectId: intent.subjectId } : undefined;
        item.assurance = { requestId: assurance.requestId, label, actions: actions.map((action) => ({ id: action.id, ref: action.ref, description: action.description.slice(0, 120) })) };
      }
      return item;
    }
    case 'meeting': {
      const meeting = data.meetings.get(intent.subjectId);
      if (!meeting) return undefined;
      return { to, urgency: daysBetween(data.today, meeting.date), section: SECTIONS.signOff, title: meeting.title, intent };
    }
    case 'audit':
      return {
        to, urgency: daysBetween(data.today, intent.dueDate), section: SECTIONS.audit, title: data.auditTitles.get(intent.subjectId) ?? 'Audit deadline', detail: `due ${dayText(intent.dueDate)}`, intent,
        snooze: snoozable ? { policy: intent.policy, subjectId: intent.subjectId } : undefined,
      };
  }
}

/**
 * The PAI's pre-meeting briefing: its intro counts every list in full (the old digest cut each list at 25 and then
 * counted the cut lists), and its lines join the PAI channel's digest, where the card cuts once.
 */
export function meetingBriefing(data: ReminderData, intent: ReminderIntent): { intro: string; items: DigestItem[] } | undefined {
  const meeting = data.meetings.get(intent.subjectId);
  if (!meeting) return undefined;
  const open = [...data.actions.values()].filter((action) => isOpen(action.status));
  const overdue = open.filter((action) => isOverdue(action, data.today));
  const escalated = overdue.filter((action) => workingDaysBetween(action.currentTargetDate, data.today, data.holidays) >= data.settings.escalateAfterWorkingDays);
  const awaiting = open.filter((action) => isAwaitingSignOff(action.status));
  const requests = [...data.requests.values()];
  const outstanding = requests.filter((request) => !isAnswered(request));
  const toEvaluate = requests.filter((request) => isAnswered(request) && !request.evaluation);
  const to: DigestRecipient = { kind: 'pai-channel' };
  const reviewLabel = (id: string) => {
    const review = data.reviews.get(id);
    return review ? reviewLabelOf(review) : id;
  };
  const items: DigestItem[] = [
    ...awaiting.map((action): DigestItem => ({ to, urgency: daysBetween(data.today, meeting.date), section: SECTIONS.signOff, ...actionLine(data, action), command: 'sign off' })),
    ...toEvaluate.map((request): DigestItem => ({
      to, urgency: daysBetween(data.today, meeting.date), section: SECTIONS.assurance, title: `12-month assurance to evaluate: ${reviewLabel(request.reviewId)}`,
      detail: `answered ${dayText((request.respondedOn ?? '').slice(0, 10) || data.today)}`, command: 'assurance evaluate',
    })),
  ];
  const intro =
    `${meeting.title} on ${dayText(meeting.date)}: ${plural(overdue.length, 'overdue action')} (${escalated.length} escalated), ` +
    `${awaiting.length} waiting for sign-off, ${plural(outstanding.length, '12-month request')} outstanding, ${toEvaluate.length} awaiting PAI evaluation.`;
  return { intro, items };
}
