import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../electron/backbone/store/open-database';
import { rng } from '../../../electron/backbone/train/random';

/**
 * Synthetic laws and articles written straight into a Lexbone database (no lexical index: the
 * vector code does not read it). Each law has a topic — a handful of its own words — and its
 * articles mix topic words with common ones, so nearest neighbours form clusters, as real
 * embeddings do. Deterministic for a given seed.
 */
const HAN = '法律合同劳动婚姻家庭财产继承刑事民事行政诉讼仲裁责任义务权利当事人违约赔偿损失解除终止履行担保抵押质押租赁买卖借款赠与委托代理侵权人格名誉隐私环境保护消费者产品质量食品安全公司股东董事破产税收海关土地房屋建设规划交通道路运输医疗卫生教育学校未成年人老年妇女儿童残疾社会保险工资工时休假安全生产职业病';

export interface SyntheticOptions {
  laws: number;
  articlesPerLaw: number;
  seed?: number;
  /** Every n-th law is written as superseded (0: none). */
  supersededEvery?: number;
}

export function insertSyntheticCorpus(db: Database, o: SyntheticOptions): void {
  const rand = rng(o.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chars = [...HAN];
  const word = (): string => pick(chars) + pick(chars) + (rand() < 0.3 ? pick(chars) : '');
  const common = Array.from({ length: 200 }, word);
  const insLaw = db.prepare(
    `INSERT INTO laws (title, short_title, law_key, category, version_key, status, source) VALUES (?, ?, ?, '测试', '', ?, 'synthetic')`,
  );
  const insArticle = db.prepare(
    `INSERT INTO articles (law_id, label, number, sub, ordinal, path, text, hash) VALUES (?, ?, ?, 0, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let l = 0; l < o.laws; l++) {
      const topic = Array.from({ length: 8 }, word);
      const title = `${topic[0]}${topic[1]}法${l}`;
      const status = o.supersededEvery && l % o.supersededEvery === 0 ? 'superseded' : 'current';
      const lawId = Number(insLaw.run(title, title, title, status).lastInsertRowid);
      for (let n = 1; n <= o.articlesPerLaw; n++) {
        const words = Array.from({ length: 12 + Math.floor(rand() * 20) }, () => (rand() < 0.6 ? pick(topic) : pick(common)));
        const text = `${words.join('')}。`;
        insArticle.run(lawId, `第${n}条`, n, n * 1000, JSON.stringify([`第${1 + Math.floor(n / 20)}章`]), text, `h${l}-${n}`);
      }
    }
  })();
}

/** A new Lexbone database at `path` holding a synthetic corpus. */
export function syntheticLibrary(path: string, o: SyntheticOptions): Database {
  const db = openDatabase(path);
  insertSyntheticCorpus(db, o);
  return db;
}
