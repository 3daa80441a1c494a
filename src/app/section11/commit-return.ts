import type { Actor } from '../../domain/directory/member';
import type { S11Return } from '../../domain/section11/return';
import type { WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { auditOperation } from '../kernel/audit';
import { KIND } from '../kernel/kinds';
import { NEW_RETURN_ETAG } from './records';

/** What a card submission carries besides its fields: the return, the version it showed, and a fresh submission id. */
export interface ReturnCardKey {
  returnId: string;
  etag: string;
  submissionId: string;
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
  current: { ret: S11Return; etag: string },
  key: ReturnCardKey,
  change: (ret: S11Return, on: string) => S11Return,
  details: { operation: string; alongside?: (next: S11Return, on: string) => WriteOperation[] },
): Promise<ReturnOutcome> {
  if (await ctx.store.get(KIND.submission, ctx.partnershipId, key.submissionId)) return { outcome: 'duplicate', ret: current.ret };
  if (key.etag !== current.etag) return { outcome: 'stale', ret: current.ret };
  const on = ctx.clock.now().toISOString();
  const next = change(current.ret, on);
  const submission = { id: key.submissionId, returnId: next.id, at: on, by: actor.aadObjectId };
  const write: WriteOperation = current.etag === NEW_RETURN_ETAG
    ? { op: 'create', kind: KIND.s11Return, doc: next }
    : { op: 'update', kind: KIND.s11Return, doc: next, ifMatch: current.etag };
  await ctx.store.commit(ctx.partnershipId, [
    write,
    { op: 'create', kind: KIND.submission, doc: submission },
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
