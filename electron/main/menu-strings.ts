/** The application menu's and the about box's words, in the UI's two languages. */
import type { ShellLang, ShellPage } from '../contract/shell-types';

const zh = {
  file: '文件',
  importStatutes: '导入法规…',
  openDataFolder: '打开数据文件夹',
  quit: '退出 Lexbone',
  edit: '编辑',
  view: '视图',
  pages: { search: '检索', research: '深入研究', folders: '研究文件夹', models: '模型与索引', eval: '评测' } as Record<ShellPage, string>,
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  fullScreen: '切换全屏',
  reload: '重新载入',
  devTools: '开发者工具',
  window: '窗口',
  help: '帮助',
  about: '关于 Lexbone',
  openModelsFolder: '打开模型文件夹',
  docs: '使用说明',
  aboutTitle: '关于 Lexbone',
  aboutMessage: (version: string) => `Lexbone 法律检索 ${version}`,
  aboutDetail: (dataDir: string, runtime: string) => `离线检索中国法律法规。\n\n数据文件夹：${dataDir}\n${runtime}`,
  ok: '好',
};

const en: typeof zh = {
  file: 'File',
  importStatutes: 'Import statutes…',
  openDataFolder: 'Open data folder',
  quit: 'Quit Lexbone',
  edit: 'Edit',
  view: 'View',
  pages: { search: 'Search', research: 'Deep research', folders: 'Research folders', models: 'Models & index', eval: 'Evaluation' },
  resetZoom: 'Actual size',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fullScreen: 'Toggle full screen',
  reload: 'Reload',
  devTools: 'Developer tools',
  window: 'Window',
  help: 'Help',
  about: 'About Lexbone',
  openModelsFolder: 'Open models folder',
  docs: 'Documentation',
  aboutTitle: 'About Lexbone',
  aboutMessage: (version: string) => `Lexbone Legal Research ${version}`,
  aboutDetail: (dataDir: string, runtime: string) => `Chinese laws and regulations, searched offline.\n\nData folder: ${dataDir}\n${runtime}`,
  ok: 'OK',
};

export type MenuStrings = typeof zh;
export const MENU_STRINGS: Record<ShellLang, MenuStrings> = { zh, en };
