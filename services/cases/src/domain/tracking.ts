import { fiscalYearOfInstant } from '@pcc/fiscal-year';

/** Public tracking codes: `PCC-<fiscal year>-<6 digits>`, numbered per Thai fiscal year (FY2561 = Oct 2017 – Sep 2018). */
export const fiscalYearOf = (date: Date): number => fiscalYearOfInstant(date);

export const trackingCode = (fiscalYear: number, sequence: number): string =>
  `PCC-${fiscalYear}-${String(sequence).padStart(6, '0')}`;

export const TRACKING_CODE = /^PCC-\d{4}-\d{6}$/;
