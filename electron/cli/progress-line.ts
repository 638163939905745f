/**
 * A one-line progress display for long CLI work: `indexing ████░░░░ 812/1513 54% ETA 12s`.
 * On a terminal it redraws in place; otherwise it prints at most one line per 10% step.
 */
export interface ProgressLine {
  update(phase: string, done: number, total: number): void;
  done(): void;
}

export function formatEta(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `ETA ${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `ETA ${s}s`;
}

export function progressLine(stream: NodeJS.WriteStream): ProgressLine {
  const tty = Boolean(stream.isTTY);
  let phase = '';
  let started = 0;
  let lastStep = -1;
  let drawn = false;
  return {
    update(p, done, total) {
      const now = performance.now();
      if (p !== phase) {
        if (drawn && tty) stream.write('\n');
        phase = p;
        started = now;
        lastStep = -1;
      }
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const eta = done > 0 && done < total ? ((now - started) / done) * (total - done) : null;
      const width = 24;
      const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
      const line = `${phase.padEnd(9)} ${bar} ${done}/${total} ${Math.round(frac * 100)}% ${formatEta(eta)}`;
      if (tty) {
        stream.write(`\r${line}\x1b[K`);
        drawn = true;
      } else {
        const step = Math.floor(frac * 10);
        if (step !== lastStep) {
          stream.write(line + '\n');
          lastStep = step;
        }
      }
    },
    done() {
      if (drawn && tty) stream.write('\n');
      drawn = false;
      phase = '';
    },
  };
}
