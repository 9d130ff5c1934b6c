/** CSS imported as text (esbuild `loader: { '.css': 'text' }`), for shadow-root styles. */
declare module '*.css' {
  const css: string;
  export default css;
}

/**
 * The entities' kinds and compiled aliases, generated from data/ by build.mjs for the content
 * script; typed in src/content/bundled-entities.ts.
 */
declare module 'backstory:matcher-entities' {
  const entities: unknown;
  export default entities;
}

/** The sieve's expressions as sources, generated from data/ by build.mjs for the content script. */
declare module 'backstory:sieve' {
  const source: import('./core/match/sieve').SieveSource;
  export default source;
}

/** web-ext ships no types; build.mjs and the tools use only `cmd.build`, `cmd.run` and `cmd.lint`. */
declare module 'web-ext' {
  const webExt: { cmd: Record<'build' | 'run' | 'lint', (params: object, options?: object) => Promise<any>> };
  export default webExt;
}
