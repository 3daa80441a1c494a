import { ragLabel, RAGS, type Rag } from '../../domain/actions/rag';
import { describeChart, type ChartSeries, type ReportChart, type ReportDocument } from '../../domain/reports/report-document';

/** Colour-blind-safe series colours (Okabe–Ito). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
const RAG_COLOURS: Record<Rag, string> = { RED: '#C4314B', AMBER: '#C77700', GREEN: '#237B4B', BLUE: '#0F6CBD' };
const RAG_BY_WORD = new Map<string, Rag>(RAGS.map((rag) => [ragLabel(rag), rag]));

function escape(text: string | number): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function short(text: string, max = 16): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Grouped vertical bars as inline SVG: one group per x value, one bar per series, a legend and a y scale. */
export function groupedBarSvg(title: string, series: readonly ChartSeries[]): string {
  const labels = [...new Set(series.flatMap((item) => item.values.map((value) => value.x)))];
  const max = Math.max(1, ...series.flatMap((item) => item.values.map((value) => value.y)));
  const width = 720;
  const height = 300;
  const left = 40;
  const bottom = 60;
  const top = 20;
  const plotHeight = height - bottom - top;
  const groupWidth = (width - left - 10) / Math.max(1, labels.length);
  const barWidth = Math.max(2, (groupWidth * 0.8) / Math.max(1, series.length));
  const parts: string[] = [];
  const ticks = Math.min(max, 5);
  for (let tick = 0; tick <= ticks; tick += 1) {
    const value = Math.round((max * tick) / ticks);
    const y = top + plotHeight - (plotHeight * value) / max;
    parts.push(`<line x1="${left}" x2="${width - 10}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${left - 6}" y="${y + 4}" font-size="11" text-anchor="end">${value}</text>`);
  }
  labels.forEach((label, groupIndex) => {
    const x0 = left + groupIndex * groupWidth + groupWidth * 0.1;
    series.forEach((item, seriesIndex) => {
      const y = item.values.find((value) => value.x === label)?.y ?? 0;
      const barHeight = (plotHeight * y) / max;
      parts.push(`<rect x="${x0 + seriesIndex * barWidth}" y="${top + plotHeight - barHeight}" width="${barWidth - 1}" height="${barHeight}" fill="${PALETTE[seriesIndex % PALETTE.length]}"><title>${escape(`${item.legend}, ${label}: ${y}`)}</title></rect>`);
    });
    parts.push(`<text x="${x0 + (groupWidth * 0.8) / 2}" y="${top + plotHeight + 16}" font-size="11" text-anchor="middle">${escape(short(label))}</text>`);
  });
  const legend = series.map((item, index) => `<span class="key"><i style="background:${PALETTE[index % PALETTE.length]}"></i>${escape(item.legend)}</span>`).join(' ');
  return `<svg role="img" aria-label="${escape(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${escape(title)}</title>${parts.join('')}</svg><div class="legend">${legend}</div>`;
}

/** A donut as inline SVG arcs; RAG slices take RAG colours and every slice is named in the legend with its count. */
export function donutSvg(title: string, slices: readonly { legend: string; value: number; rag?: Rag }[]): string {
  const total = slices.reduce((sum, slice) => sum + slice.value, 0);
  const size = 220;
  const radius = 90;
  const inner = 55;
  const centre = size / 2;
  const colour = (slice: { rag?: Rag }, index: number) => (slice.rag ? RAG_COLOURS[slice.rag] : PALETTE[index % PALETTE.length]);
  const parts: string[] = [];
  let angle = -Math.PI / 2;
  slices.forEach((slice, index) => {
    if (slice.value <= 0 || total === 0) return;
    const sweep = (2 * Math.PI * slice.value) / total;
    if (sweep >= 2 * Math.PI - 1e-9) {
      parts.push(`<circle cx="${centre}" cy="${centre}" r="${(radius + inner) / 2}" fill="none" stroke="${colour(slice, index)}" stroke-width="${radius - inner}"/>`);
      return;
    }
    const end = angle + sweep;
    const large = sweep > Math.PI ? 1 : 0;
    const point = (r: number, a: number) => `${(centre + r * Math.cos(a)).toFixed(2)} ${(centre + r * Math.sin(a)).toFixed(2)}`;
    parts.push(`<path d="M ${point(radius, angle)} A ${radius} ${radius} 0 ${large} 1 ${point(radius, end)} L ${point(inner, end)} A ${inner} ${inner} 0 ${large} 0 ${point(inner, angle)} Z" fill="${colour(slice, index)}"><title>${escape(`${slice.legend}: ${slice.value}`)}</title></path>`);
    angle = end;
  });
  parts.push(`<text x="${centre}" y="${centre + 5}" font-size="16" text-anchor="middle">${total}</text>`);
  const legend = slices.map((slice, index) => `<span class="key"><i style="background:${colour(slice, index)}"></i>${escape(slice.legend)}: ${slice.value}</span>`).join(' ');
  return `<svg role="img" aria-label="${escape(title)}" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" xmlns="http://www.w3.org/2000/svg"><title>${escape(title)}</title>${parts.join('')}</svg><div class="legend">${legend}</div>`;
}

