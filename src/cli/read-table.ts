import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

/** A spreadsheet as rows keyed by lower-case header, every cell as trimmed text. */
export type TableRows = Record<string, string>[];

/** Header names as the CLI documents them: lower-case, spaces to underscores. */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Reads a .csv or .xlsx file (first worksheet) with the same columns. */
export async function readTable(path: string): Promise<TableRows> {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return parseCsv(readFileSync(path, 'utf8'));
  if (extension === '.xlsx') return readXlsx(path);
  throw new Error(`Cannot read ${extension || 'a file without an extension'}: use .csv or .xlsx.`);
}

export function parseCsv(text: string): TableRows {
  const records = parse(text, { columns: (header: string[]) => header.map(normaliseHeader), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  return records;
}

async function readXlsx(path: string): Promise<TableRows> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
    headers[column] = normaliseHeader(cellText(cell.value));
  });
  const rows: TableRows = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const record: Record<string, string> = {};
    headers.forEach((header, column) => {
      if (header) record[header] = cellText(row.getCell(column).value).trim();
    });
    if (Object.values(record).some((value) => value !== '')) rows.push(record);
  });
  return rows;
}

/** Dates typed into Excel arrive as Date cells; they become YYYY-MM-DD like the CSV form. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('hyperlink' in value) return String(value.hyperlink);
  }
  return String(value);
}
