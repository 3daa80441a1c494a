import type { DeliveryReport } from '../app/outbox';
import type { AssuranceTrackerRow } from '../app/reminder-actions';
import { HEADINGS, ReminderActionLine, ReminderView, RenderReminder } from '../app/reminder-views';
import type { Meeting } from '../domain/meeting';
import { MEETING_TYPE_LABELS } from '../domain/meeting';
import type { ReminderIntent } from '../domain/reminder-policy';
import type { AdaptiveCard, CardRenderer } from './render';

/** The most lines a reminder card lists, so a digest stays well under the 28 KB card limit. */
const MAX_ITEMS = 30;

interface Item {
  title: string;
  detail: string;
}

function actionItem(line: ReminderActionLine): Item {
  const late = line.workingDaysOverdue ? ` · ${line.workingDaysOverdue} working day${line.workingDaysOverdue === 1 ? '' : 's'} overdue` : '';
  return {
    title: `${line.ref} · ${line.reviewReference}`,
    detail: `${line.description}\n${line.agencyName} · ${line.responsibleOfficerName} · ${line.statusLabel} · target ${line.currentTargetDate}${late}`,
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function introFor(intent: ReminderIntent, view: ReminderView): string {
  switch (view.kind) {
    case 'action': {
      const { action } = view;
      if (intent.escalation) {
        const rung = intent.escalation.level === 'pai' ? 'the PAI subgroup' : 'you as agency lead';
        return `Escalated to ${rung}: ${action.ref} is ${plural(action.workingDaysOverdue, 'working day')} past its target date. Responsible officer: ${action.responsibleOfficerName}.`;
      }
      if (intent.policy === 'DUE_SOON') return `${view.recipientName}, this action is due on ${action.currentTargetDate}. Please update it, or ask for an extension, before then.`;
      return `${view.recipientName}, this action is ${plural(action.workingDaysOverdue, 'working day')} past its target date (${action.currentTargetDate}). Please update it now.`;
    }
    case 'assurance': {
      const base = `${view.review.reference} (${view.review.pseudonym}) reached its 12-month point on ${view.review.assuranceDue}. For each action below, please give evidence of completion and of the impact on practice.`;
      if (intent.escalation) return `Escalated: the 12-month assurance request to ${view.recipientName} is still unanswered. ${base}`;
      return intent.chase ? `Reminder ${intent.chase}: this request is still open. ${base}` : base;
    }
    case 'digest':
      return `${view.meeting.title} on ${view.meeting.date}: ${plural(view.overdue.length, 'overdue action')} (${view.escalated.length} escalated), ${view.awaitingSignOff.length} waiting for sign-off, ${plural(view.assuranceOutstanding.length, '12-month request')} outstanding, ${view.assuranceAwaitingEvaluation.length} awaiting PAI evaluation.`;
    case 'audit':
      return `${view.title}: due ${view.dueDate}.`;
  }
}

function itemsFor(view: ReminderView): Item[] {
  switch (view.kind) {
    case 'action':
      return [actionItem(view.action)];
    case 'assurance':
      return view.actions.map(actionItem);
    case 'digest':
      return [
        ...view.escalated.map((line) => ({ ...actionItem(line), title: `Escalated: ${line.ref} · ${line.reviewReference}` })),
        ...view.awaitingSignOff.map((line) => ({ ...actionItem(line), title: `For sign-off: ${line.ref} · ${line.reviewReference}` })),
        ...view.assuranceOutstanding.map((row) => ({ title: `12-month assurance outstanding: ${row.reviewReference}`, detail: `${row.recipientName}, requested ${row.requestedOn}` })),
        ...view.assuranceAwaitingEvaluation.map((row) => ({ title: `12-month assurance to evaluate: ${row.reviewReference}`, detail: `${row.recipientName}, answered ${row.respondedOn.slice(0, 10)}` })),
      ];
    case 'audit':
      return [];
  }
}

/** The reminder card: what is due, and the buttons (update now, snooze within limits, hand over, give assurance). */
export function reminderCard(renderer: CardRenderer, intent: ReminderIntent, view: ReminderView): AdaptiveCard {
  const items = itemsFor(view);
  const extra = items.length - MAX_ITEMS + (view.kind === 'digest' ? view.more : 0);
  const controls = view.kind === 'digest' ? undefined : view.controls;
  const snooze = controls?.snooze;
  const canAnswer = view.kind === 'assurance' && intent.escalation?.level !== 'pai';
  const handOverTo = view.kind === 'action' && !intent.escalation ? view.controls.deputies : [];
  return renderer.render('reminder', {
    style: intent.policy === 'ESCALATION' || intent.policy === 'OVERDUE' ? 'attention' : 'emphasis',
    heading: HEADINGS[intent.policy],
    intro: introFor(intent, view),
    items: items.slice(0, MAX_ITEMS),
    more: extra > 0 ? `...and ${extra} more: see the meeting summary report.` : '',
    note: view.kind === 'assurance' ? 'A 12-month request can be snoozed but not dismissed: it stays open until it is answered and the PAI has evaluated it.' : '',
    updateActionId: view.kind === 'action' ? view.action.id : '',
    snooze: snooze
      ? { show: true, policy: snooze.policy, subjectId: snooze.subjectId, latest: snooze.latest, label: `Pick a date up to ${snooze.latest}. Escalations still go ahead.` }
      : { show: false, policy: '', subjectId: '', latest: '', label: '' },
    handover: {
      show: handOverTo.length > 0,
      actionId: view.kind === 'action' ? view.action.id : '',
      choices: handOverTo.map((deputy) => ({ title: deputy.name, value: deputy.id })),
    },
    assurance: {
      show: canAnswer,
      requestId: view.kind === 'assurance' ? view.requestId : '',
      actions: view.kind === 'assurance' ? view.actions.map((line) => ({ id: line.id, ref: line.ref, description: line.description })) : [],
    },
  });
}

/** The activity a reminder is sent as: a one-line text (shown in notifications) and the card. */
export function createReminderRenderer(renderer: CardRenderer): RenderReminder {
  return (intent, view) => ({
    type: 'message',
    text: HEADINGS[intent.policy],
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: reminderCard(renderer, intent, view) }],
  });
}

