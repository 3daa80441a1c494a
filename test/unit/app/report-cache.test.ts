import { SqliteStore } from '../../../src/adapters/sqlite/sqlite-store';
import { NotifyingStore } from '../../../src/adapters/notifying-store';
import { ReportCache } from '../../../src/app/reports/report-cache';
import type { ReportDocument } from '../../../src/domain/reports/report-document';
import { FixedClock } from '../../support/fixed-clock';

const doc = (title: string): ReportDocument => ({ name: 'x', title, subtitle: '', generatedAt: '', facts: [], charts: [], tables: [], sections: [] });

describe('report cache', () => {
  it('computes once per key, shares a computation in flight, and recomputes after the time to live', async () => {
    const clock = new FixedClock();
    const cache = new ReportCache(clock, 1000);
    let runs = 0;
    const compute = async () => doc(`run ${++runs}`);
    const [a, b] = await Promise.all([cache.getOrCompute('k', compute), cache.getOrCompute('k', compute)]);
    expect([a.title, b.title, runs]).toEqual(['run 1', 'run 1', 1]);
    expect((await cache.getOrCompute('other', compute)).title).toBe('run 2');
    clock.advance(1001);
    expect((await cache.getOrCompute('k', compute)).title).toBe('run 3');
  });

  it('forgets everything on a write of a kind reports read, not on other writes, and never keeps a failure', async () => {
    const cache = new ReportCache(new FixedClock());
    const store = new NotifyingStore(new SqliteStore(':memory:'), (kinds) => cache.invalidateFor(kinds));
    let runs = 0;
    const compute = async () => doc(`run ${++runs}`);
    await cache.getOrCompute('k', compute);
    await store.get('action', 'p', 'a1');
    expect((await cache.getOrCompute('k', compute)).title).toBe('run 1');
    await store.upsert('action', 'p', { id: 'a1' });
    expect((await cache.getOrCompute('k', compute)).title).toBe('run 2');
    await store.commit('p', [{ op: 'delete', kind: 'action', id: 'a1' }]);
    expect((await cache.getOrCompute('k', compute)).title).toBe('run 3');
    // The scheduler's leases and outbox, audit entries and submissions feed no report.
    await store.upsert('lease', 'p', { id: 'tick' });
    await store.commit('p', [{ op: 'upsert', kind: 'outbox', doc: { id: 'o1' } }, { op: 'upsert', kind: 'audit', doc: { id: 'x' } }]);
    expect((await cache.getOrCompute('k', compute)).title).toBe('run 3');
    await store.commit('p', [{ op: 'upsert', kind: 'audit', doc: { id: 'y' } }, { op: 'upsert', kind: 'themeDecision', doc: { id: 'd' } }]);
    expect((await cache.getOrCompute('k', compute)).title).toBe('run 4');
    await expect(cache.getOrCompute('bad', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await cache.getOrCompute('bad', compute)).title).toBe('run 5');
    await store.close();
  });

  it('does not keep a result computed while a write happened', async () => {
    const cache = new ReportCache(new FixedClock());
    let runs = 0;
    const first = cache.getOrCompute('k', async () => {
      cache.invalidate();
      return doc(`run ${++runs}`);
    });
    expect((await first).title).toBe('run 1');
    expect((await cache.getOrCompute('k', async () => doc(`run ${++runs}`))).title).toBe('run 2');
  });

  it('keeps each report it made as a snapshot that later pages read, through writes, until the snapshot time to live', async () => {
    const clock = new FixedClock();
    const cache = new ReportCache(clock, 1000, 5000);
    let runs = 0;
    const compute = async () => ({ ...doc(`run ${++runs}`), generatedAt: `t${runs}` });
    await cache.getOrCompute('k', compute);
    cache.invalidate();
    await cache.getOrCompute('k', compute);
    // Both snapshots stay readable by the instant they were read, whatever was written since.
    expect(cache.snapshot('k', 't1')?.title).toBe('run 1');
    expect(cache.snapshot('k', 't2')?.title).toBe('run 2');
    expect(cache.snapshot('other', 't1')).toBeUndefined();
    clock.advance(5001);
    expect(cache.snapshot('k', 't1')).toBeUndefined();
  });

  it('holds at most a bounded number of items in snapshots, dropping the oldest first and always keeping the newest', async () => {
    const clock = new FixedClock();
    const cache = new ReportCache(clock, 1000, 5000, 25);
    const sized = (title: string, items: number): ReportDocument => ({
      ...doc(title),
      generatedAt: title,
      sections: [{ id: 's', title: 's', overview: true, items: Array.from({ length: items }, (_, index) => ({ title: `item ${index}` })), empty: '' }],
    });
    await cache.getOrCompute('a', async () => sized('t1', 10));
    await cache.getOrCompute('b', async () => sized('t2', 10));
    expect(cache.snapshot('a', 't1')?.title).toBe('t1');
    // 10 + 10 + 10 passes 25: the oldest goes.
    await cache.getOrCompute('c', async () => sized('t3', 10));
    expect(cache.snapshot('a', 't1')).toBeUndefined();
    expect(cache.snapshot('b', 't2')?.title).toBe('t2');
    // One report larger than the bound is still kept (its pages must work); everything older goes.
    await cache.getOrCompute('d', async () => sized('t4', 40));
    expect(cache.snapshot('b', 't2')).toBeUndefined();
    expect(cache.snapshot('c', 't3')).toBeUndefined();
    expect(cache.snapshot('d', 't4')?.title).toBe('t4');
  });
});
