import { BankHolidayCalendar } from '../../../src/adapters/system/bank-holiday-calendar';
import { DEFAULT_RAG_SETTINGS } from '../../../src/domain/actions/rag';
import { DEFAULT_REVIEW_DATE_SETTINGS } from '../../../src/domain/reviews/review';
import { parsePeriod } from '../../../src/domain/period';
import { assuranceTrackerReport, openActionsByReview } from '../../../src/domain/reports/assurance-tracker';
import { dipSamplePopulation, drawDipSample, fingerprint, mulberry32 } from '../../../src/domain/reports/dip-sample';
import { meetingStatusReport } from '../../../src/domain/reports/meeting-status';
import { overdueReport } from '../../../src/domain/reports/overdue';
import { quarterlyThemesReport } from '../../../src/domain/reports/quarterly-themes';
import { splitReportSource } from '../../../src/domain/reports/report-source';
import { yearlyReport, yearlyTallyOf } from '../../../src/domain/reports/yearly';
import {
  ACTIONS, AGENCY_REFS, ASSURANCE_REQUESTS, MEETINGS, MEMBERS, NOW, PROGRESS, REVIEWS, THEME_REFS, TODAY,
} from '../../fixtures/reports-dataset';
import { EXPECTED } from '../../fixtures/reports-expected';

const people = MEMBERS.map((member) => ({ id: member.id, name: member.name }));

/** The quarterly report on the fixed dataset for a period typed as a user would ('' is the current quarter). */
function quarterlyOnDataset(periodText: string, decisions: Parameters<typeof quarterlyThemesReport>[0]['decisions'] = []) {
  return quarterlyThemesReport(quarterlyInput(periodText, decisions));
}

function quarterlyInput(periodText: string, decisions: Parameters<typeof quarterlyThemesReport>[0]['decisions'] = []): Parameters<typeof quarterlyThemesReport>[0] {
  return {
    period: parsePeriod(periodText, { today: TODAY }),
    today: TODAY,
    generatedAt: NOW,
    actions: ACTIONS,
    reviews: REVIEWS,
    agencies: AGENCY_REFS,
    themes: THEME_REFS,
    progress: PROGRESS,
    decisions,
    rag: DEFAULT_RAG_SETTINGS,
  };
}

