import type { Actor } from '../../domain/directory/member';
import type { S11Return } from '../../domain/section11/return';
import type { WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { KIND } from '../kernel/kinds';
import { collection, type Collection } from '../kernel/records';
import type { LoadedReturn } from './records';

/** What a card submission carries besides its fields: the return, the version it showed, and a fresh submission id. */
export interface ReturnCardKey {
  returnId: string;
  etag: string;
  submissionId: string;
}

/** Marks a return card submission as applied (the submission kind, shared with action cards). */
export interface ReturnSubmission {
  id: string;
  returnId: string;
  at: string;
  by: string;
}

function returnSubmissionsOf(ctx: AppContext): Collection<ReturnSubmission> {
  return collection<ReturnSubmission>(ctx.store, ctx.partnershipId, KIND.submission);
}

/** Saved, already saved (a double click or a Teams retry), or refused because the return changed since the card. */
export type ReturnOutcome = { outcome: 'saved' | 'duplicate' | 'stale'; ret: S11Return };

/**
 * Writes a changed return with its audit entry (and any other writes) in one commit, guarded by the card's etag and
 * submission id: a double click is applied once, and a stale card gets the current state back instead.
 */
export async function commitReturnChange(
  ctx: AppContext,
  actor: Actor,
  current: LoadedReturn,
  key: ReturnCardKey,
  change: (ret: S11Return, on: string) => S11Return,
  details: { operation: string; alongside?: (next: S11Return, on: string) => WriteOperation[] },
): Promise<ReturnOutcome> {
  const submissions = returnSubmissionsOf(ctx);
  if (await submissions.get(key.submissionId)) return { outcome: 'duplicate', ret: current.ret };
  if (key.etag !== current.etag) return { outcome: 'stale', ret: current.ret };
  const on = ctx.clock.now().toISOString();
  const next = change(current.ret, on);
  const submission: ReturnSubmission = { id: key.submissionId, returnId: next.id, at: on, by: actor.aadObjectId };
  // A return not written yet is created; a stored one is updated on the version the card showed (checked above).
  const write = current.stored ? ctx.stores.s11Returns.op.update(current.stored, next) : ctx.stores.s11Returns.op.create(next);
  await ctx.stores.commit([
    write,
    submissions.op.create(submission),
    ...(details.alongside?.(next, on) ?? []),
    auditOperation({
      at: on,
      by: actor.aadObjectId,
      subjectKind: KIND.s11Return,
      subjectId: next.id,
      operation: details.operation,
      before: { status: current.ret.status },
      after: { status: next.status },
    }),
  ]);
  return { outcome: 'saved', ret: next };
}
