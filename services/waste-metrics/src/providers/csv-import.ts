import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { badInput, parseInput } from '@pcc/subgraph-kit';
import * as rules from '../domain/inputs';
import { OrganizationProjection } from '@pcc/organization-projection';
import { fiscalYearOfMonth } from '@pcc/fiscal-year';
import { reassessRisk } from './risk';
import { ReportManager, type ReportInput, type ReportScope } from './report-manager';

export const CSV_COLUMNS = [
  'organization_code',
  'month',
  'general',
  'organic',
  'recyclable',
  'hazardous',
  'incinerated',
  'landfilled',
  'recycled',
  'composted',
  'note',
] as const;

/**
 * At most this many bad rows are described in an answer; the others are only counted, so a file of
 * junk answers a few kilobytes, not an error per line.
 */
export const MAX_REPORTED_ERRORS = 50;

export interface CsvRecord {
  fields: string[];
  /** The line of the file the record starts on (1-based; a quoted field may span lines). */
  line: number;
}

/**
 * Reads a spreadsheet export record by record (csv-parse, streamed): a UTF-8 BOM is dropped, the
 * separator is `,` or `;` (Excel's in many locales) as the header line has it, quoted fields may
 * hold separators, doubled quotes and newlines, blank lines are skipped. A malformed file (an
 * unclosed quote, say) is BAD_USER_INPUT naming its line.
 */
