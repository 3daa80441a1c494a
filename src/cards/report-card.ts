import { ragLabel, RAGS, type Rag, type RagRating } from '../domain/actions/rag';
import { ASSURANCE_ROUTE_LABELS, ASSURANCE_ROUTES } from '../domain/reports/common';
import { describeChart, type CardItem, type CardSection, type ReportChart, type ReportDocument } from '../domain/reports/report-document';
import { RAG_COLOURS, type Banner } from './action-cards';
import { cardBytes, MAX_CARD_BYTES, type AdaptiveCard, type CardRenderer } from './render';

/** What a report card's buttons carry back: enough to find the same snapshot (or recompute) for whoever presses. */
export interface ReportCardRef {
  report: string;
  args: string;
}

/**
 * Where the reader is in a report: the section shown ('' for the report's first card) and its first item, and the
 * places Back returns to ("section@start", most recent last). Buttons carry it, so the card refreshes in place.
 */
export interface ReportView {
  view: string;
  start: number;
  back: string[];
}

export interface ReportCardOptions {
  asAt: string;
  ref: ReportCardRef;
  /** The section and first item shown; the report's first card when absent. */
  view?: string;
  start?: number;
  back?: string[];
  /** Offer the "share to the PAI channel" button. */
  share: boolean;
  /** Offer the report as an Excel file (personal chat only: Teams' file consent flow works there). */
  offerFile?: boolean;
  /** Offer the form to record a PAI decision per theme (quarterly theme report, chair and business unit). */
  decide?: boolean;
  banner?: Banner;
}

/** Items per section on a report's first card: the chair sees the top of each list and "All N" for the rest. */
export const OVERVIEW_ITEMS = 4;
/** Items per page of one section. */
export const PAGE_ITEMS = 10;
/** Back remembers this many places. */
const MAX_BACK = 6;
const MAX_TEXT_CHARS = 280;
/** Teams chart colours for RAG slices; the legend carries the word and number, so colour is never the only signal. */
const CHART_COLOURS: Record<Rag, string> = { RED: 'attention', AMBER: 'warning', GREEN: 'good', BLUE: 'categoricalBlue' };
const RAG_BY_LEGEND = (legend: string): Rag | undefined => RAGS.find((rag) => legend.startsWith(ragLabel(rag)));

/**
 * A report as an Adaptive Card 1.5 for a chat about 470 px wide: the headline figures in words and numbers first,
 * charts whose legends carry the numbers, then sections of items (a title line and a detail line; RAG as word, colour
 * and reason). The first card shows the top of each section with "All N"; a section opens in place with Next and
 * Back, and an item can open a drill-down (an agency, a theme, a review). Every page carries the same snapshot.
 */
export function reportCard(renderer: CardRenderer, doc: ReportDocument, options: ReportCardOptions): AdaptiveCard {
  const key = JSON.stringify([options.asAt, options.ref, options.view ?? '', options.start ?? 0, options.back ?? [], options.share, options.offerFile === true, options.decide === true, options.banner ?? null]);
  let memo = cardsByDocument.get(doc);
  if (!memo) {
    memo = new Map();
    cardsByDocument.set(doc, memo);
  }
  const known = memo.get(key);
  if (known) return structuredClone(known);
  const card = buildReportCard(renderer, doc, options);
  if (memo.size < 50) memo.set(key, card);
  return structuredClone(card);
}

/** Finished cards per report document; entries go when the document is dropped from the report cache. */
const cardsByDocument = new WeakMap<ReportDocument, Map<string, AdaptiveCard>>();

function buildReportCard(renderer: CardRenderer, doc: ReportDocument, options: ReportCardOptions): AdaptiveCard {
  const section = options.view ? doc.sections.find((candidate) => candidate.id === options.view) : undefined;
  if (!section) {
    // The first card: fewer items per section until it fits in 28 KB.
    for (let perSection = OVERVIEW_ITEMS; ; perSection -= 1) {
      const card = renderer.expand('report', overviewData(doc, options, perSection));
      if (cardBytes(card) <= MAX_CARD_BYTES || perSection <= 1) return card;
    }
  }
  for (let perPage = PAGE_ITEMS; ; perPage = Math.max(1, Math.floor(perPage / 2))) {
    const card = renderer.expand('report', sectionData(doc, section, options, perPage));
    if (cardBytes(card) <= MAX_CARD_BYTES || perPage === 1) return card;
  }
}

function here(options: ReportCardOptions): string {
  return `${options.view ?? ''}@${options.start ?? 0}`;
}

function pushBack(options: ReportCardOptions): string[] {
  return [...(options.back ?? []), here(options)].slice(-MAX_BACK);
}

function navData(options: ReportCardOptions, snapshot: string, view: string, start: number, back: string[]) {
  return { ...options.ref, snapshot, view, start, back: back.join('|') };
}

