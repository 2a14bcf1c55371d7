// Progress lines for long CLI commands (cleanup, export, import), on stderr so that stdout stays
// the command's result. On a terminal one line is redrawn in place; in a log (CI, a container) a
// line is written at most every 2 s and at the end, so logs stay short.

const LOG_INTERVAL_MS = 2_000;

export interface ProgressBar {
  /** Sets the position (and the total, when it becomes known). */
  update(done: number, total?: number): void;
  /** Prints the final state on its own line. */
  finish(suffix?: string): void;
}

function bar(done: number, total: number, width = 24): string {
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const interactive = Boolean(stream.isTTY);
  let current = 0;
  let total: number | undefined;
  let lastLine = 0;
  const render = () => {
    const count = total === undefined ? `${current.toLocaleString('en')}` : `${current.toLocaleString('en')}/${total.toLocaleString('en')}`;
    const percent = total ? ` ${Math.floor((current / total) * 100)}%` : '';
    return `${label} ${total === undefined ? '' : `${bar(current, total)} `}${count}${percent}`;
  };
  return {
    update(done, newTotal) {
      current = done;
      if (newTotal !== undefined) total = newTotal;
      if (interactive) stream.write(`\r${render()}\x1b[K`);
      else if (Date.now() - lastLine >= LOG_INTERVAL_MS) {
        lastLine = Date.now();
        stream.write(`${render()}\n`);
      }
    },
    finish(suffix = '') {
      stream.write(`${interactive ? '\r' : ''}${render()}${suffix ? ` ${suffix}` : ''}${interactive ? '\x1b[K' : ''}\n`);
    },
  };
}
