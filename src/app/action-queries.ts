import { scrutinySourceLabel } from '../domain/scrutiny/recommendation';
import { Action, isAwaitingSignOff, isOpen, isOverdue } from '../domain/action';
import { compareDates } from '../domain/calendar';
import { NotFoundError } from '../domain/errors';
import type { Actor } from '../domain/member';
import { Rag, RAG_WORST_FIRST, ragLabel } from '../domain/rag';
import { reviewLabelOf, type Review } from '../domain/review';
import { listAll, Stored } from '../ports/document-store';
import type { AppContext } from './app-context';
import { resolveAgency } from './agencies';
import { ragOf, STATUS_LABELS, todayOf, toActionView, ActionView } from './action-views';
import { findAction, listReviewActions } from './actions';
import type { AuditEntry } from './audit';
import { KIND } from './kinds';
import { agencyName, loadLookups, Lookups, memberName } from './lookups';
import { assertCanAssure, assertRegistered } from './permissions';
import { findReview, reviewIdOf } from './reviews';
import { listReviewRecommendations } from './recommendations';

/** One line of an action list: enough to scan, with a button to open the full card. */
export interface ActionSummary {
  id: string;
  ref: string;
  description: string;
  agencyName: string;
  reviewReference: string;
  statusLabel: string;
  rag: Rag;
  ragLabel: string;
  currentTargetDate: string;
  overdue: boolean;
  lastUpdateOn?: string;
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
  const rag = ragOf(ctx, action, today).rag;
  const review = action.reviewId ? lookups.reviews.get(action.reviewId) : undefined;
  return {
    id: action.id,
    ref: action.ref,
    description: action.description.length > 140 ? `${action.description.slice(0, 137)}...` : action.description,
    agencyName: agencyName(lookups, action.agencyId),
    reviewReference: review ? reviewLabelOf(review) : scrutinySourceLabel(action) ?? action.sourceType,
    statusLabel: STATUS_LABELS[action.status],
    rag,
    ragLabel: ragLabel(rag),
    currentTargetDate: action.currentTargetDate,
    overdue: isOverdue(action, today),
    lastUpdateOn: action.lastUpdate?.on.slice(0, 10),
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
  return (await listAll<Action>(ctx.store, KIND.action, ctx.partnershipId, { where })).filter((action) => isOpen(action.status));
}

/** `my actions`: the open actions I am responsible for, or my agency's when I represent it. */
export async function myActions(ctx: AppContext, actor: Actor): Promise<ActionListView> {
  assertRegistered(actor);
  const lookups = await loadLookups(ctx);
  const mine = (await openActions(ctx)).filter(
    (action) => action.responsibleOfficerId === actor.aadObjectId || (actor.roles.includes('AGENCY_REP') && actor.agencyId === action.agencyId),
  );
  const subtitle = mine.length ? `${mine.length} open action${mine.length === 1 ? '' : 's'}, most urgent first` : 'You have no open actions.';
  return listView(`Actions for ${actor.name}`, subtitle, mine.map((action) => summarise(ctx, action, lookups)));
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
  for (const summary of summaries) counts[summary.rag] += 1;
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
  const action = await ctx.store.get<Action>(KIND.action, ctx.partnershipId, id);
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
}

export interface HistoryView {
  title: string;
  lines: HistoryLine[];
  more: number;
}

/** `history <ref>`: the audit trail of an action (or a review), newest first. */
export async function history(ctx: AppContext, actor: Actor, ref: string): Promise<HistoryView> {
  assertRegistered(actor);
  let subjectId: string;
  let title: string;
  const review = await ctx.store.get<Review>(KIND.review, ctx.partnershipId, reviewIdOf(ref));
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
  const entries = (await listAll<AuditEntry>(ctx.store, KIND.audit, ctx.partnershipId, { where: { subjectId } })).sort(
    (a, b) => b.at.localeCompare(a.at) || Number(a.operation === 'create') - Number(b.operation === 'create'),
  );
  const lines = entries.map((entry) => ({
    at: entry.at.slice(0, 16).replace('T', ' '),
    byName: entry.by.startsWith('cli:') ? `${entry.by} (business unit file import)` : memberName(lookups, entry.by),
    operation: entry.operation,
    changes: describeChanges(entry.before, entry.after),
  }));
  return { title, lines: lines.slice(0, LIST_LIMIT), more: Math.max(0, lines.length - LIST_LIMIT) };
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
