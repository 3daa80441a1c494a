import { scrutinySourceLabel } from '../domain/scrutiny/recommendation';
import { Action, daysOverdue, isAwaitingSignOff, isOpen, isOverdue } from '../domain/action';
import type { Agency } from '../domain/agency';
import { isAnswered, type AssuranceRequest } from '../domain/assurance-request';
import { workingDaysBetween, type IsoDate } from '../domain/calendar';
import type { Meeting } from '../domain/meeting';
import type { Member } from '../domain/member';
import { latestSnoozeDate, type ReminderIntent, type ReminderSettings } from '../domain/reminder-policy';
import { reviewLabelOf, type Review } from '../domain/review';
import type { HolidayCalendar } from '../ports/holiday-calendar';
import { STATUS_LABELS } from './action-views';
import { canHoldActionIn } from './permissions';

/** One action as a reminder shows it: reference-level facts only, never case detail (domain.md §7). */
export interface ReminderActionLine {
  id: string;
  ref: string;
  description: string;
  agencyName: string;
  reviewReference: string;
  responsibleOfficerName: string;
  statusLabel: string;
  currentTargetDate: IsoDate;
  daysOverdue: number;
  workingDaysOverdue: number;
}

/** What the card needs for its buttons: snooze (with the latest date allowed), hand over, update now. */
export interface ReminderControls {
  /** Absent when the reminder cannot be snoozed (escalations, digests). */
  snooze?: { policy: ReminderIntent['policy']; subjectId: string; latest: IsoDate };
  /** Deputies in the same agency the action can be handed to. */
  deputies: { id: string; name: string }[];
  /** The action a reminder's "update now" opens. */
  actionId?: string;
}

/** The data a reminder card is built from; `renderReminder` turns it into an activity. */
export type ReminderView =
  | { kind: 'action'; recipientName: string; action: ReminderActionLine; controls: ReminderControls }
  | {
      kind: 'assurance';
      recipientName: string;
      requestId: string;
      review: { id: string; reference: string; pseudonym: string; assuranceDue: IsoDate };
      actions: ReminderActionLine[];
      controls: ReminderControls;
    }
  | {
      kind: 'digest';
      meeting: { id: string; date: IsoDate; title: string };
      overdue: ReminderActionLine[];
      escalated: ReminderActionLine[];
      awaitingSignOff: ReminderActionLine[];
      assuranceOutstanding: { requestId: string; reviewReference: string; recipientName: string; requestedOn: IsoDate }[];
      assuranceAwaitingEvaluation: { requestId: string; reviewReference: string; recipientName: string; respondedOn: string }[];
      /** How many lines were left off each list to keep the card small. */
      more: number;
    }
  | { kind: 'audit'; recipientName: string; title: string; dueDate: IsoDate; controls: ReminderControls };

/** Turns a reminder into the activity JSON to post (text and/or an Adaptive Card): injected so the core imports no cards. */
export type RenderReminder = (intent: ReminderIntent, view: ReminderView) => Record<string, unknown>;

/** Everything the views read, loaded once per tick. */
export interface ReminderData {
  today: IsoDate;
  settings: ReminderSettings;
  holidays: HolidayCalendar;
  actions: Map<string, Action>;
  reviews: Map<string, Review>;
  members: Map<string, Member>;
  agencies: Map<string, Agency>;
  meetings: Map<string, Meeting>;
  requests: Map<string, AssuranceRequest>;
  auditTitles: Map<string, string>;
}

/** Lists on reminder cards stop here (card size, platform.md). */
const LINES = 25;

function line(data: ReminderData, action: Action): ReminderActionLine {
  const review = action.reviewId ? data.reviews.get(action.reviewId) : undefined;
  const late = isOverdue(action, data.today) ? Math.max(0, workingDaysBetween(action.currentTargetDate, data.today, data.holidays)) : 0;
  return {
    id: action.id,
    ref: action.ref,
    description: action.description.length > 200 ? `${action.description.slice(0, 197)}...` : action.description,
    agencyName: data.agencies.get(action.agencyId)?.name ?? 'No agency',
    reviewReference: review ? reviewLabelOf(review) : scrutinySourceLabel(action) ?? action.sourceType,
    responsibleOfficerName: (action.responsibleOfficerId && data.members.get(action.responsibleOfficerId)?.name) || 'Not assigned',
    statusLabel: STATUS_LABELS[action.status],
    currentTargetDate: action.currentTargetDate,
    daysOverdue: daysOverdue(action, data.today),
    workingDaysOverdue: late,
  };
}

function recipientName(data: ReminderData, intent: ReminderIntent): string {
  if (intent.recipient.kind === 'member') return data.members.get(intent.recipient.id)?.name ?? 'Colleague';
  if (intent.recipient.kind === 'agency') return data.agencies.get(intent.recipient.id)?.name ?? 'Agency';
  return 'PAI subgroup';
}

/** Deputies by agency, worked out once per tick's data (thousands of reminders share a few agencies). */
const deputiesCache = new WeakMap<ReminderData, Map<string, { id: string; name: string }[]>>();

