import { parsePeriod } from '../../../src/domain/period';
import { DEFAULT_RAG_SETTINGS } from '../../../src/domain/actions/rag';
import { meetingStatusReport } from '../../../src/domain/reports/meeting-status';
import { quarterlyThemesReport } from '../../../src/domain/reports/quarterly-themes';
import { quarterlyThemesDocument } from '../../../src/domain/reports/report-document';
import { ACTIONS, AGENCY_REFS, MEETINGS, MEMBERS, NOW, PROGRESS, REVIEWS, THEME_REFS, TODAY } from '../../fixtures/reports-dataset';

/** Issue 14 item 4: figures a chair can trust. Each of these failed before the fix. */
const people = MEMBERS.map((member) => ({ id: member.id, name: member.name }));

function q2(actions = ACTIONS, progress = PROGRESS) {
  return quarterlyThemesReport({
    period: parsePeriod('Q2 2026/27', { today: TODAY }), today: TODAY, generatedAt: NOW, actions, reviews: REVIEWS, agencies: AGENCY_REFS, themes: THEME_REFS,
    progress, decisions: [], rag: DEFAULT_RAG_SETTINGS,
  });
}

describe('right figures (issue 14)', () => {
  it('counts an action withdrawn in the quarter as withdrawn, in the total, and never as Blue', () => {
    // A8 withdrawn on 10 Sep, inside Q2: before the fix it showed as "Blue – complete".
    const withdrawnA8 = ACTIONS.map((action) => (action.ref === 'LSCP-RR-2025-06/A2' ? { ...action, status: 'WITHDRAWN' as const, withdrawnReason: 'Covered elsewhere' } : action));
    const progress = [...PROGRESS, { id: 'p-a8-w', actionId: 'lscp-rr-2025-06-a2', at: '2026-09-10T10:00:00.000Z', statusAfter: 'WITHDRAWN' as const, ragAfter: 'BLUE' }];
    const report = q2(withdrawnA8, progress);
    const csc = report.byAgency.find((row) => row.agencyId === 'lcc-csc');
    expect(csc).toMatchObject({ total: 2, open: 1, withdrawn: 1, blue: 0, red: 1, green: 0 });
    expect(report.totals).toMatchObject({ total: 7, withdrawn: 1, blue: 1 });
    // The RAG counts add up to the rated actions: total less withdrawn.
    const t = report.totals;
    expect(t.red + t.amber + t.green + t.blue).toBe(t.total - t.withdrawn);
    // The headline names withdrawn beside the total.
    const headline = quarterlyThemesDocument(report).facts.map((fact) => `${fact.title}: ${fact.value}`).join('\n');
    expect(headline).toMatch(/1 withdrawn/);
  });

  it('counts "new in the quarter" by the date an action was agreed, not when its record was created', () => {
    // Re-create every record on 1 Aug (as an import or the demo seed does): the agreed dates stay, so "new" stays 2.
    const imported = ACTIONS.map((action) => ({ ...action, createdAt: '2026-08-01T09:00:00.000Z' }));
    expect(q2(imported, []).movementTotals.new).toBe(2);
    expect(q2().movementTotals.new).toBe(2);
  });

  it('gives every Red or Amber row of the status report its reason, and says "No update yet" when there was none', () => {
    const report = meetingStatusReport({ today: TODAY, generatedAt: NOW, actions: ACTIONS, reviews: REVIEWS, agencies: AGENCY_REFS, people, meetings: MEETINGS, rag: DEFAULT_RAG_SETTINGS });
    for (const row of report.rows) {
      if (row.rag === 'RED' || row.rag === 'AMBER') expect(row.ragReason).not.toBe('');
      else expect(row.ragReason).toBe('');
    }
    const a4 = report.rows.find((row) => row.actionRef === 'LSCP-LCSPR-2025-03/A1');
    expect(a4?.ragReason).toBe('Not started 128 days after being agreed');
    const a8 = report.rows.find((row) => row.actionRef === 'LSCP-RR-2025-06/A2');
    expect(a8?.ragReason).toBe('No update yet, 92 days since it was recorded');
  });
});