/** A short confirmation or explanation card (snoozed, handed over, assurance received). */
export function noticeCard(renderer: CardRenderer, title: string, message: string, style: 'good' | 'emphasis' | 'warning' = 'good'): AdaptiveCard {
  return renderer.render('notice', { title, message, style });
}

/** `delivery report`: counts by policy and agency. Pending counts waiting, sending and retrying messages; failed counts dead letters. */
export function deliveryReportCard(renderer: CardRenderer, report: DeliveryReport, agencyNames: Map<string, string>, asAt: string): AdaptiveCard {
  const { totals } = report;
  return renderer.render('delivery-report', {
    summary: `${totals.sent} sent, ${totals.pending + totals.sending + totals.failed} pending (${totals.failed} waiting to retry), ${totals.dead} failed (dead-lettered), ${totals.gone} to conversations that were gone (rerouted).`,
    // One item per row (a title line and a detail line) for a ~470 px chat: a six-column table cut headers to "S…".
    rows: report.rows.map((row) => ({
      title: `${(HEADINGS as Record<string, string>)[row.policy] ?? 'Notice to the business unit'} · ${row.agencyId === 'partnership' ? 'Partnership' : (agencyNames.get(row.agencyId) ?? row.agencyId)}`,
      detail: `${row.counts.sent} sent · ${row.counts.pending + row.counts.sending + row.counts.failed} pending · ${row.counts.dead} failed · ${row.counts.gone} gone`,
    })),
    asAt,
  });
}

/** `meetings`: upcoming meetings as plain text lines (the digest goes before each PAI meeting). */
export function meetingsText(meetings: readonly Meeting[], digestLeadWorkingDays: number): string {
  if (meetings.length === 0) return 'No meetings are recorded from today on. The business unit can add one with **meeting add ‹date›**.';
  const lines = meetings.map((meeting) => `- ${meeting.date}: ${MEETING_TYPE_LABELS[meeting.type]}`);
  return `**Upcoming meetings**\n\n${lines.join('\n')}\n\nThe PAI channel gets a digest ${digestLeadWorkingDays} working days before each PAI subgroup meeting.`;
}

/** `assurance`: the PAI's tracker of open 12-month requests, with an evaluation form on answered ones. */
export function assuranceTrackerCard(renderer: CardRenderer, rows: readonly AssuranceTrackerRow[], asAt: string): AdaptiveCard {
  const answered = rows.filter((row) => row.request.respondedOn).length;
  const shown = rows.slice(0, 20);
  return renderer.render('assurance-tracker', {
    summary: rows.length === 0
      ? 'No 12-month requests are open.'
      : `${answered} answered and waiting for the PAI's evaluation; ${rows.length - answered} waiting for an answer.${rows.length > shown.length ? ` Showing the first ${shown.length}.` : ''}`,
    rows: shown.map((row) => ({
      requestId: row.request.id,
      title: `${row.reviewReference}: ${row.recipientName}`,
      status: row.request.respondedOn
        ? `Answered ${row.request.respondedOn.slice(0, 10)} (requested ${row.request.requestedOn})`
        : `Requested ${row.request.requestedOn}; no answer yet`,
      answered: Boolean(row.request.respondedOn),
      answers: (row.request.responses ?? []).map((response) => ({
        text: `${response.actionId}: done: ${response.completionEvidence.slice(0, 300)} / impact: ${response.impactStatement.slice(0, 300)}${response.evidenceUrl ? ` (${response.evidenceUrl})` : ''}`,
      })),
    })),
    asAt,
  });
}
