import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDevEnvironment, type DevEnvironment } from '../../scripts/dev';

/**
 * The whole local loop as a developer sees it: the built bot and the Microsoft 365 Agents Playground started by
 * `npm run dev`'s own code, driven by headless Chromium. Needs `npm run build` first (npm test does it) and the
 * Debian chromium package; it fails, never skips, when either is missing.
 */

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOTS = join(ROOT, 'build', 'screenshots');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Page scripts are strings: the test's tsconfig has no DOM types.
const CARD_COUNT = `document.querySelectorAll('.ac-adaptiveCard').length`;

/** The playground logs the bot's answer to the conversationUpdate it sends when the page opens. */
const INSTALLED = `/conversationUpdate \\d{3}/.test(document.body.innerText)`;

/** True once a card that arrived after the first `before` cards holds the help text; returns that card's text. */
const NEW_HELP_CARD = `(before) => {
  const fresh = [...document.querySelectorAll('.ac-adaptiveCard')].slice(before);
  const card = fresh.find((c) => c.innerText.includes('Assurance Bot') && c.innerText.includes('whoami'));
  return card ? card.innerText : false;
}`;

/** A demo action owned by the operator's agency (Police) with no update yet: see seed-demo-data.ts. */
const ACTION_REF = 'DEMO-RR-2025-03/A2';

jest.setTimeout(120_000);

let environment: DevEnvironment | undefined;
let browser: Browser | undefined;
let dataDir: string | undefined;
const output: string[] = [];

/** Free loopback ports, held open together so the same one is not handed out twice. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** The number of cards once it has not changed for a second (at most 15 s). */
async function settledCardCount(page: Page): Promise<number> {
  let count = (await page.evaluate(CARD_COUNT)) as number;
  let stableSince = Date.now();
  const deadline = Date.now() + 15_000;
  while (Date.now() - stableSince < 1000 && Date.now() < deadline) {
    await page.waitForTimeout(250);
    const now = (await page.evaluate(CARD_COUNT)) as number;
    if (now !== count) {
      count = now;
      stableSince = Date.now();
    }
  }
  return count;
}

