import { DEFAULT_RAG_SETTINGS } from '../../../src/domain/actions/rag';
import type { Action } from '../../../src/domain/actions/action';
import { parsePeriod } from '../../../src/domain/period';
import { indexProgress } from '../../../src/domain/reports/as-at';
import {
  finishQuarterlyReport, quarterlyFactOf, quarterlyFrameOf, quarterlyReviewFactOf, quarterlyTallyOf, quarterlyThemesReport, tallyFact, tallyReviewFact,
  type QuarterlyFrame,
} from '../../../src/domain/reports/quarterly-themes';
import type { ProgressInput } from '../../../src/domain/reports/common';
import type { ReportSource } from '../../../src/domain/reports/report-source';
import { ACTIONS, AGENCY_REFS, NOW, PROGRESS, REVIEWS, THEME_REFS, TODAY } from '../../fixtures/reports-dataset';

/**
 * The quarterly report is a sum of per-action facts (docs/design/architecture.md, report summaries): changing one
 * action must change the tally by its fact after minus its fact before, and give the report a recount gives.
 */
describe('quarterly tally: one action at a time equals counting again', () => {
  const names = { generatedAt: NOW, agencies: AGENCY_REFS, themes: THEME_REFS, decisions: [] };
  const historyOf = (progress: readonly ProgressInput[], id: string) => indexProgress(progress).get(id);

  function frame(periodText: string, source: ReportSource = 'REVIEW'): QuarterlyFrame {
    return quarterlyFrameOf({ period: parsePeriod(periodText, { today: TODAY }), today: TODAY, rag: DEFAULT_RAG_SETTINGS, source });
  }

  it.each([['Q2 2026/27', 'REVIEW'], ['', 'REVIEW'], ['Q1 2026/27', 'ALL'], ['Q2 2026/27', 'SECTION_11']] as const)('the report from a tally is the report for %s (%s)', (periodText, source) => {
    const f = frame(periodText, source);
    const direct = quarterlyThemesReport({ period: f.period, today: TODAY, generatedAt: NOW, actions: ACTIONS, reviews: REVIEWS, agencies: AGENCY_REFS, themes: THEME_REFS, progress: PROGRESS, decisions: [], rag: DEFAULT_RAG_SETTINGS, source });
    expect(finishQuarterlyReport(quarterlyTallyOf(ACTIONS, indexProgress(PROGRESS), REVIEWS, f), f, names)).toEqual(direct);
  });

  it.each(ACTIONS.map((action) => [action.ref, action]))('closing, moving or withdrawing %s changes the tally as a recount does', (_ref, before) => {
    const f = frame('');
    const changes: [Action, ProgressInput[]][] = [
      [{ ...before, status: 'CLOSED', closedOn: TODAY }, [{ actionId: before.id, at: NOW, statusAfter: 'CLOSED' }]],
      [{ ...before, agencyId: 'lthtr', themes: ['neglect'] }, []],
      [{ ...before, status: 'WITHDRAWN' }, [{ actionId: before.id, at: NOW, statusAfter: 'WITHDRAWN' }]],
    ];
    for (const [after, added] of changes) {
      const progress = [...PROGRESS, ...added];
      const live = quarterlyTallyOf(ACTIONS, indexProgress(PROGRESS), REVIEWS, f);
      const old = quarterlyFactOf(before, historyOf(PROGRESS, before.id), f);
      const next = quarterlyFactOf(after, historyOf(progress, after.id), f);
      if (old) tallyFact(live, old, -1);
      if (next) tallyFact(live, next, 1);
      const recount = quarterlyTallyOf(ACTIONS.map((action) => (action.id === before.id ? after : action)), indexProgress(progress), REVIEWS, f);
      expect(finishQuarterlyReport(live, f, names)).toEqual(finishQuarterlyReport(recount, f, names));
    }
  });

  it.each(REVIEWS.map((review) => [review.reference, review]))('closing or re-theming review %s changes the tally as a recount does', (_ref, before) => {
    for (const periodText of ['', 'Q2 2026/27', 'Q1 2026/27']) {
      const f = frame(periodText);
      for (const after of [{ ...before, status: 'CLOSED' as const, closedOn: '2026-04-02' }, { ...before, themes: ['neglect'] }, { ...before, completedOn: '2025-12-01', assuranceDue: undefined }]) {
        const live = quarterlyTallyOf(ACTIONS, indexProgress(PROGRESS), REVIEWS, f);
        // As the summary-keeping store does: a review already due keeps its count, one coming due counts its actions.
        const carried = live.assuranceDue[before.id]?.openActions;
        const open = ACTIONS.filter((action) => action.reviewId === before.id && quarterlyFactOf(action, historyOf(PROGRESS, action.id), f)?.open).length;
        tallyReviewFact(live, before.id, quarterlyReviewFactOf(before, f)!, -1);
        tallyReviewFact(live, after.id, quarterlyReviewFactOf(after, f)!, 1, carried ?? open);
        const recount = quarterlyTallyOf(ACTIONS, indexProgress(PROGRESS), REVIEWS.map((review) => (review.id === before.id ? after : review)), f);
        expect(finishQuarterlyReport(live, f, names)).toEqual(finishQuarterlyReport(recount, f, names));
      }
    }
  });
});
