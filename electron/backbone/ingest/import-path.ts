import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, resolve, sep } from 'node:path';
import { createError } from '../../contract/errors';
import { isBundlePath } from './corpus-bundle';
import { said } from '../../contract/said';

/** The file types a single-file import accepts (a folder holds laws-cn markdown). */
export function isSupportedFile(name: string): boolean {
  return isBundlePath(name) || ['.md', '.jsonl', '.csv'].includes(extname(name).toLowerCase());
}

const inside = (path: string, root: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/** The real path of an import folder (as given when it does not exist yet). */
function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return resolve(root);
  }
}

function outsideRoots(path: string, roots: readonly string[]) {
  return createError('IMPORT_PATH_INVALID', path, said(
    `this service imports only from its import folders (${roots.join(', ')}). Copy the files into one of them, or upload them instead.`,
    `本服务只从其导入文件夹（${roots.join('、')}）导入。请将文件复制到其中之一，或改用上传。`,
  ));
}

/**
 * Checks a path a user typed for importing on the machine running the backbone (the desktop app,
 * an admin's service) before anything is read: an absolute path, without `..` segments or control
 * characters, to an existing folder or a file of a supported type. With `roots` (a shared service's
 * import folders) the path must lie inside one of them, also once symbolic links are followed; a
 * path outside is refused before the file system is asked about it. Returns the path to import.
 */
export function checkImportPath(raw: string, roots: readonly string[] | null = null): string {
  const path = raw.trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(path)) throw createError('IMPORT_PATH_INVALID', path, said('the path contains a control character. Type or paste the path again.', '路径中含有控制字符。请重新输入或粘贴路径。'));
  if (!isAbsolute(path)) {
    throw createError('IMPORT_PATH_INVALID', path, said('give the full path, e.g. /home/me/laws or C:\\laws (relative paths are not accepted: the service runs in another folder than yours).', '请填写完整路径，例如 /home/me/laws 或 C:\\laws（不接受相对路径：服务运行的文件夹与您的不同）。'));
  }
  if (path.split(/[\\/]+/).includes('..')) {
    throw createError('IMPORT_PATH_INVALID', path, said('the path contains "..". Write the folder or file itself, without "..".', '路径中含有“..”。请直接写出文件夹或文件本身，不要使用“..”。'));
  }
  const allowed = roots?.map(realRoot) ?? null;
  const given = roots?.map((r) => resolve(r)) ?? [];
  if (allowed && ![...given, ...allowed].some((r) => inside(resolve(path), r))) throw outsideRoots(path, roots!);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw createError('FILE_NOT_FOUND', path);
  }
  // A link inside an import folder may point outside it.
  if (allowed && !allowed.some((r) => inside(realpathSync(path), r))) throw outsideRoots(path, roots!);
  if (stat.isDirectory()) return resolve(path);
  if (!stat.isFile()) throw createError('IMPORT_PATH_INVALID', path, said('it is neither a file nor a folder. Choose a folder of .md files or a .md, .jsonl, .csv or .jsonl.gz file.', '它既不是文件也不是文件夹。请选择一个存放 .md 文件的文件夹，或一个 .md、.jsonl、.csv 或 .jsonl.gz 文件。'));
  if (!isSupportedFile(path)) throw createError('UNSUPPORTED_FORMAT', path);
  return resolve(path);
}
