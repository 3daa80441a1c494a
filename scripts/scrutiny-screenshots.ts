import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store';
import { BankHolidayCalendar } from '../src/adapters/system/bank-holiday-calendar';
import { buildAppContext } from '../src/app/kernel/build-context';
import { identifyUser } from '../src/app/directory/identify-user';
import { openCaseAudit } from '../src/app/scrutiny/grade-case';
import { newPieceForm } from '../src/app/scrutiny/new-piece';
import { showPiece } from '../src/app/scrutiny/piece-view';
import { showProgramme } from '../src/app/scrutiny/programme';
import { openSelfEvaluation } from '../src/app/scrutiny/self-evaluation';
import { seedDemoData } from '../src/app/setup/seed-demo-data';
import { seedReferenceData } from '../src/app/setup/seed-reference-data';
import { CardRenderer, type AdaptiveCard } from '../src/cards/render';
import { caseAuditCard, concernCard, newPieceCard, pieceCard, programmeCard, selfEvaluationCard } from '../src/cards/scrutiny-cards';
import { FixedClock } from '../test/support/fixed-clock';
import { MemoryLogger } from '../test/support/silent-logger';
import { TEAMS_HOST_CONFIG } from './teams-host-config';

const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Teams' chat column: cards are read at about this width. */
const CHAT_WIDTH = 470;


/**
 * Renders the scrutiny cards from the demo partnership in headless Chromium at chat width (470 px) and writes
 * docs/screenshots/scrutiny-*.png. Fails when any word is wider than its text block (it would be broken or cut).
 */
async function main(): Promise<void> {
  const store = new SqliteStore(':memory:');
  const ctx = buildAppContext(
    { partnershipId: 'screens', partnershipName: 'Lancashire Safeguarding Children Partnership', adminAadObjectIds: [], workEmailDomains: [], rag: { amberWithinDays: 30, staleAfterDays: 90, notStartedAfterDays: 30 }, assuranceClockStart: 'MANUAL' },
    { store, clock: new FixedClock('2026-11-30T10:00:00Z'), logger: new MemoryLogger(), holidays: new BankHolidayCalendar() },
  );
  await seedReferenceData(ctx);
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
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const broken: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: CHAT_WIDTH + 40, height: 800 }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:#F5F5F5;font-family:Segoe UI,Arial,sans-serif"><div id="card" style="width:${CHAT_WIDTH}px;margin:12px;background:#fff;border:1px solid #E1DFDD;border-radius:6px"></div></body></html>`);
    await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
    await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
    for (const [file, card] of cards) {
      const wide = await page.evaluate(`(() => {
        const card = new AdaptiveCards.AdaptiveCard();
        card.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(TEAMS_HOST_CONFIG)});
        card.parse(${JSON.stringify(card)});
        const target = document.getElementById('card');
        target.innerHTML = '';
        target.appendChild(card.render());
        // A word wider than its block would be broken mid-word (or cut): measure each word on its own.
        const probe = document.createElement('span');
        probe.style.whiteSpace = 'nowrap';
        probe.style.position = 'absolute';
        probe.style.visibility = 'hidden';
        const found = [];
        for (const block of target.querySelectorAll('.ac-textBlock')) {
          const style = getComputedStyle(block);
          probe.style.font = style.font;
          block.appendChild(probe);
          for (const word of (block.innerText || '').split(/\\s+/)) {
            probe.textContent = word;
            if (probe.getBoundingClientRect().width > block.clientWidth + 1) found.push(word);
          }
          probe.remove();
        }
        return found;
      })()`) as string[];
      broken.push(...wide.map((word) => `${file}: "${word}"`));
      await page.locator('#card').screenshot({ path: join(OUT, `${file}.png`) });
      console.log(`wrote docs/screenshots/${file}.png`);
    }
  } finally {
    await browser.close();
    await store.close();
  }
  if (broken.length) {
    console.error(`Words wider than their column at ${CHAT_WIDTH} px:\n${broken.join('\n')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
