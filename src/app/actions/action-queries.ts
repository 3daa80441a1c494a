import { Action, isAwaitingSignOff, isOpen, isOverdue, actionSourceText } from '../../domain/actions/action';
import { compareDates } from '../../domain/calendar';
import { NotFoundError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { Rag, RAG_WORST_FIRST, ragLabel, isRated, RagRating, ragReasonText } from '../../domain/actions/rag';
import { reviewLabelOf, type Review } from '../../domain/reviews/review';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { resolveAgency } from '../directory/agencies';
import { dateText } from '../../domain/reports/common';
import { progressOf } from './update-action';
import { ragOf, STATUS_LABELS, toActionView, ActionView } from './action-views';
import { todayOf } from '../kernel/app-context';
import { findAction, listReviewActions } from './actions';
import { auditsOf } from '../kernel/audit';
import { agencyName, loadLookups, Lookups, memberName } from '../directory/lookups';
import { assertCanAssure, assertRegistered } from '../kernel/permissions';
import { findReview, reviewIdOf } from '../reviews/reviews';
import { listReviewRecommendations } from '../reviews/recommendations';

/** One line of an action list: enough to scan, with a button to open the full card. */
export interface ActionSummary {
  id: string;
  ref: string;
  description: string;
  agencyName: string;
  reviewReference: string;
  /** Where a non-review action came from ("Section 11 2026/27, standard 5"); empty for review actions. */
  source: string;
  statusLabel: string;
  rag: RagRating;
  ragLabel: string;
  /** Why it is Red or Amber, printed beside the rating (empty for Green, Blue and Withdrawn). */
  ragReason: string;
  /** On `my actions`: whose it is ("Yours", or the agency's with its officer), so the list says which are which. */
  whose: string;
  currentTargetDate: string;
  overdue: boolean;
  lastUpdateOn?: string;
  /** The detail line under the title: status, target and last update in words and `30 Nov 2026` dates. */
  detail: string;
}

export interface ActionListView {
  title: string;
  subtitle: string;
  actions: ActionSummary[];
  /** How many were left off to keep the card within Teams' size limit. */
  more: number;
}

/** Lists on cards stop here; the rest is counted ("and N more"). */
export const LIST_LIMIT = 25;

export function summarise(ctx: AppContext, action: Action, lookups: Lookups): ActionSummary {
  const today = todayOf(ctx);
  const result = ragOf(ctx, action, today);
  const rag = result.rag;
  const review = action.reviewId ? lookups.reviews.get(action.reviewId) : undefined;
  return {
    id: action.id,
    ref: action.ref,
    description: action.description.length > 140 ? `${action.description.slice(0, 137)}...` : action.description,
    agencyName: agencyName(lookups, action.agencyId),
    reviewReference: review ? reviewLabelOf(review) : actionSourceText(action),
    source: action.sourceType === 'REVIEW' ? '' : actionSourceText(action),
    statusLabel: STATUS_LABELS[action.status],
    rag,
    ragLabel: ragLabel(rag),
    ragReason: ragReasonText(result),
    whose: '',
    currentTargetDate: action.currentTargetDate,
    overdue: isOverdue(action, today),
    lastUpdateOn: action.lastUpdate?.on.slice(0, 10),
    detail: [
      STATUS_LABELS[action.status],
      `target ${dateText(action.currentTargetDate)}${isOverdue(action, today) ? ' (overdue)' : ''}`,
      action.lastUpdate ? `updated ${dateText(action.lastUpdate.on)}` : 'no update yet',
    ].join(' · '),
  };
}

/** Worst first: red before amber, then the nearest target. */
export function sortForAttention(summaries: ActionSummary[]): ActionSummary[] {
  return [...summaries].sort((a, b) => RAG_WORST_FIRST[a.rag] - RAG_WORST_FIRST[b.rag] || compareDates(a.currentTargetDate, b.currentTargetDate) || a.ref.localeCompare(b.ref));
}

function listView(title: string, subtitle: string, summaries: ActionSummary[], sort = true): ActionListView {
  const ordered = sort ? sortForAttention(summaries) : summaries;
  return { title, subtitle, actions: ordered.slice(0, LIST_LIMIT), more: Math.max(0, ordered.length - LIST_LIMIT) };
}

async function openActions(ctx: AppContext, where: Record<string, string> = {}): Promise<Stored<Action>[]> {
  return (await ctx.stores.actions.all({ where })).filter((action) => isOpen(action.status));
}

/**
 * `my actions`: the open actions I am responsible for, then (when I represent my agency) my agency's others, each
 * marked "Yours" or with its officer, so the list never passes a colleague's action off as mine.
 */
export async function myActions(ctx: AppContext, actor: Actor): Promise<ActionListView> {
  assertRegistered(actor);
  const lookups = await loadLookups(ctx);
  const isRep = actor.roles.includes('AGENCY_REP') && actor.agencyId !== undefined;
  const open = await openActions(ctx);
  const yours = open.filter((action) => action.responsibleOfficerId === actor.aadObjectId);
  const agencys = isRep ? open.filter((action) => action.responsibleOfficerId !== actor.aadObjectId && action.agencyId === actor.agencyId) : [];
  const agency = isRep ? agencyName(lookups, actor.agencyId) : '';
  const ordered = [
    ...sortForAttention(yours.map((action) => ({ ...summarise(ctx, action, lookups), whose: 'Yours' }))),
    ...sortForAttention(agencys.map((action) => ({ ...summarise(ctx, action, lookups), whose: `Your agency's · ${action.responsibleOfficerId ? memberName(lookups, action.responsibleOfficerId) : 'no officer named'}` }))),
  ];
  const plural = (n: number) => `${n} open action${n === 1 ? '' : 's'}`;
  const subtitle = !ordered.length
    ? isRep ? `Neither you nor ${agency} has an open action.` : 'You have no open actions.'
    : isRep ? `${yours.length ? `${plural(yours.length)} yours` : 'None yours'}, then ${agencys.length} of your agency's; most urgent first` : `${plural(yours.length)}, most urgent first`;
  return listView(isRep ? `Your actions and ${agency}'s` : 'Your actions', subtitle, ordered, false);
}

/** `actions <agency>`: an agency's open actions. */
export async function agencyActions(ctx: AppContext, actor: Actor, agencyText: string): Promise<ActionListView> {
  assertRegistered(actor);
  const agency = await resolveAgency(ctx, agencyText);
  const lookups = await loadLookups(ctx);
  const actions = await openActions(ctx, { agencyId: agency.id });
  return listView(`Open actions: ${agency.name}`, `${actions.length} open, most urgent first`, actions.map((action) => summarise(ctx, action, lookups)));
}

/** A recommendation as the review card lists it, with the actions that answer it. */
export interface RecommendationLine {
  number: number;
  text: string;
  answeredBy: string;
}

/** `review <ref>`: a review's plan, every action in ref order, and its recommendations. */
export async function reviewActionsView(
  ctx: AppContext,
  actor: Actor,
  reference: string,
): Promise<{ review: Stored<Review>; list: ActionListView; counts: Record<Rag, number>; recommendations: RecommendationLine[] }> {
  assertRegistered(actor);
  const review = await findReview(ctx, reference);
  const lookups = await loadLookups(ctx);
  const actions = await listReviewActions(ctx, review.id);
  const summaries = actions.map((action) => summarise(ctx, action, lookups));
  const counts: Record<Rag, number> = { RED: 0, AMBER: 0, GREEN: 0, BLUE: 0 };
  for (const summary of summaries) if (isRated(summary.rag)) counts[summary.rag] += 1;
  const ordered = [...summaries].sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
  const recommendations = (await listReviewRecommendations(ctx, review.id)).map((item) => {
    const refs = actions.filter((action) => action.recommendationId === item.id).map((action) => action.ref.split('/').pop() as string);
    return { number: item.number, text: item.text, answeredBy: refs.length ? `actions ${refs.sort().join(', ')}` : 'no action yet' };
  });
  return { review, counts, recommendations, list: listView(reviewLabelOf(review), `${summaries.length} actions`, ordered, false) };
}

/** `action <ref>`: the full card, in this user's view. */
export async function actionDetail(ctx: AppContext, actor: Actor, ref: string): Promise<ActionView> {
  assertRegistered(actor);
  const action = await findAction(ctx, ref);
  return toActionView(ctx, action, await loadLookups(ctx), actor);
}

/** The card for an action id from a card button, in this user's view. */
export async function actionViewById(ctx: AppContext, actor: Actor, id: string): Promise<ActionView> {
  assertRegistered(actor);
  const action = await ctx.stores.actions.get(id);
  if (!action) throw new NotFoundError('That action no longer exists, or the card is not one of ours.', 'ACTION.NOT_FOUND');
  return toActionView(ctx, action, await loadLookups(ctx), actor);
}

/** Items waiting for PAI sign-off: evidence submitted or impact evidenced. */
export async function signOffQueue(ctx: AppContext, actor: Actor): Promise<ActionListView> {
  assertCanAssure(actor);
  const lookups = await loadLookups(ctx);
  const waiting = (await openActions(ctx)).filter((action) => isAwaitingSignOff(action.status));
  return listView('Waiting for PAI sign-off', `${waiting.length} action${waiting.length === 1 ? '' : 's'} with evidence submitted or impact evidenced`, waiting.map((action) => summarise(ctx, action, lookups)));
}

export interface HistoryLine {
  at: string;
  byName: string;
  operation: string;
  changes: string;
  /** What the person wrote with the change, one labelled line each (note, evidence, completion, impact, extension). */
  said: { label: string; text: string }[];
}

export interface HistoryView {
  title: string;
  lines: HistoryLine[];
  /** Older entries not on this card. */
  more: number;
  /** The command that shows them (`history <ref> from <n>`), empty when there are none. */
  moreCommand: string;
}

/** Labels for what a progress update said, in the order the card shows them. */
const SAID_LABELS: Record<string, string> = {
  note: 'Progress note',
  status: 'Status asked for',
  evidenceDescription: 'Evidence',
  evidenceUrl: 'Evidence link',
  completionEvidence: 'Completion evidence',
  impactStatement: 'Impact on practice',
  newTargetDate: 'Extension requested to',
  extensionReason: 'Extension reason',
  rationale: 'Reason',
};

/** A history card holds entries up to this many bytes of text; older ones are behind "more" (28 KB card limit). */
const HISTORY_TEXT_BUDGET = 18_000;

/** `history <ref> [from <n>]`: the audit trail of an action (or a review), newest first, with what each update said. */
export async function history(ctx: AppContext, actor: Actor, args: string): Promise<HistoryView> {
  assertRegistered(actor);
  const paged = /^(.*?)\s+from\s+(\d{1,5})$/i.exec(args.trim());
  const ref = paged ? paged[1] : args;
  const from = paged ? Number(paged[2]) : 0;
  let subjectId: string;
  let title: string;
  const review = await ctx.stores.reviews.get(reviewIdOf(ref));
  if (review) {
    subjectId = review.id;
    title = `History of review ${reviewLabelOf(review)}`;
  } else {
    const action = await findAction(ctx, ref);
    subjectId = action.id;
    title = `History of action ${action.ref}`;
  }
  const lookups = await loadLookups(ctx);
  // Newest first; entries stamped in the same instant keep the create last, as it always came first (ids are random).
  const entries = (await auditsOf(ctx).all({ where: { subjectId } })).sort(
    (a, b) => b.at.localeCompare(a.at) || Number(a.operation === 'create') - Number(b.operation === 'create'),
  );
  // Updates recorded before the audit entry kept what was said: their progress note is still on the progress record.
  const notes = new Map<string, string>();
  if (!review && entries.some((entry) => !entry.said && entry.operation === 'update')) {
    for (const progress of await progressOf(ctx).all({ where: { actionId: subjectId } })) {
      if (progress.note) notes.set(progress.at, progress.note);
    }
  }
  const lines: HistoryLine[] = [];
  let bytes = 0;
  for (const entry of entries.slice(from)) {
    const said = entry.said ?? (notes.has(entry.at) ? { note: notes.get(entry.at) as string } : {});
    const line: HistoryLine = {
      at: `${entry.at.slice(0, 10)} ${entry.at.slice(11, 16)}`,
      byName: entry.by.startsWith('cli:') ? `${entry.by} (business unit file import)` : memberName(lookups, entry.by),
      operation: entry.operation,
      changes: describeChanges(entry.before, entry.after).replace(/^no field changes$/, Object.keys(said).length ? '' : 'no field changes'),
      said: Object.keys(SAID_LABELS).filter((key) => said[key]).map((key) => ({ label: SAID_LABELS[key], text: said[key] })),
    };
    const size = JSON.stringify(line).length + 400;
    if (lines.length > 0 && (bytes + size > HISTORY_TEXT_BUDGET || lines.length >= LIST_LIMIT)) break;
    lines.push(line);
    bytes += size;
  }
  const more = Math.max(0, entries.length - from - lines.length);
  return { title, lines, more, moreCommand: more > 0 ? `history ${ref.trim()} from ${from + lines.length}` : '' };
}

/** "status: IN_PROGRESS -> EVIDENCE_SUBMITTED; evidenceLinks: 0 -> 1" from two audit snapshots. */
export function describeChanges(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const parts = keys
    .filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((key) => `${key}: ${short(b[key])} -> ${short(a[key])}`);
  return parts.length ? parts.join('; ') : 'no field changes';
}

function short(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
