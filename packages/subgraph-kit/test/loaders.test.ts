import { isUuid, yearlyLoader } from '../src';

describe('yearlyLoader', () => {
  it('fetches once per fiscal year for every organization asked about, and gives the others empty figures', async () => {
    const calls: Array<[string[], number]> = [];
    const loader = yearlyLoader(
      async (ids, year) => {
        calls.push([ids, year]);
        return new Map(ids.filter((id) => !id.endsWith('9')).map((id) => [id, `${id}@${year}`]));
      },
      (year) => `none@${year}`,
    );
    const [a, b] = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000009'];
    const results = await Promise.all([
      loader.load(`${a}|2561`),
      loader.load(`${b}|2561`),
      loader.load(`${a}|2562`),
      loader.load('not-an-id|2561'),
    ]);
    expect(results).toEqual([`${a}@2561`, 'none@2561', `${a}@2562`, 'none@2561']);
    expect(calls).toEqual([
      [[a, b], 2561],
      [[a], 2562],
    ]);
  });
});

describe('isUuid', () => {
  it('accepts ids and refuses anything a uuid column would reject', () => {
    expect(isUuid('00000000-0000-4000-8000-000000000001')).toBe(true);
    for (const bad of ['', 'not-an-id', '00000000-0000-4000-8000-00000000000g', "1' OR 1=1", 42, null])
      expect(isUuid(bad)).toBe(false);
  });
});
