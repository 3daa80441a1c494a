import { AlreadyExistsError, ConflictError, NotFoundError, ValidationError } from '../../src/domain/errors';
import { DocumentStore, listAll } from '../../src/ports/document-store';
import { bothStores } from '../support/both-stores';

interface Note {
  id: string;
  title: string;
  agencyId?: string | null;
  open?: boolean;
  rank?: number;
}

/**
 * Each store under the same suite: both must give the same answers (architecture.md rule 4). Cosmos runs twice: with
 * the key, and with a token credential as a managed identity signs in.
 */
const stores = bothStores({ withTokenCredential: true });

describe.each(stores)('DocumentStore contract: %s', (_name, open) => {
  let store: DocumentStore;
  const P = 'partnership-a';

  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('gets undefined for a missing id', async () => {
    await expect(store.get('note', P, 'missing')).resolves.toBeUndefined();
  });

  it('creates and reads back a record with an etag and its partnership', async () => {
    const created = await store.create<Note>('note', P, { id: 'n1', title: 'First' });
    expect(created).toMatchObject({ id: 'n1', title: 'First', partnershipId: P });
    expect(created.etag).toEqual(expect.any(String));
    expect(created.etag.length).toBeGreaterThan(0);
    const read = await store.get<Note>('note', P, 'n1');
    expect(read).toEqual(created);
  });

  it('refuses a duplicate create and keeps the original', async () => {
    await store.create<Note>('note', P, { id: 'n1', title: 'First' });
    await expect(store.create<Note>('note', P, { id: 'n1', title: 'Second' })).rejects.toBeInstanceOf(AlreadyExistsError);
    expect((await store.get<Note>('note', P, 'n1'))?.title).toBe('First');
  });

  it('keeps kinds apart: the same id in two kinds is two records', async () => {
    await store.create<Note>('note', P, { id: 'same', title: 'note' });
    await store.create<Note>('memo', P, { id: 'same', title: 'memo' });
    expect((await store.get<Note>('note', P, 'same'))?.title).toBe('note');
    expect((await store.get<Note>('memo', P, 'same'))?.title).toBe('memo');
  });

  it('updates with the current etag and issues a new one', async () => {
    const created = await store.create<Note>('note', P, { id: 'n1', title: 'First' });
    const updated = await store.update<Note>('note', P, { id: 'n1', title: 'Changed' }, { ifMatch: created.etag });
    expect(updated.title).toBe('Changed');
    expect(updated.etag).not.toBe(created.etag);
  });

  it('writes a record back as it was read: its etag and partnership are the store\'s, never stored in the body', async () => {
    const created = await store.create<Note>('note', P, { id: 'n9', title: 'First' });
    // Callers change what they read and hand it back whole, etag and partnership included.
    const updated = await store.update<Note>('note', P, { ...created, title: 'Changed' }, { ifMatch: created.etag });
    expect(updated.etag).not.toBe(created.etag);
    const read = await store.get<Note>('note', P, 'n9');
    expect(read).toEqual({ id: 'n9', title: 'Changed', partnershipId: P, etag: updated.etag });
    const again: Note = { ...read!, title: 'Again', partnershipId: 'someone-else' } as Note;
    const [committed] = await store.commit(P, [{ op: 'upsert', kind: 'note', doc: again }]);
    expect(committed).toEqual({ id: 'n9', title: 'Again', partnershipId: P, etag: committed!.etag });
    expect(await store.get<Note>('note', P, 'n9')).toEqual(committed);
  });

  it('refuses an update with a stale etag and writes nothing', async () => {
    const created = await store.create<Note>('note', P, { id: 'n1', title: 'First' });
    const winner = await store.update<Note>('note', P, { id: 'n1', title: 'Winner' }, { ifMatch: created.etag });
    await expect(store.update<Note>('note', P, { id: 'n1', title: 'Loser' }, { ifMatch: created.etag })).rejects.toBeInstanceOf(ConflictError);
    expect(await store.get<Note>('note', P, 'n1')).toEqual(winner);
  });

  it('refuses an update of a missing record', async () => {
    await expect(store.update<Note>('note', P, { id: 'ghost', title: 'x' }, { ifMatch: 'whatever' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.get('note', P, 'ghost')).resolves.toBeUndefined();
  });

  it('upserts without a concurrency check', async () => {
    await store.upsert<Note>('note', P, { id: 'u1', title: 'one' });
    await store.upsert<Note>('note', P, { id: 'u1', title: 'two' });
    expect((await store.get<Note>('note', P, 'u1'))?.title).toBe('two');
  });

  it('deletes idempotently', async () => {
    await store.create<Note>('note', P, { id: 'n1', title: 'First' });
    await store.delete('note', P, 'n1');
    await expect(store.get('note', P, 'n1')).resolves.toBeUndefined();
    await expect(store.delete('note', P, 'n1')).resolves.toBeUndefined();
    await expect(store.delete('note', P, 'never-existed')).resolves.toBeUndefined();
  });

  it('lists across pages with continuation tokens, in id order, without gaps or repeats', async () => {
    const ids = Array.from({ length: 23 }, (_, index) => `n${String(index).padStart(2, '0')}`);
    for (const id of [...ids].reverse()) await store.create<Note>('note', P, { id, title: id });
    await store.create<Note>('memo', P, { id: 'not-a-note', title: 'memo' });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await store.list<Note>('note', P, { pageSize: 7, continuationToken: token });
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((item) => item.id));
      token = page.continuationToken;
      pages += 1;
    } while (token);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(seen).toEqual(ids);
  });

  it('filters a list by top-level field equality, null matching a missing field', async () => {
    await store.create<Note>('note', P, { id: 'a', title: 'a', agencyId: 'police', open: true, rank: 1 });
    await store.create<Note>('note', P, { id: 'b', title: 'b', agencyId: 'health', open: false, rank: 2 });
    await store.create<Note>('note', P, { id: 'c', title: 'c', agencyId: 'police', open: false, rank: 2 });
    await store.create<Note>('note', P, { id: 'd', title: 'd' });
    const ids = async (where: Record<string, string | number | boolean | null>) =>
      (await listAll<Note>(store, 'note', P, { where })).map((note) => note.id);
    expect(await ids({ agencyId: 'police' })).toEqual(['a', 'c']);
    expect(await ids({ agencyId: 'police', open: false })).toEqual(['c']);
    expect(await ids({ rank: 2 })).toEqual(['b', 'c']);
    expect(await ids({ agencyId: null })).toEqual(['d']);
  });

  it('projects a list onto named fields: whole values, missing and null fields left out, with filters and pages', async () => {
    interface Wide { id: string; title: string; tags?: string[]; meta?: { on: string; note?: string } | null; rank?: number; open?: boolean; long?: string }
    await store.create<Wide>('wide', P, { id: 'w1', title: 'one', tags: ['x', 'y'], meta: { on: '2026-01-02', note: 'n' }, rank: 0, open: false, long: 'free text '.repeat(50) });
    await store.create<Wide>('wide', P, { id: 'w2', title: 'two', meta: null, rank: 2.5, open: true, long: 'more text' });
    await store.create<Wide>('wide', P, { id: 'w3', title: 'three', rank: 0 });
    const fields = ['title', 'tags', 'meta', 'rank', 'open', 'absent', 'id', 'title'];
    const strip = (item: object) => {
      const { etag, partnershipId, ...rest } = item as Record<string, unknown>;
      expect(typeof etag).toBe('string');
      expect(partnershipId).toBe(P);
      return rest;
    };
    const all = await listAll<Wide>(store, 'wide', P, { fields });
    expect(all.map(strip)).toEqual([
      { id: 'w1', title: 'one', tags: ['x', 'y'], meta: { on: '2026-01-02', note: 'n' }, rank: 0, open: false },
      { id: 'w2', title: 'two', rank: 2.5, open: true },
      { id: 'w3', title: 'three', rank: 0 },
    ]);
    const full = await store.get<Wide>('wide', P, 'w1');
    expect(all[0].etag).toBe(full?.etag);
    expect((await listAll<Wide>(store, 'wide', P, { fields: ['title'], where: { rank: 0 } })).map(strip)).toEqual([{ id: 'w1', title: 'one' }, { id: 'w3', title: 'three' }]);
    const first = await store.list<Wide>('wide', P, { fields: ['rank'], pageSize: 2 });
    expect(first.items.map(strip)).toEqual([{ id: 'w1', rank: 0 }, { id: 'w2', rank: 2.5 }]);
    const second = await store.list<Wide>('wide', P, { fields: ['rank'], pageSize: 2, continuationToken: first.continuationToken });
    expect(second.items.map(strip)).toEqual([{ id: 'w3', rank: 0 }]);
    expect(second.continuationToken).toBeUndefined();
    // Only the ids (a list of what exists, no body at all).
    expect((await listAll<Wide>(store, 'wide', P, { fields: ['id'] })).map(strip)).toEqual([{ id: 'w1' }, { id: 'w2' }, { id: 'w3' }]);
    await expect(store.list('wide', P, { fields: ['title', 'x"] FROM c --'] })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a continuation token it did not issue, and unsafe filter fields', async () => {
    await expect(store.list('note', P, { continuationToken: 'not-a-token' })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.list('note', P, { where: { 'x"] OR 1=1 --': 'y' } })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses ids Cosmos DB cannot hold, identically on every store', async () => {
    await expect(store.create<Note>('note', P, { id: 'a/b', title: 'x' })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.get('note', P, 'a#b')).rejects.toBeInstanceOf(ValidationError);
  });

  it('never shows one partnership another partnership\'s data', async () => {
    await store.create<Note>('note', 'partnership-a', { id: 'shared-id', title: 'A' });
    await store.create<Note>('note', 'partnership-b', { id: 'shared-id', title: 'B' });
    await store.create<Note>('note', 'partnership-b', { id: 'only-b', title: 'B only' });
    expect((await store.get<Note>('note', 'partnership-a', 'shared-id'))?.title).toBe('A');
    await expect(store.get('note', 'partnership-a', 'only-b')).resolves.toBeUndefined();
    expect((await listAll<Note>(store, 'note', 'partnership-a')).map((note) => note.title)).toEqual(['A']);
    await store.delete('note', 'partnership-a', 'only-b');
    expect(await store.get('note', 'partnership-b', 'only-b')).toBeDefined();
  });

  it('commits a change and its audit entry together', async () => {
    const created = await store.create<Note>('note', P, { id: 'n1', title: 'First' });
    const results = await store.commit(P, [
      { op: 'update', kind: 'note', doc: { id: 'n1', title: 'Second' } as Note, ifMatch: created.etag },
      { op: 'create', kind: 'audit', doc: { id: 'audit-1', subject: 'n1', before: 'First', after: 'Second' } as object as Note },
    ]);
    expect(results).toHaveLength(2);
    expect((await store.get<Note>('note', P, 'n1'))?.title).toBe('Second');
    expect(await store.get('audit', P, 'audit-1')).toMatchObject({ subject: 'n1', after: 'Second' });
  });

  it('writes neither the change nor its audit entry when the change is refused', async () => {
    const created = await store.create<Note>('note', P, { id: 'n1', title: 'First' });
    await store.update<Note>('note', P, { id: 'n1', title: 'Someone else' }, { ifMatch: created.etag });
    await expect(
      store.commit(P, [
        { op: 'update', kind: 'note', doc: { id: 'n1', title: 'Mine' } as Note, ifMatch: created.etag },
        { op: 'create', kind: 'audit', doc: { id: 'audit-2', subject: 'n1' } as object as Note },
      ]),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await store.get<Note>('note', P, 'n1'))?.title).toBe('Someone else');
    await expect(store.get('audit', P, 'audit-2')).resolves.toBeUndefined();
  });
});
