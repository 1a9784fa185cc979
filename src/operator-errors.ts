// Errors an operator can fix, as one plain sentence: what happened, to which file or address, and what to do.
// The mock and the data commands stop with it on stderr (exit 1), with the stack after it only at log level
// debug or trace. Any other error is a bug: its stack is always printed.
import { dirname, isAbsolute, relative } from 'node:path';
import { inspect } from 'node:util';

/** Exit codes of the mock and of the data commands. */
export const exitCodes = {
  /** It could not start, or a command failed: a file, a port, the spec or the data file (or a bug). */
  failure: 1,
  /** The command line was wrong (an unknown option, a bad value). */
  usage: 2,
} as const;

/** Errors whose message is already written for an operator. */
const explainedErrors = new Set(['SpecError', 'DataFileError', 'BearerSettingsError', 'CliError']);

export interface FailureContext {
  /** How the program names itself on stderr, e.g. `cubit-core-mock`. */
  program: string;
  /** Print the stack after the sentence (log level debug or trace). */
  debug?: boolean;
  /** The data file in use: errors on its directory, lock, journal or temporary files get the data file's advice. */
  dataFile?: string;
  /** The mock itself, which --read-only can start without writing (not a data command). */
  serving?: boolean;
  /** The spec being served. */
  specFile?: string;
  /** The address being listened on. */
  listen?: { host: string; port: number };
  /** Paths under this directory are shown relative to it (default: the working directory). */
  cwd?: string;
}

interface SystemError {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
  address?: string;
  port?: number;
  hostname?: string;
  /** What the code that caught it was doing (`create`, `read`), from the wrapping message. */
  doing?: string;
}

const meanings: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'there is no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EADDRINUSE: 'the port is already in use',
  EADDRNOTAVAIL: 'this machine has no such address',
  ENOTFOUND: 'no such host is known',
};

/** Codes that only a write can meet. */
const writeCodes = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);
const readCalls = new Set(['read', 'stat', 'lstat', 'fstat', 'scandir', 'opendir', 'access', 'readlink', 'realpath']);

const asRecord = (value: unknown): Record<string, unknown> | undefined => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined);

/** Node's own text for a system error, as other errors quote it: `EACCES: permission denied, open '/x/y'`. */
const quotedSystemError = /(?:[Cc]annot (create|read|write) ([^:]+): )?\b(E[A-Z]+): [^,]+, (\w+)(?: '([^']*)')?(?: -> '([^']*)')?/;

/** The system error behind an error: the error itself, one of its causes, or one its message quotes. */
function systemErrorOf(error: unknown): SystemError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined; depth++) {
    const record = asRecord(current);
    if (!record) break;
    if (typeof record.code === 'string' && typeof record.syscall === 'string' && record.code in meanings) {
      return {
        code: record.code,
        syscall: record.syscall,
        ...(typeof record.path === 'string' ? { path: record.path } : {}),
        ...(typeof record.dest === 'string' ? { dest: record.dest } : {}),
        ...(typeof record.address === 'string' ? { address: record.address } : {}),
        ...(typeof record.port === 'number' ? { port: record.port } : {}),
        ...(typeof record.hostname === 'string' ? { hostname: record.hostname } : {}),
      };
    }
    current = record.cause;
  }
  const match = error instanceof Error ? quotedSystemError.exec(error.message) : null;
  if (!match || !((match[3] as string) in meanings)) return undefined;
  const [, doing, wrapped, code, syscall, path, dest] = match;
  const found: SystemError = { code: code as string, syscall: (syscall as string).toLowerCase() };
  if (path ?? wrapped) found.path = path ?? wrapped;
  if (dest) found.dest = dest;
  if (doing) found.doing = doing.toLowerCase();
  return found;
}

function shown(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

/** Whether a path is the data file, one of the files next to it that carry its name, or a directory above it. */
function isDataPath(path: string, dataFile: string | undefined): boolean {
  if (dataFile === undefined) return false;
  if (path === dataFile || dataFile.startsWith(`${path}/`)) return true;
  const name = dataFile.slice(dirname(dataFile).length + 1);
  return dirname(path) === dirname(dataFile) && path.slice(dirname(path).length + 1).includes(name);
}

function verbOf(found: SystemError, fallback: string): string {
  if (found.syscall === 'mkdir') return 'create the directory';
  if (found.doing) return found.doing;
  if (writeCodes.has(found.code)) return 'write';
  if (found.syscall === 'open') return fallback;
  return readCalls.has(found.syscall ?? '') ? 'read' : 'write';
}

function dataAdvice(code: string, verb: string, path: string, cwd: string, serving: boolean): string {
  const where = shown(dirname(path), cwd);
  const readOnly = serving ? ', or --read-only to serve it without writing' : '';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `free some space or pass --data with a file on another disk${readOnly}`;
    case 'EROFS':
      return `pass --data with a file on a writable disk${readOnly}`;
    case 'EACCES':
      return verb === 'read'
        ? 'give the user running it read access to the file, or pass --data with another file'
        : `give the user running it write access to ${where}, or pass --data with a file in a directory it may write to`;
    case 'EPERM':
      return 'check its owner and attributes (an immutable file, see lsattr), or pass --data with another file';
    case 'EISDIR':
      return `pass --data with a file name, such as ${shown(path, cwd)}/cubit-mock.json`;
    default:
      return 'pass --data with another path';
  }
}

