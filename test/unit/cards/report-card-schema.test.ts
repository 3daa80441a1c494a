import * as AC from 'adaptivecards';
import { reportCard } from '../../../src/cards/report-card';
import { CardRenderer } from '../../../src/cards/render';
import { parsePeriod } from '../../../src/domain/period';
import { DEFAULT_RAG_SETTINGS } from '../../../src/domain/actions/rag';
import { meetingStatusReport } from '../../../src/domain/reports/meeting-status';
import { quarterlyThemesReport } from '../../../src/domain/reports/quarterly-themes';
import { meetingStatusDocument, quarterlyThemesDocument } from '../../../src/domain/reports/report-document';
import { ACTIONS, AGENCY_REFS, MEETINGS, MEMBERS, NOW, PROGRESS, REVIEWS, THEME_REFS, TODAY } from '../../fixtures/reports-dataset';

/** Parses a card with the Adaptive Cards library (no DOM needed) and returns every problem it reports. */
function problems(json: object): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const found: string[] = [];
  for (let index = 0; index < context.eventCount; index += 1) found.push(context.getEventAt(index).message);
  const validation = card.validateProperties();
  for (const event of validation.validationEvents) found.push(event.message);
  return found;
}

describe('report cards parse cleanly with the Adaptive Cards library', () => {
  const renderer = new CardRenderer();
  const docs = [
    quarterlyThemesDocument(quarterlyThemesReport({ period: parsePeriod('Q2 2026/27', { today: TODAY }), today: TODAY, generatedAt: NOW, actions: ACTIONS, reviews: REVIEWS, agencies: AGENCY_REFS, themes: THEME_REFS, progress: PROGRESS, decisions: [], rag: DEFAULT_RAG_SETTINGS })),
    meetingStatusDocument(meetingStatusReport({ today: TODAY, generatedAt: NOW, actions: ACTIONS, reviews: REVIEWS, agencies: AGENCY_REFS, people: MEMBERS, meetings: MEETINGS, rag: DEFAULT_RAG_SETTINGS })),
  ];

  it.each(docs.map((doc) => [doc.name, doc]))('%s: only the Teams chart elements are unknown, and each has a fallback', (_name, doc) => {
    const card = reportCard(renderer, doc, { asAt: 'now', ref: { report: doc.name, args: '' }, share: true, offerFile: true, decide: true });
    const found = problems(card);
    expect(found.filter((message) => !/Chart\./.test(message))).toEqual([]);
  });
});