function itemData(item: CardItem, options: ReportCardOptions, snapshot: string, doc: ReportDocument) {
  const rag: RagRating | undefined = item.rag;
  const target = item.opens ? doc.sections.find((candidate) => candidate.id === item.opens) : undefined;
  return {
    title: clip(item.title),
    detail: clip(item.detail ?? ''),
    ragText: rag ? ragLabel(rag) : '',
    reason: item.reason ? `: ${clip(item.reason)}` : '',
    ragColour: rag ? RAG_COLOURS[rag] : 'Default',
    open: { show: target !== undefined, title: 'Open', data: navData(options, snapshot, item.opens ?? '', 0, pushBack(options)) },
  };
}

function common(doc: ReportDocument, options: ReportCardOptions) {
  const snapshot = doc.generatedAt;
  const back = options.back ?? [];
  const previous = back[back.length - 1];
  const [backView, backStart] = previous ? previous.split('@') : ['', '0'];
  return {
    banner: options.banner ?? { style: 'emphasis', text: '' },
    subtitle: doc.subtitle,
    facts: doc.facts,
    asAt: options.asAt,
    filesNote: options.offerFile ? 'Every column is in the Excel file.' : 'Every column is in the report files (npm run cli -- report).',
    back: { show: previous !== undefined, data: navData(options, snapshot, backView, Number(backStart) || 0, back.slice(0, -1)) },
    share: { show: options.share, data: { ...options.ref } },
    file: { show: options.offerFile === true, data: { ...options.ref } },
  };
}

function overviewData(doc: ReportDocument, options: ReportCardOptions, perSection: number) {
  const snapshot = doc.generatedAt;
  const sections = doc.sections
    .filter((section) => section.overview)
    .map((section) => ({
      title: section.title,
      items: section.items.slice(0, perSection).map((item) => itemData(item, options, snapshot, doc)),
      note: section.items.length === 0 ? section.empty ?? 'None.' : '',
      all: { show: section.items.length > perSection, title: `All ${section.items.length}: ${shortTitle(section)}`, data: navData(options, snapshot, section.id, 0, pushBack(options)) },
    }));
  return {
    ...common(doc, options),
    title: doc.title,
    charts: doc.charts.map(chartData),
    sections,
    more: { show: false, title: '', data: {} },
    decide: {
      show: options.decide === true && doc.decide !== undefined && doc.decide.themes.length > 0,
      themes: doc.decide?.themes ?? [],
      routes: ASSURANCE_ROUTES.map((value) => ({ value, title: ASSURANCE_ROUTE_LABELS[value] })),
      data: { ...options.ref, period: doc.decide?.period ?? '' },
    },
  };
}

function sectionData(doc: ReportDocument, section: CardSection, options: ReportCardOptions, perPage: number) {
  const snapshot = doc.generatedAt;
  const start = Math.min(Math.max(0, options.start ?? 0), Math.max(0, section.items.length - 1));
  const shown = section.items.slice(start, start + perPage);
  const next = start + shown.length;
  const left = section.items.length - next;
  return {
    ...common(doc, { ...options, start }),
    // Three buttons at most fit a chat's width without Teams cutting their titles: Back, Next and the file.
    share: { show: false, data: {} },
    title: doc.title,
    charts: [],
    sections: [{
      title: section.items.length > shown.length ? `${section.title} (${start + 1} to ${next} of ${section.items.length})` : section.title,
      items: shown.map((item) => itemData(item, { ...options, start }, snapshot, doc)),
      note: section.items.length === 0 ? section.empty ?? 'None.' : '',
      all: { show: false, title: '', data: {} },
    }],
    more: { show: left > 0, title: `Next (${left} more)`, data: navData(options, snapshot, section.id, next, options.back ?? []) },
    decide: { show: false, themes: [], routes: [], data: {} },
  };
}

/** "By agency (open one …)" -> "By agency" for the "All N" button. */
function shortTitle(section: CardSection): string {
  return section.title.replace(/\s*\(.*\)$/, '');
}

function clip(text: string): string {
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS - 3)}...` : text;
}

function chartData(chart: ReportChart) {
  const fallbackText = describeChart(chart);
  if (chart.kind === 'donut') {
    return {
      kind: chart.kind, title: chart.title, fallbackText,
      slices: chart.slices.map((slice) => {
        const rag = slice.rag ?? RAG_BY_LEGEND(slice.legend);
        return { legend: slice.legend, value: slice.value, ...(rag ? { color: CHART_COLOURS[rag] } : {}) };
      }),
    };
  }
  return { kind: chart.kind, title: chart.title, xAxisTitle: chart.xAxisTitle, yAxisTitle: chart.yAxisTitle, fallbackText, series: chart.series };
}
