import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../../electron/backbone/library';
import { citingSentence, computeAnchors, numberingHolds } from '../../../electron/backbone/store/article-anchors';
import { useTempDirs } from '../../helpers/temp';

/**
 * Anchor text over a small corpus: a criminal law and an interpretation that cites it without 《》
 * (the form judicial interpretations use), and a revised law whose old numbering must not lend its
 * anchors to the new version's articles.
 */
const tempDir = useTempDirs();
const law = (title: string, articles: string[]): string => `# ${title}\n\n<!-- INFO END -->\n\n${articles.join('\n\n')}\n`;

function corpus(dir: string): string {
  const root = join(dir, 'corpus');
  mkdirSync(join(root, '测试'), { recursive: true });
  const put = (file: string, title: string, articles: string[]) => writeFileSync(join(root, '测试', file), law(title, articles));
  put('丙法(2020-01-01).md', '中华人民共和国丙法', ['第一条 以非法占有为目的，秘密窃取他人财物的，处三年以下有期徒刑。', '第二条 将代为保管的他人财物非法占为己有，拒不退还的，处二年以下有期徒刑。']);
  put('丁法(2023-01-01).md', '中华人民共和国丁法', ['第一条 新的第一条。', '第二条 新的第二条。']);
  put('丁法(2010-01-01).md', '中华人民共和国丁法', ['第一条 旧的第一条。', '第二条 旧的第二条。']);
  put('关于办理丙案件的解释(2021-06-01).md', '最高人民法院关于办理丙案件适用法律若干问题的解释', [
    '第一条 入户窃取财物的，依照丙法第一条的规定，以窃取罪定罪处罚。',
    '第二条 拒不交出代管财物的，依照丙法第二条的规定，以侵占罪定罪处罚。',
  ]);
  put('关于丁法的解释(2015-01-01).md', '最高人民法院关于适用丁法的解释', ['第一条 依照丁法第一条的规定，以旧称处理。']);
  return root;
}

describe('anchor text', () => {
  it('keeps the clause around a reference, without the reference, centred when long', () => {
    const text = '前一句。入户窃取财物的，依照丙法第一条的规定，以窃取罪定罪处罚。后一句';
    const at = text.indexOf('丙法第一条');
    expect(citingSentence(text, at, at + '丙法第一条'.length)).toBe('入户窃取财物的，依照 的规定，以窃取罪定罪处罚');
    const long = '甲'.repeat(200) + 'X' + '乙'.repeat(200);
    expect(citingSentence(long, 200, 201).length).toBeLessThanOrEqual(81);
  });

  it('counts a reference only under the cited law’s current numbering', () => {
    expect(numberingHolds('丁法', '2023-01-01', '2015-01-01')).toBe(false);
    expect(numberingHolds('丁法', '2023-01-01', '2023-06-01')).toBe(true);
    // 刑法's amendments never renumber: an interpretation of 2013 cites the 2023 text's numbers.
    expect(numberingHolds('刑法', '2023-12-29', '2013-04-02')).toBe(true);
  });

  it('gives each cited article the words of the provisions citing it, and the lexical index finds it by them', async () => {
    const lib = new Library(join(tempDir(), 'lexbone.db'));
    lib.import(corpus(tempDir()));
    const id = (c: string) => lib.article({ citation: c }).articleId;
    const anchors = computeAnchors(lib.db);
    expect(anchors.get(id('丙法第一条'))).toBe('入户窃取财物的，依照 的规定，以窃取罪定罪处罚');
    expect(anchors.get(id('丙法第二条'))).toBe('拒不交出代管财物的，依照 的规定，以侵占罪定罪处罚');
    // 2015's 丁法第一条 was the 2010 text's: no anchor for the 2023 version's 第一条.
    expect(anchors.has(id('丁法第一条'))).toBe(false);
    // Stored, and searchable: 侵占罪 is not in 丙法第二条's own text.
    expect(lib.db.prepare('SELECT text FROM article_anchors WHERE article_id = ?').pluck().get(id('丙法第二条'))).toContain('侵占罪');
    const hits = lib.lexical.search('侵占罪', {}, 5).hits.map((h) => h.articleId);
    expect(hits).toContain(id('丙法第二条'));
    lib.close();
  });
});
