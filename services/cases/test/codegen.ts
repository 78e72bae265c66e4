// Types for the GraphQL documents of the tests, from the schema this subgraph serves (see @pcc/testing).
import { subgraphSdl, testDocumentsConfig } from '@pcc/testing/codegen';

export default testDocumentsConfig(subgraphSdl());
