import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('runs with no environment at all: SQLite, local mode on loopback', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, host: '127.0.0.1', store: { kind: 'sqlite', path: 'data/assurance.db' }, authEnabled: false, demoData: false });
    expect(Object.isFrozen(config.store)).toBe(true);
  });

  it('treats empty values as unset, as Teams Toolkit env files write them', () => {
    expect(loadConfig({ BOT_ID: '', BOT_PASSWORD: '', PORT: '' }).authEnabled).toBe(false);
  });

  it('listens on every interface once BOT_ID turns authentication on', () => {
    const config = loadConfig({ BOT_ID: 'id', BOT_PASSWORD: 'secret', ALLOWED_TENANT_IDS: 't1, t2', ADMIN_AAD_OBJECT_IDS: 'ABC;def' });
    expect(config).toMatchObject({ host: '0.0.0.0', authEnabled: true, allowedTenantIds: ['t1', 't2'], adminAadObjectIds: ['abc', 'def'] });
  });

  it('names every problem in one message', () => {
    let error: unknown;
    try {
      loadConfig({ STORE: 'cosmos', PORT: 'eighty', BOT_ID: 'id', DEMO_DATA: 'perhaps', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'COSMOS_ENDPOINT', 'BOT_PASSWORD', 'DEMO_DATA', 'LOG_LEVEL']) expect(message).toContain(name);
  });

  it('refuses a non-loopback HOST while authentication is off', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST: must be a loopback address/);
  });

  it('gives the reminder and sending defaults from the issue: 08:00-18:00, 45 per second, cron every 15 minutes', () => {
    const config = loadConfig({});
    expect(config.reminders).toMatchObject({ dueSoonWorkingDays: 5, overdueRepeatWorkingDays: 5, escalateAfterWorkingDays: 10, sendWindow: { from: '08:00', until: '18:00' } });
    expect(config.sending).toMatchObject({ tenantRatePerSecond: 47, maxAttempts: 8 });
    expect(config.jobs).toMatchObject({ cron: '*/15 * * * *', inProcess: true, secret: undefined });
  });

  it('accepts CLOCK_NOW in local mode only, and refuses it once BOT_ID is set', () => {
    expect(loadConfig({ CLOCK_NOW: '2026-12-24T09:00:00Z' }).clockNow).toBe('2026-12-24T09:00:00Z');
    expect(() => loadConfig({ CLOCK_NOW: '2026-12-24T09:00:00Z', BOT_ID: 'id', BOT_PASSWORD: 'secret' })).toThrow(/CLOCK_NOW: only allowed in local mode/);
  });

  it('names a bad cron expression, a short jobs secret and a backwards send window', () => {
    expect(() => loadConfig({ JOBS_CRON: 'every now and then', JOBS_SECRET: 'short', SEND_WINDOW_START: '18:00', SEND_WINDOW_END: '08:00' })).toThrow(
      /JOBS_SECRET[\s\S]*JOBS_CRON|JOBS_CRON[\s\S]*JOBS_SECRET/,
    );
    expect(() => loadConfig({ SEND_WINDOW_START: '18:00', SEND_WINDOW_END: '08:00' })).toThrow(/SEND_WINDOW_START: must be earlier/);
  });
});
