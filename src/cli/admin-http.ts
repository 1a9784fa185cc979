// A data command through a running mock's admin API: files are streamed up (with progress on a terminal), and
// answers are read as the admin document describes them; a problem+json answer becomes an error that lists
// every violation it names.
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream/promises';
import { CliError } from './data-target.js';
import type { Progress } from './progress.js';

export interface AdminCall {
  method: string;
  /** Under the admin URL, with any query. */
  path: string;
  /** A JSON body, or a file sent as the body. */
  json?: unknown;
  file?: string;
  /** Where a 2xx body is written, instead of being parsed. */
  out?: NodeJS.WritableStream;
}

interface Problem {
  detail?: string;
  errors?: { pointer: string; message: string }[];
}

function readAll(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
  });
}

export class AdminHttp {
  constructor(
    private readonly adminUrl: string,
    private readonly adminKey: string,
    private readonly progress: Progress,
  ) {}

  async call(call: AdminCall): Promise<unknown> {
    const url = new URL(`${this.adminUrl}${call.path}`);
    const headers: Record<string, string | number> = { 'x-admin-key': this.adminKey, accept: 'application/json' };
    const size = call.file === undefined ? undefined : (await stat(call.file)).size;
    const text = call.json === undefined ? undefined : JSON.stringify(call.json);
    if (size !== undefined || text !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = size ?? Buffer.byteLength(text as string);
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const request = send(url, { method: call.method, headers }, resolve);
      request.on('error', (error: NodeJS.ErrnoException) =>
        reject(new CliError(`Cannot reach the mock's admin API at ${this.adminUrl} (${error.code ?? error.message}). Is the mock running? Pass --url to name another.`)),
      );
      if (call.file !== undefined) {
        let sent = 0;
        const upload = createReadStream(call.file);
        upload.on('data', (chunk) => {
          sent += chunk.length;
          this.progress.update(`sending ${call.file}`, sent, size, 'bytes');
          if (sent === size) this.progress.update('the mock is checking and storing the records');
        });
        upload.pipe(request);
      } else request.end(text);
    });
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300 && call.out) {
      await pipeline(response, call.out);
      return undefined;
    }
    const body = await readAll(response);
    if (status >= 200 && status < 300) return body === '' ? undefined : (JSON.parse(body) as unknown);
    let problem: Problem = {};
    try {
      problem = JSON.parse(body) as Problem;
    } catch {
      // not a problem document: the status says it
    }
    const details = (problem.errors ?? []).map((e) => `  ${e.pointer || '(body)'}: ${e.message}`);
    const hint = status === 401 ? ' (set CUBIT_MOCK_ADMIN_KEY to the mock\'s admin key)' : '';
    throw new CliError([`The mock answered ${status}: ${problem.detail ?? body.slice(0, 200)}${hint}`, ...details].join('\n'));
  }
}

/** Writes to a file, or to standard output for `-`. */
export const outputStream = (file: string | undefined): NodeJS.WritableStream => (file === undefined || file === '-' ? process.stdout : createWriteStream(file));
