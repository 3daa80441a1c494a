import { z } from 'zod';
import { answerS11Query } from '../../app/section11/answer-query';
import type { ReturnOutcome } from '../../app/section11/commit-return';
import { copyS11Answer } from '../../app/section11/copy-answer';
import { moderateS11Return } from '../../app/section11/moderate-return';
import { saveS11Answer } from '../../app/section11/save-answer';
import { sendS11Feedback } from '../../app/section11/send-feedback';
import { submitS11Return } from '../../app/section11/submit-return';
import { s11SummaryFor } from '../../app/section11/summary';
import { viewS11ReturnById } from '../../app/section11/view-return';
import type { AdaptiveCard } from '../../cards/render';
import { s11FeedbackPayload, s11ReturnCard, s11StandardCard, s11SummaryCard, type Banner } from '../../cards/s11-cards';
import type { Actor } from '../../domain/directory/member';
import type { BotDeps } from '../bot-deps';
import { parseCardData } from '../card-data';
import { asAtText } from '../../domain/calendar';
import { actorOf, type Turn } from '../turn';
import { orShowAgain } from '../refusals';

/** Card payloads are forms the user controls: parsed here; who acts comes from the activity, never from these. */
const text = z.string().max(2000).optional();
const returnId = z.string().min(1).max(200).regex(/^[^/\\?#\s]+$/);
const standard = z.string().min(1).max(10);
const returnRef = z.object({ returnId });
const standardRef = z.object({ returnId, standard });
const key = z.object({ returnId, etag: z.string().min(1).max(200), submissionId: z.string().uuid() });
const answerSchema = key.extend({
  standard,
  selfRating: text,
  evidence: text,
  evidenceLinks: text,
  areasForImprovement: text,
  actionDescription: text,
  actionTargetDate: text,
  actionOfficerEmail: text,
});
const submitSchema = key.extend({ signOffName: text, signOffRole: text });
const moderateSchema = key.extend({ standard, mode: z.enum(['rate', 'query']), moderatedRating: text, moderationNote: text, query: text });
const replySchema = key.extend({ standard, reply: text, replyRating: text, replyLinks: text });
const feedbackSchema = key.extend({ strengths: text, areasForDevelopment: text });
const summarySchema = z.object({ cycle: z.string().max(20), view: z.enum(['overview', 'agency', 'standard']), id: z.string().max(200).optional() });

const BANNERS: Record<ReturnOutcome['outcome'], Banner> = {
  saved: { style: 'good', text: 'Saved.' },
  duplicate: { style: 'emphasis', text: 'This was already saved (the same submission arrived twice).' },
  stale: { style: 'warning', text: 'Not saved: this return changed since your card was shown. Here is the current state; check it and try again.' },
};

function asAt(deps: BotDeps): string {
  return asAtText(deps.ctx.clock.now());
}

/** The next card after a change: the standard (or the whole return) as it now stands, with what happened. */
async function outcomeCard(deps: BotDeps, actor: Actor, returnIdValue: string, show: string | undefined, outcome: ReturnOutcome, saved?: string): Promise<AdaptiveCard> {
  const view = await viewS11ReturnById(deps.ctx, actor, returnIdValue);
  const banner = outcome.outcome === 'saved' && saved ? { style: 'good' as const, text: saved } : BANNERS[outcome.outcome];
  return show ? s11StandardCard(deps.cards, view, show, { asAt: asAt(deps), banner }) : s11ReturnCard(deps.cards, view, { asAt: asAt(deps), banner });
}

/** A change the rules refused, that the user can put right, comes back as the current card with the reason; the rest get the error card. */
function guarded(deps: BotDeps, actor: Actor, returnIdValue: string, show: string | undefined, run: () => Promise<AdaptiveCard>): Promise<AdaptiveCard> {
  return orShowAgain(run, async (error) => {
    const view = await viewS11ReturnById(deps.ctx, actor, returnIdValue);
    const banner: Banner = { style: 'attention', text: `Not saved: ${error.message}` };
    return show ? s11StandardCard(deps.cards, view, show, { asAt: asAt(deps), banner }) : s11ReturnCard(deps.cards, view, { asAt: asAt(deps), banner });
  });
}

/** `s11.return`: the whole return (also Back from a standard, and the invitation's button). */
export async function s11ReturnFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(returnRef, data);
  const actor = await actorOf(deps.ctx, turn);
  return s11ReturnCard(deps.cards, await viewS11ReturnById(deps.ctx, actor, input.returnId), { asAt: asAt(deps) });
}

/** `s11.standard`: one standard of a return. */
export async function s11StandardFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(standardRef, data);
  const actor = await actorOf(deps.ctx, turn);
  const view = await viewS11ReturnById(deps.ctx, actor, input.returnId);
  if (!view.framework.standards.some((entry) => entry.number === input.standard)) return s11ReturnCard(deps.cards, view, { asAt: asAt(deps) });
  return s11StandardCard(deps.cards, view, input.standard, { asAt: asAt(deps) });
}

