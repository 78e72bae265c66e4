import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES, render } from '../src/messages/render';

const placeholders = (message: string, language: 'th' | 'en') =>
  [
    ...readFileSync(join(__dirname, '..', 'templates', `${message}.${language}.txt`), 'utf8').matchAll(
      /\{\{\s*(\w+)\s*\}\}/g,
    ),
  ]
    .map((m) => m[1]!)
    // `{{else}}` of a `{{#if}}` block is syntax, not a value.
    .filter((name) => name !== 'else')
    .sort();

/** Every message exists in Thai and English, asks for the same values in both, and renders whole. */
describe('message templates', () => {
  test.each(MESSAGES)('%s: Thai and English name the same values and render with a subject and a body', (message) => {
    const names = [...new Set(placeholders(message, 'en'))];
    expect(names.length).toBeGreaterThan(0);
    expect([...new Set(placeholders(message, 'th'))]).toEqual(names);
    const values = Object.fromEntries(names.map((n) => [n, `<${n}>`]));
    for (const language of ['TH', 'EN'] as const) {
      const { subject, body } = render(message, language, values);
      expect(subject.length).toBeGreaterThan(0);
      expect(body.trim().length).toBeGreaterThan(0);
      expect(`${subject}\n${body}`).not.toContain('{{');
    }
  });

  test("the reporter's resolution message says what was done when there is a text, and where to read it when not", () => {
    const values = { trackingCode: 'PCC-2569-000001', caseUrl: 'https://pcc.example/follow?code=PCC-2569-000001' };
    const told = render('reporter-resolved', 'EN', {
      ...values,
      resolution: 'Bins emptied; collection moved to daily.',
    });
    expect(told.body).toContain('What was done:\nBins emptied; collection moved to daily.');
    expect(told.body).not.toContain('open it with your tracking code');
    expect(told.body).toContain(
      'Please rate how it was handled (1 to 5): https://pcc.example/follow?code=PCC-2569-000001',
    );
    const untold = render('reporter-resolved', 'TH', { ...values, resolution: '' });
    expect(untold.body).not.toContain('การดำเนินการ:');
    expect(untold.body).toContain('เปิดดูได้ด้วยรหัสติดตามและรหัสลับของท่าน');
    expect(untold.body).toContain('โปรดให้คะแนนการดำเนินการ (1 ถึง 5): https://pcc.example/follow?code=PCC-2569-000001');
  });

  test('a value a template names but the caller does not give is an error, not a blank', () => {
    expect(() => render('officer-assigned', 'EN', { trackingCode: 'PCC-2569-000001' })).toThrow();
  });
});
