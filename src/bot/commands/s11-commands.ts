import { moveS11Stage } from '../../app/section11/move-stage';
import { openS11Cycle } from '../../app/section11/open-cycle';
import { assertCanModerate } from '../../app/section11/records';
import { s11SummaryFor } from '../../app/section11/summary';
import { viewS11Return } from '../../app/section11/view-return';
import { S11_STAGE_LABELS } from '../../domain/section11/cycle';
import { ValidationError } from '../../domain/errors';
import { s11InvitationPayload, s11ReturnCard, s11SummaryCard } from '../../cards/s11-cards';
import { formatDay } from '../../domain/section11/day-text';
import type { BotDeps } from '../bot-deps';
import { asAtText } from '../../domain/calendar';
import { actorOf, type Turn } from '../turn';

/** `s11 open <cycle> due <YYYY-MM-DD>`: the business unit opens a cycle; invitations go through the outbox. */
export async function s11OpenCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const result = await openS11Cycle(deps.ctx, actor, args, (input) => s11InvitationPayload(deps.cards, input));
  const lead = result.alreadyOpen ? `Section 11 cycle ${result.cycle.label} was already open; its invitations are queued.` : `Section 11 cycle ${result.cycle.label} is open for ${result.cycle.agencyIds.length} agencies, due ${formatDay(result.cycle.dueDate)}.`;
  const channels = ` Invitations queued to ${result.invited} agency channel${result.invited === 1 ? '' : 's'}.`;
  const missing = result.withoutChannel.length ? ` No linked channel (their reps hear through the digest): ${result.withoutChannel.join(', ')}.` : '';
  await turn.send(lead + channels + missing);
}

/** `s11 stage <stage> [cycle]`: moves the cycle on one stage. */
export async function s11StageCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const cycle = await moveS11Stage(deps.ctx, actor, args);
  await turn.send(`Section 11 cycle ${cycle.label} is now at: ${S11_STAGE_LABELS[cycle.stage]}.`);
}

/** `s11 return [agency]`: your agency's return (the PAI chair, business unit and admins may name any agency). */
export async function s11ReturnCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const view = await viewS11Return(deps.ctx, actor, args);
  await turn.send(s11ReturnCard(deps.cards, view, { asAt: asAtText(deps.ctx.clock.now()) }));
}

/** `s11 moderate <agency>`: the return with moderation forms on each standard. */
export async function s11ModerateCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  assertCanModerate(actor);
  if (!args.trim()) throw new ValidationError('Name the agency: s11 moderate <agency>.', {}, 'S11.AGENCY_REQUIRED');
  const view = await viewS11Return(deps.ctx, actor, args);
  const text = view.ret.status === 'NOT_STARTED' || view.ret.status === 'DRAFT' ? 'This return has not been submitted yet, so it cannot be moderated.' : 'Open each standard to record a moderated rating and note, or to query it back to the agency.';
  await turn.send(s11ReturnCard(deps.cards, view, { asAt: asAtText(deps.ctx.clock.now()), banner: { style: 'emphasis', text } }));
}

/** `s11 feedback <agency>`: the return with the feedback form once every standard is moderated. */
export async function s11FeedbackCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  assertCanModerate(actor);
  if (!args.trim()) throw new ValidationError('Name the agency: s11 feedback <agency>.', {}, 'S11.AGENCY_REQUIRED');
  const view = await viewS11Return(deps.ctx, actor, args);
  const text = view.ret.status === 'MODERATED' ? 'Use "Send feedback" below.' : view.ret.status === 'FEEDBACK_SENT' ? 'Feedback has been sent.' : 'Feedback goes once every standard is moderated and no query is open.';
  await turn.send(s11ReturnCard(deps.cards, view, { asAt: asAtText(deps.ctx.clock.now()), banner: { style: 'emphasis', text } }));
}

/** `s11 summary [cycle]`: the summary card; the full matrix is in the report files. */
export async function s11SummaryCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const { summary } = await s11SummaryFor(deps.ctx, actor, args);
  await turn.send(s11SummaryCard(deps.cards, summary, { view: 'overview' }, asAtText(deps.ctx.clock.now())));
}
