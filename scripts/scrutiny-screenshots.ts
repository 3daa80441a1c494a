import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { identifyUser } from '../src/app/directory/identify-user';
import { openCaseAudit } from '../src/app/scrutiny/grade-case';
import { newPieceForm } from '../src/app/scrutiny/new-piece';
import { showPiece } from '../src/app/scrutiny/piece-view';
import { showProgramme } from '../src/app/scrutiny/programme';
import { openSelfEvaluation } from '../src/app/scrutiny/self-evaluation';
import { seedDemoData } from '../src/app/setup/seed-demo-data';
import { CardRenderer, type AdaptiveCard } from '../src/cards/render';
import { caseAuditCard, concernCard, newPieceCard, pieceCard, programmeCard, selfEvaluationCard } from '../src/cards/scrutiny-cards';
import { CHAT_WIDTH_IN_PX, launchChromium, layoutProblems, openCardPage, renderCard, screensContext } from './report-card-pages';

const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'docs', 'screenshots');

/**
 * Renders the scrutiny cards from the demo partnership in headless Chromium at chat width (470 px, as the report cards
 * are) and writes docs/screenshots/scrutiny-*.png. Fails on what the browser test fails on: a word broken across
 * lines or cut, anything wider than the card, a chart legend Teams would hide.
 */
async function main(): Promise<void> {
  const { ctx, close } = await screensContext('2026-11-30T10:00:00Z');
  const operatorId = '00000000-0000-4000-8000-0000000000aa';
  await seedDemoData(ctx, [{ id: operatorId, name: 'Alex Wilber' }]);
  const chair = await identifyUser(ctx, 'd0000000-0000-4000-8000-000000000001', 'Demo PAI Chair');
  const health = await identifyUser(ctx, 'd0000000-0000-4000-8000-000000000004', 'Demo Health Lead');
  const renderer = new CardRenderer();
  const asAt = '30 Nov 2026, 10:00 (UK time)';
  const cards: [string, AdaptiveCard][] = [
    ['scrutiny-programme', programmeCard(renderer, await showProgramme(ctx, chair, ''), asAt)],
    ['scrutiny-piece', pieceCard(renderer, await showPiece(ctx, chair, 'SCR-2026-1'), asAt)],
    ['scrutiny-piece-concern', pieceCard(renderer, await showPiece(ctx, health, 'SCR-2026-2'), asAt)],
    ['scrutiny-case-audit', caseAuditCard(renderer, await openCaseAudit(ctx, health, { pieceId: 'scr-2026-2', caseCode: 'C2', agencyId: 'lthtr' }))],
    ['scrutiny-self-evaluation', selfEvaluationCard(renderer, await openSelfEvaluation(ctx, health, { pieceId: 'scr-2026-1', agencyId: 'lthtr' }))],
    ['scrutiny-concern', concernCard(renderer, { pieceRef: 'SCR-2026-2', pieceTitle: 'Escalation and resolving professional differences', caseCode: 'C2', agencyName: 'Lancashire Teaching Hospitals NHS Foundation Trust', summary: 'Bruising seen at the last contact was not referred.', raisedByName: 'Demo Health Lead', raisedAt: '29 Nov 2026' })],
    ['scrutiny-new', newPieceCard(renderer, await newPieceForm(ctx, chair))],
  ];
  mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium();
  const broken: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: CHAT_WIDTH_IN_PX, height: 800 }, deviceScaleFactor: 1 });
    await openCardPage(page);
    for (const [file, card] of cards) {
      await renderCard(page, card);
      broken.push(...(await layoutProblems(page, card)).map((problem) => `${file}: ${problem}`));
      await page.locator('#card').screenshot({ path: join(OUT, `${file}.png`) });
      console.log(`wrote docs/screenshots/${file}.png`);
    }
  } finally {
    await browser.close();
    await close();
  }
  if (broken.length) {
    console.error(`Layout problems at ${CHAT_WIDTH_IN_PX} px:\n${broken.join('\n')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
