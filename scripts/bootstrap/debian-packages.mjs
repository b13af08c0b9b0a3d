import { spawn, spawnSync } from 'node:child_process';
import { BootstrapError } from './errors.mjs';
import { followOutput } from './output-lines.mjs';

export const DEBIAN_PACKAGES = Object.freeze([
  // mediasoup worker build against Debian's own libraries (see mediasoup-worker.mjs)
  'libuv1-dev',
  'libssl-dev',
  'libsrtp2-dev',
  'libusrsctp-dev',
  'nlohmann-json3-dev',
  'libabsl-dev',
  'meson',
  'ninja-build',
  'pkg-config',
  'g++',
  // bench/sfu's receiver (bench/sfu/rtp-receiver.c, compiled with cc on first use); g++ pulls it in too
  'gcc',
  // node-gyp builds (better-sqlite3)
  'make',
  'python3',
  // end-to-end tests and the PostgreSQL test database
  'chromium',
  'postgresql',
  // recording (issue 10): GStreamer writes each track (udpsrc, rtp depayloaders, matroska/webm
  // from -good; h264parse and opusparse from -bad); ffmpeg/ffprobe check files and export MP4
  'gstreamer1.0-tools',
  'gstreamer1.0-plugins-base',
  'gstreamer1.0-plugins-good',
  'gstreamer1.0-plugins-bad',
  'ffmpeg',
  // deployment tests: a TURN relay and the TLS reverse proxy, started on loopback by the tests;
  // openssl makes their self-signed certificate
  'coturn',
  'nginx',
  'openssl',
  // npm run demo:network as root (issue 11 §5): ip netns, veth pairs and tc for each node's namespace
  'iproute2',
  // recording writers end with their node (issue 10): setpriv --pdeathsig (essential on Debian; listed
  // so a slimmer image does not lose it silently)
  'util-linux',
]);

// "triggers-*" packages are unpacked and configured; only their dpkg triggers are pending.
const INSTALLED_STATES = new Set(['installed', 'triggers-pending', 'triggers-awaited']);

/**
 * @param {readonly string[]} packages
 * @returns {string[]} the packages that are not installed, in the given order
 */
export function findMissingDebianPackages(packages = DEBIAN_PACKAGES) {
  // One dpkg-query for all packages keeps the everything-installed path to a few ms.
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...packages], {
    encoding: 'utf8',
  });
  if (result.error) {
    if (/** @type {NodeJS.ErrnoException} */ (result.error).code === 'ENOENT') {
      throw new BootstrapError('dpkg-query was not found: this bootstrap expects Debian 12 (bookworm).', {
        hint: `On another system, install the equivalents of: ${packages.join(' ')}`,
        cause: result.error,
      });
    }
    throw result.error;
  }
  // dpkg-query exits 1 when some names are unknown to dpkg; those simply get no "installed" line.
  const installed = new Set();
  for (const line of result.stdout.split('\n')) {
    const [name, , , state] = line.trim().split(/\s+/);
    if (name && INSTALLED_STATES.has(state)) installed.add(name);
  }
  return packages.filter((name) => !installed.has(name));
}

/**
 * Runs a command with output captured, not shown; the caller decides what to report.
 * @param {string} command
 * @param {string[]} args
 * @param {(line: string) => void} [onLine]
 * @returns {Promise<{ code: number | null, output: string }>}
 */
function runQuiet(command, args, onLine) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    followOutput(child, (text) => (output += text), onLine);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

function tail(text, lines = 25) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Makes sure the Debian packages the project builds and tests with are installed.
 * @param {{ log?: (line: string) => void, packages?: readonly string[] }} [options]
 * @returns {Promise<string[]>} the packages that were installed now (empty if none were missing)
 */
export async function ensureDebianPackages({ log = () => {}, packages = DEBIAN_PACKAGES } = {}) {
  const missing = findMissingDebianPackages(packages);
  if (missing.length === 0) return [];

  const installCommand = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new BootstrapError(
      `Missing Debian packages: ${missing.join(' ')}. Install them with:\n  sudo ${installCommand}`,
      { hint: `Run: sudo apt-get update && sudo ${installCommand}` },
    );
  }

  const started = Date.now();
  const wanted = new Set(missing);
  const onLine = (line) => {
    const match = /^Setting up (\S+?)(?::\w+)? \(/.exec(line);
    if (match && wanted.has(match[1])) log(`apt-get: set up ${match[1]}`);
  };
  // Waits for another apt/dpkg run (e.g. unattended-upgrades) instead of failing on its lock.
  const installArgs = ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', ...missing];

  log(`apt-get: installing ${missing.length} missing package(s): ${missing.join(' ')}`);
  let result = await runQuiet('apt-get', installArgs, onLine);
  if (result.code !== 0) {
    // Fresh images have no package lists and old lists point at removed .debs: refresh and retry.
    log('apt-get: install failed, running apt-get update and retrying');
    const update = await runQuiet('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update']);
    if (update.code !== 0) {
      throw new BootstrapError(`apt-get update failed (exit ${update.code}):\n${tail(update.output)}`, {
        hint: 'Check that the Debian archive is reachable and /etc/apt/sources.list* are valid.',
      });
    }
    result = await runQuiet('apt-get', installArgs, onLine);
  }
  if (result.code !== 0) {
    throw new BootstrapError(`apt-get install failed (exit ${result.code}):\n${tail(result.output)}`, {
      hint: `Try it by hand: ${installCommand}`,
    });
  }

  const stillMissing = findMissingDebianPackages(missing);
  if (stillMissing.length > 0) {
    throw new BootstrapError(`apt-get reported success but these packages are still not installed: ${stillMissing.join(' ')}`, {
      hint: `Try it by hand: ${installCommand}`,
    });
  }
  log(`apt-get: installed ${missing.length} package(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return missing;
}
