import { Readable } from 'node:stream';
import { csvRecords, type CsvRecord } from '../src/providers/csv-import';

const read = async (source: string | Readable): Promise<CsvRecord[]> => {
  const records: CsvRecord[] = [];
  for await (const record of csvRecords(source)) records.push(record);
  return records;
};

describe('csvRecords', () => {
  it('reads quoted fields with commas, doubled quotes and both line endings, skipping blank lines', async () => {
    expect(await read('a,b,c\r\n1,"two, too","say ""hi"""\n\n3,,x\n\n')).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'two, too', 'say "hi"'], line: 2 },
      { fields: ['3', '', 'x'], line: 4 },
    ]);
  });

  it('drops a BOM and reads the `;` separator of Excel exports, keeping commas in fields', async () => {
    expect(await read('\uFEFForganization_code;note\nPATONG;1,5 tonnes\n')).toEqual([
      { fields: ['organization_code', 'note'], line: 1 },
      { fields: ['PATONG', '1,5 tonnes'], line: 2 },
    ]);
  });

  it('keeps newlines inside quoted fields and gives the line each record starts on', async () => {
    expect(await read('h,note\n1,"first\nsecond\nthird"\n2,x')).toEqual([
      { fields: ['h', 'note'], line: 1 },
      { fields: ['1', 'first\nsecond\nthird'], line: 2 },
      { fields: ['2', 'x'], line: 5 },
    ]);
  });

  it('reads a stream cut anywhere, a multi-byte character included', async () => {
    const bytes = Buffer.from('h;note\nA;"ขยะ;\nมูลฝอย"\n', 'utf8');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect(await read(Readable.from(chunks))).toEqual([
      { fields: ['h', 'note'], line: 1 },
      { fields: ['A', 'ขยะ;\nมูลฝอย'], line: 2 },
    ]);
  });

  it('refuses a malformed file with BAD_USER_INPUT naming the line', async () => {
    await expect(read('h,note\n1,ok\n2,"never closed\n')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^The CSV is malformed at line \d+/) as unknown,
    });
  });
});
