import { z } from 'zod';
import { defineEvent, EventCatalogue, EventValidationError, isTransient, platformCatalogue, TOPICS } from '../src';

describe('EventCatalogue', () => {
  it('knows every platform event type once, each on a registered topic', () => {
    const topics = new Set<string>(Object.values(TOPICS));
    for (const definition of platformCatalogue.all()) {
      // `pcc.<aggregate>.<event>`, and `.v2`, `.v3` … for a type's breaking change (README, "Evolving events").
      expect(definition.type).toMatch(/^pcc\.[a-z-]+\.[a-z-]+(\.v[2-9]\d*)?$/);
      expect(topics.has(definition.topic)).toBe(true);
    }
    expect(platformCatalogue.get('pcc.organization.registered')?.topic).toBe('pcc.organizations.organization.v1');
  });

  it('refuses two definitions of one type', () => {
    const one = defineEvent({ type: 'pcc.x.y', topic: 't', description: '', schema: z.object({}) });
    expect(() => new EventCatalogue([one, one])).toThrow(/defined twice/);
  });

  it('validates payloads and names every problem', () => {
    const error = (() => {
      try {
        platformCatalogue.parse('pcc.organization.registered', { organization: { id: 'nope', code: '' } });
      } catch (e) {
        return e as EventValidationError;
      }
      throw new Error('expected a validation error');
    })();
    expect(error).toBeInstanceOf(EventValidationError);
    expect(error.problems.join('\n')).toMatch(/organization\.id/);
    expect(error.problems.join('\n')).toMatch(/organization\.code/);
    expect(error.problems.join('\n')).toMatch(/actor/);
  });

  it('rejects an unknown type', () => {
    expect(() => platformCatalogue.parse('pcc.nothing.here', {})).toThrow(/unknown event type/);
  });
});

describe('isTransient', () => {
  it('tells database outages (retry) from bad messages (dead-letter)', () => {
    const coded = (code: string) => Object.assign(new Error('x'), { code });
    expect(isTransient(coded('ECONNREFUSED'))).toBe(true);
    expect(isTransient(coded('57P01'))).toBe(true); // admin shutdown
    expect(isTransient(coded('08006'))).toBe(true); // connection failure
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransient(coded('23505'))).toBe(false);
    expect(isTransient(new Error('cannot handle n=5'))).toBe(false);
  });
});

describe('tolerant readers', () => {
  const opened = {
    case: {
      id: '0b6f1f0e-4a55-4b8e-9a57-3f2d0c1e2a10',
      trackingCode: 'PCC-2568-000001',
      kind: 'GRIEVANCE',
      category: 'WASTE',
      channel: 'WEB',
      status: 'RECEIVED',
      priority: 'NORMAL',
      district: null,
      leadOrganizationId: null,
      supportingOrganizationIds: [],
      openedAt: '2026-01-01T00:00:00.000Z',
      dueAt: null,
    },
    actor: { sub: 'u1', role: 'PUBLIC', org: null },
    version: 1,
  };

  it('a consumer reads an event a newer producer wrote with fields it does not know, and drops them', () => {
    const newer = { ...opened, channelDetail: 'LINE OA', case: { ...opened.case, photoCount: 2 } };
    expect(() => platformCatalogue.parse('pcc.case.opened', newer)).toThrow(/channelDetail/); // producers stay strict
    expect(platformCatalogue.read('pcc.case.opened', newer)).toEqual(opened);
    expect(newer).toHaveProperty('channelDetail'); // the message itself is left as it came
  });

  it('a field it knows must still be valid', () => {
    expect(() => platformCatalogue.read('pcc.case.opened', { ...opened, extra: 1, version: 'one' })).toThrow(/version/);
  });
});