/** `s11.save`: a draft answer for one standard. */
export async function s11SaveFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const { returnId: id, etag, submissionId, standard: number, ...fields } = parseCardData(answerSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  return guarded(deps, actor, id, number, async () => outcomeCard(deps, actor, id, number, await saveS11Answer(deps.ctx, actor, { returnId: id, etag, submissionId }, number, fields), 'Draft saved.'));
}

/** `s11.copy`: "same as last cycle" for one standard. */
export async function s11CopyFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const { returnId: id, etag, submissionId, standard: number } = parseCardData(answerSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  return guarded(deps, actor, id, number, async () => outcomeCard(deps, actor, id, number, await copyS11Answer(deps.ctx, actor, { returnId: id, etag, submissionId }, number), "Copied last cycle's answer: review it and save."));
}

/** `s11.submit`: the signed-off return goes to the PAI. */
export async function s11SubmitFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const { returnId: id, etag, submissionId, ...signOff } = parseCardData(submitSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  return guarded(deps, actor, id, undefined, async () => outcomeCard(deps, actor, id, undefined, await submitS11Return(deps.ctx, actor, { returnId: id, etag, submissionId }, signOff), 'Submitted. Thank you: the PAI subgroup will moderate your return.'));
}

/** `s11.moderate`: a moderated rating and note, or a query back to the agency. */
export async function s11ModerateFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const { returnId: id, etag, submissionId, standard: number, ...fields } = parseCardData(moderateSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  const done = fields.mode === 'query' ? 'Query sent to the agency.' : 'Moderated rating saved.';
  return guarded(deps, actor, id, number, async () => outcomeCard(deps, actor, id, number, await moderateS11Return(deps.ctx, actor, { returnId: id, etag, submissionId }, number, fields), done));
}

/** `s11.answer`: the agency answers a PAI query. */
export async function s11AnswerFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const { returnId: id, etag, submissionId, standard: number, reply, replyRating, replyLinks } = parseCardData(replySchema, data);
  const actor = await actorOf(deps.ctx, turn);
  return guarded(deps, actor, id, number, async () =>
    outcomeCard(deps, actor, id, number, await answerS11Query(deps.ctx, actor, { returnId: id, etag, submissionId }, number, reply ?? '', { selfRating: replyRating, evidenceLinks: replyLinks }), 'Answer sent to the PAI.'));
}

/** `s11.feedback`: feedback to the agency; its improvement actions become tracked actions. */
export async function s11FeedbackFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const { returnId: id, etag, submissionId, ...fields } = parseCardData(feedbackSchema, data);
  const actor = await actorOf(deps.ctx, turn);
  return guarded(deps, actor, id, undefined, async () =>
    outcomeCard(deps, actor, id, undefined, await sendS11Feedback(deps.ctx, actor, { returnId: id, etag, submissionId }, fields, (input) => s11FeedbackPayload(deps.cards, input)), 'Feedback sent to the agency.'));
}

/** `s11.summary`: drill into one agency or one standard, and Back. */
export async function s11SummaryFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(summarySchema, data);
  const actor = await actorOf(deps.ctx, turn);
  const { summary } = await s11SummaryFor(deps.ctx, actor, input.cycle);
  if (input.view === 'agency' && summary.agencies.some((row) => row.agencyId === input.id)) return s11SummaryCard(deps.cards, summary, { view: 'agency', id: input.id as string }, asAt(deps));
  if (input.view === 'standard' && summary.standards.some((row) => row.number === input.id)) return s11SummaryCard(deps.cards, summary, { view: 'standard', id: input.id as string }, asAt(deps));
  return s11SummaryCard(deps.cards, summary, { view: 'overview' }, asAt(deps));
}
