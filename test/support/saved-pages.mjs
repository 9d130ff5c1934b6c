// @ts-check
/**
 * Where the saved real news pages are read from: `../shared/pages/readability` beside the
 * repository, one folder per page with its `source.html`. Never copied into the project; every
 * user of them skips with a message when the folder is absent.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SAVED_PAGES = path.resolve(ROOT, '..', 'shared', 'pages', 'readability');
