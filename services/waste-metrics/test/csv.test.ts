import { parseCsv } from '../src/providers/csv-import';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and both line endings', () => {
    expect(parseCsv('a,b,c\r\n1,"two, too","say ""hi"""\n3,,x\n\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'two, too', 'say "hi"'],
      ['3', '', 'x'],
    ]);
  });
  it('keeps a last line without a newline and skips blank lines', () => {
    expect(parseCsv('h\n\nv')).toEqual([['h'], ['v']]);
  });
});
