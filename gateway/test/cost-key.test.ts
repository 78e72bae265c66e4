import { parse } from 'graphql';
import { costKey } from '../src/cost';

/** The cost limit keeps each estimate under the values it can depend on, so that distinct callers share it. */
describe('the key a cost estimate is kept under', () => {
  const document = parse(`
    query Page($first: Int = 20, $filter: CaseFilter, $withLead: Boolean!, $after: String) {
      cases(first: $first, filter: $filter, after: $after) { edges { node { id ...Lead } } }
    }
    fragment Lead on Case { lead @include(if: $withLead) { id } }`);
  const key = (variables?: Record<string, unknown>) => costKey(document, 'Page', variables);
  const base = { first: 10, filter: { status: 'TRIAGED' }, withLead: true, after: 'abc' };

  it('ignores what cannot move the estimate: filters, cursors, a report', () => {
    expect(key({ ...base, filter: { status: 'CLOSED', text: 'น้ำท่วม' }, after: 'xyz' })).toBe(key(base));
  });

  it('holds page sizes and the conditions of @skip/@include, in fragments too, and the operation', () => {
    expect(key({ ...base, first: 11 })).not.toBe(key(base));
    expect(key({ ...base, withLead: false })).not.toBe(key(base));
    expect(costKey(document, 'Other', base)).not.toBe(key(base));
  });

  it('tells a variable left out (its default applies) from one given as null', () => {
    const { first: _first, ...withoutFirst } = base;
    expect(key(withoutFirst)).not.toBe(key({ ...withoutFirst, first: null }));
    expect(key(undefined)).toBe(key({}));
  });
});
