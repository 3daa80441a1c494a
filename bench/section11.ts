import { KIND } from '../src/app/kernel/kinds';
import { s11SummaryOf } from '../src/app/section11/summary';
import type { Agency } from '../src/domain/directory/agency';
import { S11_RATINGS, statutoryFramework } from '../src/domain/section11/framework';
import type { S11Cycle } from '../src/domain/section11/cycle';
import { emptyAnswer, type S11Return } from '../src/domain/section11/return';
import { s11Summary } from '../src/domain/section11/summary';
import { s11SummaryDocument } from '../src/domain/section11/summary-document';
import { composeContext } from '../src/compose-context';
import { loadConfig } from '../src/config';
import { MAX_OPERATIONS_PER_COMMIT, type WriteOperation } from '../src/ports/document-store';
import { FixedClock } from '../test/support/fixed-clock';
import { MemoryLogger } from '../test/support/silent-logger';
import { heading, ms, percentile, row, sample } from './stats';

const AGENCIES = 150;
const CYCLES = 5;
const NOW = '2027-03-01T10:00:00.000Z';

/** The Section 11 summary for 150 agencies x 8 standards x 5 cycles: the pure figures, and from an SQLite store. */
export async function benchSection11(): Promise<void> {
  const framework = statutoryFramework(NOW, 'bench');
  const agencies: Agency[] = Array.from({ length: AGENCIES }, (_, index) => ({
    id: `agency-${index}`, name: `Agency ${String(index).padStart(3, '0')}`, shortName: `A${index}`, type: 'RELEVANT_AGENCY', s11Duty: true, active: true,
    createdAt: NOW, createdBy: 'bench', updatedAt: NOW, updatedBy: 'bench',
  }));
  const cycles: S11Cycle[] = Array.from({ length: CYCLES }, (_, index) => {
    const year = 2022 + index;
    return { id: `s11-${year}-${(year + 1) % 100}`, label: `${year}/${(year + 1) % 100}`, frameworkId: framework.id, openedOn: `${year}-10-01`, dueDate: `${year}-12-01`, stage: 'CLOSED', agencyIds: agencies.map((agency) => agency.id), createdAt: NOW, createdBy: 'bench', updatedAt: NOW, updatedBy: 'bench' };
  });
  // Deterministic ratings: roughly one in eight agencies has not returned in a cycle.
  const returns: S11Return[] = cycles.flatMap((cycle, c) => agencies.filter((_, a) => (a + c) % 8 !== 0).map((agency, a): S11Return => ({
    id: `${cycle.id}--${agency.id}`, cycleId: cycle.id, cycleLabel: cycle.label, agencyId: agency.id, status: 'MODERATED',
    answers: Object.fromEntries(framework.standards.map((standard, s) => [standard.number, { ...emptyAnswer(), selfRating: S11_RATINGS[(a + s + c) % 5], moderatedRating: S11_RATINGS[(a * 3 + s + c) % 5], evidence: 'Evidence' }])),
    createdAt: NOW, createdBy: 'bench', updatedAt: NOW, updatedBy: 'bench',
  })));
  const latest = cycles[CYCLES - 1];
  const input = {
    cycleLabel: latest.label,
    previousCycleLabel: cycles[CYCLES - 2].label,
    standards: framework.standards,
    agencies: agencies.map((agency) => ({ id: agency.id, name: agency.name })),
    returns: returns.filter((ret) => ret.cycleId === latest.id),
    previousReturns: returns.filter((ret) => ret.cycleId === cycles[CYCLES - 2].id),
    actions: [],
  };
  heading(`Section 11 summary (${AGENCIES} agencies x ${framework.standards.length} standards x ${CYCLES} cycles, ${returns.length} returns)`);
  const pure = await sample(200, async () => s11SummaryDocument(s11Summary(input), NOW));
  row('figures + report tables (pure), per summary', `p50 ${ms(percentile(pure, 50))}`, `p95 ${ms(percentile(pure, 95))}`);

  // The bot's own composition on an in-memory store; no reference data, so the bench's 150 agencies are all there is.
  const config = loadConfig({ SQLITE_PATH: ':memory:', PARTNERSHIP_ID: 'bench-s11', PARTNERSHIP_NAME: 'Bench', LOG_LEVEL: 'silent' });
  const { ctx, store } = await composeContext(config, { clock: new FixedClock(NOW), logger: new MemoryLogger() }, { seedReferenceData: false });
  const operations: WriteOperation[] = [
    { op: 'create', kind: KIND.s11Framework, doc: framework },
    ...agencies.map((doc): WriteOperation => ({ op: 'create', kind: KIND.agency, doc })),
    ...cycles.map((doc): WriteOperation => ({ op: 'create', kind: KIND.s11Cycle, doc })),
    ...returns.map((doc): WriteOperation => ({ op: 'create', kind: KIND.s11Return, doc })),
  ];
  for (let start = 0; start < operations.length; start += MAX_OPERATIONS_PER_COMMIT) await store.commit(ctx.partnershipId, operations.slice(start, start + MAX_OPERATIONS_PER_COMMIT));
  const stored = await sample(30, async () => s11SummaryDocument((await s11SummaryOf(ctx, latest)).summary, NOW), 5);
  row('read from SQLite + figures + tables, per summary', `p50 ${ms(percentile(stored, 50))}`, `p95 ${ms(percentile(stored, 95))}`);
  await store.close();
}

if (require.main === module) {
  benchSection11().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
