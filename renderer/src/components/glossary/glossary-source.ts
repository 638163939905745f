/**
 * What a glossary card says about where its entry came from, and its short snippets. The API gives
 * each source as `{ source, detail }`: mined → "pattern: 《…》第X条" (the provision it was mined
 * from), hand-written → the note, firm → "file:line".
 */
import type { GlossarySource } from '../../../../electron/contract/glossary-types';
import type { Segment } from '../../../../electron/contract/types';
import { GLOSSARY_STRINGS as T } from './glossary-strings';

/** A mined source's provision (the text after "pattern: "), or null when the detail names only the pattern. */
export function minedEvidence(detail: string): string | null {
  const m = /^[A-Za-z0-9_-]+:\s*(.+)$/s.exec(detail);
  return m ? m[1]!.trim() : null;
}

/** A firm source's file and line ("firm.csv:3" → firm.csv, 3); a file name may itself hold a colon. */
export function firmLine(detail: string): { file: string; line: string } {
  const at = detail.lastIndexOf(':');
  if (at <= 0 || !/^\d+$/.test(detail.slice(at + 1))) return { file: detail, line: '?' };
  return { file: detail.slice(0, at), line: detail.slice(at + 1) };
}

/** One source in the UI language: 人工编写 · note / 从《…》第X条提取 / 律所术语表 firm.csv 第3行. */
function sourceText(s: GlossarySource): string {
  if (s.source === 'hand-written') return s.detail ? `${T.sourceHandWritten} · ${s.detail}` : T.sourceHandWritten;
  if (s.source === 'mined') {
    const evidence = minedEvidence(s.detail);
    return evidence ? T.sourceMined(evidence) : T.sourceMinedNoEvidence;
  }
  const { file, line } = firmLine(s.detail);
  return T.sourceFirm(file, line);
}

/** The provenance line of a card: 来源：… ；… (hand-written and firm sources before mined ones). */
export function provenanceLine(sources: readonly GlossarySource[]): string {
  const order = { firm: 0, 'hand-written': 1, mined: 2 } as const;
  const sorted = [...sources].sort((a, b) => order[a.source] - order[b.source]);
  return T.sourceLabel + sorted.map(sourceText).join(T.sourceSep);
}

/** The first `max` characters of a snippet, hits kept, with … where it was cut. */
export function shortSnippet(snippet: readonly Segment[], max: number): Segment[] {
  const out: Segment[] = [];
  let left = max;
  for (const s of snippet) {
    const chars = [...s.text];
    if (chars.length === 0) continue;
    if (left <= 0) {
      out.push({ text: '…', hit: false });
      break;
    }
    if (chars.length > left) {
      out.push({ ...s, text: chars.slice(0, left).join('') + '…' });
      break;
    }
    out.push(s);
    left -= chars.length;
  }
  return out;
}
