import { describe, expect, it } from 'vitest';
import { CRIMINAL_LAW, currentLaws, type CurrentLaw } from '../../../electron/backbone/glossary/corpus-laws';
import type { GlossaryEntry } from '../../../electron/backbone/glossary/glossary-types';
import { mergeGlossary } from '../../../electron/backbone/glossary/merge-glossary';
import { crimeMappingsIn, fitShare, mineCrimes, splitCrimes } from '../../../electron/backbone/glossary/mine-crimes';
import { mineCriminalGeneral } from '../../../electron/backbone/glossary/mine-criminal-general';
import { definitionsIn, mineDefinitions } from '../../../electron/backbone/glossary/mine-definitions';
import { formatGlossaryFile, nextVersion } from '../../../electron/backbone/glossary/mine-glossary';
import { parseGlossaryFile } from '../../../electron/backbone/glossary/parse-glossary';
import type { ParsedArticle, ParsedLaw } from '../../../electron/backbone/store/parsed-law';
import { parseArticleLabel } from '../../../electron/backbone/text/citation';

function article(label: string, text: string, path: string[] = []): ParsedArticle {
  const n = parseArticleLabel(label)!;
  return { label, number: n.number, sub: n.sub, path, text, line: 1 };
}
function law(title: string, articles: ParsedArticle[], category = '司法解释'): CurrentLaw {
  return { title, category, articles };
}

/** A Criminal Law with the articles the examples need. */
const criminalLaw = law(CRIMINAL_LAW, [
  article('第十四条', '明知自己的行为会发生危害社会的结果，并且希望或者放任这种结果发生，因而构成犯罪的，是故意犯罪。', ['第一编 总则']),
  article('第十六条', '行为在客观上虽然造成了损害结果，但是不是出于故意或者过失，而是由于不能抗拒或者不能预见的原因所引起的，不是犯罪。', ['第一编 总则']),
  article('第二十条', '……对不法侵害人造成损害的，属于正当防卫，不负刑事责任。', ['第一编 总则']),
  article('第二十五条', '共同犯罪是指二人以上共同故意犯罪。', ['第一编 总则']),
  article('第二百二十九条', '承担资产评估、验资、验证、会计、审计、法律服务等职责的中介组织的人员故意提供虚假的证明文件……第一款规定的人员，严重不负责任，出具的证明文件有重大失实，造成严重后果的……', ['第二编 分则']),
  article('第二百三十一条', '单位犯本节第二百二十一条至第二百三十条规定之罪的，对单位判处罚金。', ['第二编 分则']),
  article('第二百六十四条', '盗窃公私财物，数额较大的，或者多次盗窃……', ['第二编 分则']),
  article('第二百六十六条', '诈骗公私财物，数额较大的……', ['第二编 分则']),
  article('第二百六十九条', '犯盗窃、诈骗、抢夺罪，为窝藏赃物、抗拒抓捕或者毁灭罪证而当场使用暴力或者以暴力相威胁的，依照本法第二百六十三条的规定定罪处罚。', ['第二编 分则']),
  article('第二百七十条', '将代为保管的他人财物非法占为己有，数额较大，拒不退还的……', ['第二编 分则']),
], '刑法');

