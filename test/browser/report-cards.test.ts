import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { AdaptiveCard } from '../../src/cards/render';
import { CHAT_WIDTH_IN_PX, datasetDocuments, launchChromium, layoutProblems, openCardPage, renderCard, reportPages, type CardPage } from '../../scripts/report-card-pages';

/**
 * Issue 14: every report card, page by page (first card, each list, each drill-down), plus `my actions` and the
 * delivery report, laid out by the Adaptive Cards renderer with the Teams host config in a 470 px chat column. Fails
 * when a word breaks across lines (a cell narrower than its longest word), anything overflows the card, or a chart's
 * legend would not fit on one row (Teams hides the rest behind "+N items"). Needs Debian's chromium; never skips.
 */
const SCREENSHOTS = join(__dirname, '..', '..', 'build', 'screenshots');

jest.setTimeout(120_000);

let browser: Browser;
let page: Page;
let pages: CardPage[] = [];
let close: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  const dataset = await datasetDocuments();
  close = dataset.close;
  pages = [...reportPages(dataset.docs), ...dataset.extra];
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: CHAT_WIDTH_IN_PX, height: 900 } });
  await openCardPage(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await close();
});

describe(`report cards at ${CHAT_WIDTH_IN_PX} px with the Teams host config`, () => {
  it('renders every page of every report card, my actions and the delivery report with no broken word, overflow or hidden legend entry', async () => {
    expect(pages.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const { name, card } of pages) {
      await renderCard(page, card);
      for (const problem of await layoutProblems(page, card)) problems.push(`${name}: ${problem}`);
      if (!name.includes('--')) await page.locator('#card').screenshot({ path: join(SCREENSHOTS, `${name}-${CHAT_WIDTH_IN_PX}.png`) });
    }
    expect(problems).toEqual([]);
  });

  it('catches what it is for: an eight-column table squeezed into the chat breaks its words', async () => {
    const columns = ['Agency', 'Total', 'Open', 'Overdue', 'Closed', 'Withdrawn', 'Red', 'Amber'];
    const cell = (text: string) => ({ type: 'TableCell', items: [{ type: 'TextBlock', text, wrap: true }] });
    const card: AdaptiveCard = {
      type: 'AdaptiveCard', version: '1.5',
      body: [{ type: 'Table', columns: columns.map(() => ({ width: 1 })), rows: [{ type: 'TableRow', cells: columns.map(cell) }, { type: 'TableRow', cells: ['Lancashire Constabulary', '2', '2', '1', '0', '0', '1', '0'].map(cell) }] }],
    };
    await renderCard(page, card);
    expect((await layoutProblems(page, card)).join('\n')).toMatch(/the word "(Overdue|Withdrawn|Constabulary|Lancashire)" breaks across lines/);
    const legend: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Chart.Donut', title: 'RAG', data: ['Red – off track: 3', 'Amber – at risk: 1', 'Green – on track: 2', 'Blue – complete: 1', 'Withdrawn: 1'].map((text) => ({ legend: text, value: 1 })), fallback: { type: 'TextBlock', text: 'x' } }] };
    await renderCard(page, legend);
    expect((await layoutProblems(page, legend)).join('\n')).toMatch(/legend of "RAG"/);
  });
});
