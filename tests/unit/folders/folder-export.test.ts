import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderToDocx } from '../../../electron/backbone/folders/export-docx';
import { csvField, folderToCsv, folderToMarkdown } from '../../../electron/backbone/folders/export-text';
import type { FolderDocument } from '../../../electron/backbone/folders/types';
import { writeFileAtomic } from '../../../electron/backbone/store/write-file-atomic';
import { useTempDirs } from '../../helpers/temp';
import { ART_584, ART_585, openStore, TRICKY_NOTE } from './fixtures';
import { readZip } from './zip-reader';

const tempDir = useTempDirs();

/** A two-pin folder with one query, on the stepping clock: pins at :06 and :07, the query at :08. */
function smallFolder(): FolderDocument {
  const s = openStore(join(tempDir(), 'research.db'));
  const f = s.createFolder('甲公司合同纠纷', '违约责任研究');
  s.pin(f.id, ART_584, TRICKY_NOTE);
  s.pin(f.id, ART_585);
  s.recordQuery(f.id, { text: '违约 损失赔偿 可预见', budget: { preset: 'standard', k: 80, n: 10 } });
  const doc = s.document(f.id);
  s.close();
  return doc;
}

describe('folder exports', () => {
  it('Markdown: title, description, each pin with citation, path, quoted text and note, then the queries', () => {
    expect(folderToMarkdown(smallFolder())).toBe(
      [
        '# 甲公司合同纠纷',
        '',
        '违约责任研究',
        '',
        '## 《中华人民共和国民法典》第五百八十四条',
        '',
        '*第三编 合同 › 第八章 违约责任*',
        '',
        '> 当事人一方不履行合同义务或者履行合同义务不符合约定，造成对方损失的，损失赔偿额应当相当于因违约所造成的损失。',
        '',
        '**备注：** See "可预见规则", cf. 585',
        'second line',
        '',
        '## 《中华人民共和国民法典》第五百八十五条',
        '',
        '*第三编 合同 › 第八章 违约责任*',
        '',
        '> 当事人可以约定一方违约时应当根据违约情况向对方支付一定数额的违约金。',
        '> 约定的违约金低于造成的损失的，人民法院可以根据当事人的请求予以增加。',
        '',
        '## 检索记录',
        '',
        '- 违约 损失赔偿 可预见（standard, K=80, N=10） — 2026-01-02T03:04:08.000Z',
        '',
      ].join('\n'),
    );
  });

  it('CSV: UTF-8 with BOM, RFC 4180 quoting, CRLF rows', () => {
    const csv = folderToCsv(smallFolder());
    const expected =
      '\uFEFFcitation,law,article,path,note,pinned_at,text\r\n' +
      '《中华人民共和国民法典》第五百八十四条,中华人民共和国民法典,第五百八十四条,第三编 合同 › 第八章 违约责任,' +
      '"See ""可预见规则"", cf. 585\nsecond line",2026-01-02T03:04:06.000Z,' +
      '当事人一方不履行合同义务或者履行合同义务不符合约定，造成对方损失的，损失赔偿额应当相当于因违约所造成的损失。\r\n' +
      '《中华人民共和国民法典》第五百八十五条,中华人民共和国民法典,第五百八十五条,第三编 合同 › 第八章 违约责任,,2026-01-02T03:04:07.000Z,' +
      '"当事人可以约定一方违约时应当根据违约情况向对方支付一定数额的违约金。\n约定的违约金低于造成的损失的，人民法院可以根据当事人的请求予以增加。"\r\n';
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('plain 文本')).toBe('plain 文本');
    // Formula injection: a leading = + - @ is neutralised with an apostrophe (then quoted as usual).
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@sum')).toBe("'@sum");
  });

  it('Word: a valid .docx whose document.xml holds the title, citations, path, text and note', async () => {
    const docx = await folderToDocx(smallFolder());
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const files = readZip(docx);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    const xml = files.get('word/document.xml')!.toString('utf8');
    for (const s of [
      '甲公司合同纠纷',
      '违约责任研究',
      '《中华人民共和国民法典》第五百八十四条',
      '《中华人民共和国民法典》第五百八十五条',
      '第三编 合同 › 第八章 违约责任',
      '损失赔偿额应当相当于因违约所造成的损失。',
      '约定的违约金低于造成的损失的',
      '备注：',
      'cf. 585',
      'second line',
      '违约 损失赔偿 可预见（standard, K=80, N=10）',
    ]) {
      expect(xml).toContain(s);
    }
    // The note's quotes survive as text (XML-escaped or not).
    expect(xml.replace(/&quot;/g, '"')).toContain('See "可预见规则", cf. 585');
  });

  it('writeFileAtomic replaces the file atomically and leaves no temporary file', () => {
    const dir = tempDir();
    const path = join(dir, '甲公司.md');
    writeFileSync(path, 'old');
    writeFileAtomic(path, '# new');
    expect(readFileSync(path, 'utf8')).toBe('# new');
    writeFileAtomic(path, Buffer.from([0xef, 0xbb, 0xbf, 0x41]));
    expect(readFileSync(path)).toEqual(Buffer.from([0xef, 0xbb, 0xbf, 0x41]));
    expect(readdirSync(dir)).toEqual(['甲公司.md']);
    // A target in a missing folder fails and leaves nothing behind.
    expect(() => writeFileAtomic(join(dir, 'missing', 'x.csv'), 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['甲公司.md']);
  });
});