function deputiesFor(data: ReminderData, agencyId: string | undefined, exceptId: string | undefined): { id: string; name: string }[] {
  let byAgency = deputiesCache.get(data);
  if (!byAgency) {
    byAgency = new Map();
    for (const member of data.members.values()) {
      if (!member.agencyId || !canHoldActionIn(member, member.agencyId)) continue;
      const list = byAgency.get(member.agencyId) ?? [];
      list.push({ id: member.id, name: member.name });
      byAgency.set(member.agencyId, list);
    }
    for (const list of byAgency.values()) list.sort((a, b) => a.name.localeCompare(b.name));
    deputiesCache.set(data, byAgency);
  }
  return (byAgency.get(agencyId ?? '') ?? []).filter((member) => member.id !== exceptId).slice(0, 20);
}

function snoozeOf(data: ReminderData, intent: ReminderIntent): ReminderControls['snooze'] {
  const latest = latestSnoozeDate(intent.policy, data.today, data.settings, data.holidays);
  return latest ? { policy: intent.policy, subjectId: intent.subjectId, latest } : undefined;
}

/** Builds the view for one reminder; undefined when its subject has disappeared since the policy ran. */
export function buildReminderView(data: ReminderData, intent: ReminderIntent): ReminderView | undefined {
  switch (intent.subjectKind) {
    case 'action': {
      const action = data.actions.get(intent.subjectId);
      if (!action) return undefined;
      return {
        kind: 'action',
        recipientName: recipientName(data, intent),
        action: line(data, action),
        controls: { snooze: snoozeOf(data, intent), deputies: deputiesFor(data, action.agencyId, action.responsibleOfficerId), actionId: action.id },
      };
    }
    case 'assurance': {
      const review = intent.assurance ? data.reviews.get(intent.assurance.reviewId) : undefined;
      if (!review || !intent.assurance) return undefined;
      const actions = intent.assurance.actionIds.map((id) => data.actions.get(id)).filter((action): action is Action => action !== undefined);
      return {
        kind: 'assurance',
        recipientName: recipientName(data, intent),
        requestId: intent.assurance.requestId,
        review: { id: review.id, reference: review.reference, pseudonym: review.pseudonym, assuranceDue: review.assuranceDue ?? intent.dueDate },
        actions: actions.map((action) => line(data, action)),
        controls: { snooze: snoozeOf(data, intent), deputies: [] },
      };
    }
    case 'meeting': {
      const meeting = data.meetings.get(intent.subjectId);
      return meeting ? digestView(data, meeting) : undefined;
    }
    case 'audit':
      return {
        kind: 'audit',
        recipientName: recipientName(data, intent),
        title: data.auditTitles.get(intent.subjectId) ?? 'Audit deadline',
        dueDate: intent.dueDate,
        controls: { snooze: snoozeOf(data, intent), deputies: [] },
      };
  }
}

/** The PAI pre-meeting digest: what is late, escalated, waiting for sign-off, and where 12-month assurance stands. */
function digestView(data: ReminderData, meeting: Meeting): ReminderView {
  const open = [...data.actions.values()].filter((action) => isOpen(action.status));
  const overdue = open.filter((action) => isOverdue(action, data.today)).sort((a, b) => a.currentTargetDate.localeCompare(b.currentTargetDate));
  const escalated = overdue.filter((action) => workingDaysBetween(action.currentTargetDate, data.today, data.holidays) >= data.settings.escalateAfterWorkingDays);
  const awaiting = open.filter((action) => isAwaitingSignOff(action.status));
  const requests = [...data.requests.values()];
  const reviewRef = (id: string) => data.reviews.get(id)?.reference ?? id;
  const who = (request: AssuranceRequest) =>
    (request.officerId && data.members.get(request.officerId)?.name) || data.agencies.get(request.agencyId)?.name || 'Agency';
  const lists = {
    overdue: overdue.map((action) => line(data, action)),
    escalated: escalated.map((action) => line(data, action)),
    awaitingSignOff: awaiting.map((action) => line(data, action)),
    assuranceOutstanding: requests
      .filter((request) => !isAnswered(request))
      .map((request) => ({ requestId: request.id, reviewReference: reviewRef(request.reviewId), recipientName: who(request), requestedOn: request.requestedOn })),
    assuranceAwaitingEvaluation: requests
      .filter((request) => isAnswered(request) && !request.evaluation)
      .map((request) => ({ requestId: request.id, reviewReference: reviewRef(request.reviewId), recipientName: who(request), respondedOn: request.respondedOn as string })),
  };
  const more = Object.values(lists).reduce((sum, list) => sum + Math.max(0, list.length - LINES), 0);
  return {
    kind: 'digest',
    meeting: { id: meeting.id, date: meeting.date, title: meeting.title },
    overdue: lists.overdue.slice(0, LINES),
    escalated: lists.escalated.slice(0, LINES),
    awaitingSignOff: lists.awaitingSignOff.slice(0, LINES),
    assuranceOutstanding: lists.assuranceOutstanding.slice(0, LINES),
    assuranceAwaitingEvaluation: lists.assuranceAwaitingEvaluation.slice(0, LINES),
    more,
  };
}

/** The title of each kind of reminder, on cards and in plain text. */
export const HEADINGS: Record<ReminderIntent['policy'], string> = {
  DUE_SOON: 'Action due soon',
  OVERDUE: 'Action overdue',
  ESCALATION: 'Escalation',
  ASSURANCE_12M: '12-month assurance request',
  ASSURANCE_CHASE: '12-month assurance request: reminder',
  PAI_DIGEST: 'PAI pre-meeting digest',
  AUDIT_DEADLINE: 'Audit deadline',
};
