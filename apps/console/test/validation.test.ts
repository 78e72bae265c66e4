import {
  validateCsvFile,
  validateEmail,
  validateReturnReason,
  validateWebhookUrl,
  validateRating,
  validateReferral,
  validateReply,
  validateReport,
  validTrackingCode,
  type ReportForm,
} from '../src/lib/validation';
import { errorKey } from '../src/lib/errors';
import en from '../src/i18n/en.json';
import th from '../src/i18n/th.json';

const good: ReportForm = {
  category: 'WASTE',
  title: 'Overflowing bins',
  description: 'Three days now.',
  lat: '7.8961',
  lng: '98.2962',
  name: '',
  phone: '081 234 5678',
  email: '',
};

describe('the report form', () => {
  test('a complete report has no errors', () => {
    expect(validateReport(good)).toEqual({});
  });

  test('each field says what is wrong', () => {
    expect(validateReport({ ...good, category: '', title: 'ab', description: ' ' })).toEqual({
      category: 'validation.required',
      title: 'validation.title',
      description: 'validation.description',
    });
    expect(validateReport({ ...good, lat: '' }).lat).toBe('validation.location');
    expect(validateReport({ ...good, lat: '13.75', lng: '100.5' }).lat).toBe('validation.outsidePhuket');
    expect(validateReport({ ...good, phone: 'call me' }).phone).toBe('validation.phone');
    expect(validateReport({ ...good, email: 'nobody' }).email).toBe('validation.email');
    expect(validateReport({ ...good, phone: '', email: '' }).phone).toBe('validation.contact');
    expect(validateReport({ ...good, phone: '', email: 'a@b.th' })).toEqual({});
    expect(validateReport({ ...good, phone: '081 234 5678', email: 'a@b.th' })).toEqual({});
  });

  test('tracking codes, ratings and CSV files', () => {
    expect(validTrackingCode('pcc-2569-000123')).toBe(true);
    expect(validTrackingCode('PCC-69-1')).toBe(false);
    expect(validateRating(5)).toBeNull();
    expect(validateRating(0)).toBe('validation.rating');
    expect(validateRating(4.5)).toBe('validation.rating');
    expect(validateCsvFile(null)).toBe('validation.required');
    expect(validateCsvFile({ name: 'a.csv', size: 0 })).toBe('validation.csvEmpty');
    expect(validateCsvFile({ name: 'a.csv', size: 2_000_000 })).toBe('validation.csvTooLarge');
    expect(validateCsvFile({ name: 'a.csv', size: 2_000 })).toBeNull();
  });
});

describe('referring a case outside the network, and the reply', () => {
  test('a body is required; a reference is a letter or ticket number, not free text', () => {
    expect(validateReferral({ externalBody: 'DOH', reference: 'ภก-0012/2569', note: '' })).toEqual({});
    expect(validateReferral({ externalBody: '', reference: '', note: '' })).toEqual({
      externalBody: 'validation.required',
    });
    expect(validateReferral({ externalBody: 'PEA', reference: 'call Khun Somchai', note: '' })).toEqual({
      reference: 'validation.reference',
    });
    expect(validateReferral({ externalBody: 'PEA', reference: '', note: 'x'.repeat(5001) })).toEqual({
      note: 'validation.text',
    });
  });

  test('a reply has words; its reference follows the same rule', () => {
    expect(validateReply('Repaired on Monday', '')).toEqual({});
    expect(validateReply('   ', '')).toEqual({ reply: 'validation.reply' });
    expect(validateReply('Repaired', 'no. 12 of May')).toEqual({ reference: 'validation.reference' });
  });
});

describe("the PAO's reason for returning a waste report", () => {
  test('required, at most 2000 characters once trimmed', () => {
    expect(validateReturnReason('')).toBe('validation.returnReason');
    expect(validateReturnReason('   ')).toBe('validation.returnReason');
    expect(validateReturnReason('Organic tonnes look doubled')).toBeNull();
    expect(validateReturnReason('x'.repeat(2000))).toBeNull();
    expect(validateReturnReason('x'.repeat(2001))).toBe('validation.returnReason');
  });
});

describe("the reporter's e-mail for word on their case", () => {
  test('required, an address, at most 320 characters', () => {
    expect(validateEmail('')).toBe('validation.required');
    expect(validateEmail('  ')).toBe('validation.required');
    expect(validateEmail('somchai@example.co.th')).toBeNull();
    expect(validateEmail(' somchai@example.co.th ')).toBeNull();
    expect(validateEmail('somchai@example')).toBe('validation.email');
    expect(validateEmail('somchai example.com')).toBe('validation.email');
    expect(validateEmail(`${'a'.repeat(310)}@example.com`)).toBe('validation.email');
  });
});

describe("a webhook's address", () => {
  test('https:// anywhere, http:// to this machine only, at most 2000 characters', () => {
    expect(validateWebhookUrl('')).toBe('validation.required');
    expect(validateWebhookUrl('https://hooks.patong.go.th/pcc')).toBeNull();
    expect(validateWebhookUrl('http://127.0.0.1:8080/hook')).toBeNull();
    expect(validateWebhookUrl('http://localhost/hook')).toBeNull();
    expect(validateWebhookUrl('http://hooks.patong.go.th/pcc')).toBe('validation.webhookUrl');
    expect(validateWebhookUrl('ftp://example.com/')).toBe('validation.webhookUrl');
    expect(validateWebhookUrl('not a url')).toBe('validation.webhookUrl');
    expect(validateWebhookUrl(`https://example.com/${'a'.repeat(2000)}`)).toBe('validation.webhookUrl');
  });
});

describe('messages', () => {
  test('API errors map to a message by their typed code', () => {
    expect(errorKey({ graphQLErrors: [{ message: 'x', extensions: { code: 'INVALID_TRANSITION' } }] })).toBe(
      'errors.INVALID_TRANSITION',
    );
    expect(errorKey({ graphQLErrors: [], networkError: new Error('offline') })).toBe('errors.NETWORK');
    expect(errorKey({ graphQLErrors: [{ message: 'x', extensions: { code: 'SOMETHING_NEW' } }] })).toBe(
      'errors.INTERNAL',
    );
  });

  test('Thai and English have the same keys, none empty', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, inner]) => keys(inner, `${prefix}${key}.`))
        : [`${prefix.slice(0, -1)}${value === '' ? ' (empty)' : ''}`];
    expect(keys(th).sort()).toEqual(keys(en).sort());
  });
});
