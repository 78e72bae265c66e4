import { platformCatalogue } from '../src/catalogue';
import { compatibilityProblems, eventSchemaFiles, readSchemaFiles, type JsonSchema } from '../src/schema-files';

describe('the committed event schemas (packages/events/schemas)', () => {
  it("are the catalogue's, one per event type (run `npm run export:schemas --workspace @pcc/events` after a change)", () => {
    const generated = eventSchemaFiles(platformCatalogue);
    const committed = readSchemaFiles();
    expect([...committed.keys()]).toEqual([...generated.keys()]);
    for (const [file, text] of generated) expect(`${file}\n${committed.get(file)}`).toBe(`${file}\n${text}`);
  });
});

describe('backward compatibility of an event type', () => {
  const schema = (properties: Record<string, JsonSchema>, required: string[]): JsonSchema => ({
    type: 'object',
    properties,
    required,
    additionalProperties: false,
  });
  const id = { type: 'string', format: 'uuid' };
  const status = { type: 'string', enum: ['OPEN', 'CLOSED'] };
  const v1 = schema({ id, status, note: { type: 'string', maxLength: 10 } }, ['id', 'status']);

  it('allows a new optional field, and a new description', () => {
    expect(
      compatibilityProblems(
        v1,
        schema({ id, status, note: v1.properties!['note' as never], extra: { type: 'string' } }, ['id', 'status']),
      ),
    ).toEqual([]);
    expect(compatibilityProblems(v1, { ...v1, description: 'now documented' })).toEqual([]);
  });

  it('refuses a removed or retyped field, a new required field, a changed enum or bound', () => {
    expect(compatibilityProblems(v1, schema({ id, note: { type: 'string', maxLength: 10 } }, ['id']))).toEqual(
      expect.arrayContaining(['(payload).status: removed']),
    );
    expect(
      compatibilityProblems(
        v1,
        schema({ id: { type: 'integer' }, status, note: { type: 'string', maxLength: 10 } }, ['id', 'status']),
      ),
    ).toEqual(['(payload).id: type or constraints changed']);
    expect(
      compatibilityProblems(
        v1,
        schema({ id, status, note: { type: 'string', maxLength: 10 }, reason: { type: 'string' } }, [
          'id',
          'status',
          'reason',
        ]),
      ),
    ).toEqual(['(payload).reason: new required field']);
    expect(
      compatibilityProblems(
        v1,
        schema({ id, status: { type: 'string', enum: ['OPEN'] }, note: { type: 'string', maxLength: 10 } }, [
          'id',
          'status',
        ]),
      ),
    ).toEqual(['(payload).status: type or constraints changed']);
    expect(
      compatibilityProblems(v1, schema({ id, status, note: { type: 'string', maxLength: 20 } }, ['id', 'status'])),
    ).toEqual(['(payload).note: type or constraints changed']);
    expect(
      compatibilityProblems(
        v1,
        schema({ id, status, note: { type: 'string', maxLength: 10 } }, ['id', 'status', 'note']),
      ),
    ).toEqual(['(payload).note: made required']);
  });

  it('holds for the real catalogue: an added optional case field passes, a removed one does not', () => {
    const [file, text] = [...eventSchemaFiles(platformCatalogue)].find(([f]) => f === 'pcc.case.opened.json')!;
    const committed = JSON.parse(text) as JsonSchema & {
      properties: Record<string, JsonSchema & { properties: Record<string, JsonSchema> }>;
    };
    const caseSnapshot = committed.properties.case!;
    const added = {
      ...committed,
      properties: {
        ...committed.properties,
        case: { ...caseSnapshot, properties: { ...caseSnapshot.properties, channelDetail: { type: 'string' } } },
      },
    };
    expect(compatibilityProblems(committed, added)).toEqual([]);
    const { trackingCode: _removed, ...rest } = caseSnapshot.properties;
    const removed = {
      ...committed,
      properties: { ...committed.properties, case: { ...caseSnapshot, properties: rest } },
    };
    expect(compatibilityProblems(committed, removed)).toEqual(
      expect.arrayContaining(['(payload).case.trackingCode: removed']),
    );
    expect(file).toBe('pcc.case.opened.json');
  });
});
