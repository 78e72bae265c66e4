import { OrganizationProjection } from '@pcc/organization-projection';

/** This service reads and writes its own tables with SQL (src/store/rows.ts); TypeORM maps only the projection. */
export const entities = [OrganizationProjection];
