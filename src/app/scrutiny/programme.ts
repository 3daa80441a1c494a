import type { Actor } from '../../domain/directory/member';
import { parsePeriod } from '../../domain/period';
import { isOpenConcern } from '../../domain/scrutiny/case-audit';
import { dateText, programmeSummary, SCRUTINY_STAGE_LABELS, type ProgrammeSummary } from '../../domain/scrutiny/piece';
import type { AppContext } from '../kernel/app-context';
import { todayOf } from '../kernel/app-context';
import { loadLookups, memberName } from '../directory/lookups';
import { assertCanRead } from './permissions';
import { listConcerns, listPieces } from './records';

export interface ProgrammeRow {
  ref: string;
  title: string;
  stage: string;
  detail: string;
}

export interface ProgrammeView {
  period: string;
  summary: ProgrammeSummary;
  /** "2 of 3 pieces: 1 short of the target" */
  headline: string;
  rows: ProgrammeRow[];
}

/** `scrutiny [period]`: the period's programme against the target, each piece with its stage (every registered member). */
export async function showProgramme(ctx: AppContext, actor: Actor, periodText = ''): Promise<ProgrammeView> {
  assertCanRead(actor);
  const period = parsePeriod(periodText, { today: todayOf(ctx), expect: 'year' });
  const [pieces, concerns, lookups] = await Promise.all([listPieces(ctx), listConcerns(ctx), loadLookups(ctx)]);
  const inPeriod = pieces.filter((piece) => piece.period === period.label).sort((a, b) => a.ref.localeCompare(b.ref, 'en', { numeric: true }));
  const summary = programmeSummary(period.label, inPeriod, ctx.settings.scrutiny.targetPieces);
  const open = (pieceId: string) => concerns.filter((concern) => concern.pieceId === pieceId && isOpenConcern(concern)).length;
  return {
    period: period.label,
    summary,
    headline: `${summary.pieces} of ${summary.target} pieces${summary.shortBy ? `: ${summary.shortBy} short of the target` : ': target met'}`,
    rows: inPeriod.map((piece) => {
      const concernsOpen = open(piece.id);
      const themes = piece.themes.map((id) => lookups.themes.get(id)?.name ?? id).join('; ');
      return {
        ref: piece.ref,
        title: piece.title,
        stage: SCRUTINY_STAGE_LABELS[piece.stage],
        detail: [
          `Lead ${memberName(lookups, piece.leadId)}`,
          `evidence due ${dateText(piece.evidenceDue)}`,
          `report due ${dateText(piece.reportDue)}`,
          ...(themes ? [themes] : []),
          ...(concernsOpen ? [`${concernsOpen} immediate concern${concernsOpen === 1 ? '' : 's'} open`] : []),
        ].join(' · '),
      };
    }),
  };
}
