import type { Actor } from '../../domain/directory/member';
import type { AppContext } from '../kernel/app-context';
import { assertCanManageProgramme } from '../kernel/permissions';
import { deliveryTotalsOf, emptyStatusCounts, OUTBOX_STATUSES, outboxOf, OutboxPolicy, OutboxStatus } from './outbox';

/** One row of the delivery report: a policy and an agency, with counts by status. */
export interface DeliveryReportRow {
  policy: OutboxPolicy;
  agencyId: string;
  counts: Record<OutboxStatus, number>;
}

export interface DeliveryReport {
  generatedAt: string;
  totals: Record<OutboxStatus, number>;
  rows: DeliveryReportRow[];
}

/** `delivery report` (admin, business unit): what was sent, is waiting, failed or hit a lost conversation, by policy and agency. */
export async function deliveryReport(ctx: AppContext, actor: Actor): Promise<DeliveryReport> {
  assertCanManageProgramme(actor);
  const totals = emptyStatusCounts();
  const rows = new Map<string, DeliveryReportRow>();
  const add = (policy: OutboxPolicy, agencyId: string, status: OutboxStatus, count: number) => {
    const key = `${policy}|${agencyId}`;
    const row = rows.get(key) ?? { policy, agencyId, counts: emptyStatusCounts() };
    row.counts[status] += count;
    totals[status] += count;
    rows.set(key, row);
  };
  // Messages the retention sweep deleted still count: their totals were kept when they went.
  for (const kept of await deliveryTotalsOf(ctx).all()) {
    for (const status of OUTBOX_STATUSES) if (kept.counts[status]) add(kept.policy, kept.agencyId, status, kept.counts[status]);
  }
  for (const message of await outboxOf(ctx).pick(['policy', 'agencyId', 'status'])) {
    add(message.policy, message.agencyId ?? 'partnership', message.status, 1);
  }
  return {
    generatedAt: ctx.clock.now().toISOString(),
    totals,
    rows: [...rows.values()].sort((a, b) => a.policy.localeCompare(b.policy) || a.agencyId.localeCompare(b.agencyId)),
  };
}
