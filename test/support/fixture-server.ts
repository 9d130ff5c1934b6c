/** The test fixtures' server (server.mjs), for a test file that needs it through all its tests. */
import { afterAll, beforeAll } from 'vitest';
import { serve } from './server.mjs';

/** Starts the server before the file's tests and closes it after them; `url` is its address. */
export function fixtureServer(): { readonly url: string } {
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  beforeAll(async () => {
    server = await serve('test/browser/fixtures');
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error('the fixture server has not started');
      return server.url;
    },
  };
}
