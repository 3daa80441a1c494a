import { randomUUID } from 'node:crypto';
import type { WriteOperation } from '../../ports/document-store';
import { KIND } from './kinds';

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
