import { z } from 'zod';
import { addAuditCases } from '../../app/scrutiny/add-cases';
import { addFinding } from '../../app/scrutiny/add-finding';
import { addRecommendation } from '../../app/scrutiny/add-recommendation';
import { agreeRecommendation } from '../../app/scrutiny/agree-recommendation';
import { gradeCase, openCaseAudit } from '../../app/scrutiny/grade-case';
import { movePieceStage } from '../../app/scrutiny/move-stage';
import { createPiece } from '../../app/scrutiny/new-piece';
import { showPiece } from '../../app/scrutiny/piece-view';
import { raiseConcern } from '../../app/scrutiny/raise-concern';
import { recordFeedback } from '../../app/scrutiny/record-feedback';
import { recordInspectionReview } from '../../app/scrutiny/record-inspection-review';
import { resolveConcern } from '../../app/scrutiny/resolve-concern';
import { openSelfEvaluation, recordSelfEvaluation } from '../../app/scrutiny/self-evaluation';
import { SCRUTINY_STAGE_LABELS } from '../../domain/scrutiny/piece';
import type { AdaptiveCard } from '../../cards/render';
import { caseAuditCard, createScrutinyRender, pieceCard, selfEvaluationCard } from '../../cards/scrutiny-cards';
import type { Actor } from '../../domain/directory/member';
import type { BotDeps } from '../bot-deps';
import { formSchema, parseCardData } from '../card-data';
import { asAtText } from '../../domain/calendar';
import { actorOf, type Turn } from '../turn';

/**
 * Scrutiny card verbs. Every payload is parsed here (ids from the button, inputs as text); who may act is decided in
 * the use case from the activity's user, never from the card.
 */
const id = z.string().min(1).max(200).regex(/^[^/\\?#\s]+$/);
const text = z.string().max(2000).default('');
const pieceRef = z.object({ pieceId: id });
const caseRef = pieceRef.extend({ caseCode: z.string().min(1).max(10), agencyId: id });

async function reopen(deps: BotDeps, actor: Actor, pieceId: string, banner: string): Promise<AdaptiveCard> {
  return pieceCard(deps.cards, await showPiece(deps.ctx, actor, pieceId), asAtText(deps.ctx.clock.now()), banner);
}

function fields(data: unknown): Record<string, string> {
  return parseCardData(formSchema, data);
}

export async function createPieceFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const actor = await actorOf(deps.ctx, turn);
  const piece = await createPiece(deps.ctx, actor, fields(data));
  return reopen(deps, actor, piece.id, `${piece.ref} proposed for ${piece.period}. Move it to Agreed once the PAI subgroup agrees it.`);
}

export async function openPieceFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(z.object({ ref: z.string().min(1).max(60) }), data);
  const actor = await actorOf(deps.ctx, turn);
  return reopen(deps, actor, input.ref, '');
}

export async function moveStageFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(pieceRef.extend({ stage: z.string().min(1).max(30), to: z.string().min(1).max(30) }), data);
  const actor = await actorOf(deps.ctx, turn);
  const piece = await movePieceStage(deps.ctx, actor, input, createScrutinyRender(deps.cards));
  const cards = piece.stage === 'EVIDENCE' && piece.tools.includes('SELF_EVALUATION') ? ' Each agency has been sent its self-evaluation card.' : '';
  return reopen(deps, actor, piece.id, `Moved to ${SCRUTINY_STAGE_LABELS[piece.stage]}.${cards}`);
}

export async function addCasesFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(pieceRef.extend({ caseCodes: z.string().max(400).default('') }), data);
  const actor = await actorOf(deps.ctx, turn);
  const result = await addAuditCases(deps.ctx, actor, input, createScrutinyRender(deps.cards));
  return reopen(deps, actor, input.pieceId, `Added ${result.added.join(', ')}: ${result.cards} case audit card${result.cards === 1 ? '' : 's'} queued to the taking-part agencies.`);
}

export async function openCaseAuditFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(caseRef, data);
  const actor = await actorOf(deps.ctx, turn);
  return caseAuditCard(deps.cards, await openCaseAudit(deps.ctx, actor, input));
}

