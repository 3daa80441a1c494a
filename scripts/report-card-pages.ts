import type { AppContext } from '../src/app/kernel/app-context';
import { chromium, type Browser, type Page } from 'playwright-core';
import { myActions } from '../src/app/actions/action-queries';
import { drawAndStoreDipSample } from '../src/app/reports/dip-samples';
import { identifyUser } from '../src/app/directory/identify-user';
import { dipSampleDocument, reportDocument } from '../src/app/reports/report-documents';
import type { ReportName } from '../src/app/reports/reports';
import { actionListCard } from '../src/cards/action-cards';
import { deliveryReportCard } from '../src/cards/reminder-cards';
import { reportCard } from '../src/cards/report-card';
import { CardRenderer, type AdaptiveCard } from '../src/cards/render';
import { composeContext } from '../src/compose-context';
import { loadConfig } from '../src/config';
import type { Actor } from '../src/domain/directory/member';
import type { ReportDocument } from '../src/domain/reports/report-document';
import { CARA, NOW, seedReportsDataset } from '../test/fixtures/reports-dataset';
import { PEOPLE } from '../test/support/activities';
import { FixedClock } from '../test/support/fixed-clock';
import { MemoryLogger } from '../test/support/silent-logger';
import { TEAMS_HOST_CONFIG } from './teams-host-config';

/**
 * Every report card of the fixed report dataset, page by page, and the means to lay them out in headless Chromium as
 * Teams would at a chat's width: shared by the browser test (which fails on a broken word or a hidden legend entry)
 * and `npm run screenshots`.
 */

/** The personal chat's width on a laptop beside a meeting, or a phone held sideways (issue 14). */
export const CHAT_WIDTH_IN_PX = 470;

/** Debian's chromium (apt-get install chromium), or CHROMIUM_PATH. */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Headless Chromium as the screenshot scripts and the browser test use it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
}

export interface CardPage {
  /** File-friendly name: report, then the section shown. */
  name: string;
  card: AdaptiveCard;
}

const AS_AT = '20 Nov 2026, 12:00 (UK time)';

/**
 * The bot's use-case context for screenshots: composeContext (where the bot and the CLI start) on an in-memory store,
 * reference data seeded, the clock stopped at `now`.
 */
export async function screensContext(now: string): Promise<{ ctx: AppContext; close: () => Promise<void> }> {
  const config = loadConfig({ SQLITE_PATH: ':memory:', PARTNERSHIP_ID: 'screens', LOG_LEVEL: 'silent' });
  const { ctx, store } = await composeContext(config, { clock: new FixedClock(now), logger: new MemoryLogger() });
  return { ctx, close: () => store.close() };
}

/** The report documents of the fixed dataset, as the chair sees them, with the dip sample drawn from a fixed seed. */
export async function datasetDocuments(): Promise<{ docs: ReportDocument[]; extra: CardPage[]; ctx: AppContext; renderer: CardRenderer; close: () => Promise<void> }> {
  const { ctx, close } = await screensContext(NOW);
  await seedReportsDataset(ctx.store, ctx.partnershipId);
  const chair: Actor = { aadObjectId: PEOPLE.chair.aadObjectId, name: PEOPLE.chair.name, roles: ['PAI_CHAIR'] };
  const reports: [ReportName, string][] = [['quarterly-themes', 'Q2 2026/27'], ['status', ''], ['overdue', ''], ['assurance', ''], ['yearly', '2026/27']];
  const docs: ReportDocument[] = [];
  for (const [name, args] of reports) docs.push(await reportDocument(ctx, chair, name, args));
  const sample = await drawAndStoreDipSample(ctx, chair, { n: 3 }, () => 20261120);
  docs.push(await dipSampleDocument(ctx, sample));
  docs.push(await reportDocument(ctx, chair, 'dip-samples', ''));

  const renderer = new CardRenderer();
  const rep = await identifyUser(ctx, PEOPLE.policeRep.aadObjectId, PEOPLE.policeRep.name);
  const cara = await identifyUser(ctx, CARA.aadObjectId, CARA.name);
  const counts = (sent: number, pending: number, dead: number, gone: number) => ({ pending, sending: 0, sent, failed: 0, dead, gone });
  const extra: CardPage[] = [
    { name: 'my-actions-officer', card: actionListCard(renderer, await myActions(ctx, cara), { asAt: AS_AT }) },
    { name: 'my-actions-rep', card: actionListCard(renderer, await myActions(ctx, rep), { asAt: AS_AT }) },
    {
      name: 'delivery-report',
      card: deliveryReportCard(renderer, {
        generatedAt: NOW,
        totals: counts(14, 2, 1, 1),
        rows: [
          { policy: 'OVERDUE', agencyId: 'lthtr', counts: counts(6, 1, 1, 0) },
          { policy: 'ASSURANCE_12M', agencyId: 'lcc-csc', counts: counts(5, 1, 0, 1) },
          { policy: 'PAI_DIGEST', agencyId: 'partnership', counts: counts(3, 0, 0, 0) },
        ],
      }, new Map([['lthtr', 'Lancashire Teaching Hospitals NHS Foundation Trust'], ['lcc-csc', "Lancashire County Council Children's Social Care"]]), AS_AT),
    },
  ];
  return { docs, extra, ctx, renderer, close };
}

