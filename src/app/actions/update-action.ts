import {
  Action, ActionStatus, addEvidence, changeStatus, extendTarget, parseActionStatus, recordCompletion, recordImpact, recordUpdate,
} from '../../domain/actions/action';
import { parseFlexibleDate } from '../../domain/calendar';
import { AlreadyExistsError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import type { Stored, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { assertNoPersonalData } from '../kernel/guard-text';
import { KIND } from '../kernel/kinds';
import { collection, type Collection } from '../kernel/records';
import { ragOf } from './action-views';
import { todayOf } from '../kernel/app-context';
import { assertCanEdit } from '../kernel/permissions';
import { paiDecisionOf } from '../../domain/actions/pai-decisions';

/** What a card submission carries besides its fields: which action, which version, which submission. */
export interface SubmissionKey {
  actionId: string;
  /** The etag the card was rendered from. */
  etag: string;
  /** Fresh on every rendered card: the same id twice is a double click or a Teams retry. */
  submissionId: string;
}

/** The editable fields of the update card (all optional; at least one is needed). */
export interface ActionUpdateFields {
  status?: string;
  note?: string;
  evidenceUrl?: string;
  evidenceDescription?: string;
  completionEvidence?: string;
  impactStatement?: string;
  newTargetDate?: string;
  extensionReason?: string;
}

/** A saved change, a submission already applied, or a lost race: each gives the card to show next. */
export type ChangeOutcome<TInput> =
  | { outcome: 'saved'; action: Stored<Action> }
  | { outcome: 'duplicate'; action: Stored<Action> }
  | { outcome: 'conflict'; action: Stored<Action>; yourInput: TInput };

/** Marks a card submission as applied. */
export interface SubmissionRecord {
  id: string;
  actionId: string;
  at: string;
  by: string;
}

/** A progress update as kept for the record (ProgressUpdate, docs/design/domain.md section 3). */
export interface ProgressRecord {
  id: string;
  actionId: string;
  by: string;
  byName: string;
  at: string;
  note?: string;
  statusAfter: ActionStatus;
  ragAfter: string;
}

/** Applied card submissions and the progress record of each update, typed (kernel/records.ts). */
export function submissionsOf(ctx: AppContext): Collection<SubmissionRecord> {
  return collection<SubmissionRecord>(ctx.store, ctx.partnershipId, KIND.submission);
}

export function progressOf(ctx: AppContext): Collection<ProgressRecord> {
  return collection<ProgressRecord>(ctx.store, ctx.partnershipId, KIND.progress);
}

const FIELD_LABELS: Record<string, string> = {
  note: 'Progress note',
  evidenceUrl: 'Evidence link',
  newTargetDate: 'New target date',
  status: 'Status',
  evidenceDescription: 'Evidence description',
  completionEvidence: 'Completion evidence',
  impactStatement: 'Impact on practice',
  extensionReason: 'Extension reason',
  rationale: 'Reason',
};

/** Loads the action a card names; an unknown id (forged or deleted) is an error that changes nothing. */
export async function loadActionForCard(ctx: AppContext, actionId: string): Promise<Stored<Action>> {
  const action = actionId ? await ctx.stores.actions.get(actionId) : undefined;
  if (!action) throw new NotFoundError('That action no longer exists, or the card is not one of ours.', 'ACTION.NOT_FOUND');
  return action;
}

/** Applies the editor's fields in a fixed order: note, evidence link, completion and impact, extension, status. */
export function applyUpdateFields(action: Action, fields: ActionUpdateFields, actor: Actor, on: string): Action {
  const ctx = { by: actor.aadObjectId, on };
  let next = action;
  const text = (value: string | undefined) => value?.trim() || undefined;
  if (text(fields.evidenceUrl) || text(fields.evidenceDescription)) {
    next = addEvidence(next, { url: fields.evidenceUrl ?? '', description: fields.evidenceDescription ?? '' }, ctx);
  }
  if (text(fields.completionEvidence)) next = recordCompletion(next, fields.completionEvidence as string, text(fields.impactStatement), ctx);
  else if (text(fields.impactStatement)) next = recordImpact(next, fields.impactStatement as string, ctx);
  if (text(fields.newTargetDate) || text(fields.extensionReason)) {
    const date = parseFlexibleDate(fields.newTargetDate ?? '');
    if (!date) throw new ValidationError('Give the new target date as YYYY-MM-DD.', { field: 'newTargetDate' }, 'ACTION.TARGET_DATE_INVALID');
    next = extendTarget(next, date, fields.extensionReason ?? '', ctx);
  }
  const status = text(fields.status);
  if (status) {
    const wanted = parseActionStatus(status);
    if (wanted !== next.status) next = changeStatus(next, wanted, ctx);
  }
  return next;
}

/**
 * Writes a change with its progress record and audit entry in one commit, guarded by the card's etag and
 * its submission id: a double click is applied once, and a lost race comes back with the current state.
 */
export async function commitActionChange<TInput>(
  ctx: AppContext,
  actor: Actor,
  current: Stored<Action>,
  key: SubmissionKey,
  change: (action: Action, on: string) => Action,
  details: { operation: string; note?: string; yourInput: TInput; said?: Record<string, string> },
): Promise<ChangeOutcome<TInput>> {
  const submissions = submissionsOf(ctx);
  if (await submissions.get(key.submissionId)) return { outcome: 'duplicate', action: current };
  if (key.etag !== current.etag) return { outcome: 'conflict', action: current, yourInput: details.yourInput };
  const on = ctx.clock.now().toISOString();
  // The update is stamped before the change, so a change that closes the action still records who closed it.
  const changed = change(recordUpdate(current, { byName: actor.name, note: details.note }, { by: actor.aadObjectId, on }), on);
  const { etag: _etag, partnershipId: _partnershipId, ...next } = { ...changed, updatedAt: on, updatedBy: actor.aadObjectId } as Stored<Action>;
  const progress: ProgressRecord = {
    id: key.submissionId,
    actionId: current.id,
    by: actor.aadObjectId,
    byName: actor.name,
    at: on,
    ...(details.note ? { note: details.note } : {}),
    statusAfter: next.status,
    ragAfter: ragOf(ctx, next, todayOf(ctx)).rag,
  };
  const submission: SubmissionRecord = { id: key.submissionId, actionId: current.id, at: on, by: actor.aadObjectId };
  const operations: WriteOperation[] = [
    // The submission marker goes first: a repeat fails here before anything else is written.
    submissions.op.create(submission),
    // Guarded by the card's etag, which is `current`'s (checked above).
    ctx.stores.actions.op.update(current, next),
    progressOf(ctx).op.create(progress),
    auditOperation({ at: on, by: actor.aadObjectId, subjectKind: KIND.action, subjectId: current.id, operation: details.operation, before: auditSnapshot(current), after: auditSnapshot(next), ...(details.said && Object.keys(details.said).length ? { said: details.said } : {}) }),
  ];
  try {
    const [, saved] = await ctx.stores.commit(operations);
    return { outcome: 'saved', action: saved as Stored<Action> };
  } catch (error) {
    if (!(error instanceof AlreadyExistsError) && !(error instanceof ConflictError)) throw error;
    const latest = await loadActionForCard(ctx, current.id);
    if (await submissions.get(key.submissionId)) return { outcome: 'duplicate', action: latest };
    return { outcome: 'conflict', action: latest, yourInput: details.yourInput };
  }
}

/** The fields an audit entry records before and after a change. */
export function auditSnapshot(action: Action): Record<string, unknown> {
  return {
    status: action.status,
    currentTargetDate: action.currentTargetDate,
    extensionCount: action.extensionCount,
    evidenceLinks: action.evidence.length,
    completionEvidence: action.completionEvidence ?? null,
    impactStatement: action.impactStatement ?? null,
    ragOverride: action.ragOverride?.rag ?? null,
  };
}

/** Refuses personal data in any of the free-text fields of a card submission. */
export function guardFields(ctx: AppContext, fields: Record<string, string | undefined>): void {
  assertNoPersonalData(ctx, fields, FIELD_LABELS);
}

function assertNotPaiDecision(from: ActionStatus, to: ActionStatus): void {
  const decision = paiDecisionOf(from, to);
  if (decision) {
    throw new ForbiddenError('Only the PAI chair or the business unit can agree, assure, challenge, close or withdraw an action, from its Assure controls.', 'AUTH.PAI_DECISION');
  }
}

/** The responsible officer or their agency updates progress from the card. */
export async function updateAction(ctx: AppContext, actor: Actor, key: SubmissionKey, fields: ActionUpdateFields): Promise<ChangeOutcome<ActionUpdateFields>> {
  const current = await loadActionForCard(ctx, key.actionId);
  assertCanEdit(actor, current);
  if (!Object.values(fields).some((value) => value?.trim())) {
    throw new ValidationError('Nothing to save: add a note, evidence, a status or an extension.', {}, 'ACTION.NOTHING_TO_SAVE');
  }
  // PAI decisions are checked on the parsed status, whatever its spelling, before anything else is looked at.
  if (fields.status?.trim()) assertNotPaiDecision(current.status, parseActionStatus(fields.status));
  guardFields(ctx, { note: fields.note, evidenceUrl: fields.evidenceUrl, evidenceDescription: fields.evidenceDescription, completionEvidence: fields.completionEvidence, impactStatement: fields.impactStatement, newTargetDate: fields.newTargetDate, extensionReason: fields.extensionReason, status: fields.status });
  // Validate the whole change before the idempotency and etag checks, so a bad submission is refused as such.
  const dryRun = applyUpdateFields(current, fields, actor, ctx.clock.now().toISOString());
  // However the fields combine, the update card never ends in a PAI decision (agree, assure, challenge, close, withdraw).
  assertNotPaiDecision(current.status, dryRun.status);
  return commitActionChange(ctx, actor, current, key, (action, on) => applyUpdateFields(action, fields, actor, on), {
    operation: 'update',
    note: fields.note?.trim() || undefined,
    yourInput: fields,
    said: saidOf(fields),
  });
}

/** What a progress update said, as the audit trail keeps it (only the fields filled in). */
function saidOf(fields: ActionUpdateFields): Record<string, string> {
  const said: Record<string, string> = {};
  for (const key of ['note', 'status', 'evidenceUrl', 'evidenceDescription', 'completionEvidence', 'impactStatement', 'newTargetDate', 'extensionReason'] as const) {
    const value = fields[key]?.trim();
    if (value) said[key] = value;
  }
  return said;
}
