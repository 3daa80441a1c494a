import type { Cell, ReportTable } from '../../domain/reports/report-document';

/**
 * One table as CSV (RFC 4180, CRLF, UTF-8 with a BOM so Excel reads accents). Text that a spreadsheet would run as a
 * formula (=, +, -, @ first) is prefixed with an apostrophe: report cells can hold text people typed.
 */
export function tableToCsv(table: ReportTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvCell(value: Cell): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
