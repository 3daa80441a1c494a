import { DEFAULT_AUDIT_DOMAINS } from './case-audit';

/** Scrutiny settings (issue 12): the pieces aimed for per reporting period, and the case file audit domains. */
export interface ScrutinySettings {
  targetPieces: number;
  auditDomains: string[];
}

export const DEFAULT_SCRUTINY_SETTINGS: Readonly<ScrutinySettings> = Object.freeze({ targetPieces: 3, auditDomains: [...DEFAULT_AUDIT_DOMAINS] });
