/**
 * The forms' own checks, before anything is sent: the same bounds as the API's input rules, so a
 * person hears about a mistake beside the field instead of as an error after sending.
 */
export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export interface ReportForm {
  category: string;
  title: string;
  description: string;
  lat: string;
  lng: string;
  name: string;
  phone: string;
  email: string;
}

/** Phuket with a margin: a point outside is a mistake in the map or the typed coordinates. */
export const PHUKET_BOUNDS = { minLat: 7.7, maxLat: 8.25, minLng: 98.2, maxLng: 98.5 };

/** An e-mail address as the platform's services take it. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A required e-mail address (a notification's recipient): a message key, or null when it will do. */
export function validateEmail(email: string): string | null {
  const trimmed = email.trim();
  if (!trimmed) return 'validation.required';
  return trimmed.length > 320 || !EMAIL.test(trimmed) ? 'validation.email' : null;
}

/** Message keys (i18n) per field. */
export function validateReport(form: ReportForm): FieldErrors<keyof ReportForm> {
  const errors: FieldErrors<keyof ReportForm> = {};
  if (!form.category) errors.category = 'validation.required';
  const title = form.title.trim();
  if (title.length < 3 || title.length > 200) errors.title = 'validation.title';
  const description = form.description.trim();
  if (description.length < 1 || description.length > 5000) errors.description = 'validation.description';
  const [lat, lng] = [Number(form.lat), Number(form.lng)];
  if (form.lat.trim() === '' || form.lng.trim() === '' || !Number.isFinite(lat) || !Number.isFinite(lng))
    errors.lat = 'validation.location';
  else if (
    lat < PHUKET_BOUNDS.minLat ||
    lat > PHUKET_BOUNDS.maxLat ||
    lng < PHUKET_BOUNDS.minLng ||
    lng > PHUKET_BOUNDS.maxLng
  )
    errors.lat = 'validation.outsidePhuket';
  // The platform needs a way to reach the reporter: a phone number or an email (the name is optional).
  if (!form.phone.trim() && !form.email.trim()) errors.phone = 'validation.contact';
  else if (form.phone.trim() && !/^[+0-9][0-9 -]{5,19}$/.test(form.phone.trim())) errors.phone = 'validation.phone';
  if (form.email.trim() && !EMAIL.test(form.email.trim())) errors.email = 'validation.email';
  return errors;
}

export interface ReferralForm {
  externalBody: string;
  reference: string;
  note: string;
}

/** An outside body's letter or ticket number, as the cases service takes it (never free text). */
const EXTERNAL_REFERENCE = /^[A-Za-z0-9ก-๙][A-Za-z0-9ก-๙/._-]{0,63}$/;

export function validateReferral(form: ReferralForm): FieldErrors<keyof ReferralForm> {
  const errors: FieldErrors<keyof ReferralForm> = {};
  if (!form.externalBody) errors.externalBody = 'validation.required';
  if (form.reference.trim() && !EXTERNAL_REFERENCE.test(form.reference.trim()))
    errors.reference = 'validation.reference';
  if (form.note.length > 5000) errors.note = 'validation.text';
  return errors;
}

/** The body's answer as recorded: 1 to 5000 characters; its reference as in a referral. */
export function validateReply(reply: string, reference: string): FieldErrors<'reply' | 'reference'> {
  const errors: FieldErrors<'reply' | 'reference'> = {};
  if (!reply.trim() || reply.trim().length > 5000) errors.reply = 'validation.reply';
  if (reference.trim() && !EXTERNAL_REFERENCE.test(reference.trim())) errors.reference = 'validation.reference';
  return errors;
}

/** A tracking code as printed: PCC-2569-000123. */
export const TRACKING_CODE = /^PCC-\d{4}-\d{6}$/;
export const validTrackingCode = (code: string): boolean => TRACKING_CODE.test(code.trim().toUpperCase());

export function validateRating(rating: number): string | null {
  return Number.isInteger(rating) && rating >= 1 && rating <= 5 ? null : 'validation.rating';
}

/** A CSV file for import: present, not empty, at most 5 MB (the gateway's body limit is 1 MB of JSON). */
export function validateCsvFile(file: { name: string; size: number } | null): string | null {
  if (!file) return 'validation.required';
  if (file.size === 0) return 'validation.csvEmpty';
  if (file.size > 900_000) return 'validation.csvTooLarge';
  return null;
}

/** An amount as the API writes it: not negative, at most `decimals` decimals. */
const amount = (decimals: number) => new RegExp(`^\\d{1,12}(\\.\\d{1,${decimals}})?$`);
const BAHT = amount(2);
const TONNES = amount(3);

