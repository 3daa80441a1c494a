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
    for (const name of ['PORT', 'COSMOS_ENDPOINT', 'COSMOS_KEY', 'BOT_PASSWORD', 'DEMO_DATA', 'LOG_LEVEL']) expect(message).toContain(name);
  });

  it('refuses a non-loopback HOST while authentication is off', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST: must be a loopback address/);
  });
});
