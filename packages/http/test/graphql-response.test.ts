import { stringifyResult } from '../src';

describe('stringifyResult', () => {
  it('writes an answer as its compact JSON, nothing after it (Apollo Server appends a newline)', () => {
    const answer = { data: { organization: { code: 'PATONG', name: 'ป่าตอง' } }, errors: undefined };
    expect(stringifyResult(answer)).toBe('{"data":{"organization":{"code":"PATONG","name":"ป่าตอง"}}}');
  });
});
