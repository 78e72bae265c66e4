/**
 * (In DuckDB, `->>` binds more loosely than `=` and `IS NULL`: an extraction compared is parenthesized.)
 *
 * The analysts' queries the README shows, over the sink's Parquet files (DuckDB SQL). `{cases}`,
 * `{projects}`, `{waste}` and `{organizations}` stand for the topic folders; `analystQuery` fills
 * them in. The sink test runs these very texts and checks their answers against PostgreSQL.
 */
export const ANALYST_QUERIES = {
  /** Case resolution times by lead organization and Thai fiscal quarter (FY starts 1 October; Bangkok time). */
  caseResolutionByOrganizationAndQuarter: `
WITH resolved AS (
  SELECT subject AS case_id,
         arg_min(data->>'$.case.leadOrganizationId', time) AS organization_id,
         arg_min(data->>'$.case.category', time) AS category,
         arg_min(data->>'$.case.district', time) AS district,
         timezone('Asia/Bangkok', min((data->>'$.case.openedAt')::TIMESTAMPTZ)) AS opened_at,
         timezone('Asia/Bangkok', min(time)) AS resolved_at
  FROM read_parquet('{cases}') WHERE type = 'pcc.case.resolved' GROUP BY subject),
organizations AS (
  SELECT subject AS organization_id, arg_max(data->>'$.organization.code', time) AS code
  FROM read_parquet('{organizations}') GROUP BY subject)
SELECT coalesce(o.code, r.organization_id) AS organization,
       (year(r.opened_at + INTERVAL 3 MONTH) + 543)::INTEGER AS fiscal_year,
       quarter(r.opened_at + INTERVAL 3 MONTH)::INTEGER AS fiscal_quarter,
       count(*)::INTEGER AS resolved,
       round(median(epoch(r.resolved_at - r.opened_at) / 86400), 2) AS median_days
FROM resolved r LEFT JOIN organizations o USING (organization_id)
GROUP BY ALL ORDER BY ALL`,

  /** Accumulated-funds projects (จ่ายขาดเงินสะสม) approved, and what they disbursed, per fiscal year. */
  accumulatedFundsPerFiscalYear: `
WITH latest AS (
  SELECT subject, arg_max(data->'$.project', coalesce((data->>'$.version')::BIGINT, 0)) AS project
  FROM read_parquet('{projects}') WHERE type LIKE 'pcc.project.%' GROUP BY subject)
SELECT (project->>'$.fiscalYear')::INTEGER AS fiscal_year,
       count(*)::INTEGER AS projects,
       sum((project->>'$.approvedBudget')::DECIMAL(14, 2)) AS approved_thb,
       sum((project->>'$.disbursed')::DECIMAL(14, 2)) AS disbursed_thb
FROM latest
WHERE (project->>'$.fundingSource') = 'ACCUMULATED_FUNDS' AND (project->>'$.approvedBudget') IS NOT NULL
  AND (project->>'$.status') <> 'CANCELLED'
GROUP BY ALL ORDER BY ALL`,

  /** Monthly waste per organization (latest revision) against its monthly share of the reduction target. */
  monthlyWasteAgainstTarget: `
WITH waste AS (SELECT * FROM read_parquet('{waste}')),
reports AS (
  SELECT data->>'$.organizationId' AS organization_id, data->>'$.report.month' AS month,
         arg_max((data->>'$.report.totalTonnes')::DECIMAL(12, 3), (data->>'$.report.revision')::INTEGER) AS tonnes
  FROM waste WHERE type IN ('pcc.waste.report-submitted', 'pcc.waste.report-corrected') GROUP BY ALL),
targets AS (
  SELECT data->>'$.organizationId' AS organization_id, arg_max((data->>'$.targetPercent')::DECIMAL(5, 2), time) AS target_percent
  FROM waste WHERE type = 'pcc.waste.target-set' GROUP BY ALL),
baselines AS (
  SELECT data->>'$.organizationId' AS organization_id, arg_max((data->>'$.baselineTonnes')::DECIMAL(14, 3), time) AS baseline_tonnes
  FROM waste WHERE type = 'pcc.waste.baseline-set' GROUP BY ALL)
SELECT r.organization_id, r.month, r.tonnes,
       round(b.baseline_tonnes / 12 * (1 - t.target_percent / 100), 3) AS monthly_target_tonnes,
       r.tonnes <= round(b.baseline_tonnes / 12 * (1 - t.target_percent / 100), 3) AS on_target
FROM reports r LEFT JOIN targets t USING (organization_id) LEFT JOIN baselines b USING (organization_id)
ORDER BY ALL`,
} as const;

/** A query with its topic folders: `<folder>/parquet/topic=<topic>/*\/*.parquet`. */
export function analystQuery(
  sql: string,
  folder: string,
  topics: { cases: string; projects: string; waste: string; organizations: string },
): string {
  return sql.replace(/\{(cases|projects|waste|organizations)\}/g, (_, name: keyof typeof topics) =>
    `${folder}/parquet/topic=${topics[name]}/*/*.parquet`.replaceAll("'", "''"),
  );
}
