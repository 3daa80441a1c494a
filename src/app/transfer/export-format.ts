/** What an export directory holds: `manifest.json` and one `<kind>.jsonl` per kind with records (one JSON object a line). */
export const EXPORT_FORMAT = 'assurance-bot-export/1';

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  partnershipId: string;
  exportedAt: string;
  /** Records per kind, every kind the bot knows (0 for an empty kind, which then has no file). */
  counts: Record<string, number>;
}

/** A whole partnership's records by kind, each record as the caller's fields (id included; no etag, no partition). */
export interface PartnershipExport {
  manifest: ExportManifest;
  records: Record<string, Record<string, unknown>[]>;
}
