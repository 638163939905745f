/** Error rows of the statute library: citations, laws, imports and the library's own files. */
import { row } from './error-row';
import type { Said } from './said';

/** What an encoding check guessed a non-UTF-8 file to be, if anything. */
export type EncodingGuess = 'UTF-16 LE' | 'UTF-16 BE' | 'GBK/GB18030' | null;

export const LIBRARY_ERRORS = {
  CITATION_NOT_UNDERSTOOD: row(
    400,
    (text: string) => `"${text}" is not a citation. Write it like 民法典第584条 or 《劳动合同法》第三十九条.`,
    (text) => `“${text}”不是条文引用。请写成“民法典第584条”或“《劳动合同法》第三十九条”这样的形式。`,
  ),
  LAW_NOT_FOUND: row(
    404,
    (name: string) => `No law called "${name}" is in the library. Check the name or import the law first.`,
    (name) => `法规库中没有名为“${name}”的法律。请检查名称，或先导入该法律。`,
  ),
  ARTICLE_NOT_FOUND: row(
    404,
    (law: string, label: string) => `${law} has no ${label} in the version in the library.`,
    (law, label) => `法规库中的${law}版本没有${label}。`,
  ),
  LAW_VERSION_NOT_FOUND: row(
    404,
    (id: number) => `There is no law version ${id} in the library (it may have been removed by a re-import). Open the law again from a search result.`,
    (id) => `法规库中没有编号为 ${id} 的法律版本（可能已在重新导入时移除）。请从检索结果重新打开该法律。`,
  ),
  COMPARE_VERSIONS_INVALID: row(
    400,
    (label: string, ids: string) => `Choose two different versions of the law of ${label} to compare: its version ids are ${ids}.`,
    (label, ids) => `请选择${label}所在法律的两个不同版本进行比较：其版本编号为 ${ids}。`,
  ),
  FILE_NOT_FOUND: row(
    404,
    (path: string) => `${path} does not exist.`,
    (path) => `${path} 不存在。`,
  ),
  FILE_TOO_LARGE: row(
    413,
    (path: string, sizeMb: number, limitMb: number) =>
      `${path} is ${sizeMb} MB; files over ${limitMb} MB are refused. Split it into smaller files.`,
    (path, sizeMb, limitMb) => `${path} 大小为 ${sizeMb} MB，超过 ${limitMb} MB 的文件不予导入。请拆分为较小的文件。`,
  ),
  BAD_ENCODING: row(
    400,
    (path: string, line: number, guess: EncodingGuess) =>
      `${path}, line ${line}: the file is not valid UTF-8${guess ? ` (it looks like ${guess})` : ''}. Convert it to UTF-8 and import it again.`,
    (path, line, guess) =>
      `${path}，第 ${line} 行：文件不是有效的 UTF-8 编码${guess ? `（看起来是 ${guess}）` : ''}。请转换为 UTF-8 后重新导入。`,
  ),
  NO_ARTICLES: row(
    400,
    (path: string) =>
      `${path}: no articles found. Articles must start a line with 第X条 (or be rows/records with an article label).`,
    (path) => `${path}：未找到任何条文。条文须以“第X条”开头另起一行（或为带条文序号的行或记录）。`,
  ),
  DUPLICATE_ARTICLE: row(
    400,
    (path: string, line: number, label: string, law: string, firstLine: number) =>
      `${path}, line ${line}: ${label} appears twice in ${law} (first on line ${firstLine}). Each article label may occur once per law version.`,
    (path, line, label, law, firstLine) =>
      `${path}，第 ${line} 行：${law}中${label}出现了两次（第一次在第 ${firstLine} 行）。同一法律版本中每个条文序号只能出现一次。`,
  ),
  MALFORMED_RECORD: row(
    400,
    (path: string, line: number, detail: Said) => `${path}, line ${line}: ${detail.en}`,
    (path, line, detail) => `${path}，第 ${line} 行：${detail.zh}`,
  ),
  UNSUPPORTED_FORMAT: row(
    400,
    (path: string) =>
      `${path}: unsupported file type. Import a folder or .md file of laws, a .jsonl file of {id, name, content}, a .csv file with columns law,article,text, or a Lexbone corpus (.jsonl.gz).`,
    (path) =>
      `${path}：不支持的文件类型。请导入法律的文件夹或 .md 文件、每行为 {id, name, content} 的 .jsonl 文件、列为 law,article,text 的 .csv 文件，或 Lexbone 语料包（.jsonl.gz）。`,
  ),
  IMPORT_PATH_INVALID: row(
    400,
    (path: string, why: Said) => `Cannot import "${path}": ${why.en}`,
    (path, why) => `无法导入“${path}”：${why.zh}`,
  ),
  UPLOAD_INVALID: row(
    400,
    (name: string, why: Said) => `Cannot import the uploaded "${name}": ${why.en}`,
    (name, why) => `无法导入上传的“${name}”：${why.zh}`,
  ),
  IMPORT_RUNNING: row(
    409,
    () => `An import is already running. Wait for it to finish.`,
    () => `已有导入正在进行，请等待其完成。`,
  ),
  DB_CORRUPT: row(
    503,
    (path: string, detail: string) =>
      `The database ${path} is damaged (${detail}). Move it aside and restart: the bundled statutes are re-imported automatically.`,
    (path, detail) => `数据库 ${path} 已损坏（${detail}）。请将其移到别处后重新启动：内置法规会自动重新导入。`,
  ),
  DB_FOREIGN: row(
    503,
    (path: string) => `${path} is not a Lexbone database. Choose another file, or move it aside so a new one can be created.`,
    (path) => `${path} 不是 Lexbone 数据库。请选择其他文件，或将其移到别处以便新建。`,
  ),
  DB_TOO_NEW: row(
    503,
    (path: string, found: number, supported: number) =>
      `${path} was written by a newer Lexbone (schema ${found}; this version knows up to ${supported}). Update Lexbone.`,
    (path, found, supported) => `${path} 由更新版本的 Lexbone 写入（结构版本 ${found}，本版本最高支持 ${supported}）。请升级 Lexbone。`,
  ),
  RESEARCH_DB_CORRUPT: row(
    503,
    (path: string, detail: string) =>
      `Your research folders file ${path} is damaged (${detail}). Lexbone has left it untouched: restore it from a backup, or move it aside to start with empty folders.`,
    (path, detail) =>
      `研究文件夹文件 ${path} 已损坏（${detail}）。Lexbone 未改动它：请从备份恢复，或将其移到别处，以空文件夹重新开始。`,
  ),
  RESEARCH_DB_FOREIGN: row(
    503,
    (path: string) =>
      `${path} is not a Lexbone research folders file. Lexbone has left it untouched: move it aside so a new one can be created.`,
    (path) => `${path} 不是 Lexbone 研究文件夹文件。Lexbone 未改动它：请将其移到别处以便新建。`,
  ),
  RESEARCH_RUN_NOT_FOUND: row(
    404,
    (runId: string, minutes: number) =>
      `There is no research run ${runId}: runs are kept for ${minutes} minutes after they end, and only the latest few. Start the research again.`,
    (runId, minutes) => `没有编号为 ${runId} 的深度检索：检索结束后只保留 ${minutes} 分钟，且只保留最近几次。请重新开始检索。`,
  ),
} as const;
