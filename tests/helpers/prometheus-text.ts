/**
 * Reads Prometheus text exposition back (for tests): every sample line as name, labels and value;
 * HELP / TYPE lines by metric. Strict: a line that does not parse throws, so a malformed
 * exposition fails the test that reads it.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  types: Map<string, string>;
  help: Map<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/;

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    const name = text.slice(i, eq);
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) || text[eq + 1] !== '"') throw new Error(`bad label at ${text.slice(i)}`);
    let j = eq + 2;
    let value = '';
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] === '\\') {
        const c = text[++j];
        value += c === 'n' ? '\n' : c === '\\' ? '\\' : c === '"' ? '"' : (() => { throw new Error(`bad escape \\${c}`); })();
      } else value += text[j];
    }
    if (text[j] !== '"') throw new Error(`unterminated label value in ${text}`);
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i++;
    else if (i < text.length) throw new Error(`expected , at ${text.slice(i)}`);
  }
  return labels;
}

export function parseExposition(text: string): Exposition {
  const out: Exposition = { samples: [], types: new Map(), help: new Map() };
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) {
      const [name, ...rest] = line.slice(7).split(' ');
      out.help.set(name!, rest.join(' '));
      continue;
    }
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      out.types.set(name!, type!);
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const v = m[4]!;
    const value = v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v);
    if (Number.isNaN(value) && v !== 'NaN') throw new Error(`bad value in ${line}`);
    out.samples.push({ name: m[1]!, labels: m[3] ? parseLabels(m[3]) : {}, value });
  }
  return out;
}

/** The samples of `name` whose labels include `match`. */
export function samplesOf(e: Exposition, name: string, match: Record<string, string> = {}): Sample[] {
  return e.samples.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
}

/** The one sample of `name` with labels including `match` (throws when there is not exactly one). */
export function valueOf(e: Exposition, name: string, match: Record<string, string> = {}): number {
  const s = samplesOf(e, name, match);
  if (s.length !== 1) throw new Error(`${s.length} samples of ${name} ${JSON.stringify(match)}`);
  return s[0]!.value;
}
