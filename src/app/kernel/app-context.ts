import { londonDateOf, type IsoDate } from '../../domain/calendar';
import type { RagSettings } from '../../domain/actions/rag';
import type { ReminderSettings } from '../../domain/reminders/reminder-policy';
import type { ReviewDateSettings } from '../../domain/reviews/review';
import type { ScrutinySettings } from '../../domain/scrutiny/settings';
import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/document-store';
import type { HolidayCalendar } from '../../ports/holiday-calendar';
import type { Logger } from '../../ports/logger';
import type { Stores } from './records';

/** Rules the partnership may tune (docs/design/domain.md section 8): each has a default and an environment variable. */
export interface PolicySettings {
  rag: RagSettings;
  reviewDates: ReviewDateSettings;
  /** Reminder timing, escalation and snooze limits, and the send window (issue 4). */
  reminders: ReminderSettings;
  /** Scrutiny programme target and case file audit domains (issue 12). */
  scrutiny: ScrutinySettings;
  /**
   * Whether the rebuild keeps the report mirrors (REPORT_MIRRORS): they spare queries where a query costs more than
   * reads by id (Cosmos DB); SQLite answers a report's projected query faster than it reads the shards.
   */
  reportMirrors: boolean;
}

/** What every use case gets: the partnership it serves and the ports. Built once in compose.ts. */
export interface AppContext {
  partnershipId: string;
  partnershipName: string;
  store: DocumentStore;
  /** The same store, typed per kind with the partnership bound (records.ts). */
  stores: Stores;
  clock: Clock;
  logger: Logger;
  holidays: HolidayCalendar;
  settings: PolicySettings;
  /** Lower-case AAD object ids treated as ADMIN even before any member is registered. */
  adminAadObjectIds: readonly string[];
  workEmailDomains: readonly string[];
}

/** Today in London, the calendar day every rule of the partnership counts in. */
export function todayOf(ctx: AppContext): IsoDate {
  return londonDateOf(ctx.clock.now());
}
