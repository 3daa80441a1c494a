import { DEFAULT_REMINDER_SETTINGS, ReminderSettings } from '../../domain/reminders/reminder-policy';
import { DEFAULT_REVIEW_DATE_SETTINGS } from '../../domain/reviews/review';
import { DEFAULT_SCRUTINY_SETTINGS, type ScrutinySettings } from '../../domain/scrutiny/settings';
import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/document-store';
import type { HolidayCalendar } from '../../ports/holiday-calendar';
import type { Logger } from '../../ports/logger';
import type { AppContext } from './app-context';
import { storesOf } from './records';
import { SummaryKeepingStore } from '../reports/summary-keeping-store';

/** The subset of configuration the use cases need (kept free of the config module so the core stays pure). */
export interface ContextSettings {
  partnershipId: string;
  partnershipName: string;
  adminAadObjectIds: readonly string[];
  workEmailDomains: readonly string[];
  rag: { amberWithinDays: number; staleAfterDays: number; notStartedAfterDays: number };
  assuranceClockStart: 'MANUAL' | 'RR_SUBMITTED' | 'PUBLISHED' | 'ACTION_PLANNING_MEETING';
  /** Defaults (DEFAULT_REMINDER_SETTINGS) when left out, as in the CLI and most tests. */
  reminders?: ReminderSettings;
  /** Defaults (DEFAULT_SCRUTINY_SETTINGS) when left out. */
  scrutiny?: ScrutinySettings;
  /** Whether the report mirrors are kept (app/reports/report-mirrors.ts); off when left out. */
  reportMirrors?: boolean;
}

/** One way to assemble the use-case context, for the bot, the CLI and tests alike. */
export function buildAppContext(settings: ContextSettings, ports: { store: DocumentStore; clock: Clock; logger: Logger; holidays: HolidayCalendar }): AppContext {
  // Every write through a context keeps the stored report summaries current (issue 14).
  const store = SummaryKeepingStore.around(ports.store);
  return {
    partnershipId: settings.partnershipId,
    partnershipName: settings.partnershipName,
    ...ports,
    store,
    stores: storesOf(store, settings.partnershipId),
    settings: {
      rag: { ...settings.rag },
      reviewDates: { ...DEFAULT_REVIEW_DATE_SETTINGS, completionEvent: settings.assuranceClockStart },
      reminders: { ...(settings.reminders ?? DEFAULT_REMINDER_SETTINGS), sendWindow: { ...(settings.reminders ?? DEFAULT_REMINDER_SETTINGS).sendWindow } },
      reportMirrors: settings.reportMirrors ?? false,
      scrutiny: { targetPieces: (settings.scrutiny ?? DEFAULT_SCRUTINY_SETTINGS).targetPieces, auditDomains: [...(settings.scrutiny ?? DEFAULT_SCRUTINY_SETTINGS).auditDomains] },
    },
    adminAadObjectIds: settings.adminAadObjectIds,
    workEmailDomains: settings.workEmailDomains,
  };
}
