import type { AccessToken, TokenCredential } from '@azure/identity';

/**
 * A TokenCredential that hands out one fixed token and remembers the scopes asked for: the local Cosmos server does
 * not check tokens, so this proves the code path a managed identity takes (the SDK asks for a token and signs with it).
 */
export class FixedTokenCredential implements TokenCredential {
  readonly scopes: string[] = [];

  constructor(readonly token = 'fixed-test-token') {}

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
    return { token: this.token, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 };
  }
}
