import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SpecError } from './spec/load-spec.js';
import { DataFileError } from './store/data-file-error.js';
import { type FailureContext, exitCodes, failureReport, operatorSentence, showsStacks } from './operator-errors.js';

const cwd = '/srv/mock';
const dataFile = '/srv/mock/data/cubit-core.json';
const mock: FailureContext = { program: 'cubit-core-mock', serving: true, cwd, dataFile, specFile: '/srv/mock/openapi/cubit-core.yaml', listen: { host: '127.0.0.1', port: 4010 } };

/** A system error as Node makes one. */
function systemError(code: string, syscall: string, path: string, dest?: string): NodeJS.ErrnoException {
  const descriptions: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOENT: 'no such file or directory',
  };
  const error: NodeJS.ErrnoException = new Error(`${code}: ${descriptions[code]}, ${syscall} '${path}'${dest ? ` -> '${dest}'` : ''}`);
  return Object.assign(error, { code, errno: -1, syscall, path, ...(dest ? { dest } : {}) });
}

describe('operatorSentence: the data file', () => {
  it('names the file, the meaning and the way out for a full disk', () => {
    const error = systemError('ENOSPC', 'rename', '/srv/mock/data/.cubit-core.json.tmp', dataFile);
    expect(operatorSentence(error, mock)).toBe(
      'cannot write data/cubit-core.json: the disk is full (ENOSPC); free some space or pass --data with a file on another disk, or --read-only to serve it without writing.',
    );
  });

  it('says which directory needs write access when the data directory cannot be created', () => {
    expect(operatorSentence(systemError('EACCES', 'mkdir', '/srv/mock/data'), mock)).toBe(
      'cannot create the directory data: permission denied (EACCES); give the user running it write access to /srv/mock, or pass --data with a file in a directory it may write to.',
    );
  });

  it('points a read-only file system to --read-only, and a data command only to --data', () => {
    const error = systemError('EROFS', 'open', '/srv/mock/data/cubit-core.json.journal');
    expect(operatorSentence(error, mock)).toBe(
      'cannot write data/cubit-core.json.journal: the file system is read-only (EROFS); pass --data with a file on a writable disk, or --read-only to serve it without writing.',
    );
    expect(operatorSentence(error, { ...mock, program: 'cubit-core-mock data', serving: false })).toBe(
      'cannot write data/cubit-core.json.journal: the file system is read-only (EROFS); pass --data with a file on a writable disk.',
    );
  });

  it('reads the system error a DataFileError quotes: reading the snapshot, creating or taking the lock', () => {
    expect(operatorSentence(new DataFileError(dataFile, `EPERM: operation not permitted, open '${dataFile}'`), mock)).toBe(
      'cannot read data/cubit-core.json: the operation is not permitted (EPERM); check its owner and attributes (an immutable file, see lsattr), or pass --data with another file.',
    );
    const lock = `${dataFile}.lock`;
    expect(operatorSentence(new DataFileError(dataFile, `cannot create ${lock}: ENOSPC: no space left on device, open '${lock}'`), mock)).toBe(
      'cannot take the lock data/cubit-core.json.lock: the disk is full (ENOSPC); free some space or pass --data with a file on another disk, or --read-only to serve it without writing.',
    );
    expect(operatorSentence(new DataFileError(dataFile, `cannot take its lock ${lock}: EACCES: permission denied, mkdir '${lock}'`), mock)).toMatch(
      /^cannot take the lock data\/cubit-core\.json\.lock: permission denied \(EACCES\); give the user running it write access to data, /,
    );
    // A write error without a path: the file is the one the wrapping message names.
    expect(operatorSentence(new DataFileError(dataFile, `cannot create ${lock}: ENOSPC: no space left on device, write`), mock)).toMatch(/^cannot take the lock data\/cubit-core\.json\.lock: the disk is full \(ENOSPC\)/);
  });

  it('keeps the message of a data file that cannot be used for what it holds', () => {
    const error = new DataFileError(dataFile, 'it is not valid JSON (Unexpected end of JSON input)');
    expect(operatorSentence(error, mock)).toBe(error.message);
  });

  it('shows paths outside the working directory in full', () => {
    const error = systemError('EACCES', 'open', '/var/lib/mock/data.json');
    expect(operatorSentence(error, { ...mock, dataFile: '/var/lib/mock/data.json' })).toBe(
      'cannot open /var/lib/mock/data.json: permission denied (EACCES); give the user running it write access to /var/lib/mock, or pass --data with a file in a directory it may write to.',
    );
  });
});

