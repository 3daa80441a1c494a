import { slug } from '../../domain/reports/report-document';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import type { ReportDocument } from '../../domain/reports/report-document';
import { tableToCsv } from './csv-writer';
import { reportToHtml } from './html-writer';
import { reportToXlsx } from './xlsx-writer';

export const REPORT_FORMATS = ['xlsx', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];


/**
 * Writes a report in the chosen format and returns the paths written. XLSX and HTML are one file; CSV is one file per
 * table (`<name>-<table>.csv`), since a CSV holds one table.
 */
export async function writeReport(doc: ReportDocument, format: ReportFormat, outPath: string, asAt: string, partnershipName: string): Promise<string[]> {
  await mkdir(dirname(outPath), { recursive: true });
  switch (format) {
    case 'xlsx':
      await writeFile(outPath, await reportToXlsx(doc, asAt));
      return [outPath];
    case 'html':
      await writeFile(outPath, reportToHtml(doc, asAt, partnershipName), 'utf8');
      return [outPath];
    case 'csv': {
      const base = outPath.slice(0, outPath.length - extname(outPath).length);
      const paths = doc.tables.map((table) => (doc.tables.length === 1 ? `${base}.csv` : `${base}-${slug(table.name)}.csv`));
      await Promise.all(doc.tables.map((table, index) => writeFile(paths[index], tableToCsv(table), 'utf8')));
      return paths;
    }
  }
}

/** The default file name: report name and period or date, in the given folder. */
export function defaultReportPath(folder: string, doc: ReportDocument, format: ReportFormat, date: string): string {
  const period = /, (Q\d \d{4}\/\d{2}|\d{4}\/\d{2})$/.exec(doc.title)?.[1];
  return join(folder, `${doc.name}-${slug(period ?? date)}.${format}`);
}