describe('report definitions on the fixed dataset (hand-checked tables)', () => {
  it('quarterly themes for Q2 2026/27, as at 30 September 2026', () => {
    const report = quarterlyOnDataset('Q2 2026/27', [{ themeId: 'neglect', route: 'DIP_SAMPLE_SINGLE_AGENCY_PLANS', owner: 'LSBU', due: '2026-12-31', recordedBy: 'x', recordedOn: NOW }]);
    expect(report.asAt).toBe('2026-09-30');
    expect(report.nextQuarter.label).toBe('Q3 2026/27');
    expect(EXPECTED.quarterlyThemes.tables(report)).toEqual(EXPECTED.quarterlyThemes.expected);
    expect(report.decisions.find((row) => row.themeId === 'neglect')).toMatchObject({ decision: 'Dip sample single-agency plans', owner: 'LSBU', due: '2026-12-31' });
  });

  it('quarterly themes for the current quarter stand as at today', () => {
    const report = quarterlyOnDataset('');
    expect(report.asAt).toBe(TODAY);
    // A2 closed in Q2, so it drops out; A1 and A7 were overdue before Q3 began, so nothing became overdue in Q3.
    expect(report.totals).toEqual({ total: 6, open: 6, overdue: 2, closed: 0, withdrawn: 0, red: 3, amber: 2, green: 1, blue: 0 });
    expect(report.movementTotals).toEqual({ new: 0, closed: 0, becameOverdue: 0 });
  });

  it('quarterly themes by source: Section 11 actions alone, or every source, with themeless actions under "No theme recorded"', () => {
    const section11 = quarterlyThemesReport({ ...quarterlyInput('Q2 2026/27'), source: 'SECTION_11' });
    expect(section11.source).toBe('SECTION_11');
    // A9 (S11-2026/P1): in progress, target 31 Oct 2026, so open and not yet overdue on 30 September.
    expect(section11.totals).toMatchObject({ total: 1, open: 1, overdue: 0 });
    expect(section11.byAgencyTheme.map((row) => [row.agencyId, row.theme, row.total])).toEqual([[section11.byAgency[0].agencyId, 'No theme recorded', 1]]);
    // Reviews and their 12-month points, and PAI decisions on themes, belong to the review report.
    expect(section11.assuranceDueNextQuarter).toEqual([]);
    expect(section11.topThemes.every((row) => row.reviews === 0)).toBe(true);
    expect(section11.decisions).toEqual([]);

    const reviews = quarterlyOnDataset('Q2 2026/27');
    const all = quarterlyThemesReport({ ...quarterlyInput('Q2 2026/27'), source: 'ALL' });
    expect(all.totals.total).toBe(reviews.totals.total + 1);
    expect(all.totals.open).toBe(reviews.totals.open + 1);
    expect(all.assuranceDueNextQuarter).toEqual(reviews.assuranceDueNextQuarter);
    expect(quarterlyThemesReport({ ...quarterlyInput('Q2 2026/27'), source: 'SCRUTINY' }).totals.total).toBe(0);
  });

  it('splits a source off the period words', () => {
    expect(splitReportSource('last quarter section 11')).toEqual({ source: 'SECTION_11', rest: 'last quarter' });
    expect(splitReportSource('S11 Q2')).toEqual({ source: 'SECTION_11', rest: 'Q2' });
    expect(splitReportSource('scrutiny')).toEqual({ source: 'SCRUTINY', rest: '' });
    expect(splitReportSource('Q2 2026/27 all')).toEqual({ source: 'ALL', rest: 'Q2 2026/27' });
    expect(splitReportSource('Q2 2026/27')).toEqual({ source: 'REVIEW', rest: 'Q2 2026/27' });
    expect(splitReportSource('last quarter reviews')).toEqual({ source: 'REVIEW', rest: 'last quarter' });
  });

  it('meeting status since the last meeting (22 October 2026)', () => {
    const report = meetingStatusReport({ today: TODAY, generatedAt: NOW, actions: ACTIONS, reviews: REVIEWS, agencies: AGENCY_REFS, people, meetings: MEETINGS, rag: DEFAULT_RAG_SETTINGS });
    expect(EXPECTED.status.tables(report)).toEqual(EXPECTED.status.expected);
  });

  it('meeting status for one review', () => {
    const report = meetingStatusReport({ today: TODAY, generatedAt: NOW, reviewId: 'lscp-rr-2025-06', actions: ACTIONS, reviews: REVIEWS, agencies: AGENCY_REFS, people, meetings: MEETINGS, rag: DEFAULT_RAG_SETTINGS });
    expect(report.rows.map((row) => row.actionRef)).toEqual(['LSCP-RR-2025-06/A2', 'LSCP-RR-2025-06/A1']);
    expect(report.silentAgencies.map((row) => row.agency)).toEqual(["Lancashire County Council Children's Social Care", 'Lancashire Teaching Hospitals NHS Foundation Trust']);
  });

  it('meeting status without a recorded meeting looks back 42 days', () => {
    const report = meetingStatusReport({ today: TODAY, generatedAt: NOW, actions: ACTIONS, reviews: REVIEWS, agencies: AGENCY_REFS, people, meetings: [], rag: DEFAULT_RAG_SETTINGS });
    expect(report.since).toBe('2026-10-09');
    expect(report.sinceIsMeeting).toBe(false);
  });

  it('overdue actions by agency, every source', () => {
    const report = overdueReport({ today: TODAY, generatedAt: NOW, actions: ACTIONS, reviews: REVIEWS, agencies: AGENCY_REFS, people });
    expect(EXPECTED.overdue.tables(report)).toEqual(EXPECTED.overdue.expected);
    const police = overdueReport({ today: TODAY, generatedAt: NOW, actions: ACTIONS, reviews: REVIEWS, agencies: AGENCY_REFS, people, agencyId: 'lancashire-constabulary' });
    expect(police.rows.map((row) => row.actionRef)).toEqual(['LSCP-RR-2025-01/A1', 'S11-2026/P1']);
  });

  it('12-month assurance tracker, with and without recorded requests', () => {
    const report = assuranceTrackerReport({ today: TODAY, generatedAt: NOW, reviews: REVIEWS, openActions: openActionsByReview(ACTIONS), requests: ASSURANCE_REQUESTS });
    expect(EXPECTED.assurance.tables(report)).toEqual(EXPECTED.assurance.expected);
    const withoutRequests = assuranceTrackerReport({ today: TODAY, generatedAt: NOW, reviews: REVIEWS, openActions: openActionsByReview(ACTIONS), requests: [] });
    // R4's status alone still says "requested".
    expect(withoutRequests.rows.find((row) => row.reference === 'LSCP-RR-2024-04')).toMatchObject({ stage: 'REQUESTED', responses: '', outstanding: 0 });
  });

  it('yearly report data pack for 2026/27', () => {
    const report = yearlyReport({
      period: parsePeriod('2026/27', { today: TODAY, expect: 'year' }),
      today: TODAY,
      generatedAt: NOW,
      reviews: REVIEWS,
      tally: yearlyTallyOf(ACTIONS),
      themes: THEME_REFS,
      holidays: new BankHolidayCalendar(),
      settings: DEFAULT_REVIEW_DATE_SETTINGS,
    });
    expect(EXPECTED.yearly.tables(report)).toEqual(EXPECTED.yearly.expected);
  });
});

describe('dip samples', () => {
  const population = dipSamplePopulation(ACTIONS);

  it('samples every action except withdrawn and superseded ones, in id order', () => {
    expect(population).toHaveLength(9);
    expect(population.map((action) => action.id)).toEqual([...population.map((action) => action.id)].sort());
    expect(dipSamplePopulation(ACTIONS, 'lancashire-constabulary').map((action) => action.ref).sort()).toEqual(['LSCP-RR-2025-01/A1', 'LSCP-RR-2025-01/A3', 'LSCP-RR-2025-05/A1', 'S11-2026/P1']);
  });

  it('draws the same selection from the same seed and population', () => {
    const first = drawDipSample(population, 4, 12345).map((action) => action.id);
    expect(drawDipSample(population, 4, 12345).map((action) => action.id)).toEqual(first);
    expect(new Set(first).size).toBe(4);
    expect(drawDipSample(population, 4, 54321).map((action) => action.id)).not.toEqual(first);
  });

  it('gives the known draw for a known seed (pins the PRNG across versions)', () => {
    const random = mulberry32(1);
    expect([random(), random()].map((value) => value.toFixed(6))).toEqual(['0.627074', '0.002736']);
  });

  it('takes the whole population when it is smaller than asked, and refuses silly sizes', () => {
    expect(drawDipSample(population.slice(0, 2), 5, 7)).toHaveLength(2);
    expect(() => drawDipSample(population, 0, 7)).toThrow(/1 to 50/);
    expect(() => drawDipSample(population, 51, 7)).toThrow(/1 to 50/);
  });

  it('fingerprints the population so a changed frame is visible', () => {
    expect(fingerprint(['a', 'b'])).not.toBe(fingerprint(['a', 'c']));
    expect(fingerprint(['a', 'b'])).toMatch(/^[0-9a-f]{8}$/);
  });
});
