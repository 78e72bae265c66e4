import { In, type DataSource } from 'typeorm';
import { groupedLoader, isUuid, keyedLoader, yearlyLoader } from '@pcc/subgraph-kit';
import { budgetSummaries, emptySummary, type BudgetSummary } from './budget-figures';
import { ApproachEntity, ProgressReportEntity, ProjectEntity, StrategyEntity } from './entities';

const valid = (ids: readonly string[]) => ids.filter(isUuid);

/** Per-request DataLoaders: every list that touches references costs a fixed number of queries (no N+1). */
export function createLoaders(dataSource: DataSource) {
  const rows = <T>(sql: string, ids: readonly string[]): Promise<T[]> =>
    valid(ids).length ? dataSource.query(sql, [valid(ids)]) : Promise.resolve([]);
  return {
    projectById: keyedLoader<string, ProjectEntity>(
      (ids) =>
        valid(ids).length
          ? dataSource.getRepository(ProjectEntity).findBy({ id: In(valid(ids)) })
          : Promise.resolve([]),
      (p) => p.id,
    ),
    strategyById: keyedLoader<string, StrategyEntity>(
      (ids) => dataSource.getRepository(StrategyEntity).findBy({ id: In(valid(ids)) }),
      (s) => s.id,
    ),
    approachById: keyedLoader<string, ApproachEntity>(
      (ids) => dataSource.getRepository(ApproachEntity).findBy({ id: In(valid(ids)) }),
      (a) => a.id,
    ),
    strategiesByPlan: groupedLoader<string, StrategyEntity>(
      (ids) =>
        dataSource
          .getRepository(StrategyEntity)
          .find({ where: { planId: In(valid(ids)) }, order: { position: 'ASC' } }),
      (s) => s.planId,
    ),
    approachesByStrategy: groupedLoader<string, ApproachEntity>(
      (ids) =>
        dataSource
          .getRepository(ApproachEntity)
          .find({ where: { strategyId: In(valid(ids)) }, order: { position: 'ASC' } }),
      (a) => a.strategyId,
    ),
    progressByProject: groupedLoader<string, ProgressReportEntity>(
      (ids) =>
        dataSource
          .getRepository(ProgressReportEntity)
          .find({ where: { projectId: In(valid(ids)) }, order: { reportedOn: 'ASC', reportedAt: 'ASC' } }),
      (r) => r.projectId,
    ),
    partnersByProject: groupedLoader<string, { project_id: string; organization_id: string }>(
      (ids) =>
        rows(
          'SELECT project_id, organization_id FROM project_partner WHERE project_id = ANY($1::uuid[]) ORDER BY organization_id',
          ids,
        ),
      (r) => r.project_id,
    ),
    casesByProject: groupedLoader<string, { project_id: string; case_id: string }>(
      (ids) =>
        rows('SELECT project_id, case_id FROM project_case WHERE project_id = ANY($1::uuid[]) ORDER BY linked_at', ids),
      (r) => r.project_id,
    ),
    projectsByCase: groupedLoader<string, ProjectEntity & { caseId: string }>(
      async (ids) => {
        const links: Array<{ project_id: string; case_id: string }> = await rows(
          'SELECT project_id, case_id FROM project_case WHERE case_id = ANY($1::uuid[]) ORDER BY linked_at',
          ids,
        );
        if (!links.length) return [];
        const projects = new Map(
          (
            await dataSource
              .getRepository(ProjectEntity)
              .findBy({ id: In([...new Set(links.map((l) => l.project_id))]) })
          ).map((p) => [p.id, p]),
        );
        return links.map((l) => ({ ...projects.get(l.project_id)!, caseId: l.case_id }));
      },
      (p) => p.caseId,
    ),
    /** Key: `<organization id>|<fiscal year>`; one grouped query per fiscal year. */
    budgetSummary: yearlyLoader<BudgetSummary>(
      (ids, year) => budgetSummaries(dataSource.manager, ids, year),
      emptySummary,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