describe('crime-conviction: reading one provision', () => {
  const ev = '《某解释》第一条';
  it('reads 依照刑法第X条的规定，以Y罪定罪处罚 and its variants', () => {
    const found = (text: string) => crimeMappingsIn(text, ev).map((m) => `${m.crime}→${m.label}`);
    expect(found('……的，依照刑法第二百六十六条的规定，以诈骗罪定罪处罚。')).toEqual(['诈骗罪→第二百六十六条']);
    expect(found('符合刑法第二百六十四条规定的，以盗窃罪论处')).toEqual(['盗窃罪→第二百六十四条']);
    expect(found('应当认定为刑法第三百四十条规定的“情节严重”，以非法捕捞水产品罪定罪处罚')).toEqual(['非法捕捞水产品罪→第三百四十条']);
    expect(found('依照刑法第三百二十七条的规定，以非法出售、私赠文物藏品罪追究刑事责任')).toEqual(['非法出售、私赠文物藏品罪→第三百二十七条']);
    expect(found('依照刑法第二百二十五条第（四）项的规定，以非法经营罪定罪处罚')).toEqual(['非法经营罪→第二百二十五条']);
    expect(found('依照刑法第一百三十三条之一的规定，以危险驾驶罪定罪处罚')).toEqual(['危险驾驶罪→第一百三十三条之一']);
  });

  it('gives one article to every crime it names, and pairs articles with crimes when the counts match', () => {
    const found = (text: string) => crimeMappingsIn(text, ev).map((m) => `${m.crime}→${m.label}`);
    expect(found('依照刑法第三百九十七条的规定，以滥用职权罪或者玩忽职守罪定罪处罚')).toEqual(['滥用职权罪→第三百九十七条', '玩忽职守罪→第三百九十七条']);
    expect(found('依照刑法第二百三十二条、第二百三十四条的规定，以故意杀人罪或者故意伤害罪定罪处罚')).toEqual(['故意杀人罪→第二百三十二条', '故意伤害罪→第二百三十四条']);
    // Three articles, two crimes: cannot be paired.
    expect(found('依照刑法第二百八十九条、第二百三十四条、第二百三十二条的规定，以故意伤害罪或者故意杀人罪定罪')).toEqual([]);
  });

  it('keeps 、 inside a crime name and the 以 of 以危险方法危害公共安全罪', () => {
    expect(splitCrimes('掩饰、隐瞒犯罪所得、犯罪所得收益罪')).toEqual(['掩饰、隐瞒犯罪所得、犯罪所得收益罪']);
    expect(splitCrimes('贪污罪、职务侵占罪或者挪用资金罪')).toEqual(['贪污罪', '职务侵占罪', '挪用资金罪']);
    const found = (text: string) => crimeMappingsIn(text, ev).map((m) => m.crime);
    expect(found('依照刑法第一百一十四条的规定，以以危险方法危害公共安全罪定罪处罚')).toEqual(['以危险方法危害公共安全罪']);
    expect(found('依照刑法第一百一十四条的规定，按照以危险方法危害公共安全罪定罪处罚')).toEqual(['以危险方法危害公共安全罪']);
  });

  it('reads crime-named (刑法第X条规定的Y罪) but not ‥犯罪 or a sentence fragment', () => {
    const named = (text: string) => crimeMappingsIn(text, ev).filter((m) => m.pattern === 'crime-named').map((m) => `${m.crime}→${m.label}`);
    expect(named('构成刑法第二百二十一条规定的损害商业信誉、商品声誉罪的')).toEqual(['损害商业信誉、商品声誉罪→第二百二十一条']);
    expect(named('刑法第一百九十一条规定的上游犯罪')).toEqual([]);
    expect(named('达到刑法第一百四十条规定的销售金额定罪起点数额标准')).toEqual([]);
  });
});

