import type { Clock } from '../ports/clock';
import type { DocumentStore } from '../ports/document-store';
import type { Logger } from '../ports/logger';

/** What every use case gets: the partnership it serves and the ports. Built once in index.ts. */
export interface AppContext {
  partnershipId: string;
  partnershipName: string;
  store: DocumentStore;
  clock: Clock;
  logger: Logger;
  /** Lower-case AAD object ids treated as ADMIN even before any member is registered. */
  adminAadObjectIds: readonly string[];
  workEmailDomains: readonly string[];
}
