// A change the store could not make durable, and why. The store's callers answer it as 503: `unavailable` when
// trying again later may work (a full disk, an I/O error: `retryAfterSeconds`), `lost` when another process took
// the data file over, `read-only` when the mock was started not to write.
export type StorageFailure = 'unavailable' | 'lost' | 'read-only';

export class StorageError extends Error {
  override name = 'StorageError';

  constructor(
    readonly failure: StorageFailure,
    message: string,
    /** What the operating system said, e.g. ENOSPC. */
    readonly errno?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Seconds a client is asked to wait after a failed write before sending it again. */
export const storageRetryAfterSeconds = 5;

const meaning: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EIO: 'the disk reported an I/O error',
  EROFS: 'the file system is read-only',
  EACCES: 'permission was denied',
  EPERM: 'the operation was not permitted',
};

/** A failed file operation of the persistence, as a StorageError. */
export function writeFailed(error: unknown, file: string): StorageError {
  if (error instanceof StorageError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const why = (code && meaning[code]) ?? (error as Error).message;
  return new StorageError('unavailable', `The change could not be saved to ${file}: ${why}${code ? ` (${code})` : ''}.`, code, storageRetryAfterSeconds);
}
