import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Language } from '../store/rows';

/** The messages there are: one template file per message and language, in `templates/<message>.<th|en>.txt`. */
export const MESSAGES = [
  'reporter-triaged',
  'reporter-assigned',
  'reporter-resolved',
  'officer-assigned',
  'officer-sla-breached',
  'coordinator-project-delayed',
  'coordinator-waste-at-risk',
] as const;
export type MessageName = (typeof MESSAGES)[number];

export interface Rendered {
  subject: string;
  body: string;
}

const TEMPLATE_DIR = join(__dirname, '..', '..', 'templates');

type Compiled = (values: Record<string, string | number>) => string;

// Compiled once, at first use of the module: a missing or broken template fails the process's start, not a delivery.
const compiled = new Map<string, Compiled>(
  MESSAGES.flatMap((message) =>
    (['TH', 'EN'] as const).map((language): [string, Compiled] => {
      const source = readFileSync(join(TEMPLATE_DIR, `${message}.${language.toLowerCase()}.txt`), 'utf8');
      // Plain-text mail: nothing to HTML-escape; `strict` makes a value the template names but the caller forgot an error.
      return [`${message}.${language}`, Handlebars.compile(source, { noEscape: true, strict: true })];
    }),
  ),
);

/** A message in a language: the template's first line is the subject, the rest (after a blank line) the body. */
export function render(message: MessageName, language: Language, values: Record<string, string | number>): Rendered {
  const text = compiled.get(`${message}.${language}`)!(values);
  const [subject = '', ...rest] = text.split('\n');
  return { subject: subject.trim(), body: rest.join('\n').trim() + '\n' };
}
