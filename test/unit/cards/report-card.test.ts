import { BankHolidayCalendar } from '../../../src/adapters/system/bank-holiday-calendar';
import { reportCard } from '../../../src/cards/report-card';
import { CardRenderer, cardBytes, MAX_CARD_BYTES } from '../../../src/cards/render';
import { parsePeriod } from '../../../src/domain/period';
import { DEFAULT_RAG_SETTINGS } from '../../../src/domain/actions/rag';
import { assuranceTrackerReport } from '../../../src/domain/reports/assurance-tracker';
import { meetingStatusReport } from '../../../src/domain/reports/meeting-status';
import { overdueReport } from '../../../src/domain/reports/overdue';
import { quarterlyThemesReport } from '../../../src/domain/reports/quarterly-themes';
import {
  assuranceDocument, meetingStatusDocument, overdueDocument, quarterlyThemesDocument, yearlyDocument, type ReportDocument,
} from '../../../src/domain/reports/report-document';
import { yearlyReport } from '../../../src/domain/reports/yearly';
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
  ['assurance', assuranceDocument(assuranceTrackerReport({ today: TODAY, generatedAt: NOW, reviews: REVIEWS, actions: ACTIONS, requests: ASSURANCE_REQUESTS }))],
  ['yearly', yearlyDocument(yearlyReport({ period: parsePeriod('2026/27', { today: TODAY, expect: 'year' }), today: TODAY, generatedAt: NOW, reviews: REVIEWS, actions: ACTIONS, themes: THEME_REFS, holidays: new BankHolidayCalendar(), settings: DEFAULT_REVIEW_DATE_SETTINGS }))],
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

describe('report cards', () => {
  it.each(documents)('%s: Adaptive Card 1.5 with a table, a chart with a text fallback, "as at" and share, within 28 KB', (_name, doc) => {
    const card = reportCard(renderer, doc, options);
    expect(card.version).toBe('1.5');
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(JSON.stringify(card)).not.toContain('${');
    expect(elements(card, 'Table').length).toBeGreaterThan(0);
    const charts = [...elements(card, 'Chart.Donut'), ...elements(card, 'Chart.VerticalBar.Grouped')];
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      expect(Array.isArray(chart.data)).toBe(true);
      expect((chart.fallback as { type: string; text: string }).text.length).toBeGreaterThan(10);
    }
    expect(cardText(card)).toContain('As at 20 Nov 2026, 12:00 (UK time)');
    expect(elements(card, 'Action.Execute').map((action) => action.verb)).toContain('report.share');
  });

  it('never shows RAG by colour alone: every coloured cell carries the RAG word', () => {
    const card = reportCard(renderer, documents[1][1], options);
    const coloured = elements(card, 'TextBlock').filter((block) => block.color !== undefined && block.color !== 'Default');
    expect(coloured.length).toBeGreaterThan(0);
    for (const block of coloured) expect(block.text).toMatch(/^(Red|Amber|Green|Blue) – /);
    const donut = elements(card, 'Chart.Donut')[0];
    expect((donut.data as { legend: string }[]).map((slice) => slice.legend)).toEqual(['Red – off track', 'Amber – at risk', 'Green – on track', 'Blue – complete']);
  });

  it('splits a large report across cards with a "more" button, each within 28 KB, every row shown once', () => {
    const many: Action[] = Array.from({ length: 400 }, (_, index) => ({ ...ACTIONS[0], id: `bulk-${index}`, ref: `LSCP-RR-2025-01/B${index}`, lastUpdate: { ...ACTIONS[0].lastUpdate!, note: 'A long progress note that goes on for a while to make the rows wide. '.repeat(3) } }));
    const doc = meetingStatusDocument(meetingStatusReport({ today: TODAY, generatedAt: NOW, actions: many, reviews: REVIEWS, agencies: AGENCY_REFS, people, meetings: MEETINGS, rag: DEFAULT_RAG_SETTINGS }));
    const seen: string[] = [];
    let start = 0;
    let cards = 0;
    for (;;) {
      const card = reportCard(renderer, doc, { ...options, start });
      cards += 1;
      expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      seen.push(...cardText(card).split('\n').filter((text) => text.startsWith('LSCP-RR-2025-01/B')));
      const more = elements(card, 'Action.Execute').find((action) => action.verb === 'report.more');
      if (!more) break;
      start = (more.data as { start: number }).start;
      expect(cards).toBeLessThan(50);
    }
    expect(cards).toBeGreaterThan(5);
    expect(new Set(seen).size).toBe(400);
    expect(seen).toHaveLength(400);
  });
});