function specAdvice(code: string): string {
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'check the path given with --spec (the default is openapi/cubit-core.yaml)';
    case 'EISDIR':
      return 'pass --spec with the document itself, such as openapi/cubit-core.yaml';
    default:
      return 'give the user running it read access to the file, or pass --spec with a copy it may read';
  }
}

function fileAdvice(code: string): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'free some space and start again';
    case 'EROFS':
      return 'use a file on a writable disk';
    case 'ENOENT':
    case 'ENOTDIR':
    case 'EISDIR':
      return 'check the path';
    default:
      return 'give the user running it access to the file, or use another file';
  }
}

function listenSentence(found: SystemError, context: FailureContext): string | undefined {
  const host = found.address ?? found.hostname ?? context.listen?.host;
  const port = found.port ?? context.listen?.port;
  const where = host === undefined ? `port ${port ?? '?'}` : `${host.includes(':') ? `[${host}]` : host}${port === undefined ? '' : `:${port}`}`;
  const what = `cannot listen on ${where}`;
  switch (found.code) {
    case 'EADDRINUSE':
      return `${what}: ${meanings.EADDRINUSE} (EADDRINUSE); stop what holds it (another mock?) or pass --port with another port, or --port 0 for any free one.`;
    case 'EACCES':
      return `${what}: ${meanings.EACCES} (EACCES); ports below 1024 need root or CAP_NET_BIND_SERVICE, so pass --port with one from 1024 up (the default is 4010).`;
    case 'EADDRNOTAVAIL':
      return `${what}: ${meanings.EADDRNOTAVAIL} (EADDRNOTAVAIL); pass --host with one of its addresses: 127.0.0.1 (the default), or 0.0.0.0 for every interface.`;
    case 'ENOTFOUND':
      return `${what}: ${meanings.ENOTFOUND} (ENOTFOUND); pass --host with an address of this machine, such as 127.0.0.1 or 0.0.0.0.`;
    default:
      return undefined;
  }
}

/**
 * The sentence for an error an operator can fix (without the program's name), or undefined for any other error.
 */
export function operatorSentence(error: unknown, context: FailureContext): string | undefined {
  const name = error instanceof Error ? error.name : undefined;
  const found = systemErrorOf(error);
  const cwd = context.cwd ?? process.cwd();
  if (found?.syscall === 'listen' || (found?.syscall === 'getaddrinfo' && context.listen !== undefined && found.hostname === context.listen.host)) {
    return listenSentence(found, context);
  }
  const path = found?.dest ?? found?.path ?? (name === 'DataFileError' ? (error as { file?: string }).file : undefined);
  if (found && path !== undefined && found.syscall !== 'getaddrinfo' && found.syscall !== 'connect') {
    const isSpec = name === 'SpecError' ? path === context.specFile || context.specFile === undefined : path === context.specFile;
    const isData = !isSpec && (name === 'DataFileError' || isDataPath(path, context.dataFile));
    const verb = verbOf(found, name === undefined || name === 'Error' ? 'open' : 'read');
    const advice = isSpec ? specAdvice(found.code) : isData ? dataAdvice(found.code, verb, path, cwd, context.serving ?? false) : fileAdvice(found.code);
    const isLock = isData && /\.lock\b/.test(path.slice(dirname(path).length));
    const subject = isSpec ? `the spec ${shown(path, cwd)}` : isLock ? `the lock ${shown(path, cwd)}` : shown(path, cwd);
    return `cannot ${isLock ? 'take' : verb} ${subject}: ${meanings[found.code]} (${found.code}); ${advice}.`;
  }
  if (name !== undefined && explainedErrors.has(name)) return (error as Error).message;
  return undefined;
}

/** Whether a log level asks for stacks after the sentences. */
export const showsStacks = (logLevel: string | undefined): boolean => logLevel === 'debug' || logLevel === 'trace';

/** What to print on stderr when the program stops on an error: the sentence (and the stack, when debugging), or an unknown error's stack. */
export function failureReport(error: unknown, context: FailureContext): string {
  const sentence = operatorSentence(error, context);
  if (sentence === undefined) return `${context.program} stopped on an unexpected error:\n${inspect(error)}\n`;
  return `${context.program}: ${sentence}\n${context.debug ? `${inspect(error)}\n` : ''}`;
}
