import { StorePreparation } from '../../../src/app/setup/prepare-store';
import { checkReadiness, storeProblemOf } from '../../../src/http/readiness';
import type { DocumentStore } from '../../../src/ports/document-store';
import { MemoryLogger } from '../../support/silent-logger';

/** An error as @azure/cosmos raises it: a status code on `code`. */
const cosmosError = (code: number) => Object.assign(new Error('refused'), { name: 'ErrorResponse', code });

describe('StorePreparation and /readyz while the store is not ready', () => {
  it('keeps trying until the store answers, and /readyz says why it is not ready meanwhile', async () => {
    const attempts: number[] = [];
    const preparation = new StorePreparation(
      async () => {
        attempts.push(attempts.length);
        if (attempts.length < 3) throw cosmosError(403);
      },
      new MemoryLogger(),
      () => new Date('2026-11-30T09:00:00Z'),
      5,
    );
    await preparation.start({ retry: true });
    const store = { ping: async () => undefined } as unknown as DocumentStore;
    const deps = { store, preparation, schedulerInProcess: false, scheduler: () => undefined, runner: { lastTick: () => undefined, idle: async () => undefined }, shuttingDown: () => false };
    const notYet = await checkReadiness(deps);
    expect(notYet).toMatchObject({ ready: false, checks: { store: { ok: false, detail: expect.stringMatching(/Not ready since 2026-11-30T09:00:00.000Z: .*data-plane role/) }, scheduler: { ok: true } } });
    while (!preparation.current().ready) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(attempts).toHaveLength(3);
    expect(await checkReadiness(deps)).toMatchObject({ ready: true, checks: { store: { ok: true } } });
    preparation.stop();
  });

  it('fails start-up at once when retrying is off (SQLite)', async () => {
    const preparation = new StorePreparation(async () => Promise.reject(new Error('disk full')), new MemoryLogger(), () => new Date());
    await expect(preparation.start({ retry: false })).rejects.toThrow('disk full');
  });

  it('names what an operator can act on, from codes and error names only', () => {
    expect(storeProblemOf(cosmosError(404))).toMatch(/does not exist: deploy infra\/main.bicep/);
    expect(storeProblemOf(Object.assign(new Error('no IMDS'), { name: 'CredentialUnavailableError' }))).toMatch(/No managed identity token/);
    expect(storeProblemOf(new TypeError('secret detail'))).toBe('The store is not reachable (TypeError).');
  });
});
