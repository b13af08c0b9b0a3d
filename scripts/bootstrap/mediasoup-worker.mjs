import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BootstrapError } from './errors.mjs';
import { followOutput } from './output-lines.mjs';
import { addPrecompiledHeader } from './worker-precompiled-header.mjs';

// The last 3.12.x: its C++ dependencies match Debian bookworm's packages, which the stand-in
// subprojects rely on. Newer mediasoup needs flatbuffers 23+ and a libsrtp 3 fork bookworm lacks.
export const MEDIASOUP_VERSION = '3.12.16';

// Bookworm ships meson 1.0.1; mediasoup asks for >= 1.1.0 but configures and builds fine with it.
const MESON_VERSION_FLOOR = '1.0.1';

const STANDINS_DIR = fileURLToPath(new URL('./mediasoup-subprojects/', import.meta.url));
const DEFAULT_ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));

// Subprojects only pulled in on Windows; no stand-in needed.
const WINDOWS_ONLY_WRAPS = new Set(['wingetopt']);

// A build takes 3–7 min on 2 cores; a lock older than this is left over from a crash elsewhere.
const FOREIGN_LOCK_STALE_MS = 2 * 60 * 60 * 1000;
const LOCK_WAIT_TIMEOUT_MS = 30 * 60 * 1000;

/** @returns {string} the project's cache folder (outside the clone, shared by all checkouts) */
export function yangguangCacheDir(env = process.env) {
  if (env.YANGGUANG_CACHE_DIR) return path.resolve(env.YANGGUANG_CACHE_DIR);
  const xdg = env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), '.cache');
  return path.join(xdg, 'yangguang-av');
}

/** @param {string} version */
export function mediasoupWorkerCachePath(version, env = process.env) {
  return path.join(yangguangCacheDir(env), `mediasoup-worker-${version}`, 'mediasoup-worker');
}

/**
 * @param {string} rootDir
 * @returns {{ version: string, packageDir: string }}
 */
function readInstalledMediasoup(rootDir) {
  // npm workspaces normally hoist it to the root, but a version conflict would leave it under server/.
  const candidates = [
    path.join(rootDir, 'node_modules', 'mediasoup'),
    path.join(rootDir, 'server', 'node_modules', 'mediasoup'),
  ];
  for (const packageDir of candidates) {
    let text;
    try {
      text = fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8');
    } catch (error) {
      if (error.code === 'ENOENT') continue;
      throw error;
    }
    return { version: JSON.parse(text).version, packageDir };
  }
  throw new BootstrapError(`mediasoup is not installed (looked in ${candidates.join(' and ')}).`, {
    hint: 'Run `npm ci` first (with MEDIASOUP_WORKER_BIN set, so mediasoup does not try to download a worker).',
  });
}

