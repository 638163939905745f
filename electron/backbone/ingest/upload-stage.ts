import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createError } from '../../contract/errors';
import type { UploadedFile } from '../../contract/models-types';
import type { ImportReport } from '../../contract/types';
import { isSupportedFile } from './import-path';
import { MAX_SOURCE_BYTES } from './read-source';
import { said } from '../../contract/said';

/** Uploaded files written to a temporary folder, ready to import as one source. */
export interface StagedUpload {
  /** What to import: the single file, or the folder. */
  source: string;
  /** The name the user knows it by: the chosen folder's name, or the file's name. */
  display: string;
  /** Files of an uploaded folder that are not markdown, left out. */
  skipped: { file: string; reason: string }[];
  /** Puts the user's names back into a message or report that names the temporary folder. */
  rename(text: string): string;
  cleanup(): void;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Splits an uploaded relative path into safe segments, or refuses it saying why. */
function segmentsOf(path: string): string[] {
  const name = path.replace(/\\/g, '/');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) throw createError('UPLOAD_INVALID', path, said('the file name contains a control character.', '文件名中含有控制字符。'));
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) throw createError('UPLOAD_INVALID', path, said('upload paths must be relative to the chosen folder, not absolute.', '上传路径必须相对于所选文件夹，不能是绝对路径。'));
  const parts = name.split('/');
  if (parts.some((p) => p === '..' || p === '.' || p === '')) {
    throw createError('UPLOAD_INVALID', path, said('the path has an empty, "." or ".." part. Choose the files or folder again.', '路径中有空的、“.”或“..”的部分。请重新选择文件或文件夹。'));
  }
  if (parts.length > 16) throw createError('UPLOAD_INVALID', path, said('the folder is nested more than 16 levels deep.', '文件夹嵌套超过 16 层。'));
  return parts;
}

function decode(file: UploadedFile): Buffer {
  if (file.base64.length % 4 !== 0 || !BASE64.test(file.base64)) throw createError('UPLOAD_INVALID', file.path, said('the content is not valid base64.', '内容不是有效的 base64 编码。'));
  return Buffer.from(file.base64, 'base64');
}

/** One uploaded file, decoded: its path segments and bytes. */
interface DecodedFile {
  parts: string[];
  bytes: Buffer;
}

/**
 * Files uploaded over several requests (each within the HTTP body limit), kept in memory until
 * imported: a file may come in pieces (`append`), paths are checked as they arrive, and the total
 * is held to the importer's size limit.
 */
export class UploadArea {
  private readonly files = new Map<string, { parts: string[]; chunks: Buffer[] }>();
  private size = 0;
  touched = Date.now();

  add(files: (UploadedFile & { append?: boolean })[]): void {
    const decoded = files.map((f) => ({ f, parts: segmentsOf(f.path), bytes: decode(f) }));
    const added = decoded.reduce((n, d) => n + d.bytes.length, 0);
    if (this.size + added > MAX_SOURCE_BYTES) {
      throw createError('FILE_TOO_LARGE', files[0]!.path, Math.round((this.size + added) / 1048576), MAX_SOURCE_BYTES / 1048576);
    }
    const fresh = new Set<string>();
    for (const { f, parts } of decoded) {
      const key = parts.join('/');
      const exists = this.files.has(key) || fresh.has(key);
      if (f.append && !exists) throw createError('UPLOAD_INVALID', f.path, said('a piece was sent for a file that was not started. Choose the files again.', '收到了一个尚未开始上传的文件的片段。请重新选择文件。'));
      if (!f.append && exists) throw createError('UPLOAD_INVALID', f.path, said('two uploaded files have this path.', '有两个上传的文件使用此路径。'));
      fresh.add(key);
    }
    for (const { f, parts, bytes } of decoded) {
      const key = parts.join('/');
      if (f.append) this.files.get(key)!.chunks.push(bytes);
      else this.files.set(key, { parts, chunks: [bytes] });
    }
    this.size += added;
    this.touched = Date.now();
  }

  get fileCount(): number {
    return this.files.size;
  }

  get bytes(): number {
    return this.size;
  }

  decoded(): DecodedFile[] {
    return [...this.files.values()].map((f) => ({ parts: f.parts, bytes: Buffer.concat(f.chunks) }));
  }
}

/**
 * Checks uploaded files and writes them into a new temporary folder. One file is imported as that
 * file (a supported type); several as a folder of laws-cn markdown (other files are listed as
 * skipped). Nothing is written unless every path and content is valid.
 */
export function stageUpload(files: UploadedFile[] | UploadArea, base = tmpdir()): StagedUpload {
  let area = files instanceof UploadArea ? files : null;
  if (!area) {
    area = new UploadArea();
    area.add(files as UploadedFile[]);
  }
  const decoded = area.decoded();
  if (decoded.length === 0) throw createError('UPLOAD_INVALID', 'upload', said('no files were uploaded. Choose the files again.', '没有上传任何文件。请重新选择文件。'));

  const single = decoded.length === 1 ? decoded[0]! : null;
  if (single && !isSupportedFile(single.parts.at(-1)!)) throw createError('UNSUPPORTED_FORMAT', single.parts.join('/'));
  const markdown = single ? decoded : decoded.filter((f) => f.parts.at(-1)!.toLowerCase().endsWith('.md'));
  const skipped = single ? [] : decoded.filter((f) => !markdown.includes(f)).map((f) => ({ file: f.parts.join('/'), reason: 'not a markdown (.md) file' }));
  if (markdown.length === 0) throw createError('UPLOAD_INVALID', decoded[0]!.parts[0]!, said('the folder holds no .md files. Choose a folder of laws in the laws-cn markdown layout.', '该文件夹中没有 .md 文件。请选择按 laws-cn markdown 格式存放法律的文件夹。'));

  // All files under one top folder (a folder picked with its name): import that folder.
  const top = markdown[0]!.parts[0]!;
  const oneFolder = !single && markdown.every((f) => f.parts.length > 1 && f.parts[0] === top);
  const root = mkdtempSync(join(base, 'lexbone-upload-'));
  try {
    for (const f of markdown) {
      const target = join(root, ...f.parts);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.bytes);
    }
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  const source = single ? join(root, ...single.parts) : oneFolder ? join(root, top) : root;
  const display = single ? single.parts.join('/') : oneFolder ? top : markdown.length === 1 ? markdown[0]!.parts.join('/') : 'upload';
  // The importer names files relative to its working folder, or by their full path.
  const prefixes = [...new Set([root, relative(process.cwd(), root)])].filter(Boolean).sort((a, b) => b.length - a.length);
  const rename = (text: string): string => {
    let out = text;
    for (const p of prefixes) out = out.split(`${p}/`).join('').split(`${p}\\`).join('').split(p).join(display);
    return out;
  };
  return { source, display, skipped, rename, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The report with the user's names in place of the temporary folder, and the staged skips added. */
export function renameReport(report: ImportReport, staged: StagedUpload): ImportReport {
  return {
    ...report,
    source: staged.display,
    skipped: [...staged.skipped, ...report.skipped.map((s) => ({ file: staged.rename(s.file), reason: staged.rename(s.reason) }))],
  };
}
