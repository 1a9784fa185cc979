// Progress of long data work on a terminal (stderr): one line rewritten in place, at most every 100 ms. Off a
// terminal (CI logs, pipes) it says nothing until the summary.
export interface Progress {
  /** Reports how far a step is: `done` of `total` units (bytes, records), or a step without a measure. */
  update(step: string, done?: number, total?: number, unit?: string): void;
  /** Clears the line, so that what follows starts at its beginning. */
  end(): void;
}

const percent = (done: number, total: number) => (total > 0 ? ` ${Math.floor((done / total) * 100)}%` : '');
const amount = (value: number, unit: string) => (unit === 'bytes' ? `${(value / 1024 / 1024).toFixed(1)} MiB` : `${value} ${unit}`);

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, end: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update(step, done, total, unit = '') {
      const now = Date.now();
      if (done !== undefined && total !== undefined && done < total && now - last < 100) return;
      last = now;
      const measure = done === undefined ? '' : `: ${amount(done, unit)}${total === undefined ? '' : ` of ${amount(total, unit)}${percent(done, total)}`}`;
      stream.write(`\r\x1b[2K${step}${measure}`);
      shown = true;
    },
    end() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