export async function gradeCaseFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const { pieceId, caseCode, agencyId } = parseCardData(caseRef, data);
  const actor = await actorOf(deps.ctx, turn);
  const view = await gradeCase(deps.ctx, actor, { pieceId, caseCode, agencyId, fields: fields(data) });
  return caseAuditCard(deps.cards, view, `Grades for case ${view.caseCode} saved.`);
}

export async function raiseConcernFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(caseRef.extend({ concern: text }), data);
  const actor = await actorOf(deps.ctx, turn);
  const { notified } = await raiseConcern(deps.ctx, actor, { ...input, summary: input.concern }, createScrutinyRender(deps.cards));
  const piece = await openCaseAudit(deps.ctx, actor, input).catch(() => undefined);
  const banner = `Immediate concern recorded for case ${input.caseCode.toUpperCase()}: ${notified} ${notified === 1 ? 'person is' : 'people are'} being told now. The piece cannot close until it is dealt with.`;
  return piece ? caseAuditCard(deps.cards, piece, banner) : reopen(deps, actor, input.pieceId, banner);
}

export async function resolveConcernFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(pieceRef.extend({ concernId: id, note: text }), data);
  const actor = await actorOf(deps.ctx, turn);
  await resolveConcern(deps.ctx, actor, input);
  return reopen(deps, actor, input.pieceId, 'The concern is recorded as dealt with.');
}

export async function openSelfEvaluationFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(pieceRef.extend({ agencyId: id }), data);
  const actor = await actorOf(deps.ctx, turn);
  return selfEvaluationCard(deps.cards, await openSelfEvaluation(deps.ctx, actor, input));
}

export async function recordSelfEvaluationFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(pieceRef.extend({ agencyId: id }), data);
  const actor = await actorOf(deps.ctx, turn);
  const view = await recordSelfEvaluation(deps.ctx, actor, { ...input, fields: fields(data) });
  return selfEvaluationCard(deps.cards, view, 'Self-evaluation saved.');
}

export async function recordFeedbackFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(pieceRef.extend({ source: text, respondents: z.union([z.string().max(10), z.number()]).transform(String).default(''), summary: text }), data);
  const actor = await actorOf(deps.ctx, turn);
  const piece = await recordFeedback(deps.ctx, actor, input);
  return reopen(deps, actor, piece.id, `Feedback ${piece.feedback[piece.feedback.length - 1].id} recorded.`);
}

export async function recordInspectionFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(pieceRef.extend({ title: text, url: text, summary: text }), data);
  const actor = await actorOf(deps.ctx, turn);
  const piece = await recordInspectionReview(deps.ctx, actor, input);
  return reopen(deps, actor, piece.id, `Inspection review ${piece.inspectionReviews[piece.inspectionReviews.length - 1].id} added.`);
}

export async function addFindingFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(pieceRef.extend({ kind: text, text, evidence: text }), data);
  const actor = await actorOf(deps.ctx, turn);
  const piece = await addFinding(deps.ctx, actor, input);
  return reopen(deps, actor, piece.id, `Finding F${piece.findings[piece.findings.length - 1].number} added.`);
}

export async function addRecommendationFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(pieceRef.extend({ text, findings: text, owners: text, successMeasure: text, targetDate: text }), data);
  const actor = await actorOf(deps.ctx, turn);
  const piece = await addRecommendation(deps.ctx, actor, input);
  return reopen(deps, actor, piece.id, `Recommendation R${piece.recommendations[piece.recommendations.length - 1].number} added.`);
}

export async function agreeRecommendationFromCard(deps: BotDeps, turn: Turn, data: unknown): Promise<AdaptiveCard> {
  const input = parseCardData(pieceRef.extend({ number: z.union([z.string().regex(/^\d{1,3}$/), z.number().int()]).transform(Number) }), data);
  const actor = await actorOf(deps.ctx, turn);
  const { piece, actions } = await agreeRecommendation(deps.ctx, actor, input);
  return reopen(deps, actor, piece.id, `R${input.number} agreed: ${actions.map((action) => action.ref).join(', ')} created. Post them with the usual action cards and reminders.`);
}
