import { randomUUID } from 'node:crypto';
import type { WriteOperation } from '../../ports/document-store';
import type { AppContext } from './app-context';
import { KIND } from './kinds';
import { collection, type Collection } from './records';

/** Who changed what, when, from what to what: written in the same commit as the change (docs/design/domain.md AuditLog). */
export interface AuditEntry {
  id: string;
  at: string;
  by: string;
  subjectKind: string;
  subjectId: string;
  operation: string;
  before?: unknown;
  after?: unknown;
  /** What the person wrote with the change (note, evidence, completion, impact, extension reason), for `history`. */
  said?: Record<string, string>;
}

/** The write that records an audit entry; put it after the change in one `commit`. */
export function auditOperation(entry: Omit<AuditEntry, 'id'>): WriteOperation {
  return { op: 'create', kind: KIND.audit, doc: { id: randomUUID(), ...entry } };
}

/** The partnership's audit trail, typed, for reading it back (`history`). */
export function auditsOf(ctx: AppContext): Collection<AuditEntry> {
  return collection<AuditEntry>(ctx.store, ctx.partnershipId, KIND.audit);
}
