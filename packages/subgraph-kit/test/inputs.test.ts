import { inputs, parseInput, parseOptional, AppError } from '../src';

const fieldsOf = (run: () => unknown): Record<string, string> => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'BAD_USER_INPUT')
      return error.extensions.fields as Record<string, string>;
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT');
};

describe('the shared input rules', () => {
  it('takes ids and refuses anything else', () => {
    expect(parseInput(inputs.id, '00000000-0000-4000-8000-000000000001', 'id')).toBe(
      '00000000-0000-4000-8000-000000000001',
    );
    expect(fieldsOf(() => parseInput(inputs.id, 'PATONG', 'id'))).toEqual({ id: 'must be an id' });
  });

  it('takes Buddhist-era fiscal years only', () => {
    expect(parseInput(inputs.fiscalYear, 2561, 'fiscalYear')).toBe(2561);
    for (const year of [2018, 61, 2701])
      expect(fieldsOf(() => parseInput(inputs.fiscalYear, year, 'fiscalYear'))).toEqual({
        fiscalYear: 'must be a Buddhist-era fiscal year, e.g. 2561',
      });
    expect(fieldsOf(() => parseInput(inputs.fiscalYear, 2561.5, 'fiscalYear'))).toEqual({
      fiscalYear: 'must be a whole year',
    });
  });

  it('trims printable text and refuses control characters, NUL and text too long or empty', () => {
    const title = inputs.text(10);
    expect(parseInput(title, '  Kata\tbay ', 'title')).toBe('Kata\tbay');
    expect(fieldsOf(() => parseInput(title, 'a\u0000b', 'title'))).toEqual({
      title: 'must not contain control characters',
    });
    expect(fieldsOf(() => parseInput(title, 'a\u001Bb', 'title'))).toEqual({
      title: 'must not contain control characters',
    });
    expect(fieldsOf(() => parseInput(title, 'x'.repeat(11), 'title'))).toEqual({
      title: 'must be at most 10 characters',
    });
    expect(fieldsOf(() => parseInput(title, '   ', 'title'))).toEqual({ title: 'must not be empty' });
    expect(fieldsOf(() => parseInput(inputs.text(10, 3), 'ab', 'reason'))).toEqual({
      reason: 'must be at least 3 characters',
    });
    expect(parseInput(inputs.text(10, 0), '', 'note')).toBe('');
  });

  it('parses optional arguments: absent or null stays null, anything else must pass', () => {
    expect(parseOptional(inputs.fiscalYear, undefined, 'fiscalYear')).toBeNull();
    expect(parseOptional(inputs.fiscalYear, null, 'fiscalYear')).toBeNull();
    expect(parseOptional(inputs.fiscalYear, 2562, 'fiscalYear')).toBe(2562);
    expect(fieldsOf(() => parseOptional(inputs.fiscalYear, 62, 'fiscalYear'))).toEqual({
      fiscalYear: 'must be a Buddhist-era fiscal year, e.g. 2561',
    });
  });
});
