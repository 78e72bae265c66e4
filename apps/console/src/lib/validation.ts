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
  if (form.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) errors.email = 'validation.email';
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
