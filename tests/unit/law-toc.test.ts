import { describe, expect, it } from 'vitest';
import { buildToc } from '../../electron/backbone/laws/toc';

describe('table of contents from heading paths', () => {
  it('nests books, chapters and sections with first article and counts', () => {
    const toc = buildToc([
      { id: 1, path: ['第一编 总则', '第一章 基本规定'] },
      { id: 2, path: ['第一编 总则', '第一章 基本规定'] },
      { id: 3, path: ['第一编 总则', '第二章 自然人', '第一节 民事权利能力'] },
      { id: 4, path: ['第一编 总则', '第二章 自然人', '第二节 监护'] },
      { id: 5, path: ['第二编 物权'] },
    ]);
    expect(toc).toEqual([
      {
        heading: '第一编 总则', depth: 0, firstArticleId: 1, articleCount: 4,
        children: [
          { heading: '第一章 基本规定', depth: 1, firstArticleId: 1, articleCount: 2, children: [] },
          {
            heading: '第二章 自然人', depth: 1, firstArticleId: 3, articleCount: 2,
            children: [
              { heading: '第一节 民事权利能力', depth: 2, firstArticleId: 3, articleCount: 1, children: [] },
              { heading: '第二节 监护', depth: 2, firstArticleId: 4, articleCount: 1, children: [] },
            ],
          },
        ],
      },
      { heading: '第二编 物权', depth: 0, firstArticleId: 5, articleCount: 1, children: [] },
    ]);
  });

  it('the same chapter name under another book is a new entry; articles without headings get none', () => {
    const toc = buildToc([
      { id: 1, path: [] },
      { id: 2, path: ['上编', '第一章 一般规定'] },
      { id: 3, path: ['下编', '第一章 一般规定'] },
    ]);
    expect(toc.map((e) => [e.heading, e.firstArticleId, e.articleCount, e.children.map((c) => c.firstArticleId)])).toEqual([
      ['上编', 2, 1, [2]],
      ['下编', 3, 1, [3]],
    ]);
    expect(buildToc([{ id: 1, path: [] }])).toEqual([]);
  });
});
