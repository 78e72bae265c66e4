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

/** Splits CSV text into rows of fields (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
    } else field += ch;
  }
  if (field !== '' || row.length) endRow();
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export interface ImportResult {
  imported: number;
  errors: Array<{ row: number; message: string }>;
}

/**
 * Imports monthly figures from a spreadsheet export: every row is checked first (the columns, the
 * organization, the waste rules, who may report for it); if any row is bad nothing is imported and
 * each bad row is reported; otherwise all rows go in one transaction (a month already reported
 * becomes a new revision). `onlyOrganizationId` restricts a file to one organization (the API).
 */
export async function importCsv(
  scope: ReportScope,
  text: string,
  options: { onlyOrganizationId?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportResult> {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => c !== 'note' && !header.includes(c));
  if (missing.length)
    throw badInput(`The CSV header lacks ${missing.join(', ')} (expected ${CSV_COLUMNS.join(',')})`, {
      csv: 'bad header',
    });
  const at = (row: string[], column: string) => (row[header.indexOf(column)] ?? '').trim();
  const { dataSource, identity } = scope;
  const manager = new ReportManager(scope);
  const codes = new Map((await dataSource.getRepository(OrganizationProjection).find()).map((o) => [o.code, o]));
  const errors: ImportResult['errors'] = [];
  const inputs: ReportInput[] = [];
  const seen = new Set<string>();
  await dataSource.transaction(async (tx) => {
    for (const [index, row] of rows.entries()) {
      const number = index + 1;
      if (row.length !== header.length) {
        errors.push({ row: number, message: `has ${row.length} fields, the header has ${header.length}` });
        continue;
      }
      const organization = codes.get(at(row, 'organization_code').toUpperCase());
      if (!organization || !organization.active) {
        errors.push({
          row: number,
          message: `organization_code ${at(row, 'organization_code') || '(empty)'} is not an active member of the network`,
        });
        continue;
      }
      if (options.onlyOrganizationId && organization.id !== options.onlyOrganizationId) {
        errors.push({
          row: number,
          message: `belongs to ${organization.code}, not to the organization being imported`,
        });
        continue;
      }
      const input: ReportInput = {
        organizationId: organization.id,
        month: at(row, 'month'),
        byStream: {
          general: at(row, 'general'),
          organic: at(row, 'organic'),
          recyclable: at(row, 'recyclable'),
          hazardous: at(row, 'hazardous'),
        },
        byDestination: {
          incinerated: at(row, 'incinerated'),
          landfilled: at(row, 'landfilled'),
          recycled: at(row, 'recycled'),
          composted: at(row, 'composted'),
        },
        note: header.includes('note') ? at(row, 'note') || null : null,
      };
      const key = `${organization.id}|${input.month}`;
      if (seen.has(key)) {
        errors.push({ row: number, message: `${organization.code} ${input.month} appears twice in the file` });
        continue;
      }
      seen.add(key);
      try {
        await manager.requireActFor(organization.id);
      } catch (error) {
        errors.push({ row: number, message: error instanceof Error ? error.message : String(error) });
        continue;
      }
      const problems = await manager.problems(tx, input);
      if (Object.keys(problems).length)
        errors.push({
          row: number,
          message: Object.entries(problems)
            .map(([f, m]) => `${f}: ${m}`)
            .join('; '),
        });
      else inputs.push(input);
      options.onProgress?.(number, rows.length * 2);
    }
  });
  if (errors.length) return { imported: 0, errors };
  await dataSource.transaction(async (tx) => {
    for (const [index, input] of inputs.entries()) {
      await manager.write(tx, input, 'upsert');
      options.onProgress?.(rows.length + index + 1, rows.length * 2);
    }
    const judged = new Set(inputs.map((i) => `${i.organizationId}|${fiscalYearOfMonth(i.month)}`));
    for (const key of judged) {
      const [organizationId, year] = key.split('|') as [string, string];
      await reassessRisk(tx, organizationId, Number(year), identity);
    }
  });
  return { imported: inputs.length, errors: [] };
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
