import { CardRenderer } from '../../../src/cards/render';

describe('CardRenderer', () => {
  it('expands a template it has compiled once afresh for every data', () => {
    const renderer = new CardRenderer();
    const first = renderer.render('notice', { title: 'Snoozed', message: 'one', style: 'good' });
    const second = renderer.render('notice', { title: 'Handed over', message: 'two', style: 'warning' });
    expect(JSON.stringify(second)).toContain('"two"');
    expect(JSON.stringify(second)).not.toContain('"one"');
    expect(renderer.render('notice', { title: 'Snoozed', message: 'one', style: 'good' })).toEqual(first);
    const withRows = renderer.render('error', { title: 't', message: 'm', problems: [{ row: 2, column: 'c', reason: 'r' }], code: 'X' });
    const withoutRows = renderer.render('error', { title: 't', message: 'm', problems: [], code: 'X' });
    expect(JSON.stringify(withRows)).toContain('TableRow');
    expect(JSON.stringify(withoutRows)).not.toContain('TableRow');
  });
});