function withOutput(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`${message}\n\nLast lines from the bot and the playground:\n${output.slice(-40).join('\n')}`);
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'index.js'))) {
    throw new Error('dist/src/index.js is missing: run `npm run build` first (npm test builds before running jest).');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}: install it with "apt-get install chromium" (or set CHROMIUM_PATH).`);
  }
  dataDir = mkdtempSync(join(tmpdir(), 'assurance-playground-'));
  const [botPort, playgroundPort] = await freePorts(2);
  try {
    environment = await startDevEnvironment({
      botPort,
      playgroundPort,
      sqlitePath: join(dataDir, 'assurance.db'),
      playgroundLogFile: join(dataDir, 'm365agentsplayground.log'),
      env: { ...process.env, LOG_LEVEL: 'info' },
      startTimeoutInMs: 90_000,
      onOutput: (name, line) => output.push(`[${name}] ${line}`),
    });
  } catch (error) {
    throw withOutput(error);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await environment?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** Opens the playground's personal chat once the bot's install greeting has settled; returns the card count. */
async function openPersonalChat(page: Page): Promise<number> {
  const env = environment as DevEnvironment;
  await page.goto(env.playgroundUrl, { waitUntil: 'domcontentloaded' });
  await page.locator('[data-lexical-editor="true"]').first().waitFor({ state: 'visible' });
  await page.locator('[aria-label="Personal Chat"]').first().click();
  // Opening the page installs the bot, which greets with a help card of its own: let that settle first,
  // so only a card that arrives after sending can count as the answer.
  await page.waitForFunction(INSTALLED, undefined, { polling: 250 });
  return settledCardCount(page);
}

async function send(page: Page, text: string): Promise<void> {
  await page.locator('[data-lexical-editor="true"]').first().click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function newPage(): Promise<Page> {
  const page: Page = await (browser as Browser).newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(60_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return page;
}

describe('Agents Playground (npm run dev)', () => {
  it('answers help in the personal chat with the rendered help card', async () => {
    const page = await newPage();
    try {
      const before = await openPersonalChat(page);
      await send(page, 'help');
      const answer = await page.waitForFunction(`(${NEW_HELP_CARD})(${before})`, undefined, { polling: 250 });
      const cardText = (await answer.jsonValue()) as string;
      expect(cardText).toContain('Assurance Bot');
      expect(cardText).toContain('whoami');
      await page.screenshot({ path: join(SCREENSHOTS, 'playground-help.png') });
    } catch (error) {
      await page.screenshot({ path: join(SCREENSHOTS, 'playground-help-failed.png') }).catch(() => undefined);
      throw withOutput(error);
    } finally {
      await page.close();
    }
  });

  it('updates a demo action from its card, which refreshes in place with the new progress note', async () => {
    const page = await newPage();
    const note = `Briefing delivered to two of five response teams (${Date.now()})`;
    try {
      await openPersonalChat(page);
      await send(page, `action ${ACTION_REF}`);
      const card = page.locator('.ac-adaptiveCard', { hasText: `Action ${ACTION_REF}` }).last();
      await card.waitFor({ state: 'visible' });
      expect(await card.innerText()).toContain('No update yet');
      await card.getByRole('button', { name: 'Update progress' }).click();
      await card.getByLabel('Progress note').fill(note);
      await card.getByRole('button', { name: 'Save update' }).click();
      // Action.Execute answers with the refreshed card, which replaces the old one in the same message.
      await page.waitForFunction(
        `[...document.querySelectorAll('.ac-adaptiveCard')].some((c) => c.innerText.includes(${JSON.stringify(note)}) && c.innerText.includes('Last update'))`,
        undefined,
        { polling: 250 },
      );
      const cards = await page.locator('.ac-adaptiveCard', { hasText: `Action ${ACTION_REF}` }).count();
      expect(cards).toBe(1);
      await page.screenshot({ path: join(SCREENSHOTS, 'playground-action-updated.png') });
    } catch (error) {
      await page.screenshot({ path: join(SCREENSHOTS, 'playground-action-failed.png') }).catch(() => undefined);
      throw withOutput(error);
    } finally {
      await page.close();
    }
  });

  it('rates one Section 11 standard from the return card, which saves the draft in place', async () => {
    const page = await newPage();
    try {
      await openPersonalChat(page);
      // The demo operator is a representative of Lancashire Constabulary, whose return is not started.
      await send(page, 's11 return');
      const card = page.locator('.ac-adaptiveCard', { hasText: 'Section 11 return: Lancashire Constabulary' }).last();
      await card.waitFor({ state: 'visible' });
      await card.getByText('Standard 1: Senior management commitment').click();
      const standard = page.locator('.ac-adaptiveCard', { hasText: 'Standard 1 of 8: Senior management commitment' }).last();
      await standard.waitFor({ state: 'visible' });
      await standard.getByRole('radio', { name: 'Fully met' }).first().check();
      await standard.getByLabel('Evidence', { exact: true }).fill('Board minutes show the chief officer group reviews safeguarding quarterly');
      await standard.getByRole('button', { name: 'Save draft' }).click();
      await page.waitForFunction(
        `[...document.querySelectorAll('.ac-adaptiveCard')].some((c) => c.innerText.includes('Draft saved.') && c.innerText.includes('Fully met'))`,
        undefined,
        { polling: 250 },
      );
      await page.screenshot({ path: join(SCREENSHOTS, 'playground-s11-standard-saved.png') });
    } catch (error) {
      await page.screenshot({ path: join(SCREENSHOTS, 'playground-s11-failed.png') }).catch(() => undefined);
      throw withOutput(error);
    } finally {
      await page.close();
    }
  });
});
