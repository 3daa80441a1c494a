import { newPieceForm } from '../../app/scrutiny/new-piece';
import { showPiece } from '../../app/scrutiny/piece-view';
import { showProgramme } from '../../app/scrutiny/programme';
import { looksLikeScrutinyRef } from '../../domain/scrutiny/piece';
import { newPieceCard, pieceCard, programmeCard } from '../../cards/scrutiny-cards';
import type { BotDeps } from '../bot-deps';
import { asAtText } from '../../domain/calendar';
import { actorOf, type Turn } from '../turn';

/** `scrutiny new`: the card to propose a piece (PAI chair, business unit, administrator). */
export async function scrutinyNewCommand(deps: BotDeps, turn: Turn): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  await turn.send(newPieceCard(deps.cards, await newPieceForm(deps.ctx, actor)));
}

/** `scrutiny [period]` shows the programme; `scrutiny <ref>` one piece with the controls the user's role allows. */
export async function scrutinyCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const asAt = asAtText(deps.ctx.clock.now());
  if (args.trim() && looksLikeScrutinyRef(args) && !/^\d{2,4}\s*[/-]\s*\d{2,4}$/.test(args.trim())) {
    await turn.send(pieceCard(deps.cards, await showPiece(deps.ctx, actor, args.trim()), asAt));
    return;
  }
  await turn.send(programmeCard(deps.cards, await showProgramme(deps.ctx, actor, args), asAt));
}
