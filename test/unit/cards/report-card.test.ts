import { BankHolidayCalendar } from '../../../src/adapters/system/bank-holiday-calendar';
import { reportCard } from '../../../src/cards/report-card';
import { CardRenderer, cardBytes, MAX_CARD_BYTES } from '../../../src/cards/render';
import { parsePeriod } from '../../../src/domain/period';
import { DEFAULT_RAG_SETTINGS } from '../../../src/domain/actions/rag';
import { assuranceTrackerReport, openActionsByReview } from '../../../src/domain/reports/assurance-tracker';
import { meetingStatusReport } from '../../../src/domain/reports/meeting-status';
import { overdueReport } from '../../../src/domain/reports/overdue';
import { quarterlyThemesReport } from '../../../src/domain/reports/quarterly-themes';
import {
  assuranceDocument, meetingStatusDocument, overdueDocument, quarterlyThemesDocument, yearlyDocument, type ReportDocument,
} from '../../../src/domain/reports/report-document';
import { yearlyReport, yearlyTallyOf } from '../../../src/domain/reports/yearly';
import { DEFAULT_REVIEW_DATE_SETTINGS } from '../../../src/domain/reviews/review';
import type { Action } from '../../../src/domain/actions/action';
import { ACTIONS, AGENCY_REFS, ASSURANCE_REQUESTS, MEETINGS, MEMBERS, NOW, PROGRESS, REVIEWS, THEME_REFS, TODAY } from '../../fixtures/reports-dataset';
import { cardText } from '../../support/bot-harness';

const renderer = new CardRenderer();
const people = MEMBERS.map((member) => ({ id: member.id, name: member.name }));
const options = { asAt: '20 Nov 2026, 12:00 (UK time)', ref: { report: 'x', args: '' }, share: true };

const documents: [string, ReportDocument][] = [
  ['quarterly themes', quarterlyThemesDocument(quarterlyThemesReport({ period: parsePeriod('Q2 2026/27', { today: TODAY }), today: TODAY, generatedAt: NOW, actions: ACTIONS, reviews: REVIEWS, agencies: AGENCY_REFS, themes: THEME_REFS, progress: PROGRESS, decisions: [], rag: DEFAULT_RAG_SETTINGS }))],
  ['status', meetingStatusDocument(meetingStatusReport({ today: TODAY, generatedAt: NOW, actions: ACTIONS, reviews: REVIEWS, agencies: AGENCY_REFS, people, meetings: MEETINGS, rag: DEFAULT_RAG_SETTINGS }))],
  ['overdue', overdueDocument(overdueReport({ today: TODAY, generatedAt: NOW, actions: ACTIONS, reviews: REVIEWS, agencies: AGENCY_REFS, people }))],
  ['assurance', assuranceDocument(assuranceTrackerReport({ today: TODAY, generatedAt: NOW, reviews: REVIEWS, openActions: openActionsByReview(ACTIONS), requests: ASSURANCE_REQUESTS }))],
  ['yearly', yearlyDocument(yearlyReport({ period: parsePeriod('2026/27', { today: TODAY, expect: 'year' }), today: TODAY, generatedAt: NOW, reviews: REVIEWS, tally: yearlyTallyOf(ACTIONS), themes: THEME_REFS, holidays: new BankHolidayCalendar(), settings: DEFAULT_REVIEW_DATE_SETTINGS }))],
];

