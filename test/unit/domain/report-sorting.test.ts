import { byText, codeUnitRanks, memoised, readingRanks, sortedByKey } from '../../../src/domain/reports/common';

describe('report sorting helpers', () => {
  it('ranks each distinct text in reading order, or in code-unit order', () => {
    const reading = readingRanks(['A10', 'A2', 'b1', 'A2', 'B1']);
    expect([...reading.keys()].sort((a, b) => (reading.get(a) as number) - (reading.get(b) as number))).toEqual(['A2', 'A10', 'b1', 'B1']);
    expect(reading.get('A2')).toBeLessThan(reading.get('A10') as number);
    const codeUnits = codeUnitRanks(['2026-12-01', '2026-02-28', '2026-12-01']);
    expect(codeUnits.get('2026-02-28')).toBe(0);
    expect(codeUnits.get('2026-12-01')).toBe(1);
  });

  it('sorts by key, then by the tie-break, keeping the order of items equal on both (as a stable sort would)', () => {
    const items = [
      { key: 2, ref: 'A10', n: 1 }, { key: 1, ref: 'A2', n: 2 }, { key: 2, ref: 'A2', n: 3 }, { key: 2, ref: 'A2', n: 4 }, { key: 0, ref: 'Z', n: 5 },
    ];
    const expected = [...items].sort((a, b) => a.key - b.key || byText(a.ref, b.ref));
    const sorted = sortedByKey(items, (item) => item.key, (a, b) => byText(a.ref, b.ref));
    expect(sorted.map((item) => item.n)).toEqual(expected.map((item) => item.n));
    expect(sorted.map((item) => item.n)).toEqual([5, 2, 3, 4, 1]);
    expect(items.map((item) => item.n)).toEqual([1, 2, 3, 4, 5]);
  });

  it('computes a memoised value once per key', () => {
    const compute = jest.fn((key: string) => `${key}!`);
    const once = memoised(compute);
    expect([once('a'), once('b'), once('a')]).toEqual(['a!', 'b!', 'a!']);
    expect(compute).toHaveBeenCalledTimes(2);
  });
});
