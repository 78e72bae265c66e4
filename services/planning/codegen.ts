// Resolver types from schema.graphql, generated at build time (settings shared by every service).
import { resolverTypesConfig } from '@pcc/subgraph-kit/codegen';

export default resolverTypesConfig({
  Project: '../store/entities#ProjectEntity',
  DevelopmentPlan: '../store/entities#PlanEntity',
  Strategy: '../store/entities#StrategyEntity',
  ProgressReport: '../store/entities#ProgressReportEntity',
  Organization: '../providers/references#OrganizationRef',
  Case: '../providers/references#CaseRef',
});
