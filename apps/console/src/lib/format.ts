import { formatDecimal } from './decimal';

export type Language = 'th' | 'en';

/** Thai and English both with Buddhist-era years (the network's documents are dated that way). */
const LOCALES: Record<Language, string> = { th: 'th-TH-u-ca-buddhist', en: 'en-GB-u-ca-buddhist' };
const NUMBER_LOCALES: Record<Language, string> = { th: 'th-TH', en: 'en-GB' };

/** A figure a service could not give (null while it is down) shows as "—". */
export const formatBaht = (value: string | null | undefined, language: Language): string =>
  value == null
    ? '—'
    : language === 'th'
      ? `${formatDecimal(value, 2, NUMBER_LOCALES.th)} บาท`
      : `THB ${formatDecimal(value, 2, NUMBER_LOCALES.en)}`;

export const formatTonnes = (value: string | null | undefined, language: Language): string =>
  value == null ? '—' : `${formatDecimal(value, 3, NUMBER_LOCALES[language])} ${language === 'th' ? 'ตัน' : 't'}`;

export const formatPercent = (value: string | null | undefined, language: Language): string =>
  value == null ? '—' : `${formatDecimal(value, 2, NUMBER_LOCALES[language])} %`;

export const formatCount = (value: number, language: Language): string =>
  new Intl.NumberFormat(NUMBER_LOCALES[language]).format(value);

/** A date-time (RFC 3339) in Bangkok time with a Buddhist-era year. */
export const formatDateTime = (iso: string, language: Language): string =>
  new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Bangkok',
  }).format(new Date(iso));

/** A calendar month `YYYY-MM` (Gregorian, as the API has it) as "พ.ย. 2569" / "Nov 2569 BE". */
export const formatMonth = (month: string, language: Language): string =>
  new Intl.DateTimeFormat(LOCALES[language], { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );

/** The Thai fiscal year (Buddhist era) a date falls in: it starts on 1 October. */
export function fiscalYearOf(date: Date): number {
  const bangkok = new Date(date.getTime() + 7 * 3_600_000);
  const year = bangkok.getUTCFullYear() + 543;
  return bangkok.getUTCMonth() >= 9 ? year + 1 : year;
}

/** Hours as "3 วัน 4 ชม." / "3 d 4 h". */
export function formatHours(hours: number | null | undefined, language: Language): string {
  if (hours == null) return '—';
  const days = Math.floor(hours / 24);
  const rest = Math.round(hours - days * 24);
  const [d, h] = language === 'th' ? ['วัน', 'ชม.'] : ['d', 'h'];
  return days ? `${days} ${d} ${rest} ${h}` : `${rest} ${h}`;
}

/** A calendar date `YYYY-MM-DD` (as the API has it) with a Buddhist-era year. */
export const formatDate = (date: string, language: Language): string =>
  new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** Today in Bangkok as `YYYY-MM-DD`: the day the platform's rules count in. */
export const bangkokToday = (now: Date = new Date()): string =>
  new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The fiscal years the platform holds figures for, newest last. */
export const FISCAL_YEARS = [2561, 2562] as const;
