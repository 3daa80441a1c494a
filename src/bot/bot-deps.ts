import type { AppContext } from '../app/kernel/app-context';
import type { CardRenderer } from '../cards/render';
import type { ReportCache } from '../app/reports/report-cache';
import type { UploadFile } from '../adapters/teams/file-upload';
import type { ReportDocument } from '../domain/reports/report-document';

/** Writes a report as an Excel workbook (the reports adapter, injected so the bot never reaches for files itself). */
export type ReportWorkbook = (doc: ReportDocument, asAt: string) => Promise<Buffer>;

/** Everything the bot layer needs, injected by compose.ts (or a test). */
export interface BotDeps {
  ctx: AppContext;
  cards: CardRenderer;
  /**
   * Starts sending outbox messages a handler has just queued (action cards, a shared report) without waiting for
   * the next tick; returns at once (app/reminders/deliver-now.ts).
   */
  deliver: (outboxIds: readonly string[]) => void;
  /** Computed reports reused until the next write (compose.ts); without one every report is computed afresh. */
  reportCache?: ReportCache;
  /** Uploads an accepted file (Teams file consent); tests pass a fake, the bot uses uploadToConsentUrl. */
  uploadFile?: UploadFile;
  /** The Excel file offered from a report card. */
  reportWorkbook: ReportWorkbook;
}
