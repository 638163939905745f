import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../electron/backbone/library';
import { LawReader } from '../../electron/backbone/store/law-reader';
import { resolveCrossReferences } from '../../electron/backbone/store/cross-reference-resolver';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs('all');
let lib: Library;
let reader: LawReader;

beforeAll(() => {
  const dir = tempDir();
  lib = new Library(join(dir, 'lexbone.db'));
  lib.import(FIXTURE_CORPUS);
  // A regulation citing another law by name, one article that exists and one that does not.
  const md = join(dir, '引用测试条例.md');
  writeFileSync(md, '# 引用测试条例\n\n<!-- INFO END -->\n\n第一条 依照《中华人民共和国劳动合同法》第三十九条、第九百条处理。\n');
  lib.import(md);
  reader = new LawReader(lib.db);
});
afterAll(() => lib.close());

const articleId = (citation: string): number => lib.article({ citation }).articleId;

describe('resolving cross-references against the library', () => {
  it('本法第四十七条 in the 2012 Labour Contract Law links to that version’s 第四十七条', () => {
    const view = lib.article({ citation: '劳动合同法第八十七条' });
    const refs = resolveCrossReferences(reader, view.law.id, view.text);
    expect(refs).toHaveLength(1);
    expect(refs[0]).toMatchObject({ articleId: articleId('劳动合同法第四十七条'), citation: '《中华人民共和国劳动合同法》第四十七条' });
    expect(view.text.slice(refs[0]!.start, refs[0]!.end)).toBe('第四十七条');
  });

  it('a named law resolves to its current version; a missing article stays unlinked', () => {
    const view = lib.article({ citation: '引用测试条例第一条' });
    const refs = resolveCrossReferences(reader, view.law.id, view.text);
    expect(refs.map((r) => r.citation)).toEqual(['《中华人民共和国劳动合同法》第三十九条', null]);
    expect(refs[0]!.articleId).toBe(articleId('劳动合同法第三十九条'));
    expect(refs[1]!.articleId).toBeNull();
  });
});
