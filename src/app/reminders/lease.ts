import { AlreadyExistsError, ConflictError, NotFoundError } from '../../domain/errors';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { KIND } from '../kernel/kinds';
import { collection, type Collection } from '../kernel/records';

/**
 * A named lease in the store. With several instances on one store, whoever writes it first (create, or update on
 * the etag they read) holds it; a holder that dies stops renewing and its lease lapses at `expiresAt`. The expiry
 * is compared with the injected clock because Cosmos TTL is not enforced everywhere (docs/design/platform.md: local server).
 */
export interface LeaseRecord {
  id: string;
  holderId: string;
  acquiredAt: string;
  renewedAt: string;
  /** ISO instant; the lease is free from then on. */
  expiresAt: string;
}

/** A lease this process holds: pass it back to renew or release. */
export type Lease = Stored<LeaseRecord>;

/** The scheduler's leases, typed (kernel/records.ts): each write is conditional on the lease as read. */
function leasesOf(ctx: AppContext): Collection<LeaseRecord> {
  return collection<LeaseRecord>(ctx.store, ctx.partnershipId, KIND.lease);
}

function isLost(error: unknown): boolean {
  return error instanceof ConflictError || error instanceof AlreadyExistsError || error instanceof NotFoundError;
}

/** Takes the lease when it is free, expired or already ours; undefined when someone else holds it. */
export async function acquireLease(ctx: AppContext, name: string, holderId: string, ttlMs: number): Promise<Lease | undefined> {
  const now = ctx.clock.now();
  const record: LeaseRecord = {
    id: name,
    holderId,
    acquiredAt: now.toISOString(),
    renewedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
  };
  const leases = leasesOf(ctx);
  const existing = await leases.get(name);
  try {
    if (!existing) return await leases.create(record);
    const free = existing.holderId === holderId || Date.parse(existing.expiresAt) <= now.getTime();
    if (!free) return undefined;
    const acquiredAt = existing.holderId === holderId ? existing.acquiredAt : record.acquiredAt;
    return await leases.update(existing, { ...record, acquiredAt });
  } catch (error) {
    if (isLost(error)) return undefined;
    throw error;
  }
}

/** Extends a lease we hold; undefined when it was lost (it expired and someone else took it). */
export async function renewLease(ctx: AppContext, lease: Lease, ttlMs: number): Promise<Lease | undefined> {
  const now = ctx.clock.now();
  try {
    return await leasesOf(ctx).update(lease, { ...lease, renewedAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() });
  } catch (error) {
    if (isLost(error)) return undefined;
    throw error;
  }
}

/** Frees a lease we hold at once, so the next tick need not wait for it to lapse. Losing it already is fine. */
export async function releaseLease(ctx: AppContext, lease: Lease): Promise<void> {
  try {
    await leasesOf(ctx).update(lease, { ...lease, expiresAt: ctx.clock.now().toISOString() });
  } catch (error) {
    if (!isLost(error)) throw error;
  }
}
