import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHAT_WIDTH_IN_PX, datasetDocuments, launchChromium, openCardPage, renderCard, reportPages } from './report-card-pages';
import { section11ScreenshotCards } from './s11-screenshot-cards';

const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'docs', 'screenshots');

/**
 * Renders each report card's first page (and `my actions`, the delivery report) from the fixed test dataset in
 * headless Chromium at a chat's width (470 px, the Teams host config) and writes docs/screenshots/<name>-470.png.
 */
async function main(): Promise<void> {
  const { docs, extra, ctx, renderer, close } = await datasetDocuments();
  const pages = [...reportPages(docs).filter((page) => !page.name.includes('--') || /--(agency-lthtr|review-lscp-rr-2025-06)$/.test(page.name)), ...extra];
  mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: CHAT_WIDTH_IN_PX, height: 800 }, deviceScaleFactor: 1 });
    await openCardPage(page);
    for (const { name, card } of pages) {
      await renderCard(page, card);
      await page.locator('#card').screenshot({ path: join(OUT, `${name}-${CHAT_WIDTH_IN_PX}.png`) });
      console.log(`wrote docs/screenshots/${name}-${CHAT_WIDTH_IN_PX}.png`);
    }
    // Section 11 (issue 11): its cards at chat width, about 470 px.
    for (const [file, card] of await section11ScreenshotCards(ctx, renderer)) {
      await renderCard(page, card);
      await page.locator('#card').screenshot({ path: join(OUT, `${file}.png`) });
      console.log(`wrote docs/screenshots/${file}.png`);
    }
  } finally {
    await browser.close();
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
