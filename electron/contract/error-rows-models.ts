/** Error rows of models, vector indexes, inference, backbone versions and A/B sessions. */
import { row } from './error-row';
import { sayIn, type Detail, type Said } from './said';

export type ModelRoleName = 'embedder' | 'reranker';

/** Why a model a version names cannot be served. */
export type MissingWhy =
  | { kind: 'absent' }
  | { kind: 'broken'; dir: string; problem: Said }
  | { kind: 'wrong-role'; installedAs: ModelRoleName };

const ROLE = {
  en: { embedder: 'embedding model', reranker: 'reranker' },
  zh: { embedder: '检索模型', reranker: '重排模型' },
} as const;

const A_ROLE = { embedder: 'an embedding model', reranker: 'a reranker' } as const;

const missingEn = (w: MissingWhy): string =>
  w.kind === 'absent' ? 'is not installed'
    : w.kind === 'broken' ? `is in a folder that cannot be used (${w.dir}: ${w.problem.en})`
      : `is installed as ${w.installedAs === 'embedder' ? 'an embedder, not as a reranker' : 'a reranker, not as an embedder'}`;

const missingZh = (w: MissingWhy): string =>
  w.kind === 'absent' ? '未安装'
    : w.kind === 'broken' ? `所在的文件夹无法使用（${w.dir}：${w.problem.zh}）`
      : `被安装为${ROLE.zh[w.installedAs]}，而不是${ROLE.zh[w.installedAs === 'embedder' ? 'reranker' : 'embedder']}`;

