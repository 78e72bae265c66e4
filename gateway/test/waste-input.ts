/** A month's waste report input of `t` tonnes, split by stream and by destination as a town's might be. */
export const wasteReportInput = (organizationId: string, month: string, t: number) => ({
  organizationId,
  month,
  byStream: {
    general: (t * 0.6).toFixed(3),
    organic: (t * 0.3).toFixed(3),
    recyclable: (t * 0.1).toFixed(3),
    hazardous: '0',
  },
  byDestination: {
    incinerated: (t * 0.8).toFixed(3),
    landfilled: '0',
    recycled: (t * 0.15).toFixed(3),
    composted: (t * 0.05).toFixed(3),
  },
});
