// Where the mock's log goes: standard output, written asynchronously. Under load, lines that arrive while a write is
// in flight go out together in the next one, instead of one blocking write per line; at a quiet moment a line is
// written at once. `flush` writes whatever is still buffered, synchronously: called before the process exits, so
// that a clean shutdown loses no line (pino also flushes on the process's 'exit' event).
// Pretty lines (a terminal) are written synchronously by pino-pretty: a person reads them as they come.
import pino from 'pino';

export interface LogDestination {
  /** What pino writes its lines to. */
  stream: { write(line: string): unknown };
  flush(): void;
}

export function jsonLogDestination(): LogDestination {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 0 });
  return {
    stream,
    flush: () => {
      try {
        stream.flushSync();
      } catch {
        // Nothing more can be written (standard output closed): nothing to keep.
      }
    },
  };
}

export async function prettyLogDestination(colours: boolean): Promise<LogDestination> {
  // Loaded only when used: it adds a tenth of a second to a start.
  const { default: pretty } = await import('pino-pretty');
  return {
    stream: pretty({ sync: true, colorize: colours, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,reqId', singleLine: true }),
    flush: () => undefined,
  };
}