describe('crime-conviction: across interpretations', () => {
  it('scores how well a crime name fits an article', () => {
    expect(fitShare('诈骗罪', '诈骗公私财物，数额较大的')).toBe(1);
    expect(fitShare('提供虚假证明文件罪', '单位犯本节第二百二十一条至第二百三十条规定之罪的，对单位判处罚金。')).toBe(0);
  });

  it('keeps the majority article, drops mappings that do not fit, and cites its evidence', () => {
    const a = law('甲解释', [
      article('第一条', '依照刑法第二百六十六条的规定，以诈骗罪定罪处罚。'),
      article('第二条', '依照刑法第二百二十九条、第二百三十一条的规定，以提供虚假证明文件罪或者出具证明文件重大失实罪定罪处罚。'),
    ]);
    const b = law('乙解释', [
      article('第三条', '依照刑法第二百六十六条的规定，以诈骗罪定罪处罚。'),
      article('第四条', '依照刑法第二百六十九条的规定，以诈骗罪定罪处罚；依照刑法第二百七十条的规定，以盗窃罪论处。'),
    ]);
    const entries = mineCrimes([criminalLaw, a, b]);
    const byTerm = Object.fromEntries(entries.map((e) => [e.term, e]));
    // 第二百六十六条 is cited by two provisions, 第二百六十九条 (which fits too) by one.
    expect(byTerm['诈骗罪']!.targets).toEqual([{ law: CRIMINAL_LAW, label: '第二百六十六条' }]);
    expect(byTerm['诈骗罪']!.provenance).toEqual([{ source: 'mined', pattern: 'crime-conviction', evidence: ['《乙解释》第三条', '《甲解释》第一条'] }]);
    // Paired in order: 第二百二十九条 fits its crime; the unit-crime article 第二百三十一条 shares no character with the other.
    expect(byTerm['提供虚假证明文件罪']!.targets).toEqual([{ law: CRIMINAL_LAW, label: '第二百二十九条' }]);
    expect(byTerm['出具证明文件重大失实罪']).toBeUndefined();
    // 盗窃罪 → 第二百七十条 (侵占) does not fit.
    expect(byTerm['盗窃罪']).toBeUndefined();
  });
});

describe('defined terms', () => {
  const statute = law('中华人民共和国某某法', [
    article('第二条', '本法所称商业特许经营（以下简称特许经营），是指拥有注册商标的企业……'),
    article('第三条', '本法所称“以上”，包括本数。本法所称公务员，是指……'),
    article('第九十条', '本法下列用语的含义：\n（一）控股股东，是指其出资额占……\n（二）实际控制人，是指……\n（三）其他，是指……'),
  ], '民法商法');

  it('reads 本法所称X，是指 with its 以下简称 alias, and the 下列用语的含义 lists', () => {
    const all = statute.articles.flatMap((a) => definitionsIn(statute, a)).map((d) => [d.term, d.alias, d.pattern, d.label]);
    expect(all).toEqual([
      ['商业特许经营', '特许经营', 'defined-term', '第二条'],
      ['公务员', null, 'defined-term', '第三条'],
      ['控股股东', null, 'defined-term-list', '第九十条'],
      ['实际控制人', null, 'defined-term-list', '第九十条'],
    ]);
  });

  it('keeps a three-character term only where the law is named after it, and skips terms defined in more than three laws', () => {
    const many = ['甲', '乙', '丙', '丁'].map((x) => law(`${x}条例`, [article('第二条', '本条例所称经营主体，是指……')], '行政法规'));
    const civilServants = law('中华人民共和国公务员法', [article('第二条', '本法所称公务员，是指……')], '宪法相关法');
    const entries = mineDefinitions([statute, civilServants, ...many]);
    const terms = entries.map((e) => e.term).sort();
    expect(terms).toEqual(['商业特许经营', '实际控制人', '控股股东']); // 公务员: 某某法 is not named after it
    const franchise = entries.find((e) => e.term === '商业特许经营')!;
    expect(franchise).toEqual({
      term: '商业特许经营', aliases: ['特许经营'], kind: 'defined-term',
      targets: [{ law: '中华人民共和国某某法', label: '第二条' }],
      provenance: [{ source: 'mined', pattern: 'defined-term', evidence: ['《中华人民共和国某某法》第二条'] }],
    });
    expect(mineDefinitions([civilServants]).map((e) => e.term)).toEqual(['公务员']);
  });
});

describe('criminal-general', () => {
  it('names the General Part doctrines at the end of their definitions, not 不是犯罪', () => {
    const entries = mineCriminalGeneral([criminalLaw]);
    expect(entries.map((e) => [e.term, e.targets[0]!.label])).toEqual([
      ['故意犯罪', '第十四条'],
      ['正当防卫', '第二十条'],
      ['共同犯罪', '第二十五条'],
    ]);
    expect(entries[0]!.provenance).toEqual([{ source: 'mined', pattern: 'criminal-general', evidence: ['《中华人民共和国刑法》第十四条'] }]);
  });
});

