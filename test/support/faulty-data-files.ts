// The store's file layer with faults on demand: a write or an fdatasync of the journal (or of a snapshot) fails
// with ENOSPC or EIO as a full or failing disk would, until the fault is cleared.
import { type DataFiles, nodeDataFiles, type WritableFile } from '../../src/store/data-files.js';

export type FaultyOperation = 'write' | 'sync' | 'snapshot';

export interface FaultyDataFiles extends DataFiles {
  /** Makes every `operation` fail with `code` (after `after` more succeed) until `clear()`. */
  fail(operation: FaultyOperation, code: 'ENOSPC' | 'EIO', after?: number): void;
  clear(): void;
  /** How many times each operation failed so far. */
  readonly failures: Record<FaultyOperation, number>;
}

const errnoError = (code: string, syscall: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: ${code === 'ENOSPC' ? 'no space left on device' : 'i/o error'}, ${syscall}`), { code, syscall, errno: code === 'ENOSPC' ? -28 : -5 });

export function faultyDataFiles(base: DataFiles = nodeDataFiles): FaultyDataFiles {
  let fault: { operation: FaultyOperation; code: 'ENOSPC' | 'EIO'; after: number } | undefined;
  const failures: Record<FaultyOperation, number> = { write: 0, sync: 0, snapshot: 0 };
  const check = (operation: FaultyOperation, syscall: string) => {
    if (fault?.operation !== operation) return;
    if (fault.after > 0) {
      fault.after--;
      return;
    }
    failures[operation]++;
    throw errnoError(fault.code, syscall);
  };
  return {
    ...base,
    failures,
    fail(operation, code, after = 0) {
      fault = { operation, code, after };
    },
    clear() {
      fault = undefined;
    },
    write(fd, buffer, offset) {
      // A full disk takes part of a write before it refuses the rest: the journal must be cut back.
      if (fault?.operation === 'write' && fault.after === 0 && offset === 0 && buffer.length > 1) return base.write(fd, buffer.subarray(0, buffer.length >> 1), 0);
      check('write', 'write');
      return base.write(fd, buffer, offset);
    },
    sync(fd) {
      check('sync', 'fdatasync');
      base.sync(fd);
    },
    async create(path): Promise<WritableFile> {
      const file = await base.create(path);
      return {
        write: async (text) => {
          check('snapshot', 'write');
          await file.write(text);
        },
        sync: () => file.sync(),
        close: () => file.close(),
      };
    },
  };
}
