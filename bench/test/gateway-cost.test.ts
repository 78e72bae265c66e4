import { coveredMs, planSteps, type RecordedFetch } from '../src/gateway-cost';

const fetch = (receivedMs: number, answeredMs: number): RecordedFetch => ({
  subgraph: 'cases',
  receivedMs,
  answeredMs,
});

describe("the gateway's own cost: time its fetches were outstanding", () => {
  it('counts parallel fetches once and adds fetches made one after another', () => {
    // 10–20 and 12–18 run together; 25–30 follows: 10 + 5 ms outstanding.
    expect(coveredMs([fetch(10, 20), fetch(12, 18), fetch(25, 30)], 0, 40)).toBe(15);
  });

  it('joins fetches that overlap in part, and counts nothing outside the request', () => {
    expect(coveredMs([fetch(10, 20), fetch(15, 25)], 0, 40)).toBe(15);
    expect(coveredMs([fetch(5, 20), fetch(15, 45)], 10, 40)).toBe(30);
    expect(coveredMs([], 0, 40)).toBe(0);
    // In any order.
    expect(coveredMs([fetch(25, 30), fetch(10, 20)], 0, 40)).toBe(15);
  });

  it('counts the round trips made in a row: a fetch sent after another answered follows it', () => {
    // organizations, then planning and waste together, then cases after planning: three in a row.
    expect(planSteps([fetch(0, 2), fetch(3, 5), fetch(3, 6), fetch(5.5, 8)])).toBe(3);
    expect(planSteps([fetch(0, 2), fetch(1, 3)])).toBe(1);
    expect(planSteps([])).toBe(0);
    // A fetch answered the moment it arrived (a proxy's failure) follows nothing sent after it.
    expect(planSteps([fetch(0, 2), fetch(3, 3), fetch(3, 4)])).toBe(3);
  });
});
