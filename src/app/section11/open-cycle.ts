import type { Agency } from '../../domain/directory/agency';
import { parseFlexibleDate } from '../../domain/calendar';
import { ValidationError } from '../../domain/errors';
import type { Actor } from '../../domain/directory/member';
import { cycleIdOf, openCycle, parseCycleLabel, type S11Cycle } from '../../domain/section11/cycle';
import type { S11Framework } from '../../domain/section11/framework';
import type { Stored, WriteOperation } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { todayOf } from '../kernel/app-context';
import { listAgencies } from '../directory/agencies';
import { auditOperation } from '../kernel/audit';
import { KIND } from '../kernel/kinds';
import { enqueue, newOutboxMessage, type EnqueueItem } from '../reminders/outbox';
import { assertCanRunCycle, currentFramework } from './records';

/** Builds the invitation an agency's channel gets (the bot layer renders the card). */
export type S11InvitationRenderer = (input: { cycle: S11Cycle; agency: Agency; framework: S11Framework }) => Record<string, unknown>;

export interface OpenCycleResult {
  cycle: S11Cycle;
  /** True when the cycle was already open and only the invitations were queued again (idempotent). */
  alreadyOpen: boolean;
  invited: number;
  /** Agencies with no linked channel: they hear through their reps' digest only. */
  withoutChannel: string[];
}

/** The outbox key of one agency's invitation to one cycle: queueing it twice sends it once. */
export function invitationKey(cycleId: string, agencyId: string): string {
  return `s11-invitation|${cycleId}|${agencyId}`;
}

/**
 * `s11 open <cycle> due <YYYY-MM-DD>`: opens the cycle for every active agency with the Section 11 duty, and queues
 * an invitation to each agency's linked channel through the outbox. Running it again on an open cycle only makes
 * sure the invitations are queued.
 */
export async function openS11Cycle(ctx: AppContext, actor: Actor, args: string, render: S11InvitationRenderer): Promise<OpenCycleResult> {
  assertCanRunCycle(actor);
  const match = /^(\S+)\s+due\s+(\S+)$/i.exec(args.trim());
  if (!match) throw new ValidationError('Use: s11 open <cycle> due <YYYY-MM-DD>, for example "s11 open 2026/27 due 2027-01-29".', {}, 'S11.OPEN_USAGE');
  const label = parseCycleLabel(match[1]);
  const dueDate = parseFlexibleDate(match[2]);
  if (!dueDate) throw new ValidationError('The due date is not a date: use YYYY-MM-DD.', { field: 'due' }, 'S11.DUE_INVALID');
  const now = ctx.clock.now();
  const on = now.toISOString();
  const agencies = (await listAgencies(ctx)).filter((agency) => agency.s11Duty);

  let cycle: S11Cycle | undefined = await ctx.stores.s11Cycles.get(cycleIdOf(label));
  const alreadyOpen = cycle !== undefined;
  if (cycle && cycle.stage !== 'OPEN') throw new ValidationError('That cycle exists and is past the open stage.', { field: 'cycle' }, 'S11.CYCLE_EXISTS');
  let framework = await currentFramework(ctx);
  if (!cycle) {
    cycle = openCycle({ label, frameworkId: framework.id, openedOn: todayOf(ctx), dueDate, agencyIds: agencies.map((agency) => agency.id) }, { by: actor.aadObjectId, on });
    const operations: WriteOperation[] = [ctx.stores.s11Cycles.op.create(cycle)];
    const stored = await ctx.stores.s11Frameworks.get(framework.id);
    if (!stored) {
      framework = { ...framework, createdAt: on, createdBy: actor.aadObjectId };
      operations.push(ctx.stores.s11Frameworks.op.create(framework));
    }
    operations.push(auditOperation({ at: on, by: actor.aadObjectId, subjectKind: KIND.s11Cycle, subjectId: cycle.id, operation: 's11-open', after: { label, dueDate, frameworkId: framework.id, agencies: cycle.agencyIds.length } }));
    await ctx.stores.commit(operations);
  }
  const asked = new Set(cycle.agencyIds);
  const invited = agencies.filter((agency) => asked.has(agency.id));
  const withChannel = invited.filter((agency): agency is Stored<Agency> & { channelConversationId: string } => agency.channelConversationId !== undefined);
  const items: EnqueueItem[] = withChannel.map((agency) => ({
    message: newOutboxMessage(
      {
        idempotencyKey: invitationKey((cycle as S11Cycle).id, agency.id),
        policy: 'S11_INVITATION',
        subjectId: (cycle as S11Cycle).id,
        dueDate: (cycle as S11Cycle).dueDate,
        recipient: { kind: 'agency', id: agency.id },
        agencyId: agency.id,
        conversationRecordId: agency.channelConversationId,
        payload: render({ cycle: cycle as S11Cycle, agency, framework }),
        notBefore: on,
      },
      now,
    ),
  }));
  await enqueue(ctx, items);
  return { cycle, alreadyOpen, invited: withChannel.length, withoutChannel: invited.filter((agency) => !agency.channelConversationId).map((agency) => agency.name) };
}
