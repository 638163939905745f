import { describe, expect, it } from 'vitest';
import { diffChars, diffSize, shortestEditScript } from '../../electron/backbone/text/char-diff';
import type { DiffSegment } from '../../electron/contract/law-types';

const older = (d: DiffSegment[]) => d.filter((s) => s.op !== 'insert').map((s) => s.text).join('');
const newer = (d: DiffSegment[]) => d.filter((s) => s.op !== 'delete').map((s) => s.text).join('');

/** Edit distance (insertions + deletions only) by dynamic programming, to check Myers against. */
function lcsDistance(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return a.length + b.length - 2 * row[b.length]!;
}

describe('character diff (Myers)', () => {
  it('the fixture 劳动合同法 第三十九条: 2012 drops the 2007 marker and adds item (三)', () => {
    const v2007 = '劳动者有下列情形之一的，用人单位可以解除劳动合同（二〇〇七年文本）:\n\n（一）在试用期间被证明不符合录用条件的；\n\n（二）严重违反用人单位的规章制度的；';
    const v2012 = '劳动者有下列情形之一的，用人单位可以解除劳动合同:\n\n（一）在试用期间被证明不符合录用条件的；\n\n（二）严重违反用人单位的规章制度的；\n\n（三）严重失职，营私舞弊，给用人单位造成重大损害的；';
    expect(diffChars(v2007, v2012)).toEqual([
      { op: 'equal', text: '劳动者有下列情形之一的，用人单位可以解除劳动合同' },
      { op: 'delete', text: '（二〇〇七年文本）' },
      { op: 'equal', text: ':\n\n（一）在试用期间被证明不符合录用条件的；\n\n（二）严重违反用人单位的规章制度的；' },
      { op: 'insert', text: '\n\n（三）严重失职，营私舞弊，给用人单位造成重大损害的；' },
    ]);
  });

  it('a replaced word is one deletion then one insertion, between equal runs', () => {
    expect(diffChars('处三年以下有期徒刑', '处五年以下有期徒刑')).toEqual([
      { op: 'equal', text: '处' },
      { op: 'delete', text: '三' },
      { op: 'insert', text: '五' },
      { op: 'equal', text: '年以下有期徒刑' },
    ]);
    // 十 alone between 三 and 五 would read as confetti; the changed number is shown whole.
    expect(diffChars('应当在三十日内书面通知', '可以在十五日内口头通知')).toEqual([
      { op: 'delete', text: '应当' },
      { op: 'insert', text: '可以' },
      { op: 'equal', text: '在' },
      { op: 'delete', text: '三十' },
      { op: 'insert', text: '十五' },
      { op: 'equal', text: '日内' },
      { op: 'delete', text: '书面' },
      { op: 'insert', text: '口头' },
      { op: 'equal', text: '通知' },
    ]);
  });

  it('identical, empty and wholly new texts', () => {
    expect(diffChars('第一条', '第一条')).toEqual([{ op: 'equal', text: '第一条' }]);
    expect(diffChars('', '')).toEqual([]);
    expect(diffChars('', '新增')).toEqual([{ op: 'insert', text: '新增' }]);
    expect(diffChars('删除', '')).toEqual([{ op: 'delete', text: '删除' }]);
  });

  it('an equal run that splits one replacement is folded; one next to a mixed change stays', () => {
    // 十 between a deleted 三 and an inserted 五 (shown above as 三十 → 十五) is a coincidence.
    expect(diffChars('三十日', '十五日')).toEqual([
      { op: 'delete', text: '三十' },
      { op: 'insert', text: '十五' },
      { op: 'equal', text: '日' },
    ]);
    // 方 and 的 sit between two replacements: both are kept, so the reader sees what changed.
    expect(diffChars('甲方的义务', '乙方的权利')).toEqual([
      { op: 'delete', text: '甲' },
      { op: 'insert', text: '乙' },
      { op: 'equal', text: '方的' },
      { op: 'delete', text: '义务' },
      { op: 'insert', text: '权利' },
    ]);
    expect(diffChars('罚款一千元', '罚款一万元以下')).toEqual([
      { op: 'equal', text: '罚款一' },
      { op: 'delete', text: '千' },
      { op: 'insert', text: '万' },
      { op: 'equal', text: '元' },
      { op: 'insert', text: '以下' },
    ]);
  });

  it('an insertion slides to a sentence or line boundary where the texts allow', () => {
    // Trimming the common suffix alone would give 的；\n\n（三）严重失职 + 的； (an edit that starts mid-clause).
    expect(diffChars('规章制度的；', '规章制度的；\n\n（三）严重失职的；')).toEqual([
      { op: 'equal', text: '规章制度的；' },
      { op: 'insert', text: '\n\n（三）严重失职的；' },
    ]);
    expect(diffChars('第一款。第三款。', '第一款。第二款。第三款。')).toEqual([
      { op: 'equal', text: '第一款。' },
      { op: 'insert', text: '第二款。' },
      { op: 'equal', text: '第三款。' },
    ]);
  });

  it('characters outside the BMP are never split', () => {
    const d = diffChars('𠀀甲', '𠀁甲');
    expect(d).toEqual([{ op: 'delete', text: '𠀀' }, { op: 'insert', text: '𠀁' }, { op: 'equal', text: '甲' }]);
    expect(diffSize(d)).toEqual({ inserted: 1, deleted: 1 });
  });

  it('Myers finds a shortest edit script (the paper’s ABCABBA → CBABAC: 5 edits)', () => {
    const script = shortestEditScript([...'ABCABBA'], [...'CBABAC'])!;
    expect(script.filter((e) => e !== 'equal')).toHaveLength(5);
  });

  it('on random texts: the segments rebuild both texts and the script is as short as the LCS allows', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const text = () => Array.from({ length: rand(14) }, () => '法律条款'[rand(4)]).join('');
    for (let t = 0; t < 500; t++) {
      const [a, b] = [text(), text()];
      const d = diffChars(a, b);
      expect(older(d)).toBe(a);
      expect(newer(d)).toBe(b);
      for (let i = 1; i < d.length; i++) expect(d[i]!.op === d[i - 1]!.op, `${a} → ${b}`).toBe(false);
      const script = shortestEditScript([...a], [...b])!;
      expect(script.filter((e) => e !== 'equal').length).toBe(lcsDistance([...a], [...b]));
    }
  });

  it('counts inserted and deleted characters', () => {
    expect(diffSize(diffChars('解除劳动合同（二〇〇七年文本）', '解除劳动合同'))).toEqual({ inserted: 0, deleted: 9 });
  });
});
