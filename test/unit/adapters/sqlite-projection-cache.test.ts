import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../../src/adapters/sqlite/sqlite-store';
import type { ListOptions, Stored } from '../../../src/ports/document-store';

/**
 * The SQLite store keeps large projections in memory between reads (adapters/sqlite/projection-cache.ts). Every read
 * here runs on a store that keeps every projection (`cacheMinRows: 0`) and on one that keeps none, on the same file:
 * the pages must be the same, through this connection's writes and another connection's.
 */
const P = 'p1';
const KIND = 'things';
const FIELDS = ['name', 'group'] as const;

interface Thing {
  id: string;
  name: string;
  group: string;
  note?: string;
}

/** Ids in an order where SQLite's (UTF-8 bytes) and JavaScript's (UTF-16 units) sorting disagree, and lower case after upper. */
const IDS = ['a1', 'B2', 'z10', 'z9', 'é-1', 'e-2', 'Ω', '\u{1F600}', '\uFF5E', '0', ...Array.from({ length: 40 }, (_, index) => `t-${index}`)];

let dir: string;
let path: string;
let kept: SqliteStore;
let plain: SqliteStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'assurance-projections-'));
  path = join(dir, 'store.db');
  kept = new SqliteStore(path, { cacheMinRows: 0 });
  plain = new SqliteStore(path, { cacheMinRows: Infinity });
  await kept.commit(P, IDS.map((id, index) => ({ op: 'create' as const, kind: KIND, doc: { id, name: `Thing ${index}`, group: index % 3 === 0 ? 'x' : 'y', note: 'long text' } })));
});

afterEach(async () => {
  await kept.close();
  await plain.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A record of the test's kind, checked against its shape before it goes into a commit. */
function thing(doc: Thing): Thing {
  return doc;
}

/** Every page of a projection, in order, as the caller receives them. */
async function pages(store: SqliteStore, options: ListOptions = {}): Promise<Stored<Thing>[][]> {
  const all: Stored<Thing>[][] = [];
  let continuationToken: string | undefined;
  do {
    const page = await store.list<Thing>(KIND, P, { fields: FIELDS, pageSize: 7, ...options, continuationToken });
    all.push(page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return all;
}

/** Reads twice on the keeping store (the second from memory) and once on the plain one: all three must agree. */
async function expectSamePages(options: ListOptions = {}): Promise<Stored<Thing>[][]> {
  const first = await pages(kept, options);
  const again = await pages(kept, options);
  const fromSql = await pages(plain, options);
  expect(first).toEqual(fromSql);
  expect(again).toEqual(fromSql);
  return again;
}

describe('SQLite projection cache', () => {
  it('serves the same pages from memory as from the file, in SQLite order, and shares the rows it keeps', async () => {
    const fromMemory = await expectSamePages();
    expect(fromMemory.flat()).toHaveLength(IDS.length);
    expect(fromMemory.flat()[0]).not.toHaveProperty('note');
    // Kept: the same row objects come back, not a new read.
    const third = await pages(kept);
    expect(third[0][0]).toBe(fromMemory[0][0]);
    await expectSamePages({ where: { group: 'x' } });
  });

  it('refuses changes to the rows it shares, so one report cannot change what the next reads', async () => {
    await pages(kept);
    const [row] = (await kept.list<Thing>(KIND, P, { fields: FIELDS })).items;
    expect(() => {
      (row as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });

  it("reads again what this connection creates, updates and deletes (and what leaves or joins a filter)", async () => {
    await expectSamePages();
    await expectSamePages({ where: { group: 'x' } });
    const b2 = (await kept.get<Thing>(KIND, P, 'B2'))!;
    const z9 = (await kept.get<Thing>(KIND, P, 'z9'))!;
    // Sorts before the emoji in SQLite (UTF-8) and after it in JavaScript (UTF-16): re-read, it must go back in its place.
    const wide = (await kept.get<Thing>(KIND, P, '\uFF5E'))!;
    await kept.commit(P, [
      { op: 'create', kind: KIND, doc: thing({ id: 'm-new', name: 'New', group: 'x' }) },
      { op: 'update', kind: KIND, doc: thing({ ...b2, name: 'Renamed', group: 'x' }), ifMatch: b2.etag },
      { op: 'upsert', kind: KIND, doc: thing({ ...z9, group: 'y' }) },
      { op: 'update', kind: KIND, doc: thing({ ...wide, name: 'Wide tilde' }), ifMatch: wide.etag },
      { op: 'delete', kind: KIND, id: 'a1' },
    ]);
    const all = (await expectSamePages()).flat();
    expect(all.map((thing) => thing.id)).toContain('m-new');
    expect(all.map((thing) => thing.id)).not.toContain('a1');
    expect(all.find((thing) => thing.id === 'B2')?.name).toBe('Renamed');
    const grouped = (await expectSamePages({ where: { group: 'x' } })).flat().map((thing) => thing.id);
    expect(grouped).toEqual(expect.arrayContaining(['m-new', 'B2']));
    expect(grouped).not.toContain('z9');
  });

  it('sees what another connection (the CLI, another process) commits to the same file', async () => {
    await expectSamePages();
    const other = new SqliteStore(path);
    try {
      await other.create<Thing>(KIND, P, { id: 'from-cli', name: 'Imported', group: 'x' });
      const a1 = (await other.get<Thing>(KIND, P, 'a1'))!;
      await other.update<Thing>(KIND, P, { ...a1, name: 'Edited elsewhere' }, { ifMatch: a1.etag });
    } finally {
      await other.close();
    }
    const all = (await expectSamePages()).flat();
    expect(all.find((thing) => thing.id === 'from-cli')?.name).toBe('Imported');
    expect(all.find((thing) => thing.id === 'a1')?.name).toBe('Edited elsewhere');
  });

  it('keeps nothing from a reader that stops early or is overtaken by a write between its pages', async () => {
    await kept.list<Thing>(KIND, P, { fields: FIELDS, pageSize: 7 });
    await expectSamePages();

    // A fill under way when this connection writes is dropped: the pages it read before the write are stale.
    await kept.close();
    kept = new SqliteStore(path, { cacheMinRows: 0 });
    const firstPage = await kept.list<Thing>(KIND, P, { fields: FIELDS, pageSize: 7 });
    const earlyId = firstPage.items[0].id;
    const early = (await kept.get<Thing>(KIND, P, earlyId))!;
    await kept.update<Thing>(KIND, P, { ...early, name: 'Changed mid-read' }, { ifMatch: early.etag });
    let continuationToken = firstPage.continuationToken;
    while (continuationToken) continuationToken = (await kept.list<Thing>(KIND, P, { fields: FIELDS, pageSize: 7, continuationToken })).continuationToken;
    const all = (await expectSamePages()).flat();
    expect(all.find((thing) => thing.id === earlyId)?.name).toBe('Changed mid-read');
  });

  it('keeps no projection smaller than its threshold, and never whole records', async () => {
    const small = new SqliteStore(path, { cacheMinRows: IDS.length + 1 });
    try {
      const first = (await pages(small)).flat();
      const second = (await pages(small)).flat();
      expect(second).toEqual(first);
      expect(second[0]).not.toBe(first[0]);
      const whole = (await kept.list<Thing>(KIND, P, { pageSize: 1000 })).items;
      const wholeAgain = (await kept.list<Thing>(KIND, P, { pageSize: 1000 })).items;
      expect(wholeAgain[0]).not.toBe(whole[0]);
      expect(wholeAgain[0].note).toBe('long text');
    } finally {
      await small.close();
    }
  });
});
