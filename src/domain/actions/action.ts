import { compareDates, daysBetween, isIsoDate, toLondonDate, type IsoDate } from '../calendar';
import { InvalidTransitionError, ValidationError } from '../errors';
import type { Rag } from './rag-rating';
import { normaliseEnumText, parseEnum } from '../enum-text';
import { isHttpsUrl } from '../links';

/** Action lifecycle states (docs/design/domain.md §2); OVERDUE is derived, never stored. */
export const ACTION_STATUSES = [
  'PROPOSED',
  'AGREED',
  'IN_PROGRESS',
  'COMPLETED_AWAITING_EVIDENCE',
  'EVIDENCE_SUBMITTED',
  'IMPACT_EVIDENCED',
  'CLOSED',
  'WITHDRAWN',
  'SUPERSEDED',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Whether one agency or the partnership (through a lead agency) owns the action (docs/design/domain.md §2). */
export const ACTION_SCOPES = ['SINGLE_AGENCY', 'PARTNERSHIP'] as const;
export type ActionScope = (typeof ACTION_SCOPES)[number];

/** What produced the action (docs/design/domain.md §3). */
export const ACTION_SOURCE_TYPES = ['REVIEW', 'SECTION_11', 'SCRUTINY', 'AUDIT', 'INSPECTION'] as const;
export type ActionSourceType = (typeof ACTION_SOURCE_TYPES)[number];

/** Where a non-review action came from, so reports can say which audit or piece of scrutiny raised it. */
export interface ActionOrigin {
  /** Section 11: the cycle label (`2026/27`) and the standard's number. */
  cycle?: string;
  standard?: string;
  /** Scrutiny: the piece's ref and the recommendation the action answers. */
  pieceRef?: string;
  recommendationRef?: string;
}

/** A link to a document in the partnership's own store; the bot never holds document bodies (docs/design/domain.md §3, §7). */
export interface EvidenceLink {
  url: string;
  description: string;
  addedBy: string;
  addedOn: string;
}

/** One target extension; the original target date is kept on the action (docs/design/domain.md §4). */
export interface ActionExtension {
  from: IsoDate;
  to: IsoDate;
  reason: string;
  by: string;
  on: string;
}

/** A manual RAG rating; it needs a reason (docs/design/domain.md §2). */
export interface RagOverride {
  rag: Rag;
  reason: string;
  by: string;
  on: string;
}

/** The latest progress update, which drives the "no update for 90 days" RAG rule. */
export interface LastUpdate {
  by: string;
  byName: string;
  /** ISO instant. */
  on: string;
  note?: string;
}

/** Words for action statuses, on cards and in reports. */
export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, string>> = Object.freeze({
  PROPOSED: 'Proposed',
  AGREED: 'Agreed',
  IN_PROGRESS: 'In progress',
  COMPLETED_AWAITING_EVIDENCE: 'Completed, awaiting evidence',
  EVIDENCE_SUBMITTED: 'Evidence submitted',
  IMPACT_EVIDENCED: 'Impact evidenced',
  CLOSED: 'Closed',
  WITHDRAWN: 'Withdrawn',
  SUPERSEDED: 'Superseded',
});

/** An action from a review, s11 return, scrutiny piece, audit or inspection (docs/design/domain.md §3). */
export interface Action {
  id: string;
  ref: string;
  /** Id of the source record (a review for source REVIEW). */
  reviewId?: string;
  sourceType: ActionSourceType;
  /** Detail of a SECTION_11 or SCRUTINY source; absent for review actions. */
  origin?: ActionOrigin;
  recommendationId?: string;
  scope: ActionScope;
  /** The owning agency; for a PARTNERSHIP action, the lead agency. */
  agencyId: string;
  /** AAD object id of the member accountable for the action. */
  responsibleOfficerId?: string;
  themes: string[];
  description: string;
  /** What "done" looks like: the SMART part. */
  successMeasure: string;
  originalTargetDate: IsoDate;
  currentTargetDate: IsoDate;
  extensionCount: number;
  extensions: ActionExtension[];
  status: ActionStatus;
  ragOverride?: RagOverride;
  agreedOn?: IsoDate;
  startedOn?: IsoDate;
  completedOn?: IsoDate;
  evidence: EvidenceLink[];
  /** Summary of the evidence that the work was done. */
  completionEvidence?: string;
  /** The effect on practice. */
  impactStatement?: string;
  closedOn?: IsoDate;
  closedBy?: string;
  closedAtMeetingId?: string;
  /** Closed as "closed – impact not yet evidenced", flagged in reports (docs/design/domain.md §4). */
  closedWithoutImpact?: boolean;
  /** Rationale for WITHDRAWN or SUPERSEDED. */
  withdrawnReason?: string;
  lastUpdate?: LastUpdate;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** Who acts and when; `on` is a date or an ISO instant. Authorisation is the use case's job, not this one's. */
export interface ActionContext {
  by: string;
  on: string;
}

/** Extra facts some moves need: a rationale (withdraw, supersede, step back) or the sign-off details (close). */
export interface ActionTransitionContext extends ActionContext {
  rationale?: string;
  meetingId?: string;
  allowWithoutImpact?: boolean;
}

/** Fields a new action is proposed with; the rest start empty. */
export type ProposedActionInput = Pick<
  Action,
  'id' | 'ref' | 'reviewId' | 'sourceType' | 'origin' | 'recommendationId' | 'scope' | 'agencyId' | 'responsibleOfficerId' | 'themes' | 'description' | 'successMeasure'
> & { targetDate: IsoDate };

/**
 * Allowed action moves (docs/design/domain.md §4). Forward along the chain; WITHDRAWN or SUPERSEDED from any open state with a
 * rationale; back to IN_PROGRESS with a rationale when the PAI challenges a completion, the evidence or the impact.
 * EVIDENCE_SUBMITTED → CLOSED is only "closed – impact not yet evidenced", allowed explicitly.
 */
export const ACTION_TRANSITIONS: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = Object.freeze({
  PROPOSED: ['AGREED', 'WITHDRAWN', 'SUPERSEDED'],
  AGREED: ['IN_PROGRESS', 'WITHDRAWN', 'SUPERSEDED'],
  IN_PROGRESS: ['COMPLETED_AWAITING_EVIDENCE', 'EVIDENCE_SUBMITTED', 'WITHDRAWN', 'SUPERSEDED'],
  COMPLETED_AWAITING_EVIDENCE: ['EVIDENCE_SUBMITTED', 'IN_PROGRESS', 'WITHDRAWN', 'SUPERSEDED'],
  EVIDENCE_SUBMITTED: ['IMPACT_EVIDENCED', 'CLOSED', 'IN_PROGRESS', 'WITHDRAWN', 'SUPERSEDED'],
  IMPACT_EVIDENCED: ['CLOSED', 'IN_PROGRESS', 'WITHDRAWN', 'SUPERSEDED'],
  CLOSED: [],
  WITHDRAWN: [],
  SUPERSEDED: [],
});

const TERMINAL: ReadonlySet<ActionStatus> = new Set(['CLOSED', 'WITHDRAWN', 'SUPERSEDED']);
// docs/design/domain.md §5: overdue excludes these; IMPACT_EVIDENCED only awaits PAI sign-off.
const NOT_OVERDUE: ReadonlySet<ActionStatus> = new Set(['CLOSED', 'WITHDRAWN', 'SUPERSEDED', 'IMPACT_EVIDENCED']);
const STEP_BACK_FROM: ReadonlySet<ActionStatus> = new Set(['COMPLETED_AWAITING_EVIDENCE', 'EVIDENCE_SUBMITTED', 'IMPACT_EVIDENCED']);

/** Parses an action status typed in any case ("in progress", "In-Progress"). */
export function parseActionStatus(text: string): ActionStatus {
  return parseEnum(ACTION_STATUSES, text, 'action status');
}

/** Parses an action scope typed in any case. */
export function parseActionScope(text: string): ActionScope {
  return parseEnum(ACTION_SCOPES, text, 'action scope');
}

/** Where a non-review action came from, in words ("Section 11 2026/27, standard 5"), for cards, lists and reports. */
export function actionSourceText(action: Pick<Action, 'sourceType' | 'origin'>): string {
  const origin = action.origin ?? {};
  switch (action.sourceType) {
    case 'SECTION_11':
      return ['Section 11', origin.cycle].filter(Boolean).join(' ') + (origin.standard ? `, standard ${origin.standard}` : '');
    case 'SCRUTINY':
      return ['Scrutiny', origin.pieceRef].filter(Boolean).join(' ') + (origin.recommendationRef ? `, recommendation ${origin.recommendationRef.replace(/^R/i, '')}` : '');
    case 'AUDIT':
      return 'Audit';
    case 'INSPECTION':
      return 'Inspection';
    default:
      return 'Review';
  }
}

/** Parses an action source type typed in any case. */
export function parseActionSourceType(text: string): ActionSourceType {
  // Spreadsheets written before Section 11 had its own word say "S11".
  if (normaliseEnumText(text) === 'S11') return 'SECTION_11';
  return parseEnum(ACTION_SOURCE_TYPES, text, 'action source');
}

/** Waiting for the PAI: evidence submitted or impact evidenced, to be assured or signed off. */
export function isAwaitingSignOff(status: ActionStatus): boolean {
  return status === 'EVIDENCE_SUBMITTED' || status === 'IMPACT_EVIDENCED';
}

/** Open = still counts against the review: a review cannot close while any action is open (docs/design/domain.md §4). */
export function isOpen(status: ActionStatus): boolean {
  return !TERMINAL.has(status);
}

/** docs/design/domain.md §5: current target before today and not closed, withdrawn, superseded or impact evidenced. */
export function isOverdue(action: Pick<Action, 'status' | 'currentTargetDate'>, today: IsoDate): boolean {
  return !NOT_OVERDUE.has(action.status) && compareDates(action.currentTargetDate, today) < 0;
}

/** Calendar days past the current target, 0 when not overdue (overdue report, docs/design/domain.md §6). */
export function daysOverdue(action: Pick<Action, 'status' | 'currentTargetDate'>, today: IsoDate): number {
  return isOverdue(action, today) ? daysBetween(action.currentTargetDate, today) : 0;
}

/** The state table answer, without the guards that need the action's fields. */
export function canTransitionAction(from: ActionStatus, to: ActionStatus): boolean {
  return ACTION_TRANSITIONS[from].includes(to);
}

function hasText(value: string | undefined): value is string {
  return value !== undefined && value.trim().length > 0;
}

function hasCompletionEvidence(action: Action): boolean {
  return hasText(action.completionEvidence) || action.evidence.length > 0;
}

function stamp(action: Action, ctx: ActionContext): Action {
  return { ...action, updatedAt: ctx.on, updatedBy: ctx.by };
}

function refuse(code: string, message: string, action: Action, to?: ActionStatus, extra: Record<string, unknown> = {}): InvalidTransitionError {
  return new InvalidTransitionError(code, message, { from: action.status, ...(to ? { to } : {}), ...extra });
}

function requireOpen(action: Action, what: string): void {
  if (!isOpen(action.status)) throw refuse('ACTION.NOT_OPEN', `Cannot ${what}: the action is ${action.status}.`, action);
}

/** Creates a PROPOSED action; the original target is fixed only when the action is agreed. */
export function proposeAction(input: ProposedActionInput, ctx: ActionContext): Action {
  if (!hasText(input.description)) throw new ValidationError('An action needs a description.', { field: 'description' }, 'ACTION.DESCRIPTION_REQUIRED');
  if (!isIsoDate(input.targetDate)) throw new ValidationError('The target date must be a real date.', { field: 'targetDate' }, 'ACTION.TARGET_DATE_INVALID');
  const { targetDate, ...fields } = input;
  return {
    ...fields,
    themes: [...input.themes],
    originalTargetDate: targetDate,
    currentTargetDate: targetDate,
    extensionCount: 0,
    extensions: [],
    status: 'PROPOSED',
    evidence: [],
    createdAt: ctx.on,
    createdBy: ctx.by,
    updatedAt: ctx.on,
    updatedBy: ctx.by,
  };
}

/** docs/design/domain.md §4: agreeing needs an agency, a responsible officer, a target and a success measure. */
export function agreeAction(action: Action, ctx: ActionContext): Action {
  return changeStatus(action, 'AGREED', ctx);
}

/**
 * Moves an action one step with the guards of docs/design/domain.md §4, recording the dates the step implies.
 * Closing goes through the same guards as closeAction.
 */
export function changeStatus(action: Action, to: ActionStatus, ctx: ActionTransitionContext): Action {
  if (!canTransitionAction(action.status, to)) {
    throw refuse('ACTION.INVALID_TRANSITION', `An action cannot move from ${action.status} to ${to}.`, action, to);
  }
  const on = toLondonDate(ctx.on);
  const rationale = ctx.rationale?.trim();
  const next: Action = { ...stamp(action, ctx), status: to };

  switch (to) {
    case 'AGREED': {
      const missing = [
        hasText(action.agencyId) ? undefined : 'agency',
        hasText(action.responsibleOfficerId) ? undefined : 'responsible officer',
        isIsoDate(action.currentTargetDate) ? undefined : 'target date',
        hasText(action.successMeasure) ? undefined : 'success measure',
      ].filter((field): field is string => field !== undefined);
      if (missing.length > 0) {
        throw refuse('ACTION.MISSING_FIELDS', `Before it is agreed the action needs: ${missing.join(', ')}.`, action, to, { missing });
      }
      next.agreedOn = on;
      if (action.extensionCount === 0) next.originalTargetDate = action.currentTargetDate;
      return next;
    }
    case 'IN_PROGRESS':
      if (STEP_BACK_FROM.has(action.status)) {
        if (!rationale) throw refuse('ACTION.RATIONALE_REQUIRED', 'Sending an action back to in progress needs a reason.', action, to);
        delete next.completedOn;
        return next;
      }
      next.startedOn = action.startedOn ?? on;
      return next;
    case 'COMPLETED_AWAITING_EVIDENCE':
      next.completedOn = action.completedOn ?? on;
      return next;
    case 'EVIDENCE_SUBMITTED':
      if (!hasCompletionEvidence(action)) {
        throw refuse('ACTION.EVIDENCE_REQUIRED', 'Submit evidence (a summary or a link) before marking evidence submitted.', action, to);
      }
      next.completedOn = action.completedOn ?? on;
      return next;
    case 'IMPACT_EVIDENCED':
      if (!hasText(action.impactStatement)) {
        throw refuse('ACTION.IMPACT_REQUIRED', 'Add an impact statement (the effect on practice) first.', action, to);
      }
      return next;
    case 'CLOSED':
      return close(action, next, ctx, on);
    case 'WITHDRAWN':
    case 'SUPERSEDED':
      if (!rationale) throw refuse('ACTION.RATIONALE_REQUIRED', `Marking an action ${to.toLowerCase()} needs a rationale.`, action, to);
      next.withdrawnReason = rationale;
      return next;
    default:
      return next;
  }
}

function close(action: Action, next: Action, ctx: ActionTransitionContext, on: IsoDate): Action {
  if (!hasCompletionEvidence(action)) {
    throw refuse('ACTION.EVIDENCE_REQUIRED', 'An action cannot close without completion evidence.', action, 'CLOSED');
  }
  const withoutImpact = !hasText(action.impactStatement);
  if (withoutImpact && !ctx.allowWithoutImpact) {
    throw refuse('ACTION.IMPACT_REQUIRED', 'An action without an impact statement closes only as "closed – impact not yet evidenced".', action, 'CLOSED');
  }
  next.closedOn = on;
  next.closedBy = ctx.by;
  if (ctx.meetingId) next.closedAtMeetingId = ctx.meetingId;
  next.closedWithoutImpact = withoutImpact;
  return next;
}

/** PAI sign-off (docs/design/domain.md §4): needs completion evidence, and an impact statement unless explicitly waived. */
export function closeAction(
  action: Action,
  signOff: { by: string; on: string; meetingId?: string; allowWithoutImpact: boolean },
): Action {
  return changeStatus(action, 'CLOSED', signOff);
}

/** An extension moves the current target only, keeping the original for reporting (docs/design/domain.md §4). */
export function extendTarget(action: Action, newDate: IsoDate, reason: string, ctx: ActionContext): Action {
  requireOpen(action, 'extend the target');
  if (action.status === 'PROPOSED') {
    throw refuse('ACTION.NOT_AGREED', 'A proposed action has no agreed target yet: change its target instead of extending it.', action);
  }
  if (!isIsoDate(newDate)) throw new ValidationError('The new target date must be a real date.', { field: 'newDate' }, 'ACTION.TARGET_DATE_INVALID');
  if (compareDates(newDate, action.currentTargetDate) <= 0) {
    throw new ValidationError('An extension must move the target to a later date.', { field: 'newDate' }, 'ACTION.EXTENSION_NOT_LATER');
  }
  if (!hasText(reason)) throw new ValidationError('An extension needs a reason.', { field: 'reason' }, 'ACTION.REASON_REQUIRED');
  const extension: ActionExtension = { from: action.currentTargetDate, to: newDate, reason: reason.trim(), by: ctx.by, on: ctx.on };
  return {
    ...stamp(action, ctx),
    currentTargetDate: newDate,
    extensionCount: action.extensionCount + 1,
    extensions: [...action.extensions, extension],
  };
}

/** Before agreement the target is just a draft field, so it changes without counting as an extension. */
export function setProposedTarget(action: Action, newDate: IsoDate, ctx: ActionContext): Action {
  if (action.status !== 'PROPOSED') {
    throw refuse('ACTION.ALREADY_AGREED', 'Once agreed, the target changes only by an extension with a reason.', action);
  }
  if (!isIsoDate(newDate)) throw new ValidationError('The target date must be a real date.', { field: 'newDate' }, 'ACTION.TARGET_DATE_INVALID');
  return { ...stamp(action, ctx), originalTargetDate: newDate, currentTargetDate: newDate };
}

/** Evidence is a link into the partnership's document store plus a description; only https links (docs/design/domain.md §3). */
export function addEvidence(action: Action, link: { url: string; description: string }, ctx: ActionContext): Action {
  requireOpen(action, 'add evidence');
  const url = link.url.trim();
  if (!isHttpsUrl(url)) {
    throw new ValidationError('Evidence must be an https link to the document (e.g. a SharePoint or Teams file link).', { field: 'url' }, 'ACTION.EVIDENCE_URL');
  }
  if (!hasText(link.description)) {
    throw new ValidationError('Say briefly what the linked evidence shows.', { field: 'description' }, 'ACTION.EVIDENCE_DESCRIPTION');
  }
  if (action.evidence.some((existing) => existing.url === url)) {
    throw new ValidationError('That link is already attached to this action.', { field: 'url' }, 'ACTION.EVIDENCE_DUPLICATE');
  }
  const added: EvidenceLink = { url, description: link.description.trim(), addedBy: ctx.by, addedOn: ctx.on };
  return { ...stamp(action, ctx), evidence: [...action.evidence, added] };
}

/**
 * The responsible officer reports the work done with a summary of the evidence (and, when known, the impact),
 * which submits it for PAI scrutiny.
 */
export function recordCompletion(action: Action, completionEvidence: string, impactStatement: string | undefined, ctx: ActionContext): Action {
  if (!hasText(completionEvidence)) {
    throw new ValidationError('Summarise the evidence that the action is complete.', { field: 'completionEvidence' }, 'ACTION.EVIDENCE_REQUIRED');
  }
  const withEvidence: Action = {
    ...action,
    completionEvidence: completionEvidence.trim(),
    ...(hasText(impactStatement) ? { impactStatement: impactStatement.trim() } : {}),
  };
  if (action.status === 'EVIDENCE_SUBMITTED') return stamp(withEvidence, ctx);
  return changeStatus(withEvidence, 'EVIDENCE_SUBMITTED', ctx);
}

/** Adds or replaces the impact statement, e.g. after the PAI asks how practice changed. */
export function recordImpact(action: Action, impactStatement: string, ctx: ActionContext): Action {
  requireOpen(action, 'record impact');
  if (!hasText(impactStatement)) {
    throw new ValidationError('Describe the effect on practice.', { field: 'impactStatement' }, 'ACTION.IMPACT_REQUIRED');
  }
  return { ...stamp(action, ctx), impactStatement: impactStatement.trim() };
}

/** A progress update resets the staleness clock behind the AMBER "no update for 90 days" rule (docs/design/domain.md §2). */
export function recordUpdate(action: Action, update: { byName: string; note?: string }, ctx: ActionContext): Action {
  requireOpen(action, 'record an update');
  const note = update.note?.trim();
  const lastUpdate: LastUpdate = { by: ctx.by, byName: update.byName, on: ctx.on, ...(note ? { note } : {}) };
  return { ...stamp(action, ctx), lastUpdate };
}

/** docs/design/domain.md §2: a manual RAG rating needs a reason; passing undefined clears it and the derived rating applies. */
export function setRagOverride(action: Action, override: { rag: Rag; reason: string } | undefined, ctx: ActionContext): Action {
  requireOpen(action, 'change the RAG rating');
  if (override === undefined) {
    const { ragOverride: _cleared, ...rest } = action;
    return stamp(rest, ctx);
  }
  if (!hasText(override.reason)) {
    throw new ValidationError('A manual RAG rating needs a reason.', { field: 'reason' }, 'ACTION.OVERRIDE_REASON');
  }
  return { ...stamp(action, ctx), ragOverride: { rag: override.rag, reason: override.reason.trim(), by: ctx.by, on: ctx.on } };
}
