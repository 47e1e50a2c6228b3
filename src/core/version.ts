/** package.json's version, put in by scripts/build.mjs; unbundled (ts-jest) runs have none. */
declare const SLIPWAY_VERSION: string | undefined;
export const VERSION = typeof SLIPWAY_VERSION === 'string' ? SLIPWAY_VERSION : '0.0.0-dev';
