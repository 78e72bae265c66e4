const BANGKOK_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The next midnight in Bangkok after `now` (epoch ms): when every date judged on "today" there moves on. */
export function nextBangkokMidnight(now: number = Date.now()): number {
  return Math.floor((now + BANGKOK_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - BANGKOK_OFFSET_MS;
}

/**
 * Until when the answer being computed for one request stays true by the clock alone (epoch ms):
 * a resolver whose value changes when time passes (a case that becomes overdue at its due time, a
 * count over "the last 30 days") says so with `validUntil`, and the subgraph's response cache keeps
 * the whole answer no later than the earliest such moment (response-cache.ts). Everything that
 * depends on the Bangkok date (overdue follow-up actions, delays judged on today, missing waste
 * months, the current fiscal year) is covered by the bound every request starts with: the next
 * Bangkok midnight.
 */
export class AnswerValidity {
  private until: number;

  constructor(now: number = Date.now()) {
    this.until = nextBangkokMidnight(now);
  }

  /** The answer is true only until `epochMs` (a moment in the past: it must not be kept at all). */
  validUntil(epochMs: number): void {
    if (epochMs < this.until) this.until = epochMs;
  }

  get deadline(): number {
    return this.until;
  }
}
