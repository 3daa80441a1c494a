import { createPayloadExpander } from '../../src/cards/digest-card';
import { CardRenderer } from '../../src/cards/render';
import type { AppContext } from '../../src/app/kernel/app-context';
import { KIND } from '../../src/app/kernel/kinds';
import type { Action } from '../../src/domain/actions/action';
import type { IsoDate } from '../../src/domain/calendar';
import type { Meeting } from '../../src/domain/reviews/meeting';
import type { Review } from '../../src/domain/reviews/review';

const STAMP = '2026-01-01T00:00:00.000Z';

/** A review written straight to the store (reminder tests care about dates, not the import path). */
export async function putReview(ctx: AppContext, fields: Partial<Review> & { id: string }): Promise<Review> {
  const review: Review = {
    reference: fields.id.toUpperCase(), pseudonym: 'Child A', type: 'RAPID_REVIEW', status: 'ACTIONS_LIVE', themes: [],
    createdAt: STAMP, createdBy: 'test', updatedAt: STAMP, updatedBy: 'test', ...fields,
  };
  await ctx.store.upsert(KIND.review, ctx.partnershipId, review);
  return review;
}

/** An open action with a target date, written straight to the store. */
export async function putAction(ctx: AppContext, fields: Partial<Action> & { id: string; agencyId: string; currentTargetDate: IsoDate }): Promise<Action> {
  const action: Action = {
    ref: fields.id.toUpperCase(), sourceType: 'REVIEW', scope: 'SINGLE_AGENCY', themes: [], description: `Embed the neglect toolkit (${fields.id})`,
    successMeasure: 'Audit shows use', originalTargetDate: fields.currentTargetDate, extensionCount: 0, extensions: [], status: 'IN_PROGRESS',
    evidence: [], createdAt: STAMP, createdBy: 'test', updatedAt: STAMP, updatedBy: 'test', ...fields,
  };
  await ctx.store.upsert(KIND.action, ctx.partnershipId, action);
  return action;
}

/** A PAI meeting on a date. */
export async function putMeeting(ctx: AppContext, date: IsoDate): Promise<Meeting> {
  const meeting: Meeting = { id: `meeting-${date}`, date, type: 'PAI', title: 'PAI subgroup meeting', createdAt: STAMP, createdBy: 'test' };
  await ctx.store.upsert(KIND.meeting, ctx.partnershipId, meeting);
  return meeting;
}

const expand = createPayloadExpander(new CardRenderer());

/** The Adaptive Card a queued outbox message will be sent with (digests are queued as template data). */
export function queuedCard(message: { payload: Record<string, unknown> }): Record<string, unknown> {
  return (expand(message.payload).attachments as { content: Record<string, unknown> }[])[0].content;
}
