// Loaded into a spawned mock (`node --import tsx --import ./test/support/fs-fault-preload.ts dist/server.js`, see
// fsFaultEnv) to make file-system calls on paths under one directory fail with one error code, as a full disk, a
// read-only mount or a missing permission would: root ignores file modes, and a test has no full disk. It reads
// CUBIT_TEST_FS_FAULT, JSON {code, under, calls?}: `calls` lists `read` and/or `write` (default: write for
// ENOSPC, EDQUOT and EROFS, both for the others). The errors look like Node's own: code, errno, syscall, path,
// and a message such as "EACCES: permission denied, open '/tmp/x/data.json'".
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { constants } from 'node:os';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getSystemErrorMap } from 'node:util';

export interface FsFault {
  code: string;
  under: string;
  calls?: ('read' | 'write')[];
}

const setting = process.env.CUBIT_TEST_FS_FAULT;

type Kind = 'read' | 'write' | 'open';
/** Path-taking functions of node:fs (callback, Sync and promises forms) and what they do; `open` depends on its flags. */
const functions: Record<string, { kind: Kind; syscall: string; paths: number }> = {
  mkdir: { kind: 'write', syscall: 'mkdir', paths: 1 },
  open: { kind: 'open', syscall: 'open', paths: 1 },
  writeFile: { kind: 'write', syscall: 'open', paths: 1 },
  appendFile: { kind: 'write', syscall: 'open', paths: 1 },
  rename: { kind: 'write', syscall: 'rename', paths: 2 },
  copyFile: { kind: 'write', syscall: 'copyfile', paths: 2 },
  rm: { kind: 'write', syscall: 'rm', paths: 1 },
  rmdir: { kind: 'write', syscall: 'rmdir', paths: 1 },
  unlink: { kind: 'write', syscall: 'unlink', paths: 1 },
  utimes: { kind: 'write', syscall: 'utime', paths: 1 },
  truncate: { kind: 'write', syscall: 'open', paths: 1 },
  readFile: { kind: 'read', syscall: 'open', paths: 1 },
  readdir: { kind: 'read', syscall: 'scandir', paths: 1 },
  opendir: { kind: 'read', syscall: 'opendir', paths: 1 },
};

function pathOf(value: unknown): string | undefined {
  if (typeof value === 'string') return resolve(value);
  if (value instanceof URL && value.protocol === 'file:') return fileURLToPath(value);
  if (Buffer.isBuffer(value)) return resolve(value.toString());
  return undefined;
}

function writes(flags: unknown): boolean {
  if (typeof flags === 'number') return (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_APPEND)) !== 0;
  return typeof flags === 'string' && /[wax+]/.test(flags);
}

function systemError(code: string, syscall: string, path: string, dest: string | undefined): NodeJS.ErrnoException {
  const errno = -(constants.errno as Record<string, number>)[code]!;
  const description = getSystemErrorMap().get(errno)?.[1] ?? code;
  const error: NodeJS.ErrnoException = new Error(`${code}: ${description}, ${syscall} '${path}'${dest === undefined ? '' : ` -> '${dest}'`}`);
  Object.assign(error, { errno, code, syscall, path, ...(dest === undefined ? {} : { dest }) });
  return error;
}

function install(fault: FsFault): void {
  const under = resolve(fault.under);
  const calls = new Set(fault.calls ?? (['ENOSPC', 'EDQUOT', 'EROFS'].includes(fault.code) ? ['write'] : ['read', 'write']));
  const inside = (path: string | undefined) => path !== undefined && (path === under || path.startsWith(`${under}${sep}`));
  /** The error a call with these arguments meets, if any. */
  const faultOf = (name: string, args: unknown[]): NodeJS.ErrnoException | undefined => {
    const { kind, syscall, paths } = functions[name]!;
    const [first, second] = [pathOf(args[0]), paths === 2 ? pathOf(args[1]) : undefined];
    if (!inside(first) && !inside(second)) return undefined;
    // A directory that exists is no error for mkdir, as on a full or read-only disk.
    if (name === 'mkdir' && first !== undefined && fs.existsSync(first)) return undefined;
    const doing = kind === 'open' ? (writes(args[1]) ? 'write' : 'read') : kind;
    if (!calls.has(doing)) return undefined;
    return systemError(fault.code, syscall, first ?? (second as string), paths === 2 ? second : undefined);
  };
  const target = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
  const promises = fs.promises as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of Object.keys(functions)) {
    const callback = target[name];
    if (callback) {
      target[name] = function (this: unknown, ...args: unknown[]) {
        const error = faultOf(name, args);
        const done = args.at(-1);
        if (error && typeof done === 'function') return void process.nextTick(done, error);
        return callback.apply(this, args);
      };
    }
    const sync = target[`${name}Sync`];
    if (sync) {
      target[`${name}Sync`] = function (this: unknown, ...args: unknown[]) {
        const error = faultOf(name, args);
        if (error) throw error;
        return sync.apply(this, args);
      };
    }
    const promised = promises[name];
    if (promised) {
      promises[name] = function (this: unknown, ...args: unknown[]) {
        const error = faultOf(name, args);
        return error ? Promise.reject(error) : promised.apply(this, args);
      };
    }
  }
  // ESM named imports (`import { mkdir } from 'node:fs/promises'`) see the patched functions from here on.
  syncBuiltinESMExports();
}

if (setting) install(JSON.parse(setting) as FsFault);
