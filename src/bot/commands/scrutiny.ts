import type { TurnContext } from 'botbuilder';
import { newPieceForm } from '../../app/scrutiny/new-piece';
import { showPiece } from '../../app/scrutiny/piece-view';
import { showProgramme } from '../../app/scrutiny/programme';
import { looksLikeScrutinyRef } from '../../domain/scrutiny/piece';
import { newPieceCard, pieceCard, programmeCard } from '../../cards/scrutiny-cards';
import type { BotDeps } from '../bot-deps';
import { asAtText, replyWithCard } from '../reply';
import { actorOf } from '../turn';

/** `scrutiny new`: the card to propose a piece (PAI chair, business unit, administrator). */
export async function scrutinyNewCommand(deps: BotDeps, context: TurnContext): Promise<void> {
  const actor = await actorOf(deps.ctx, context);
  await replyWithCard(context, newPieceCard(deps.cards, await newPieceForm(deps.ctx, actor)));
}

/** `scrutiny [period]` shows the programme; `scrutiny <ref>` one piece with the controls the user's role allows. */
export async function scrutinyCommand(deps: BotDeps, context: TurnContext, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, context);
  const asAt = asAtText(deps.ctx.clock.now());
  if (args.trim() && looksLikeScrutinyRef(args) && !/^\d{2,4}\s*[/-]\s*\d{2,4}$/.test(args.trim())) {
    await replyWithCard(context, pieceCard(deps.cards, await showPiece(deps.ctx, actor, args.trim()), asAt));
    return;
  }
  await replyWithCard(context, programmeCard(deps.cards, await showProgramme(deps.ctx, actor, args), asAt));
}
