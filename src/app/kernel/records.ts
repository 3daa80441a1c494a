import type { Action } from '../../domain/actions/action';
import type { Agency, Theme } from '../../domain/directory/agency';
import type { Member } from '../../domain/directory/member';
import type { ReminderSnooze } from '../../domain/reminders/reminder-policy';
import type { DipSample } from '../../domain/reports/dip-sample';
import type { AssuranceRequest } from '../../domain/reviews/assurance-request';
import type { Meeting } from '../../domain/reviews/meeting';
import type { Recommendation } from '../../domain/reviews/recommendation';
import type { Review } from '../../domain/reviews/review';
import type { CaseAudit, ImmediateConcern } from '../../domain/scrutiny/case-audit';
import type { ScrutinyPiece } from '../../domain/scrutiny/piece';
import type { S11Cycle } from '../../domain/section11/cycle';
import type { S11Framework } from '../../domain/section11/framework';
import type { S11Return } from '../../domain/section11/return';
import {
  listAll, type DocumentStore, type ListOptions, type NewDocument, type Page, type Stored, type WriteOperation,
} from '../../ports/document-store';
import { KIND } from './kinds';

type Kind = (typeof KIND)[keyof typeof KIND];

/**
 * One kind of record in one partnership's store, typed: the partnership is bound once, and an update takes its
 * ETag from the record it was read as, so use cases cannot forget either. The one store contract stays underneath.
 */
export interface Collection<T extends object> {
  readonly kind: Kind;
  get(id: string): Promise<Stored<T> | undefined>;
  list(options?: ListOptions): Promise<Page<T>>;
  /** Every page, for reads that need the whole kind (lookups). */
  all(options?: Omit<ListOptions, 'continuationToken' | 'fields'>): Promise<Stored<T>[]>;
  /** Every page with only the named fields (reads over many records): typed as what comes back, not the whole record. */
  pick<K extends keyof T & string>(fields: readonly K[], options?: Omit<ListOptions, 'continuationToken' | 'fields'>): Promise<Stored<Pick<T, K>>[]>;
  create(doc: NewDocument<T>): Promise<Stored<T>>;
  /** Writes `next` if the stored record still has `read`'s ETag; a stale read fails with a ConflictError. */
  update(read: Stored<T>, next: NewDocument<T>): Promise<Stored<T>>;
  upsert(doc: NewDocument<T>): Promise<Stored<T>>;
  delete(id: string): Promise<void>;
  /** The same writes as operations for one atomic `commit` with others (a change and its audit entry). */
  op: {
    create(doc: NewDocument<T>): WriteOperation;
    update(read: Stored<T>, next: NewDocument<T>): WriteOperation;
    upsert(doc: NewDocument<T>): WriteOperation;
    delete(id: string): WriteOperation;
  };
}

export function collection<T extends object>(store: DocumentStore, partnershipId: string, kind: Kind): Collection<T> {
  return {
    kind,
    get: (id) => store.get<T>(kind, partnershipId, id),
    list: (options) => store.list<T>(kind, partnershipId, options),
    all: (options) => listAll<T>(store, kind, partnershipId, options),
    pick: (fields, options) => listAll(store, kind, partnershipId, { ...options, fields }),
    create: (doc) => store.create<T>(kind, partnershipId, doc),
    update: (read, next) => store.update<T>(kind, partnershipId, next, { ifMatch: read.etag }),
    upsert: (doc) => store.upsert<T>(kind, partnershipId, doc),
    delete: (id) => store.delete(kind, partnershipId, id),
    op: {
      create: (doc) => ({ op: 'create', kind, doc }),
      update: (read, next) => ({ op: 'update', kind, doc: next, ifMatch: read.etag }),
      upsert: (doc) => ({ op: 'upsert', kind, doc }),
      delete: (id) => ({ op: 'delete', kind, id }),
    },
  };
}

/** The partnership's records by kind, for the domain's own types; app-level records use `collection` beside their schema. */
export interface Stores {
  actions: Collection<Action>;
  reviews: Collection<Review>;
  recommendations: Collection<Recommendation>;
  members: Collection<Member>;
  agencies: Collection<Agency>;
  themes: Collection<Theme>;
  meetings: Collection<Meeting>;
  assuranceRequests: Collection<AssuranceRequest>;
  reminderSnoozes: Collection<ReminderSnooze>;
  dipSamples: Collection<DipSample>;
  s11Frameworks: Collection<S11Framework>;
  s11Cycles: Collection<S11Cycle>;
  s11Returns: Collection<S11Return>;
  scrutinyPieces: Collection<ScrutinyPiece>;
  scrutinyCaseAudits: Collection<CaseAudit>;
  scrutinyConcerns: Collection<ImmediateConcern>;
  /** Applies writes from any collections all or nothing. */
  commit(operations: WriteOperation[]): Promise<(Stored<object> | undefined)[]>;
}

export function storesOf(store: DocumentStore, partnershipId: string): Stores {
  return {
    actions: collection<Action>(store, partnershipId, KIND.action),
    reviews: collection<Review>(store, partnershipId, KIND.review),
    recommendations: collection<Recommendation>(store, partnershipId, KIND.recommendation),
    members: collection<Member>(store, partnershipId, KIND.member),
    agencies: collection<Agency>(store, partnershipId, KIND.agency),
    themes: collection<Theme>(store, partnershipId, KIND.theme),
    meetings: collection<Meeting>(store, partnershipId, KIND.meeting),
    assuranceRequests: collection<AssuranceRequest>(store, partnershipId, KIND.assuranceRequest),
    reminderSnoozes: collection<ReminderSnooze>(store, partnershipId, KIND.reminderSnooze),
    dipSamples: collection<DipSample>(store, partnershipId, KIND.dipSample),
    s11Frameworks: collection<S11Framework>(store, partnershipId, KIND.s11Framework),
    s11Cycles: collection<S11Cycle>(store, partnershipId, KIND.s11Cycle),
    s11Returns: collection<S11Return>(store, partnershipId, KIND.s11Return),
    scrutinyPieces: collection<ScrutinyPiece>(store, partnershipId, KIND.scrutinyPiece),
    scrutinyCaseAudits: collection<CaseAudit>(store, partnershipId, KIND.scrutinyCaseAudit),
    scrutinyConcerns: collection<ImmediateConcern>(store, partnershipId, KIND.scrutinyConcern),
    commit: (operations) => store.commit(partnershipId, operations),
  };
}