describe('operatorSentence: the spec and other files', () => {
  it('names a missing spec, from the error Node gives', async () => {
    const missing = '/srv/mock/openapi/missing.yaml';
    const cause = (await readFile(missing).catch((error: unknown) => error)) as Error;
    const error = new SpecError(`Cannot read the spec ${missing}: ${cause.message}`);
    expect(operatorSentence(error, { ...mock, specFile: missing })).toBe(
      'cannot read the spec openapi/missing.yaml: there is no such file or directory (ENOENT); check the path given with --spec (the default is openapi/cubit-core.yaml).',
    );
  });

  it('names an unreadable spec', () => {
    const error = new SpecError(`Cannot read the spec ${mock.specFile}: EACCES: permission denied, open '${mock.specFile}'`);
    expect(operatorSentence(error, mock)).toBe(
      'cannot read the spec openapi/cubit-core.yaml: permission denied (EACCES); give the user running it read access to the file, or pass --spec with a copy it may read.',
    );
  });

  it('keeps the message of a spec that is no valid document', () => {
    const error = new SpecError('The spec /srv/mock/openapi/cubit-core.yaml is OpenAPI 3.0.3; the mock serves 3.1');
    expect(operatorSentence(error, mock)).toBe(error.message);
  });

  it('finds the system error in a cause', () => {
    const error = new Error('The JWT public key file /srv/mock/key.pem cannot be read', { cause: systemError('ENOENT', 'open', '/srv/mock/key.pem') });
    error.name = 'BearerSettingsError';
    expect(operatorSentence(error, mock)).toBe('cannot read key.pem: there is no such file or directory (ENOENT); check the path.');
  });
});

describe('operatorSentence: the address', () => {
  it('names the address already in use, from the error Node gives', async () => {
    const first = createServer();
    await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve));
    const { port } = first.address() as { port: number };
    const second: Server = createServer();
    const error = await new Promise<Error>((resolve) => second.once('error', resolve).listen(port, '127.0.0.1'));
    await new Promise((resolve) => first.close(resolve));
    expect(operatorSentence(error, mock)).toBe(
      `cannot listen on 127.0.0.1:${port}: the port is already in use (EADDRINUSE); stop what holds it (another mock?) or pass --port with another port, or --port 0 for any free one.`,
    );
  });

  it('explains a privileged port, an address this machine lacks and an unknown host', () => {
    const listen = (code: string, address: string, port: number) => Object.assign(new Error(`listen ${code}`), { code, syscall: 'listen', address, port });
    expect(operatorSentence(listen('EACCES', '0.0.0.0', 80), mock)).toBe(
      'cannot listen on 0.0.0.0:80: permission denied (EACCES); ports below 1024 need root or CAP_NET_BIND_SERVICE, so pass --port with one from 1024 up (the default is 4010).',
    );
    expect(operatorSentence(listen('EADDRNOTAVAIL', '::2', 4010), mock)).toBe(
      'cannot listen on [::2]:4010: this machine has no such address (EADDRNOTAVAIL); pass --host with one of its addresses: 127.0.0.1 (the default), or 0.0.0.0 for every interface.',
    );
    const unknownHost = Object.assign(new Error('getaddrinfo ENOTFOUND mock.invalid'), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'mock.invalid' });
    expect(operatorSentence(unknownHost, { ...mock, listen: { host: 'mock.invalid', port: 4010 } })).toMatch(/^cannot listen on mock\.invalid:4010: no such host is known \(ENOTFOUND\); pass --host /);
    // The same code from a request to another host is not about listening.
    expect(operatorSentence(new TypeError('fetch failed', { cause: unknownHost }), mock)).toBeUndefined();
  });
});

describe('failureReport', () => {
  const error = systemError('ENOSPC', 'open', '/srv/mock/data/cubit-core.json.journal');

  it('is one line without a stack, and the stack after it at debug level', () => {
    const plain = failureReport(error, mock);
    expect(plain).toMatch(/^cubit-core-mock: cannot write data\/cubit-core\.json\.journal: the disk is full \(ENOSPC\); [^\n]*\.\n$/);
    const debug = failureReport(error, { ...mock, debug: showsStacks('debug') });
    expect(debug.startsWith(plain)).toBe(true);
    expect(debug).toMatch(/\n {4}at /);
    expect(showsStacks('trace')).toBe(true);
    expect(showsStacks('info')).toBe(false);
  });

  it('prints the stack of an error that is not an operator error: a bug', () => {
    for (const bug of [new TypeError('x is not a function'), Object.assign(new Error('bad argument'), { code: 'ERR_INVALID_ARG_TYPE' }), new Error('Error: a, b')]) {
      expect(operatorSentence(bug, mock)).toBeUndefined();
      const report = failureReport(bug, mock);
      expect(report).toMatch(/^cubit-core-mock stopped on an unexpected error:\n/);
      expect(report).toMatch(/\n {4}at /);
    }
  });

  it('documents its exit codes', () => {
    expect(exitCodes).toEqual({ failure: 1, usage: 2 });
  });
});