/** Every page a reader can reach: each report's first card and each of its sections (lists and drill-downs). */
export function reportPages(docs: readonly ReportDocument[]): CardPage[] {
  const renderer = new CardRenderer();
  const options = { asAt: AS_AT, share: true, offerFile: true, decide: true };
  return docs.flatMap((doc) => [
    { name: doc.name, card: reportCard(renderer, doc, { ...options, ref: { report: doc.name, args: '' } }) },
    ...doc.sections.map((section) => ({
      name: `${doc.name}--${section.id.replace(/[^a-z0-9-]+/gi, '-')}`,
      card: reportCard(renderer, doc, { ...options, ref: { report: doc.name, args: '' }, view: section.id, back: ['@0'] }),
    })),
  ]);
}

/** Loads the Adaptive Cards renderer into a blank page whose card column is `width` px wide. */
export async function openCardPage(page: Page, width = CHAT_WIDTH_IN_PX): Promise<void> {
  await page.setContent(`<!doctype html><html><body style="margin:0;background:#F5F5F5;font-family:Segoe UI,Arial,sans-serif"><div id="card" style="box-sizing:border-box;width:${width}px;margin:0;background:#fff;border:1px solid #E1DFDD;border-radius:6px"></div></body></html>`);
  await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
}

/** Renders one card with the Teams host config. Chart elements are unknown to this renderer, so their fallback shows. */
export async function renderCard(page: Page, card: AdaptiveCard): Promise<void> {
  // Page scripts are strings: the build has no DOM types.
  // Teams renders **bold** in TextBlocks; this renderer needs a markdown processor for that, so give it the one rule used.
  await page.evaluate(`(() => {
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
      const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      result.outputHtml = escaped.replace(/\\*\\*([^*]+)\\*\\*/g, '<strong>$1</strong>');
      result.didProcess = true;
    };
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(TEAMS_HOST_CONFIG)});
    card.parse(${JSON.stringify(card)});
    const target = document.getElementById('card');
    target.innerHTML = '';
    target.appendChild(card.render());
  })()`);
}

/** Legend entries as Teams draws them (Fluent charts): 12 px text after a 12 px swatch, 16 px apart, on one row. */
const LEGEND = { fontPx: 12, swatchPx: 12, gapPx: 8, spacingPx: 16 };

/**
 * What is wrong with the card's layout at this width: a word broken across lines (a cell or column narrower than its
 * longest word: "Ov er du e"), anything wider than the card, or a chart whose legend entries do not fit on one row
 * (Teams then hides the rest behind "+N items").
 */
export async function layoutProblems(page: Page, card: AdaptiveCard): Promise<string[]> {
  const legends = chartLegends(card);
  return (await page.evaluate(`(() => {
    const problems = [];
    const root = document.getElementById('card');
    const cardWidth = root.clientWidth;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent || '';
      const words = /[^\\s\\-\\/]+/g;
      for (let match = words.exec(text); match; match = words.exec(text)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) problems.push('the word "' + match[0] + '" breaks across lines');
      }
    }
    for (const element of root.querySelectorAll('*')) {
      if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible' && element.clientWidth > 0) {
        problems.push('an element is wider than its box: ' + (element.textContent || '').slice(0, 60));
      }
    }
    const canvas = document.createElement('canvas').getContext('2d');
    canvas.font = '${LEGEND.fontPx}px Segoe UI, Arial, sans-serif';
    const available = cardWidth - 2 * ${TEAMS_HOST_CONFIG.spacing.padding};
    for (const chart of ${JSON.stringify(legends)}) {
      const needed = chart.legends.reduce((sum, legend, index) => sum + ${LEGEND.swatchPx} + ${LEGEND.gapPx} + canvas.measureText(legend).width + (index ? ${LEGEND.spacingPx} : 0), 0);
      if (needed > available) problems.push('the legend of "' + chart.title + '" needs ' + Math.round(needed) + ' px of ' + available + ': Teams would hide series behind "+N items"');
    }
    return problems;
  })()`)) as string[];
}

function chartLegends(card: unknown): { title: string; legends: string[] }[] {
  const found: { title: string; legends: string[] }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as { type?: string; title?: string; data?: { legend?: string }[] };
      if (element.type === 'Chart.Donut' || element.type === 'Chart.VerticalBar.Grouped') {
        found.push({ title: element.title ?? '', legends: (element.data ?? []).map((entry) => entry.legend ?? '') });
      }
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}
