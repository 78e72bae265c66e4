import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

/** A client operation the registry protects: a breaking change that touches it is refused. */
export interface RegisteredOperation {
  /** Where it is registered: `bench/operations/dashboard.graphql`, `apps/console#<hash>`. */
  name: string;
  document: DocumentNode;
}

/**
 * The registered operations of the repository: the benchmark's (`bench/operations/*.graphql`) and every
 * client's persisted documents (`apps/<client>/persisted-documents.json`, an object hash → operation text,
 * as GraphQL Code Generator's client preset writes it with `persistedDocuments: true`).
 */
export function loadRegisteredOperations(root: string): RegisteredOperation[] {
  const operations: RegisteredOperation[] = [];
  const bench = join(root, 'bench', 'operations');
  if (existsSync(bench))
    for (const file of readdirSync(bench)
      .filter((f) => f.endsWith('.graphql'))
      .sort())
      operations.push({
        name: `bench/operations/${file}`,
        document: parse(readFileSync(join(bench, file), 'utf8')),
      });
  const apps = join(root, 'apps');
  if (existsSync(apps))
    for (const app of readdirSync(apps).sort()) {
      const manifest = join(apps, app, 'persisted-documents.json');
      if (!existsSync(manifest)) continue;
      const documents = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
      for (const [hash, text] of Object.entries(documents)) {
        if (typeof text !== 'string') throw new Error(`${manifest}: the document of ${hash} is not a string`);
        operations.push({ name: `apps/${app}#${hash}`, document: parse(text) });
      }
    }
  return operations;
}

/**
 * The schema coordinates an operation uses, read against the schema it was written for: every field
 * (`Case.title`), argument (`Query.cases.first`), input field written in the document
 * (`CaseFilter.status`), and every named type it reaches (`CaseStatus`, the types of its variables) —
 * a change under a type the operation reaches (a removed enum value, an input field) touches it.
 */
export function coordinatesOf(document: DocumentNode, schema: GraphQLSchema): Set<string> {
  const used = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent) used.add(`${parent.name}.${node.name.value}`);
        const type = typeInfo.getType();
        if (type) used.add(getNamedType(type).name);
      },
      Argument(node) {
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (field && parent) used.add(`${parent.name}.${field.name}.${node.name.value}`);
        const type = typeInfo.getInputType();
        if (type) used.add(getNamedType(type).name);
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        if (parent) used.add(`${getNamedType(parent).name}.${node.name.value}`);
        const type = typeInfo.getInputType();
        if (type) used.add(getNamedType(type).name);
      },
      VariableDefinition() {
        const type = typeInfo.getInputType();
        if (type) used.add(getNamedType(type).name);
      },
      InlineFragment() {
        const type = typeInfo.getType();
        if (type) used.add(getNamedType(type).name);
      },
    }),
  );
  return used;
}

/**
 * Whether a change at `path` (`Case`, `Case.title`, `Query.cases.first`, `CaseStatus.RESOLVED`) touches
 * an operation's coordinates: the coordinate itself or one under it (a removed type touches all its
 * fields); under an enum or input type the operation reaches, any change touches it (a removed enum value
 * can come back in any field of that type; an input field can be set through a variable).
 */
export function touches(path: string, used: Set<string>, schema: GraphQLSchema): boolean {
  if (used.has(path)) return true;
  for (const coordinate of used) if (coordinate.startsWith(`${path}.`)) return true;
  const typeName = path.split('.')[0]!;
  const type = schema.getType(typeName);
  return used.has(typeName) && (isEnumType(type) || isInputObjectType(type));
}
