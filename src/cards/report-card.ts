import { ragLabel, RAGS, type Rag } from '../domain/actions/rag';
import { ASSURANCE_ROUTE_LABELS, ASSURANCE_ROUTES } from '../domain/reports/common';
import { describeChart, type Cell, type ReportChart, type ReportDocument } from '../domain/reports/report-document';
import { RAG_COLOURS, type Banner } from './action-cards';
import { cardBytes, MAX_CARD_BYTES, type AdaptiveCard, type CardRenderer } from './render';

/** What a report card's buttons carry back: enough to recompute the same report for whoever presses them. */
export interface ReportCardRef {
  report: string;
  args: string;
}

export interface ReportCardOptions {
  asAt: string;
  ref: ReportCardRef;
  /** Index of the first table row to show (rows of all tables counted in order); the "more" button moves it on. */
  start?: number;
  /** Offer the "share to the PAI channel" button. */
  share: boolean;
  /** Offer the report as an Excel file (personal chat only: Teams' file consent flow works there). */
  offerFile?: boolean;
  /** Offer the form to record a PAI decision per theme (quarterly theme report, chair and business unit). */
  decide?: boolean;
  banner?: Banner;
}

/** More rows than this make a card hard to read in a meeting even when it would fit. */
export const MAX_ROWS_PER_CARD = 40;
const MAX_CELL_CHARS = 280;
const RAG_BY_WORD = new Map<string, Rag>(RAGS.map((rag) => [ragLabel(rag), rag]));
/** Teams chart colours for RAG slices; the legend carries the word, so colour is never the only signal. */
const CHART_COLOURS: Record<Rag, string> = { RED: 'attention', AMBER: 'warning', GREEN: 'good', BLUE: 'categoricalBlue' };

interface RowRef {
  table: number;
  row: number;
}

/**
 * A report as an Adaptive Card 1.5: facts, charts (with a text fallback), tables and an "as at" line. A card holds as
 * many rows as fit in 28 KB (and at most MAX_ROWS_PER_CARD); the rest are reached with the "more" button, which carries
 * the next row index. Charts and facts appear on the first card only.
 */
export function reportCard(renderer: CardRenderer, doc: ReportDocument, options: ReportCardOptions): AdaptiveCard {
  // A reused report (ReportCache) is asked for with the same options again and again in a meeting: fitting rows into
  // 28 KB takes several template expansions, so the finished card is kept with the document it was made from.
  const key = JSON.stringify([options.asAt, options.ref, options.start ?? 0, options.share, options.offerFile === true, options.decide === true, options.banner ?? null]);
  let memo = cardsByDocument.get(doc);
  if (!memo) {
    memo = new Map();
    cardsByDocument.set(doc, memo);
  }
  const known = memo.get(key);
  if (known) return structuredClone(known);
  const card = buildReportCard(renderer, doc, options);
  if (memo.size < 20) memo.set(key, card);
  return structuredClone(card);
}

/** Finished cards per report document; entries go when the document is dropped from the report cache. */
const cardsByDocument = new WeakMap<ReportDocument, Map<string, AdaptiveCard>>();

function buildReportCard(renderer: CardRenderer, doc: ReportDocument, options: ReportCardOptions): AdaptiveCard {
  const start = Math.max(0, options.start ?? 0);
  const all: RowRef[] = doc.tables.flatMap((table, tableIndex) => table.rows.map((_row, rowIndex) => ({ table: tableIndex, row: rowIndex })));
  const remaining = Math.max(0, all.length - start);
  const build = (count: number) => renderer.expand('report', cardData(doc, options, start, all.slice(start, start + count), start + count < all.length));
  let low = Math.min(1, remaining);
  let high = Math.min(remaining, MAX_ROWS_PER_CARD);
  const full = build(high);
  if (cardBytes(full) <= MAX_CARD_BYTES) return full;
  // Binary search for the most rows that fit; `low` rows always fit because cells are capped in length.
  let fitting: AdaptiveCard | undefined;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const card = build(middle);
    if (cardBytes(card) <= MAX_CARD_BYTES) {
      low = middle;
      fitting = card;
    } else {
      high = middle - 1;
    }
  }
  return fitting ?? build(low);
}

function cardData(doc: ReportDocument, options: ReportCardOptions, start: number, shown: RowRef[], hasMore: boolean) {
  const first = start === 0;
  const total = doc.tables.reduce((sum, table) => sum + table.rows.length, 0);
  const tables = doc.tables
    .map((table, tableIndex) => {
      const rows = shown.filter((ref) => ref.table === tableIndex).map((ref) => ref.row);
      if (rows.length === 0 && !(first && table.rows.length === 0)) return undefined;
      const ragColumns = new Set(table.ragColumns ?? []);
      const cut = rows.length > 0 && (rows[0] > 0 || rows[rows.length - 1] < table.rows.length - 1);
      return {
        title: rows.length > 0 && rows[0] > 0 ? `${table.title} (continued)` : table.title,
        columns: table.columns.map((title, index) => ({ title, width: index === 0 ? 2 : 1 })),
        rows: rows.map((rowIndex) => ({ cells: table.rows[rowIndex].map((value, column) => cell(value, ragColumns.has(column))) })),
        note: table.rows.length === 0 ? table.empty ?? 'None.' : cut ? `Rows ${rows[0] + 1} to ${rows[rows.length - 1] + 1} of ${table.rows.length}.` : '',
      };
    })
    .filter((table) => table !== undefined);
  const next = start + shown.length;
  return {
    banner: options.banner ?? { style: 'emphasis', text: '' },
    title: first ? doc.title : `${doc.title} (continued)`,
    subtitle: doc.subtitle,
    facts: first ? doc.facts : [],
    charts: first ? doc.charts.map(chartData) : [],
    tables,
    asAt: options.asAt,
    more: { show: hasMore, title: `More (${total - next} more row${total - next === 1 ? '' : 's'})`, data: { ...options.ref, start: next } },
    share: { show: options.share, data: { ...options.ref, start } },
    file: { show: options.offerFile === true, data: { ...options.ref } },
    decide: {
      show: options.decide === true && doc.decide !== undefined && doc.decide.themes.length > 0,
      themes: doc.decide?.themes ?? [],
      routes: ASSURANCE_ROUTES.map((value) => ({ value, title: ASSURANCE_ROUTE_LABELS[value] })),
      data: { ...options.ref, period: doc.decide?.period ?? '' },
    },
  };
}

function cell(value: Cell, ragColumn: boolean) {
  const text = String(value);
  const rag = ragColumn ? RAG_BY_WORD.get(text) : undefined;
  return {
    text: text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS - 3)}...` : text === '' ? ' ' : text,
    color: rag ? RAG_COLOURS[rag] : 'Default',
    weight: rag ? 'Bolder' : 'Default',
  };
}

function chartData(chart: ReportChart) {
  const fallbackText = describeChart(chart);
  if (chart.kind === 'donut') {
    return { kind: chart.kind, title: chart.title, fallbackText, slices: chart.slices.map((slice) => ({ legend: slice.legend, value: slice.value, ...(slice.rag ? { color: CHART_COLOURS[slice.rag] } : {}) })) };
  }
  return { kind: chart.kind, title: chart.title, xAxisTitle: chart.xAxisTitle, yAxisTitle: chart.yAxisTitle, fallbackText, series: chart.series };
}