function isExecutableFile(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Returns the absolute path of a `mediasoup-worker` built from the installed mediasoup's C++
 * sources against Debian's libraries, building and caching it first if needed.
 *
 * @param {{ log?: (line: string) => void, rootDir?: string }} [options]
 * @returns {Promise<string>}
 */
export async function ensureMediasoupWorker({ log = () => {}, rootDir = DEFAULT_ROOT_DIR } = {}) {
  const { version, packageDir } = readInstalledMediasoup(path.resolve(rootDir));
  if (version !== MEDIASOUP_VERSION) {
    throw new BootstrapError(
      `Installed mediasoup is ${version} (${packageDir}), but the worker build only supports ${MEDIASOUP_VERSION}.`,
      {
        hint: `Pin "mediasoup": "${MEDIASOUP_VERSION}" in server/package.json and run npm ci. Newer mediasoup needs libraries Debian 12 does not ship.`,
      },
    );
  }

  const binPath = mediasoupWorkerCachePath(version);
  if (isExecutableFile(binPath)) return binPath;

  const versionDir = path.dirname(binPath);
  await fsp.mkdir(versionDir, { recursive: true });

  return withLock(path.join(versionDir, 'build.lock'), log, async () => {
    // Another process may have finished the build while we waited for the lock.
    if (isExecutableFile(binPath)) return binPath;
    await buildWorker({ log, packageDir, versionDir, binPath });
    return binPath;
  });
}

/**
 * @param {{ log: (line: string) => void, packageDir: string, versionDir: string, binPath: string }} options
 */
async function buildWorker({ log, packageDir, versionDir, binPath }) {
  const started = Date.now();
  const logFile = path.join(versionDir, 'build.log');

  // Leftovers of builds killed mid-way; the pid in the name keeps us off a live one (the lock
  // can be broken by two waiters at once).
  for (const entry of await fsp.readdir(versionDir)) {
    const pid = /^build-tmp-(\d+)-/.exec(entry)?.[1];
    if (pid && !isProcessAlive(Number(pid))) await fsp.rm(path.join(versionDir, entry), { recursive: true, force: true });
  }

  // Built inside the cache dir so the final rename stays on one filesystem and is atomic.
  const tmpDir = await fsp.mkdtemp(path.join(versionDir, `build-tmp-${process.pid}-`));
  const srcDir = path.join(tmpDir, 'worker');
  const logStream = fs.createWriteStream(logFile);
  const writeLog = (text) => logStream.write(text);

  try {
    log(`mediasoup-worker ${MEDIASOUP_VERSION}: not cached, building from source (3–5 min on 2 cores)`);
    log(`mediasoup-worker: build log ${logFile}`);
    await prepareWorkerSource(packageDir, srcDir);

    log('mediasoup-worker: meson setup');
    await runStep('meson setup', 'meson', ['setup', 'build', '--wrap-mode=nodownload', '--buildtype=release'], {
      cwd: srcDir,
      writeLog,
      logFile,
    });

    let nextReport = 10;
    await runStep('ninja', 'ninja', ['-C', 'build', 'mediasoup-worker'], {
      cwd: srcDir,
      writeLog,
      logFile,
      onLine: (line) => {
        const match = /^\[(\d+)\/(\d+)\]/.exec(line);
        if (!match) return;
        const percent = (100 * Number(match[1])) / Number(match[2]);
        if (percent < nextReport) return;
        log(`mediasoup-worker: compiling [${match[1]}/${match[2]}] ${Math.floor(percent)} %`);
        nextReport = Math.floor(percent / 10) * 10 + 10;
      },
    });

    const built = path.join(srcDir, 'build', 'mediasoup-worker');
    checkBinaryLoads(built, logFile);
    await fsp.chmod(built, 0o755);
    await fsp.rename(built, binPath);

    const { size } = await fsp.stat(binPath);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    log(`mediasoup-worker: built ${binPath} (${(size / 1024 / 1024).toFixed(1)} MB) in ${seconds} s`);
  } finally {
    await new Promise((resolve) => logStream.end(resolve));
    await fsp.rm(tmpDir, { recursive: true, force: true });
  }
}

/**
 * Copies the worker's C++ sources out of the installed mediasoup package into `srcDir`, ready for
 * `meson setup --wrap-mode=nodownload` against Debian's libraries. Also used by
 * bench/worker-flags to build the same sources with other compiler flags.
 * @param {string} packageDir the installed mediasoup package
 * @param {string} srcDir where the worker folder goes (must not exist)
 * @param {{ precompiledHeader?: boolean }} [options] bench/worker-flags builds without it to compare
 */
export async function prepareWorkerSource(packageDir, srcDir, { precompiledHeader = true } = {}) {
  await fsp.cp(path.join(packageDir, 'worker'), srcDir, { recursive: true });
  await lowerMesonRequirement(path.join(srcDir, 'meson.build'));
  await installStandInSubprojects(path.join(srcDir, 'subprojects'));
  if (precompiledHeader) await addPrecompiledHeader(srcDir);
}

async function lowerMesonRequirement(mesonBuild) {
  const text = await fsp.readFile(mesonBuild, 'utf8');
  await fsp.writeFile(mesonBuild, text.replace(/meson_version\s*:\s*'[^']*'/, `meson_version: '>= ${MESON_VERSION_FLOOR}'`));
}

/**
 * Meson uses an existing `subprojects/<directory>` folder instead of downloading the wrap's
 * sources, so each wrap's `directory` gets our stand-in that points at Debian's libraries.
 */
async function installStandInSubprojects(subprojectsDir) {
  const wraps = (await fsp.readdir(subprojectsDir)).filter((name) => name.endsWith('.wrap'));
  for (const wrap of wraps) {
    const name = wrap.slice(0, -'.wrap'.length);
    if (WINDOWS_ONLY_WRAPS.has(name)) continue;
    const text = await fsp.readFile(path.join(subprojectsDir, wrap), 'utf8');
    const directory = /^\s*directory\s*=\s*(.+?)\s*$/m.exec(text)?.[1] ?? name;
    const standIn = path.join(STANDINS_DIR, directory);
    if (!fs.existsSync(path.join(standIn, 'meson.build'))) {
      throw new BootstrapError(
        `No stand-in subproject for mediasoup's ${wrap} (directory "${directory}") in ${STANDINS_DIR}.`,
        { hint: 'The installed mediasoup does not match the stand-ins; it must be exactly ' + MEDIASOUP_VERSION + '.' },
      );
    }
    await fsp.cp(standIn, path.join(subprojectsDir, directory), { recursive: true });
  }
}

/**
 * @param {string} step
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, writeLog: (text: string) => void, logFile: string, onLine?: (line: string) => void }} options
 */
function runStep(step, command, args, { cwd, writeLog, logFile, onLine }) {
  return new Promise((resolve, reject) => {
    writeLog(`\n$ ${command} ${args.join(' ')}\n`);
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let recent = '';
    followOutput(
      child,
      (text) => {
        writeLog(text);
        recent = (recent + text).slice(-64 * 1024);
      },
      onLine,
    );
    child.on('error', (/** @type {NodeJS.ErrnoException} */ error) => {
      if (error.code === 'ENOENT') {
        reject(
          new BootstrapError(`\`${command}\` was not found; it is needed to build mediasoup-worker.`, {
            hint: 'Install the Debian build packages first (scripts/bootstrap/debian-packages.mjs lists them), e.g. apt-get install -y meson ninja-build pkg-config g++.',
            cause: error,
          }),
        );
      } else {
        reject(error);
      }
    });
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const how = signal ? `killed by ${signal}` : `exit code ${code}`;
      reject(
        new BootstrapError(`mediasoup-worker build failed in ${step} (${how}). Last lines:\n${tailLines(recent, 30)}\nFull log: ${logFile}`, {
          hint: 'Usually a missing Debian -dev package: compare the error with scripts/bootstrap/debian-packages.mjs.',
        }),
      );
    });
  });
}

