import { responseDueOn } from '../../domain/reviews/assurance-request';
import { isIsoDate } from '../../domain/calendar';
import { ASSURANCE_EVALUATIONS, type AssuranceEvaluation, type AssuranceRequest } from '../../domain/reports/common';
import { listAll } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { KIND } from '../kernel/kinds';

/**
 * Reads 12-month assurance requests (kind assuranceRequest) for the tracker. Another part of the bot writes them and
 * their shape may still move, so this reader accepts the field names of docs/design/domain.md §3 in camelCase or snake_case, one
 * record per officer or one per review with a list of officers, and skips anything it cannot read. None at all is fine.
 */
export async function readAssuranceRequests(ctx: AppContext): Promise<AssuranceRequest[]> {
  const records = await listAll<Record<string, unknown>>(ctx.store, KIND.assuranceRequest, ctx.partnershipId);
  const requests: AssuranceRequest[] = [];
  for (const record of records) {
    // Records written before requests carried their due date: the answer was due at the first chase.
    const dueOf = (requestedOn: string) => responseDueOn(requestedOn, ctx.settings.reminders.assuranceChaseWorkingDays, ctx.holidays);
    const read = toRequests(record, dueOf);
    if (read.length === 0) ctx.logger.warn({ code: 'REPORT.ASSURANCE_REQUEST_UNREADABLE', id: String(record.id) }, 'assurance request skipped');
    requests.push(...read);
  }
  return requests;
}

/** One stored record as requests, one per officer; empty when it lacks a review, a request date or a due date. */
export function toRequests(record: Record<string, unknown>, dueOf: (requestedOn: string) => string = (requestedOn) => requestedOn): AssuranceRequest[] {
  const reviewId = text(record, 'reviewId', 'review_id');
  const requestedOn = date(record, 'requestedOn', 'requested_on');
  const dueOn = date(record, 'dueOn', 'due_on') ?? (requestedOn ? dueOf(requestedOn) : undefined);
  if (!reviewId || !requestedOn || !dueOn) return [];
  const id = String(record.id ?? reviewId);
  const nested = [record.officers, record.responses, record.recipients].find(Array.isArray) as unknown[] | undefined;
  const parts = nested ? nested.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [record];
  return parts.map((part, index) => ({
    id: nested ? `${id}#${index}` : id,
    reviewId,
    officerId: text(part, 'officerId', 'responsibleOfficerId', 'responsible_officer_id', 'officer_id') ?? '',
    requestedOn: date(part, 'requestedOn', 'requested_on') ?? requestedOn,
    dueOn: date(part, 'dueOn', 'due_on') ?? (date(part, 'requestedOn', 'requested_on') ? dueOf(date(part, 'requestedOn', 'requested_on') as string) : dueOn),
    respondedOn: date(part, 'respondedOn', 'responseOn', 'response_on', 'responded_on'),
    evaluation: evaluation(part),
  }));
}

function text(record: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) if (typeof record[name] === 'string' && (record[name] as string).trim()) return (record[name] as string).trim();
  return undefined;
}

function date(record: Record<string, unknown>, ...names: string[]): string | undefined {
  const value = text(record, ...names);
  const day = value?.slice(0, 10);
  return isIsoDate(day) ? day : undefined;
}

function evaluation(record: Record<string, unknown>): AssuranceEvaluation | undefined {
  const value = text(record, 'evaluation', 'paiEvaluation', 'pai_evaluation')?.toUpperCase().replace(/[\s-]+/g, '_');
  return ASSURANCE_EVALUATIONS.find((known) => known === value);
}
