// Says when one file may have changed, once per burst of events. The file's directory is watched, not the file:
// an editor that saves by writing a new file and renaming it over the old one would end a watch on the file
// itself. One save fires several events (a truncate, writes, a rename), so the call comes `quietMs` after the last
// event of a burst; events for the directory's other files are ignored. Whether the content did change is the
// caller's to check.
import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface FileWatch {
  close(): void;
}

export function watchFile(file: string, changed: () => void, options: { quietMs: number; onError: (error: Error) => void }): FileWatch {
  const name = basename(file);
  let timer: NodeJS.Timeout | undefined;
  // Not persistent: the watch alone never keeps the process running.
  const watcher = watch(dirname(file), { persistent: false }, (_event, filename) => {
    // No name given (some platforms): it may have been this file.
    if (filename !== null && filename !== name) return;
    clearTimeout(timer);
    timer = setTimeout(changed, options.quietMs);
  });
  watcher.on('error', options.onError);
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
