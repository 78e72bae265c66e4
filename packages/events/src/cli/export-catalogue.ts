/**
 * `npm run export:catalogue --workspace @pcc/events`: writes the published event catalogue,
 * `published/asyncapi.json` and `published/catalogue.html`, both committed (a test fails when they
 * are stale). The gateway serves the page at /events.
 */
import { writeFileSync } from 'node:fs';
import { publishedFiles, PUBLISHED_FOLDER } from '../published/files';

for (const [name, content] of Object.entries(publishedFiles())) writeFileSync(`${PUBLISHED_FOLDER}/${name}`, content);
console.log(`wrote ${PUBLISHED_FOLDER}/asyncapi.json and catalogue.html`);
