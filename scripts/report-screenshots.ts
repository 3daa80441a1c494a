import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store';
import { BankHolidayCalendar } from '../src/adapters/system/bank-holiday-calendar';
import { buildAppContext } from '../src/app/build-context';
import { drawAndStoreDipSample } from '../src/app/dip-samples';
import { dipSampleDocument, reportDocument } from '../src/app/report-documents';
import type { ReportName } from '../src/app/reports';
import { seedReferenceData } from '../src/app/seed-reference-data';
import { reportCard } from '../src/cards/report-card';
import { CardRenderer } from '../src/cards/render';
import type { Actor } from '../src/domain/member';
import type { ReportDocument } from '../src/domain/reports/report-document';
import { NOW, seedReportsDataset } from '../test/fixtures/reports-dataset';
import { PEOPLE } from '../test/support/activities';
import { FixedClock } from '../test/support/fixed-clock';
import { MemoryLogger } from '../test/support/silent-logger';
import { TEAMS_HOST_CONFIG } from './teams-host-config';

const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';


/** Renders every report card from the fixed test dataset in headless Chromium and writes docs/screenshots/*.png. */
async function main(): Promise<void> {
  const clock = new FixedClock(NOW);
  const store = new SqliteStore(':memory:');
  const ctx = buildAppContext(
    { partnershipId: 'screens', partnershipName: 'Lancashire Safeguarding Children Partnership', adminAadObjectIds: [], workEmailDomains: [], rag: { amberWithinDays: 30, staleAfterDays: 90, notStartedAfterDays: 30 }, assuranceClockStart: 'MANUAL' },
    { store, clock, logger: new MemoryLogger(), holidays: new BankHolidayCalendar() },
  );
  await seedReferenceData(ctx);
  await seedReportsDataset(store, ctx.partnershipId);
  const chair: Actor = { aadObjectId: PEOPLE.chair.aadObjectId, name: PEOPLE.chair.name, roles: ['PAI_CHAIR'] };
  const reports: [string, ReportName, string][] = [
    ['quarterly-themes', 'quarterly-themes', 'Q2 2026/27'],
    ['status', 'status', ''],
    ['overdue', 'overdue', ''],
    ['assurance', 'assurance', ''],
    ['yearly', 'yearly', '2026/27'],
  ];
  const docs: [string, ReportDocument][] = [];
  for (const [file, name, args] of reports) docs.push([file, await reportDocument(ctx, chair, name, args)]);
  const sample = await drawAndStoreDipSample(ctx, chair, { n: 3 }, () => 20261120);
  docs.push(['dip-sample', await dipSampleDocument(ctx, sample)]);

  const renderer = new CardRenderer();
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 800 }, deviceScaleFactor: 1 });
    await page.setContent('<!doctype html><html><body style="margin:0;background:#F5F5F5;font-family:Segoe UI,Arial,sans-serif"><div id="card" style="width:860px;margin:12px;background:#fff;border:1px solid #E1DFDD;border-radius:6px"></div></body></html>');
    await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
    await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
    for (const [file, doc] of docs) {
      const card = reportCard(renderer, doc, { asAt: '20 Nov 2026, 12:00 (UK time)', ref: { report: doc.name, args: '' }, share: true, offerFile: true });
      // Page scripts are strings: the build has no DOM types. Teams chart elements are unknown here, so the text fallback shows.
      await page.evaluate(`(() => {
        const card = new AdaptiveCards.AdaptiveCard();
        card.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(TEAMS_HOST_CONFIG)});
        card.parse(${JSON.stringify(card)});
        const target = document.getElementById('card');
        target.innerHTML = '';
        target.appendChild(card.render());
      })()`);
      await page.locator('#card').screenshot({ path: join(OUT, `${file}.png`) });
      console.log(`wrote docs/screenshots/${file}.png`);
    }
  } finally {
    await browser.close();
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
