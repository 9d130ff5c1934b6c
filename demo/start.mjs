// @ts-check
/**
 * `npm start [-- --chromium]`: opens a real browser window with the extension loaded on the demo
 * page, through web-ext run, which reloads the extension when dist/ changes (pair it with
 * `npm run watch`). Firefox ESR by default; --chromium for Chromium. Needs a display.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSERS, browserAvailable } from '../test/support/browsers.mjs';
import { serve } from '../test/support/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const useChromium = process.argv.includes('--chromium');

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    'npm start opens a browser window, and this machine has no display (neither DISPLAY nor\n' +
      'WAYLAND_DISPLAY is set). Run `npm run demo` for a headless run that saves screenshots,\n' +
      'or start a virtual display first: `xvfb-run npm start`.',
  );
  process.exit(1);
}
if (!browserAvailable(useChromium ? 'chromium' : 'firefox')) process.exit(1);

const server = await serve(here);
const { default: webExt } = await import('web-ext');
const startUrl = `${server.url}/page.html`;
console.log(`Demo page: ${startUrl}`);
await webExt.cmd.run(
  useChromium
    ? { sourceDir: path.join(root, 'dist/chrome'), target: ['chromium'], chromiumBinary: BROWSERS.chromium.path, startUrl: [startUrl] }
    : { sourceDir: path.join(root, 'dist/firefox'), target: ['firefox-desktop'], firefox: BROWSERS.firefox.path, startUrl: [startUrl] },
  { shouldExitProgram: true },
);