export async function* csvRecords(source: string | Readable): AsyncGenerator<CsvRecord> {
  const input = typeof source === 'string' ? Readable.from([source]) : source;
  // The separator is chosen from the header line, read ahead and handed on to the parser unchanged.
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<string | Buffer>;
  const ahead: Array<string | Buffer> = [];
  let head = '';
  while (!/[\r\n]/.test(head) && head.length < 65_536) {
    const next = await chunks.next();
    if (next.done) break;
    ahead.push(next.value);
    head += next.value.toString();
  }
  const header = head.split(/[\r\n]/, 1)[0] ?? '';
  const delimiter = header.split(';').length > header.split(',').length ? ';' : ',';
  const rest = async function* () {
    yield* ahead;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  };
  const parser = Readable.from(rest()).pipe(
    parse({
      bom: true,
      delimiter,
      // Files pasted together from several sources mix line endings; each is a record's end.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }),
  );
  try {
    for await (const { record, info, raw } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
      raw: string;
    }>) {
      // `lines` is where the record ends: step back over the line breaks inside it (its raw text
      // also holds the blank lines skipped before it, and its own line break).
      const inside = raw.replace(/^[\r\n]+/, '').replace(/(\r\n|\r|\n)$/, '');
      const breaks = inside.match(/\r\n|\r|\n/g)?.length ?? 0;
      if (record.some((field) => field.trim() !== '')) yield { fields: record, line: info.lines - breaks };
    }
  } catch (error) {
    if (error instanceof CsvError)
      throw badInput(`The CSV is malformed at line ${parser.info.lines}: ${error.message}`, {
        csv: 'malformed',
      });
    throw error;
  }
}

export interface ImportError {
  /** 1-based data row (the header is row 0). */
  row: number;
  /** The line of the file the row starts on. */
  line: number;
  message: string;
}

export interface ImportResult {
  imported: number;
  /** The first MAX_REPORTED_ERRORS bad rows. */
  errors: ImportError[];
  /** Every bad row, including those not described. */
  totalErrors: number;
}

export interface ImportProgress {
  /** Rows checked so far, then rows written. */
  phase: 'check' | 'write';
  done: number;
  /** Known once every row was checked. */
  total: number | null;
}

/**
 * Imports monthly figures from a spreadsheet export, read as a stream: every row is checked first
 * (the columns, the organization, the waste rules, who may report for it); if any row is bad
 * nothing is imported and the first bad rows are reported with the count of all; otherwise all rows
 * go in one transaction (a month already reported becomes a new revision). `onlyOrganizationId`
 * restricts a file to one organization (the API).
 */
export async function importCsv(
  scope: ReportScope,
  source: string | Readable,
  options: { onlyOrganizationId?: string; onProgress?: (progress: ImportProgress) => void } = {},
): Promise<ImportResult> {
  const { dataSource, identity } = scope;
  const manager = new ReportManager(scope);
  const codes = new Map((await dataSource.getRepository(OrganizationProjection).find()).map((o) => [o.code, o]));
  const errors: ImportError[] = [];
  let totalErrors = 0;
  const fail = (row: number, line: number, message: string) => {
    totalErrors += 1;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ row, line, message });
  };
  const inputs: ReportInput[] = [];
  const seen = new Set<string>();
  await dataSource.transaction(async (tx) => {
    let header: string[] | null = null;
    let number = 0;
    for await (const { fields: row, line } of csvRecords(source)) {
      if (!header) {
        header = row.map((h) => h.trim().toLowerCase());
        const missing = CSV_COLUMNS.filter((c) => c !== 'note' && !header!.includes(c));
        if (missing.length)
          throw badInput(`The CSV header lacks ${missing.join(', ')} (expected ${CSV_COLUMNS.join(',')})`, {
            csv: 'bad header',
          });
        continue;
      }
      const columns = header;
      const at = (column: string) => (row[columns.indexOf(column)] ?? '').trim();
      number += 1;
      options.onProgress?.({ phase: 'check', done: number, total: null });
      if (row.length !== columns.length) {
        fail(number, line, `has ${row.length} fields, the header has ${columns.length}`);
        continue;
      }
      const organization = codes.get(at('organization_code').toUpperCase());
      if (!organization || !organization.active) {
        fail(
          number,
          line,
          `organization_code ${at('organization_code') || '(empty)'} is not an active member of the network`,
        );
        continue;
      }
      if (options.onlyOrganizationId && organization.id !== options.onlyOrganizationId) {
        fail(number, line, `belongs to ${organization.code}, not to the organization being imported`);
        continue;
      }
      const input: ReportInput = {
        organizationId: organization.id,
        month: at('month'),
        byStream: {
          general: at('general'),
          organic: at('organic'),
          recyclable: at('recyclable'),
          hazardous: at('hazardous'),
        },
        byDestination: {
          incinerated: at('incinerated'),
          landfilled: at('landfilled'),
          recycled: at('recycled'),
          composted: at('composted'),
        },
        note: columns.includes('note') ? at('note') || null : null,
      };
      const key = `${organization.id}|${input.month}`;
      if (seen.has(key)) {
        fail(number, line, `${organization.code} ${input.month} appears twice in the file`);
        continue;
      }
      seen.add(key);
      try {
        await manager.requireActFor(organization.id);
      } catch (error) {
        fail(number, line, error instanceof Error ? error.message : String(error));
        continue;
      }
      const problems = await manager.problems(tx, input);
      if (Object.keys(problems).length)
        fail(
          number,
          line,
          Object.entries(problems)
            .map(([f, m]) => `${f}: ${m}`)
            .join('; '),
        );
      else inputs.push(input);
    }
    if (!header) throw badInput('The CSV is empty', { csv: 'empty' });
  });
  if (totalErrors) return { imported: 0, errors, totalErrors };
  await dataSource.transaction(async (tx) => {
    for (const [index, input] of inputs.entries()) {
      await manager.write(tx, input, 'upsert');
      options.onProgress?.({ phase: 'write', done: index + 1, total: inputs.length });
    }
    const judged = new Set(inputs.map((i) => `${i.organizationId}|${fiscalYearOfMonth(i.month)}`));
    for (const key of judged) {
      const [organizationId, year] = key.split('|') as [string, string];
      await reassessRisk(tx, organizationId, Number(year), identity);
    }
  });
  return { imported: inputs.length, errors: [], totalErrors: 0 };
}

/** Imports through the API: one organization's file, by its officers or a network admin. */
export class ReportImport {
  constructor(private readonly scope: ReportScope) {}

  async forOrganization(rawOrganizationId: unknown, rawCsv: unknown): Promise<ImportResult> {
    const organizationId = parseInput(rules.id, rawOrganizationId, 'organizationId');
    const text = parseInput(rules.csvText, rawCsv, 'csv');
    await new ReportManager(this.scope).requireActFor(organizationId);
    return importCsv(this.scope, text, { onlyOrganizationId: organizationId });
  }
}
