import { groupBy } from '../../../src/domain/group-by';

describe('groupBy', () => {
  it('groups items by key, keys in order of first appearance and each group in list order', () => {
    const groups = groupBy(['b1', 'a1', 'b2', 'c1', 'a2', 'b3'], (text) => text[0]);
    expect([...groups.entries()]).toEqual([['b', ['b1', 'b2', 'b3']], ['a', ['a1', 'a2']], ['c', ['c1']]]);
    expect(groupBy([], (text: string) => text).size).toBe(0);
  });
});