export const MODEL_ERRORS = {
  EMBEDDER_UNAVAILABLE: row(
    503,
    (why: Detail) =>
      `No embedder is being served (${sayIn('en', why)}). Install an embedder model in the models folder and restart the service; search still answers with keyword retrieval.`,
    (why) => `当前没有可用的检索模型（${sayIn('zh', why)}）。请在模型文件夹中安装检索模型并重启服务；检索仍可按关键词进行。`,
  ),
  RERANKER_UNAVAILABLE: row(
    503,
    (why: Detail) =>
      `No reranker is being served (${sayIn('en', why)}). Install a reranker model in the models folder and restart the service; search still answers in first-stage order.`,
    (why) => `当前没有可用的重排模型（${sayIn('zh', why)}）。请在模型文件夹中安装重排模型并重启服务；检索仍按初检顺序返回结果。`,
  ),
  RERANK_NEEDS_ARTICLES: row(
    400,
    (model: string) =>
      `The served reranker ${model} is a feature reranker: it scores what the first stage knows about a library article (BM25 and dense ranks, law priors), not raw text. Send documents as article ids (e.g. from search hits), or serve a text-pair reranker (cross-encoder, qwen3-reranker).`,
    (model) =>
      `当前的重排模型 ${model} 是特征重排模型：它依据初检对库中条文的了解（BM25 与向量排名、法律先验）打分，而不读原文。请以条文编号（例如检索结果中的编号）发送文档，或改用文本对重排模型（cross-encoder、qwen3-reranker）。`,
  ),
  INFERENCE_UNAVAILABLE: row(
    503,
    (detail: Detail) => `The inference process is not available (${sayIn('en', detail)}). It restarts on its own; try again in a moment.`,
    (detail) => `推理进程暂不可用（${sayIn('zh', detail)}）。它会自动重启，请稍后再试。`,
    1,
  ),
  MODEL_INVALID: row(
    503,
    (dir: string, detail: Detail) =>
      `Model folder ${dir}: ${sayIn('en', detail)}. Fix manifest.json (or the file named) in that folder, or remove the folder.`,
    (dir, detail) => `模型文件夹 ${dir}：${sayIn('zh', detail)}。请修正该文件夹中的 manifest.json（或所指文件），或删除该文件夹。`,
  ),
  MODEL_FILE_MISSING: row(
    503,
    (dir: string, file: string) =>
      `Model folder ${dir}: ${file} is missing. Copy the file into the folder, or correct "files" in its manifest.json.`,
    (dir, file) => `模型文件夹 ${dir}：缺少 ${file}。请将该文件复制到文件夹中，或修正其 manifest.json 中的 "files"。`,
  ),
  MODEL_SHAPE_MISMATCH: row(
    503,
    (dir: string, detail: string) =>
      `Model folder ${dir}: ${detail}. The model file does not fit its manifest: correct manifest.json or re-export the model.`,
    (dir, detail) => `模型文件夹 ${dir}：${detail}。模型文件与其 manifest 不符：请修正 manifest.json 或重新导出模型。`,
  ),
  UNKNOWN_FAMILY: row(
    503,
    (dir: string, family: string, known: string) =>
      `Model folder ${dir}: unknown model family "${family}". Set "family" in its manifest.json to one of: ${known}.`,
    (dir, family, known) => `模型文件夹 ${dir}：未知的模型类别“${family}”。请将其 manifest.json 中的 "family" 设为以下之一：${known}。`,
  ),
  MODEL_WRONG_ROLE: row(
    503,
    (dir: string, role: ModelRoleName, wanted: ModelRoleName) =>
      `Model folder ${dir} holds ${A_ROLE[role]}, not ${A_ROLE[wanted]}. Choose ${A_ROLE[wanted]}, or correct "role" in its manifest.json.`,
    (dir, role, wanted) =>
      `模型文件夹 ${dir} 中是${ROLE.zh[role]}，不是${ROLE.zh[wanted]}。请选择${ROLE.zh[wanted]}，或修正其 manifest.json 中的 "role"。`,
  ),
  MODEL_LOAD_FAILED: row(
    503,
    (dir: string, detail: string) => `Model folder ${dir}: the model could not be loaded (${detail}). Re-download or re-export model.onnx.`,
    (dir, detail) => `模型文件夹 ${dir}：模型无法加载（${detail}）。请重新下载或重新导出 model.onnx。`,
  ),
  MODEL_NEEDS_FEATURES: row(
    409,
    (dir: string) =>
      `Model folder ${dir} is a feature reranker: it scores feature vectors, not text. Compute the features and call scoreFeatures.`,
    (dir) => `模型文件夹 ${dir} 是特征重排模型：它为特征向量打分，而不是文本。请先计算特征，再调用 scoreFeatures。`,
  ),
  MODEL_CLOSED: row(
    503,
    (id: string) => `The model ${id} has been closed. Load it again before using it.`,
    (id) => `模型 ${id} 已关闭。请重新加载后再使用。`,
  ),
  MODEL_NOT_INSTALLED: row(
    409,
    (role: ModelRoleName, id: string, version: string | null, why: MissingWhy, folder: string) =>
      `${version === null ? 'The start-up options' : `The active backbone version "${version}"`} uses the ${ROLE.en[role]} "${id}", which ${missingEn(why)}. Copy the model's folder (with its manifest.json) into ${folder} and restart Lexbone, roll back to the previous version, or use the built-in models.`,
    (role, id, version, why, folder) =>
      `${version === null ? '启动选项' : `当前启用的版本“${version}”`}使用的${ROLE.zh[role]}“${id}”${missingZh(why)}。请将该模型的文件夹（连同其 manifest.json）复制到 ${folder} 并重启 Lexbone，或回滚到上一个版本，或改用内置模型。`,
  ),
  NO_BUILTIN_MODELS: row(
    404,
    () => `No built-in models are installed. Reinstall Lexbone, or copy a model folder into the models folder.`,
    () => `未安装内置模型。请重新安装 Lexbone，或将模型文件夹复制到模型文件夹中。`,
  ),
  VECTOR_EXTENSION_MISSING: row(
    503,
    (detail: string) =>
      `The vector search extension (sqlite-vec) could not be loaded (${detail}). Reinstall Lexbone; keyword search still works.`,
    (detail) => `向量检索扩展（sqlite-vec）无法加载（${detail}）。请重新安装 Lexbone；关键词检索仍可使用。`,
  ),
  VECTOR_INDEX_NOT_FOUND: row(
    404,
    (key: string) =>
      `There is no vector index for the model ${key}. Index the library with this model first; keyword search still works.`,
    (key) => `模型 ${key} 没有向量索引。请先用该模型为法规库建立索引；关键词检索仍可使用。`,
  ),
  VECTOR_INDEX_NOT_READY: row(
    503,
    (key: string, done: number, total: number) =>
      `The vector index for ${key} is still being built (${done} of ${total} articles). Keyword search works meanwhile; try again when indexing has finished.`,
    (key, done, total) => `${key} 的向量索引仍在建立中（${done} / ${total} 条）。其间关键词检索可用；请在索引完成后再试。`,
  ),
  VECTOR_INDEX_STALE: row(
    409,
    (key: string) =>
      `The vector index for ${key} was built with a different version of this model. Re-index the library before searching with it.`,
    (key) => `${key} 的向量索引是用该模型的另一版本建立的。请先重新建立索引，再用它检索。`,
  ),
  VECTOR_MODEL_MISMATCH: row(
    409,
    (detail: string) => `The query does not fit the vector index: ${detail}. Search with the model the index was built with.`,
    (detail) => `查询与向量索引不匹配：${detail}。请使用建立该索引的模型进行检索。`,
  ),
  VERSION_NOT_FOUND: row(
    404,
    (id: number) => `There is no backbone version ${id}. List the versions and choose one of them.`,
    (id) => `没有编号为 ${id} 的模型版本。请列出版本后从中选择。`,
  ),
  NO_EARLIER_VERSION: row(
    409,
    () => `There is no earlier backbone version to roll back to.`,
    () => `没有更早的模型版本可以回滚。`,
  ),
  AB_NO_QUERIES: row(
    400,
    () => `There are no recent searches to compare the versions on. Search a few times first, or paste the queries, one per line.`,
    () => `没有近期的检索可用于比较版本。请先检索几次，或粘贴查询（每行一条）。`,
  ),
  AB_MODEL_MISSING: row(
    409,
    (version: string, model: string) =>
      `Version ${version} needs the model ${model}, which is not installed. Install it (Models & index), or choose another version.`,
    (version, model) => `版本 ${version} 需要模型 ${model}，但它未安装。请安装（模型与索引页），或选择其他版本。`,
  ),
  AB_BUSY: row(
    409,
    () => `An A/B session is already being prepared. Wait for it to finish, then start the next one.`,
    () => `已有 A/B 评测正在准备中。请等待其完成后再开始下一个。`,
  ),
  AB_CANCELLED: row(
    409,
    () => `The A/B preparation was cancelled; nothing was saved. Prepare the session again when you want it.`,
    () => `A/B 评测的准备已取消，未保存任何内容。需要时请重新准备。`,
  ),
  AB_SESSION_NOT_FOUND: row(
    404,
    (id: string) => `There is no A/B session "${id}". Choose one from the list of sessions.`,
    (id) => `没有名为“${id}”的 A/B 评测。请从评测列表中选择。`,
  ),
  AB_SESSION_NOT_READY: row(
    409,
    (id: string) => `The A/B session "${id}" is still being prepared. Wait until its progress bar is full.`,
    (id) => `A/B 评测“${id}”仍在准备中。请等待进度条走满。`,
  ),
  AB_SESSION_DAMAGED: row(
    500,
    (path: string, detail: string) =>
      `The A/B session file ${path} cannot be read (${detail}). Lexbone has left it untouched: restore it from a backup, or delete it and prepare the session again.`,
    (path, detail) => `A/B 评测文件 ${path} 无法读取（${detail}）。Lexbone 未改动它：请从备份恢复，或删除后重新准备评测。`,
  ),
  AB_ITEM_NOT_FOUND: row(
    404,
    (index: number, count: number) => `There is no item ${index} in this A/B session (it has items 0 to ${count - 1}).`,
    (index, count) => `此 A/B 评测中没有第 ${index} 项（共有第 0 至 ${count - 1} 项）。`,
  ),
  FEEDBACK_TOO_LITTLE: row(
    409,
    (questions: number) => `There is not enough feedback to train on: ${questions} question${questions === 1 ? '' : 's'} with a relevant article the library has (one in five is kept aside to measure the result). Mark more results relevant, pin them, or add the right article to unanswered questions, then train again.`,
    (questions) => `反馈不足，无法训练：只有 ${questions} 个问题带有库中存在的相关条文（其中五分之一留作检验）。请标记更多相关结果、收藏条文，或为未解决的问题补充正确条文后再训练。`,
  ),
  FEEDBACK_TRAINING_CANCELLED: row(
    409,
    () => `Training from feedback was cancelled; nothing was written, and the active version is unchanged.`,
    () => `已取消基于反馈的训练；未写入任何内容，当前版本未改变。`,
  ),
  FEEDBACK_TRAINING_RUNNING: row(
    409,
    () => `A training from feedback is already running. Wait for it to finish or cancel it first.`,
    () => `已有一个基于反馈的训练在进行。请等待其完成或先取消。`,
  ),
  FEEDBACK_TRAINING_UNAVAILABLE: row(
    409,
    (why: string, whyZh: string) => `Training from feedback needs ${why}.`,
    (_why, whyZh) => `基于反馈的训练需要${whyZh}。`,
  ),
} as const;