// Without MEDIASOUP_VERSION the worker exits 41 right away; anything else (e.g. 127 from the
// dynamic loader) means it would not start under mediasoup either.
function checkBinaryLoads(binary, logFile) {
  const env = { ...process.env };
  delete env.MEDIASOUP_VERSION;
  const result = spawnSync(binary, [], { env, encoding: 'utf8', timeout: 10_000 });
  if (result.status === 41) return;
  throw new BootstrapError(
    `The freshly built mediasoup-worker does not start (status ${result.status}, signal ${result.signal}):\n${tailLines(`${result.stdout ?? ''}${result.stderr ?? ''}`, 20)}\nBuild log: ${logFile}`,
    { hint: 'Check `ldd` on the binary for missing shared libraries.' },
  );
}

function tailLines(text, count) {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function isProcessAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** @returns {boolean} whether the holder of this lock can no longer be building */
function isLockStale(lockPath) {
  let stat;
  let owner;
  try {
    stat = fs.statSync(lockPath);
    owner = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return false;
    // Unparsable: the owner may be between creating and writing it, so only trust its age.
    return stat !== undefined && Date.now() - stat.mtimeMs > 60_000;
  }
  if (owner.host === os.hostname()) return !isProcessAlive(owner.pid);
  return Date.now() - stat.mtimeMs > FOREIGN_LOCK_STALE_MS;
}

function readLockOwner(lockPath) {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Lets one process build while others wait; the atomic rename of the result keeps even a
 * broken lock from exposing a half-written binary.
 * @template T
 * @param {string} lockPath
 * @param {(line: string) => void} log
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withLock(lockPath, log, fn) {
  const token = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const waitStarted = Date.now();
  let announced = false;
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), token, started: new Date().toISOString() }));
      fs.closeSync(fd);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (isLockStale(lockPath)) {
      fs.rmSync(lockPath, { force: true });
      continue;
    }
    if (!announced) {
      const owner = readLockOwner(lockPath);
      log(`mediasoup-worker: another process${owner ? ` (pid ${owner.pid} on ${owner.host})` : ''} is building it, waiting (lock ${lockPath})`);
      announced = true;
    }
    if (Date.now() - waitStarted > LOCK_WAIT_TIMEOUT_MS) {
      throw new BootstrapError(`Timed out after ${LOCK_WAIT_TIMEOUT_MS / 60_000} min waiting for the mediasoup-worker build lock ${lockPath}.`, {
        hint: 'If no other build is running, delete the lock file and retry.',
      });
    }
    await sleep(1000);
  }

  try {
    return await fn();
  } finally {
    if (readLockOwner(lockPath)?.token === token) fs.rmSync(lockPath, { force: true });
  }
}
