import { join } from 'node:path';
import { buildAsyncApiDocument } from '../asyncapi';
import { platformCatalogue } from '../catalogue';
import { renderCataloguePage } from './page';

/** Where the committed catalogue lives: `packages/events/published`. */
export const PUBLISHED_FOLDER = join(__dirname, '..', '..', 'published');

/** The published files and their content, as generated from the catalogue now. */
export function publishedFiles(): Record<'asyncapi.json' | 'catalogue.html', string> {
  const document = buildAsyncApiDocument(platformCatalogue, { version: '1.0.0', brokers: '127.0.0.1:9092' });
  return {
    'asyncapi.json': `${JSON.stringify(document, null, 2)}\n`,
    'catalogue.html': renderCataloguePage(platformCatalogue, { partitions: 6 }),
  };
}
