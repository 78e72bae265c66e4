import { Kind } from 'graphql';
import {
  decodeCursor,
  decodeTimeIdCursor,
  encodeCursor,
  pageSize,
  toConnection,
  DateScalar,
  DecimalScalar,
  DateTimeScalar,
} from '../src';

describe('pagination', () => {
  it('defaults to 20 and refuses sizes outside 1..100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    for (const bad of [0, -1, 101, 2.5]) expect(() => pageSize(bad)).toThrow(/between 1 and 100/);
  });

  it('round-trips cursors and refuses forged ones', () => {
    expect(decodeCursor(encodeCursor(['PATONG', 3]), 2)).toEqual(['PATONG', 3]);
    expect(decodeCursor(null, 1)).toBeNull();
    expect(() => decodeCursor('!!!', 1)).toThrow(/not a cursor/);
    expect(() => decodeCursor(encodeCursor(['a']), 2)).toThrow(/not a cursor/);
  });

  it('decodes (time, id) cursors and refuses ones with a bad time or id', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(decodeTimeIdCursor(encodeCursor(['2018-01-01T00:00:00.000Z', id]))).toEqual({
      at: new Date('2018-01-01T00:00:00.000Z'),
      id,
    });
    expect(decodeTimeIdCursor(undefined)).toBeNull();
    expect(() => decodeTimeIdCursor(encodeCursor(['yesterday', id]))).toThrow(/not a cursor/);
    expect(() => decodeTimeIdCursor(encodeCursor(['2018-01-01T00:00:00.000Z', "1' OR 1=1"]))).toThrow(/not a cursor/);
  });

  it('builds a connection from first + 1 rows', () => {
    const connection = toConnection([{ c: 'A' }, { c: 'B' }, { c: 'C' }], 2, 10, (r) => [r.c]);
    expect(connection.totalCount).toBe(10);
    expect(connection.edges.map((e) => e.node.c)).toEqual(['A', 'B']);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['B']) });
    expect(toConnection([], 2, 0, () => []).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});

describe('scalars', () => {
  it('accepts real calendar dates only', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2024-13-01', '24-01-01', 20240101])
      expect(() => DateScalar.parseValue(bad)).toThrow(/YYYY-MM-DD/);
    expect(DateScalar.parseLiteral({ kind: Kind.STRING, value: '2018-10-01' })).toBe('2018-10-01');
  });

  it('keeps decimals exact and refuses floats on input', () => {
    expect(DecimalScalar.parseValue('1250000.50')).toBe('1250000.50');
    expect(() => DecimalScalar.parseValue(0.1)).toThrow(/decimal number written as a string/);
    expect(() => DecimalScalar.parseValue('1e5')).toThrow();
    expect(DecimalScalar.serialize('5.00')).toBe('5.00');
  });

  it('serializes timestamps as UTC RFC 3339', () => {
    expect(DateTimeScalar.serialize(new Date('2026-11-26T14:00:00+07:00'))).toBe('2026-11-26T07:00:00.000Z');
    expect(() => DateTimeScalar.parseValue('yesterday')).toThrow(/RFC 3339/);
  });
});