function chartHtml(chart: ReportChart): string {
  const svg = chart.kind === 'donut' ? donutSvg(chart.title, chart.slices) : groupedBarSvg(chart.title, chart.series);
  return `<figure><figcaption>${escape(chart.title)}</figcaption>${svg}<p class="fallback">${escape(describeChart(chart))}</p></figure>`;
}

/**
 * A printable HTML page (A4 landscape) of a report: title, facts, charts as inline SVG with their figures in words, and
 * every table. Self-contained: no scripts, no external files, so it can be mailed or printed to PDF as it is.
 */
export function reportToHtml(doc: ReportDocument, asAt: string, partnershipName: string): string {
  const facts = doc.facts.length ? `<dl>${doc.facts.map((fact) => `<dt>${escape(fact.title)}</dt><dd>${escape(fact.value)}</dd>`).join('')}</dl>` : '';
  const tables = doc.tables.map((table) => {
    const rag = new Set(table.ragColumns ?? []);
    const head = `<tr>${table.columns.map((column) => `<th scope="col">${escape(column)}</th>`).join('')}</tr>`;
    const body = table.rows.length
      ? table.rows.map((row) => `<tr>${row.map((value, index) => {
          const word = rag.has(index) ? RAG_BY_WORD.get(String(value)) : undefined;
          return word ? `<td class="rag rag-${word.toLowerCase()}">${escape(value)}</td>` : `<td${typeof value === 'number' ? ' class="num"' : ''}>${escape(value)}</td>`;
        }).join('')}</tr>`).join('')
      : `<tr><td colspan="${table.columns.length}">${escape(table.empty ?? 'None.')}</td></tr>`;
    return `<section><h2>${escape(table.title)}</h2><table><thead>${head}</thead><tbody>${body}</tbody></table></section>`;
  }).join('');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${escape(doc.title)}</title>
<style>
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Segoe UI", Arial, sans-serif; font-size: 11pt; color: #222; margin: 1em; }
h1 { font-size: 18pt; margin: 0; } h2 { font-size: 13pt; margin: 1.2em 0 0.4em; } .sub { color: #555; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; } dt { font-weight: 600; }
figure { display: inline-block; vertical-align: top; margin: 0.5em 1.5em 0.5em 0; } figcaption { font-weight: 600; }
.legend { font-size: 9pt; max-width: 720px; } .key { margin-right: 1em; white-space: nowrap; } .key i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.fallback { font-size: 9pt; color: #555; max-width: 720px; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; } tr { page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; } th { background: #e7e9f0; } td.num { text-align: right; }
thead { display: table-header-group; }
.rag { font-weight: 600; } .rag-red { background: #f4b6c2; } .rag-amber { background: #ffe3a3; } .rag-green { background: #b7e4c7; } .rag-blue { background: #b9d6f2; }
footer { margin-top: 2em; font-size: 9pt; color: #555; }
</style></head>
<body>
<header><p class="sub">${escape(partnershipName)}</p><h1>${escape(doc.title)}</h1><p class="sub">${escape(doc.subtitle)}</p><p class="sub">As at ${escape(asAt)}</p></header>
${facts}
${doc.charts.map(chartHtml).join('\n')}
${tables}
<footer>Produced by Assurance Bot. Holds review references and pseudonyms only.</footer>
</body></html>
`;
}
