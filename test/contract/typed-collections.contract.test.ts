import { ConflictError } from '../../src/domain/errors';
import type { Agency } from '../../src/domain/directory/agency';
import { storesOf } from '../../src/app/kernel/records';
import type { DocumentStore } from '../../src/ports/document-store';
import { bothStores } from '../support/both-stores';

/** The typed collections are a thin layer: the same answers on both stores, with the partnership bound once. */
const stores = bothStores();

describe.each(stores)('typed collections over the store contract: %s', (_name, open) => {
  let store: DocumentStore;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  const agency = (id: string, name: string): Agency => ({
    id, name, shortName: name, type: 'STATUTORY_PARTNER', s11Duty: true, active: true,
    createdAt: '2026-11-30T09:00:00.000Z', createdBy: 'test', updatedAt: '2026-11-30T09:00:00.000Z', updatedBy: 'test',
  });

  it('reads and writes one partnership only, and takes the ETag for an update from the record read', async () => {
    const mine = storesOf(store, 'p-mine');
    const theirs = storesOf(store, 'p-theirs');
    const created = await mine.agencies.create(agency('police', 'Police'));
    expect(created.partnershipId).toBe('p-mine');
    await expect(theirs.agencies.get('police')).resolves.toBeUndefined();

    const read = (await mine.agencies.get('police'))!;
    const renamed = await mine.agencies.update(read, { ...agency('police', 'Lancashire Constabulary') });
    expect(renamed.name).toBe('Lancashire Constabulary');
    // The first read is now stale: writing from it is refused and changes nothing.
    await expect(mine.agencies.update(read, agency('police', 'Stale'))).rejects.toBeInstanceOf(ConflictError);
    expect((await mine.agencies.get('police'))!.name).toBe('Lancashire Constabulary');
  });

  it('commits operations from several collections together, and lists every page with all()', async () => {
    const mine = storesOf(store, 'p-mine');
    await mine.commit([
      mine.agencies.op.create(agency('a1', 'One')),
      mine.agencies.op.create(agency('a2', 'Two')),
      mine.themes.op.upsert({ id: 'neglect', name: 'Neglect', active: true }),
    ]);
    const all = await mine.agencies.all({ pageSize: 1 });
    expect(all.map((item) => item.id).sort()).toEqual(['a1', 'a2']);
    expect((await mine.themes.get('neglect'))?.name).toBe('Neglect');
    await mine.agencies.delete('a1');
    await mine.agencies.delete('a1');
    expect((await mine.agencies.all()).map((item) => item.id)).toEqual(['a2']);
  });

  it('reads only the named fields with pick(), filtered as all() is', async () => {
    const mine = storesOf(store, 'p-pick');
    await mine.commit([mine.agencies.op.create(agency('a1', 'One')), mine.agencies.op.create(agency('a2', 'Two'))]);
    const picked = await mine.agencies.pick(['name'], { where: { name: 'Two' } });
    expect(picked).toHaveLength(1);
    expect(picked[0]).toMatchObject({ id: 'a2', name: 'Two' });
    expect(Object.keys(picked[0]).sort()).toEqual(['etag', 'id', 'name', 'partnershipId']);
  });
});
