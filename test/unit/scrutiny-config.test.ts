import { loadConfig } from '../../src/config';
import { buildAppContext } from '../../src/app/kernel/build-context';

describe('scrutiny settings', () => {
  it('default to a target of three pieces and the six audit domains, and can be changed', () => {
    expect(loadConfig({}).scrutiny).toEqual({ targetPieces: 3, auditDomains: ['VOICE_OF_THE_CHILD', 'ASSESSMENT', 'PLANNING_AND_INTERVENTION', 'JOINT_WORKING', 'MANAGEMENT_OVERSIGHT', 'IMPACT'] });
    const config = loadConfig({ SCRUTINY_TARGET_PIECES: '4', SCRUTINY_AUDIT_DOMAINS: 'voice_of_the_child, Impact' });
    expect(config.scrutiny).toEqual({ targetPieces: 4, auditDomains: ['VOICE_OF_THE_CHILD', 'IMPACT'] });
    expect(() => loadConfig({ SCRUTINY_TARGET_PIECES: 'three' })).toThrow(/SCRUTINY_TARGET_PIECES/);
    const ctx = buildAppContext(config, { store: {} as never, clock: {} as never, logger: {} as never, holidays: {} as never });
    expect(ctx.settings.scrutiny).toEqual({ targetPieces: 4, auditDomains: ['VOICE_OF_THE_CHILD', 'IMPACT'] });
  });
});
