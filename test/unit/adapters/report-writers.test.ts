import { tableToCsv } from '../../../src/adapters/reports/csv-writer';
import { donutSvg, groupedBarSvg, reportToHtml } from '../../../src/adapters/reports/html-writer';
import type { ReportDocument } from '../../../src/domain/reports/report-document';

describe('report file writers', () => {
  it('quotes CSV cells and neutralises text a spreadsheet would run as a formula', () => {
    const csv = tableToCsv({ name: 't', title: 'T', columns: ['a', 'b'], rows: [['x, "y"', '=HYPERLINK("http://evil")'], [-1, '@sum']] });
    expect(csv.split('\r\n')).toEqual(['\uFEFFa,b', '"x, ""y""","\'=HYPERLINK(""http://evil"")"', "-1,'@sum", '']);
  });

  it('escapes HTML and draws both chart kinds with their figures in words', () => {
    const doc: ReportDocument = {
      name: 'x', title: '<b>T</b>', subtitle: 's', generatedAt: '2026-11-20T12:00:00Z', facts: [{ title: 'k', value: 'v & w' }],
      charts: [{ kind: 'donut', title: 'D', slices: [{ legend: 'Red – off track', value: 2, rag: 'RED' }, { legend: 'Green – on track', value: 0, rag: 'GREEN' }] }],
      tables: [{ name: 't', title: 'Table', columns: ['A'], rows: [['<script>alert(1)</script>']] }], sections: [],
    };
    const html = reportToHtml(doc, 'now', 'P');
    expect(html).toContain('&lt;b&gt;T&lt;/b&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('D: Red – off track 2; Green – on track 0');
    expect(donutSvg('D', [{ legend: 'All', value: 3 }])).toContain('<circle');
    const bars = groupedBarSvg('B', [{ legend: 'S1', values: [{ x: 'Police', y: 2 }, { x: 'Health', y: 0 }] }, { legend: 'S2', values: [{ x: 'Police', y: 1 }] }]);
    expect(bars.match(/<rect /g)).toHaveLength(4);
    expect(bars).toContain('S1, Police: 2');
  });
});
