import { identifyUser } from '../../../src/app/directory/identify-user';
import { openCaseAudit } from '../../../src/app/scrutiny/grade-case';
import { newPieceForm } from '../../../src/app/scrutiny/new-piece';
import { showPiece } from '../../../src/app/scrutiny/piece-view';
import { showProgramme } from '../../../src/app/scrutiny/programme';
import { openSelfEvaluation } from '../../../src/app/scrutiny/self-evaluation';
import { seedDemoData } from '../../../src/app/setup/seed-demo-data';
import { CARD_VERBS } from '../../../src/bot/card-verbs';
import { cardBytes, CardRenderer, MAX_CARD_BYTES } from '../../../src/cards/render';
import { caseAuditCard, concernCard, newPieceCard, pieceCard, programmeCard, selfEvaluationCard } from '../../../src/cards/scrutiny-cards';
import { createTestContext } from '../../support/test-context';

/** Every Table's column count and every Action.Execute verb in a card. */
function walk(card: unknown, found: { tables: number[]; verbs: string[] } = { tables: [], verbs: [] }) {
  if (Array.isArray(card)) card.forEach((item) => walk(item, found));
  else if (card && typeof card === 'object') {
    const node = card as Record<string, unknown>;
    if (node.type === 'Table') found.tables.push((node.columns as unknown[]).length);
    if (node.type === 'Action.Execute') found.verbs.push(node.verb as string);
    Object.values(node).forEach((value) => walk(value, found));
  }
  return found;
}

describe('scrutiny cards at chat width', () => {
  it('every scrutiny card fits 28 KB, has no table wider than 4 columns, shows labels not identifiers, and uses known verbs', async () => {
    const ctx = await createTestContext();
    ctx.clock.set('2026-11-30T10:00:00Z');
    const operatorId = '00000000-0000-4000-8000-0000000000aa';
    await seedDemoData(ctx, [{ id: operatorId, name: 'Demo operator' }]);
    const operator = await identifyUser(ctx, operatorId, 'Demo operator');
    const health = await identifyUser(ctx, 'd0000000-0000-4000-8000-000000000004', 'Demo Health Lead');
    const renderer = new CardRenderer();
    const asAt = '30 Nov 2026, 10:00 (UK time)';
    const cards = [
      newPieceCard(renderer, await newPieceForm(ctx, operator)),
      programmeCard(renderer, await showProgramme(ctx, operator, ''), asAt),
      ...(await Promise.all(['SCR-2026-1', 'SCR-2026-2', 'SCR-2026-3'].map(async (ref) => pieceCard(renderer, await showPiece(ctx, operator, ref), asAt)))),
      pieceCard(renderer, await showPiece(ctx, health, 'SCR-2026-2'), asAt),
      caseAuditCard(renderer, await openCaseAudit(ctx, health, { pieceId: 'scr-2026-2', caseCode: 'C2', agencyId: 'lthtr' })),
      selfEvaluationCard(renderer, await openSelfEvaluation(ctx, health, { pieceId: 'scr-2026-1', agencyId: 'lthtr' })),
      concernCard(renderer, { pieceRef: 'SCR-2026-2', pieceTitle: 'Escalation', caseCode: 'C2', agencyName: 'Lancashire Teaching Hospitals NHS Foundation Trust', summary: 'Bruising not referred', raisedByName: 'Demo Health Lead', raisedAt: '29 Nov 2026' }),
    ];
    for (const card of cards) {
      const { tables, verbs } = walk(card);
      expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
      expect(tables.every((columns) => columns <= 4)).toBe(true);
      for (const verb of verbs) expect(CARD_VERBS).toContain(verb);
      const text = JSON.stringify(card);
      for (const identifier of ['CASE_FILE_AUDIT', 'VOICE_OF_THE_CHILD', 'AREA_FOR_DEVELOPMENT', 'REQUIRES_IMPROVEMENT', 'TRIANGULATION']) {
        // Identifiers appear only as input values, never as text shown to the reader.
        expect(text.replace(/"(value|to|stage|nextStage|id)":"[A-Z_:a-z0-9-]*"/g, '')).not.toContain(`"${identifier}`);
      }
    }
    const piece = JSON.stringify(cards[2]);
    expect(piece).toContain('Triangulated (3 kinds of evidence)');
    expect(piece).toContain('"verb":"scrutiny.stage"');
    const healthView = JSON.stringify(cards[5]);
    expect(healthView).toContain('"verb":"scrutiny.audit.open"');
    expect(healthView).not.toContain('"verb":"scrutiny.stage"');
  });
});