describe('currentLaws', () => {
  it('keeps the latest-dated version of each law and joins its parts', () => {
    const v = (title: string, date: string | null, part: string | null, labels: string[]): ParsedLaw => ({
      title, part, category: '法律', versionDate: date, history: [], source: 'x', articles: labels.map((l) => article(l, '……')),
    });
    const laws = currentLaws([
      v('中华人民共和国公司法', '2018-10-26', null, ['第一条', '第二条']),
      v('中华人民共和国公司法', '2023-12-29', null, ['第一条']),
      v('中华人民共和国民法典', '2021-01-01', '合同编', ['第四百六十四条']),
      v('中华人民共和国民法典', '2021-01-01', '总则编', ['第一条']),
    ]);
    expect(laws.map((l) => [l.title, l.articles.map((a) => a.label)])).toEqual([
      ['中华人民共和国公司法', ['第一条']],
      ['中华人民共和国民法典', ['第一条', '第四百六十四条']],
    ]);
  });
});

describe('mergeGlossary', () => {
  const target = (label: string) => ({ law: CRIMINAL_LAW, label });
  const hand: GlossaryEntry = { term: '逃税罪', aliases: ['偷税罪'], kind: 'crime', targets: [target('第二百零一条')], provenance: [{ source: 'hand-written', note: '罪名' }] };
  const mined = (term: string, label: string, aliases: string[] = []): GlossaryEntry => ({
    term, aliases, kind: 'crime', targets: [target(label)], provenance: [{ source: 'mined', pattern: 'crime-conviction', evidence: [`《解释》${label}`] }],
  });

  it('adds a mined entry that agrees to the hand-written one, and reports one that does not', () => {
    const { entries, conflicts } = mergeGlossary([hand], [mined('偷税罪', '第二百零一条'), mined('逃税罪', '第二百零二条'), mined('抗税罪', '第二百零二条')]);
    expect(entries.map((e) => e.term)).toEqual(['抗税罪', '逃税罪']);
    expect(entries[1]!.provenance).toEqual([hand.provenance[0], { source: 'mined', pattern: 'crime-conviction', evidence: ['《解释》第二百零一条'] }]);
    expect(conflicts).toEqual([{ term: '逃税罪', keptBy: '逃税罪', detail: 'mined 《中华人民共和国刑法》第二百零二条, kept 《中华人民共和国刑法》第二百零一条' }]);
  });

  it('drops a mined alias that is another entry\'s name instead of the whole entry', () => {
    const { entries, conflicts } = mergeGlossary([hand], [mined('抗税罪', '第二百零二条', ['偷税罪', '暴力抗税罪'])]);
    expect(conflicts).toEqual([]);
    expect(entries.find((e) => e.term === '抗税罪')!.aliases).toEqual(['暴力抗税罪']);
  });

  it('does not change its inputs', () => {
    const before = JSON.stringify(hand);
    mergeGlossary([hand], [mined('偷税罪', '第二百零一条')]);
    expect(JSON.stringify(hand)).toBe(before);
  });
});

describe('the glossary file', () => {
  const entries: GlossaryEntry[] = [{ term: '侵占罪', aliases: [], kind: 'crime', targets: [{ law: CRIMINAL_LAW, label: '第二百七十条' }], provenance: [{ source: 'hand-written' }] }];

  it('is written one entry per line and reads back the same', () => {
    const text = formatGlossaryFile({ format: 'lexbone-glossary', version: 2, entries });
    expect(text.split('\n')).toHaveLength(8);
    expect(parseGlossaryFile(text, 'g.json')).toEqual({ format: 'lexbone-glossary', version: 2, entries });
  });

  it('keeps the version while the entries stay the same and bumps it when they change', () => {
    expect(nextVersion(null, entries)).toBe(1);
    const old = { format: 'lexbone-glossary' as const, version: 4, entries };
    expect(nextVersion(old, JSON.parse(JSON.stringify(entries)))).toBe(4);
    expect(nextVersion(old, [{ ...entries[0]!, aliases: ['侵占'] }])).toBe(5);
  });
});
