import type { DeliveryReport } from '../app/reminders/delivery-report';
import type { AssuranceTrackerRow } from '../app/reminders/reminder-actions';
import type { Meeting } from '../domain/reviews/meeting';
import { MEETING_TYPE_LABELS } from '../domain/reviews/meeting';
import type { AdaptiveCard, CardRenderer } from './render';

/** A short confirmation or explanation card (snoozed, handed over, assurance received). */
export function noticeCard(renderer: CardRenderer, title: string, message: string, style: 'good' | 'emphasis' | 'warning' = 'good'): AdaptiveCard {
  return renderer.render('notice', { title, message, style });
}

/** Words for what a proactive message was, in the delivery report. */
const POLICY_LABELS: Readonly<Record<string, string>> = {
  DIGEST: 'Daily digest',
  DUE_SOON: 'Action due soon',
  OVERDUE: 'Action overdue',
  ESCALATION: 'Escalation',
  ASSURANCE_12M: '12-month assurance request',
  ASSURANCE_CHASE: '12-month assurance request: reminder',
  PAI_DIGEST: 'PAI pre-meeting digest',
  AUDIT_DEADLINE: 'Audit deadline',
  S11_INVITATION: 'Section 11 invitation',
  S11_FEEDBACK: 'Section 11 feedback',
  ADMIN_NOTICE: 'Notice to the business unit',
  ACTION_POST: 'Action cards (post actions)',
  REPORT_SHARE: 'Shared report',
};

/** `delivery report`: counts by policy and agency. Pending counts waiting, sending and retrying messages; failed counts dead letters. */
export function deliveryReportCard(renderer: CardRenderer, report: DeliveryReport, agencyNames: Map<string, string>, asAt: string): AdaptiveCard {
  const { totals } = report;
  return renderer.render('delivery-report', {
    summary: `${totals.sent} sent, ${totals.pending + totals.sending + totals.failed} pending (${totals.failed} waiting to retry), ${totals.dead} failed (dead-lettered), ${totals.gone} to conversations that were gone (rerouted).`,
    // One item per row (a title line and a detail line) for a ~470 px chat: a six-column table cut headers to "S…".
    rows: report.rows.map((row) => ({
      title: `${POLICY_LABELS[row.policy] ?? 'Other message'} · ${row.agencyId === 'partnership' ? 'Partnership' : (agencyNames.get(row.agencyId) ?? row.agencyId)}`,
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
