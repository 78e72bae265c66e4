import { AnswerValidity, nextBangkokMidnight } from '../src/answer-validity';

describe('AnswerValidity', () => {
  it('starts bounded by the next midnight in Bangkok (17:00 UTC)', () => {
    expect(nextBangkokMidnight(Date.parse('2026-11-30T16:59:59.999Z'))).toBe(Date.parse('2026-11-30T17:00:00Z'));
    expect(nextBangkokMidnight(Date.parse('2026-11-30T17:00:00Z'))).toBe(Date.parse('2026-12-01T17:00:00Z'));
    expect(new AnswerValidity(Date.parse('2026-11-30T01:00:00Z')).deadline).toBe(Date.parse('2026-11-30T17:00:00Z'));
  });

  it('keeps the earliest moment it is told, a past one too', () => {
    const now = Date.parse('2026-11-30T01:00:00Z');
    const answer = new AnswerValidity(now);
    answer.validUntil(now + 5_900);
    answer.validUntil(now + 60_000);
    expect(answer.deadline).toBe(now + 5_900);
    answer.validUntil(now - 1);
    expect(answer.deadline).toBe(now - 1);
  });
});