function elements(card: unknown, type: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if ((node as { type?: unknown }).type === type) found.push(node as Record<string, unknown>);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

type Nav = { view: string; start: number; back: string; snapshot: string };

function navButtons(card: unknown): { title: string; data: Nav }[] {
  return elements(card, 'Action.Execute').filter((action) => action.verb === 'report.more').map((action) => ({ title: action.title as string, data: action.data as Nav }));
}

/** Presses a navigation button as the bot would: the view, start and back stack it carries. */
function press(doc: ReportDocument, data: Nav) {
  return reportCard(renderer, doc, { ...options, view: data.view, start: data.start, back: data.back ? data.back.split('|') : [] });
}

describe('report cards for a chat ~470 px wide (issue 14)', () => {
  it.each(documents)('%s: headline first, no wide table, charts with a fallback, labels not identifiers, "as at", share, within 28 KB', (_name, doc) => {
    const card = reportCard(renderer, doc, options);
    expect(card.version).toBe('1.5');
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const json = JSON.stringify(card);
    expect(json).not.toContain('${');
    // Wide tables go to the files: a card has none wider than four columns (here, none at all).
    for (const table of elements(card, 'Table')) expect((table.columns as unknown[]).length).toBeLessThanOrEqual(4);
    const charts = [...elements(card, 'Chart.Donut'), ...elements(card, 'Chart.VerticalBar.Grouped')];
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      expect(Array.isArray(chart.data)).toBe(true);
      expect((chart.fallback as { type: string; text: string }).text.length).toBeGreaterThan(10);
    }
    const text = cardText(card);
    // Labels, not identifiers; dates one way.
    expect(text).not.toMatch(/\b(RAPID_REVIEW|ACTIONS_LIVE|ASSURANCE_12M\w*|SECTION_11|IN_PROGRESS|NOT_YET_DUE|DUE_SOON)\b|->/);
    expect(text).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    expect(text).toContain('As at 20 Nov 2026, 12:00 (UK time)');
    // The headline comes before any section.
    const first = elements(card, 'TextBlock').map((block) => block.text as string);
    expect(first.findIndex((line) => line.startsWith(`**${doc.facts[0]?.title ?? ''}`))).toBeLessThan(5);
    expect(elements(card, 'Action.Execute').map((action) => action.verb)).toContain('report.share');
  });

  it('never shows RAG by colour alone: every coloured line carries the RAG word, Red and Amber their reason, the donut its numbers', () => {
    for (const [, doc] of documents) {
      const pages = [reportCard(renderer, doc, options), ...doc.sections.map((section) => reportCard(renderer, doc, { ...options, view: section.id }))];
      for (const card of pages) {
        for (const block of elements(card, 'TextBlock').filter((item) => item.color !== undefined && item.color !== 'Default')) {
          expect(block.text).toMatch(/^\*\*(Red – off track|Amber – at risk|Green – on track|Blue – complete)\*\*/);
          if (/^\*\*(Red|Amber)/.test(block.text as string)) expect(block.text).toMatch(/\*\*: \S/);
        }
      }
    }
    const donut = elements(reportCard(renderer, documents[1][1], options), 'Chart.Donut')[0];
    expect((donut.data as { legend: string }[]).map((slice) => slice.legend)).toEqual(['Red 3', 'Amber 2', 'Green 1']);
  });

  it('keeps chart legends short enough to show every series: at most four entries', () => {
    for (const [, doc] of documents) {
      for (const chart of doc.charts) {
        const legends = chart.kind === 'donut' ? chart.slices.map((slice) => slice.legend) : chart.series.map((series) => series.legend);
        expect(legends.length).toBeLessThanOrEqual(4);
      }
    }
  });

  it('opens a section in place with Next and Back, every item once, every page from the one snapshot', () => {
    const many: Action[] = Array.from({ length: 120 }, (_, index) => ({ ...ACTIONS[0], id: `bulk-${index}`, ref: `LSCP-RR-2025-01/B${index}`, lastUpdate: { ...ACTIONS[0].lastUpdate!, note: 'A long progress note that goes on for a while to make the rows wide. '.repeat(3) } }));
    const doc = meetingStatusDocument(meetingStatusReport({ today: TODAY, generatedAt: NOW, actions: many, reviews: REVIEWS, agencies: AGENCY_REFS, people, meetings: MEETINGS, rag: DEFAULT_RAG_SETTINGS }));
    const overview = reportCard(renderer, doc, options);
    expect(cardBytes(overview)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    // The first card keeps its summary and charts and offers "All 120" for the list.
    expect(cardText(overview)).toContain('**Open actions:** 120 across 1 review');
    const all = navButtons(overview).find((button) => button.title.startsWith('All 120'));
    expect(all).toBeDefined();
    const seen: string[] = [];
    let data = all!.data;
    let pages = 0;
    for (;;) {
      expect(data.snapshot).toBe(NOW);
      const card = press(doc, data);
      pages += 1;
      expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      // The headline stays on every page.
      expect(cardText(card)).toContain('**Open actions:** 120 across 1 review');
      seen.push(...cardText(card).split('\n').filter((text) => text.startsWith('LSCP-RR-2025-01/B')));
      const buttons = navButtons(card);
      // Back returns to the first card, wherever in the list you are.
      const back = buttons.find((button) => button.title === 'Back');
      expect(back?.data).toMatchObject({ view: '', start: 0, back: '' });
      const next = buttons.find((button) => button.title.startsWith('Next'));
      if (!next) break;
      data = next.data;
      expect(pages).toBeLessThan(20);
    }
    expect(pages).toBe(12);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toHaveLength(120);
  });

  it('drills from an agency to its themes and from a theme to its agencies, most first, with Back to where you were', () => {
    const doc = documents[0][1];
    const overview = reportCard(renderer, doc, options);
    const openHealth = navButtons(overview).find((button) => button.data.view === 'agency:lthtr');
    expect(openHealth?.title).toBe('Open');
    const health = press(doc, openHealth!.data);
    const whole = cardText(health);
    const text = whole.slice(whole.indexOf('Lancashire Teaching Hospitals NHS Foundation Trust: actions by theme'));
    expect(text.length).toBeLessThan(whole.length);
    expect(text.indexOf('Domestic abuse')).toBeLessThan(text.indexOf('Neglect'));
    expect(text).toContain('2 actions · 2 open · 1 overdue');
    const openTheme = navButtons(health).find((button) => button.data.view === 'theme:domestic-abuse');
    const theme = press(doc, openTheme!.data);
    expect(cardText(theme)).toContain('Domestic abuse: actions by agency');
    const back = navButtons(theme).find((button) => button.title === 'Back')!;
    expect(back.data.view).toBe('agency:lthtr');
    const again = press(doc, back.data);
    expect(cardText(again)).toContain('Lancashire Teaching Hospitals NHS Foundation Trust: actions by theme');
    expect(navButtons(again).find((button) => button.title === 'Back')!.data.view).toBe('');
  });
});
