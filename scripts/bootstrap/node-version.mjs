import { BootstrapError } from './errors.mjs';

// Same range as "engines" in package.json; vite (under vitest) and Prisma 7 declare it too, because
// older lines lack unflagged require(esm).
export const SUPPORTED_NODE_RANGE = '>=20.19 <21 || >=22.12';

/**
 * @param {string} version e.g. "20.20.2" (no leading "v")
 * @returns {boolean}
 */
export function isSupportedNodeVersion(version) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major === 20) return minor >= 19;
  if (major === 22) return minor >= 12;
  return major > 22;
}

/**
 * @param {string} [version] defaults to the running Node
 */
export function ensureNodeVersion(version = process.versions.node) {
  if (isSupportedNodeVersion(version)) return;
  throw new BootstrapError(
    `Node.js ${version} (${process.execPath}) is not supported: this project needs Node.js ${SUPPORTED_NODE_RANGE}.`,
    {
      hint:
        'Install Node.js 20.19 or newer 20.x (the version CI uses), or 22.12+, and make sure it is first on PATH. ' +
        'Debian 12\'s own "nodejs" package (18.x) is too old.',
    },
  );
}
