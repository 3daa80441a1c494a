import ExcelJS from 'exceljs';
import { ragLabel, RAGS, type Rag } from '../../domain/actions/rag';
import { describeChart, type ReportDocument } from '../../domain/reports/report-document';

const RAG_FILLS: Record<Rag, string> = { RED: 'FFF4B6C2', AMBER: 'FFFFE3A3', GREEN: 'FFB7E4C7', BLUE: 'FFB9D6F2' };
const RAG_BY_WORD = new Map<string, Rag>(RAGS.map((rag) => [ragLabel(rag), rag]));

/** Excel refuses sheet names over 31 characters or with []:*?/\ and names used twice. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28).trim() || 'Sheet';
  let candidate = base;
  for (let index = 2; used.has(candidate.toLowerCase()); index += 1) candidate = `${base} ${index}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/**
 * The business unit's workbook: a summary sheet (title, period, facts, charts in words, "as at"), then one sheet per
 * table with a bold header row, frozen panes, column widths from the content and RAG cells filled as well as worded.
 */
export async function reportToXlsx(doc: ReportDocument, asAt: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Assurance Bot';
  workbook.created = new Date(doc.generatedAt);
  const used = new Set<string>();

  const summary = workbook.addWorksheet(sheetName('Summary', used));
  summary.addRow([doc.title]).font = { bold: true, size: 14 };
  summary.addRow([doc.subtitle]);
  summary.addRow([`As at ${asAt}`]);
  summary.addRow([]);
  for (const fact of doc.facts) summary.addRow([fact.title, fact.value]);
  if (doc.charts.length) summary.addRow([]);
  for (const chart of doc.charts) summary.addRow([describeChart(chart)]);
  summary.getColumn(1).width = 45;
  summary.getColumn(2).width = 60;

  for (const table of doc.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow(table.columns);
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E9F0' } };
    for (const row of table.rows) sheet.addRow(row);
    if (table.rows.length === 0) sheet.addRow([table.empty ?? 'None.']);
    const ragColumns = new Set(table.ragColumns ?? []);
    table.columns.forEach((title, index) => {
      const longest = Math.max(title.length, ...table.rows.map((row) => String(row[index] ?? '').length));
      sheet.getColumn(index + 1).width = Math.min(60, Math.max(8, longest + 2));
      if (!ragColumns.has(index)) return;
      sheet.getColumn(index + 1).eachCell((cell, rowNumber) => {
        const rag = rowNumber > 1 ? RAG_BY_WORD.get(String(cell.value)) : undefined;
        if (rag) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: RAG_FILLS[rag] } };
      });
    });
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, table.columns.length) } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
