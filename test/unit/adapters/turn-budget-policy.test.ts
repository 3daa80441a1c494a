import { turnBudgetPolicy } from '../../../src/adapters/teams/create-adapter';

type Request = { timeout: number; abortSignal?: AbortSignal };

/** A connector call that answers only when aborted, as a host that accepts the connection and never replies. */
function hanging(request: Request): Promise<unknown> {
  return new Promise((_resolve, reject) => request.abortSignal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
}

const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('turnBudgetPolicy (connector calls from a turn)', () => {
  it('aborts a call that never answers once the budget is spent, and leaves no timer behind', async () => {
    const policy = turnBudgetPolicy(40, 5);
    const before = timers();
    const started = Date.now();
    await expect(policy.sendRequest({ timeout: 0 }, hanging)).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('tries a refused connection once more, and leaves no timer behind when both tries fail', async () => {
    const policy = turnBudgetPolicy(8_000, 5);
    const before = timers();
    const next = jest.fn(async (request: Request) => {
      expect(request.timeout).toBe(0);
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    await expect(policy.sendRequest({ timeout: 30_000 }, next)).rejects.toThrow('ECONNREFUSED');
    expect(next).toHaveBeenCalledTimes(2);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('answers with the second try when the first connection dropped', async () => {
    const policy = turnBudgetPolicy(8_000, 5);
    const next = jest.fn().mockRejectedValueOnce(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).mockResolvedValueOnce({ status: 200 });
    await expect(policy.sendRequest({ timeout: 0 }, next)).resolves.toEqual({ status: 200 });
  });

  it('still stops when the caller aborts', async () => {
    const caller = new AbortController();
    const call = turnBudgetPolicy(8_000, 5).sendRequest({ timeout: 0, abortSignal: caller.signal }, hanging);
    caller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });
});