/** A decimal string in its smallest unit (satang, kilograms), exactly: no float. */
function scaled(value: string, decimals: number): bigint {
  const [integer = '0', fraction = ''] = value.trim().split('.');
  return BigInt(integer) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

export interface ProgressForm {
  reportedOn: string;
  percent: string;
  amountDisbursed: string;
  note: string;
}

export interface ProgressContext {
  approvedBudget: string | null;
  disbursed: string;
  /** The latest report's date, if any: a new one may not be dated before it. */
  lastReportedOn: string | null;
  /** Today in Bangkok, YYYY-MM-DD. */
  today: string;
}

/** A project's progress report: the planning service's rules (percent, dates, the approved budget). */
export function validateProgress(form: ProgressForm, project: ProgressContext): FieldErrors<keyof ProgressForm> {
  const errors: FieldErrors<keyof ProgressForm> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.reportedOn)) errors.reportedOn = 'validation.required';
  else if (form.reportedOn > project.today) errors.reportedOn = 'validation.future';
  else if (project.lastReportedOn && form.reportedOn < project.lastReportedOn)
    errors.reportedOn = 'validation.beforeLastReport';
  const percent = Number(form.percent);
  if (form.percent.trim() === '' || !Number.isInteger(percent) || percent < 0 || percent > 100)
    errors.percent = 'validation.percent';
  if (!BAHT.test(form.amountDisbursed.trim())) errors.amountDisbursed = 'validation.baht';
  else if (
    project.approvedBudget != null &&
    scaled(project.disbursed, 2) + scaled(form.amountDisbursed, 2) > scaled(project.approvedBudget, 2)
  )
    errors.amountDisbursed = 'validation.overBudget';
  if (form.note.length > 2000) errors.note = 'validation.tooLong';
  return errors;
}

export const STREAMS = ['general', 'organic', 'recyclable', 'hazardous'] as const;
export const DESTINATIONS = ['incinerated', 'landfilled', 'recycled', 'composted'] as const;
export type WasteField = (typeof STREAMS)[number] | (typeof DESTINATIONS)[number];
export type WasteForm = Record<WasteField, string> & { month: string; note: string };

/**
 * A monthly waste report: the waste-metrics service's rules (tonnes with at most 3 decimals, the
 * month not in the future, destinations adding up to the streams within 0.5 %), checked exactly.
 */
export function validateWasteReport(form: WasteForm, currentMonth: string): FieldErrors<keyof WasteForm> {
  const errors: FieldErrors<keyof WasteForm> = {};
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(form.month)) errors.month = 'validation.month';
  else if (form.month > currentMonth) errors.month = 'validation.future';
  for (const field of [...STREAMS, ...DESTINATIONS]) {
    if (!TONNES.test(form[field].trim())) errors[field] = 'validation.tonnes';
  }
  if (form.note.length > 1000) errors.note = 'validation.tooLong';
  if (Object.keys(errors).some((field) => field !== 'month' && field !== 'note')) return errors;
  const sum = (fields: readonly WasteField[]) => fields.reduce((total, field) => total + scaled(form[field], 3), 0n);
  const [streams, destinations] = [sum(STREAMS), sum(DESTINATIONS)];
  const larger = streams > destinations ? streams : destinations;
  const difference = streams > destinations ? streams - destinations : destinations - streams;
  if (difference * 1000n > larger * 5n) errors.composted = 'validation.wasteAgreement';
  return errors;
}

export interface MediationForm {
  heldAt: string;
  mediator: string;
  attendees: string;
  notes: string;
}

/** A mediation session: when (not in the future), who mediated, who attended (one a line). */
export function validateMediationSession(form: MediationForm, now: Date): FieldErrors<keyof MediationForm> {
  const errors: FieldErrors<keyof MediationForm> = {};
  const heldAt = new Date(form.heldAt);
  if (!form.heldAt || Number.isNaN(heldAt.getTime())) errors.heldAt = 'validation.required';
  else if (heldAt.getTime() > now.getTime()) errors.heldAt = 'validation.future';
  const mediator = form.mediator.trim();
  if (!mediator || mediator.length > 200) errors.mediator = 'validation.mediator';
  const attendees = attendeeList(form.attendees);
  if (!attendees.length || attendees.length > 50 || attendees.some((name) => name.length > 200))
    errors.attendees = 'validation.attendees';
  if (form.notes.length > 10_000) errors.notes = 'validation.tooLong';
  return errors;
}

/** The attendees typed one a line (or separated by commas), blanks dropped. */
export const attendeeList = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((name) => name.trim())
    .filter(Boolean);

/** Why the PAO returns a waste report: 1 to 2000 characters, as the waste service takes it. */
export function validateReturnReason(reason: string): string | null {
  const trimmed = reason.trim();
  return trimmed.length < 1 || trimmed.length > 2000 ? 'validation.returnReason' : null;
}

/** A webhook's address as the notifications service takes it: https://, or http:// to this machine only. */
export function validateWebhookUrl(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return 'validation.required';
  if (trimmed.length > 2000 || !URL.canParse(trimmed)) return 'validation.webhookUrl';
  const url = new URL(trimmed);
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || (url.protocol === 'http:' && local) ? null : 'validation.webhookUrl';
}
