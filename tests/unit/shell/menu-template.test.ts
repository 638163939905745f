import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuCommand } from '../../../electron/main/menu-template';

type Item = MenuItemConstructorOptions;

function build(platform: NodeJS.Platform, lang: 'zh' | 'en' = 'zh', isPackaged = true) {
  const commands: MenuCommand[] = [];
  const template = buildMenuTemplate({ platform, lang, isPackaged, onCommand: (c) => commands.push(c) });
  return { template, commands };
}

const submenu = (item: Item | undefined): Item[] => (Array.isArray(item?.submenu) ? (item.submenu as Item[]) : []);
const byId = (items: Item[], id: string): Item | undefined => items.find((i) => i.id === id);
const roles = (items: Item[]): string[] => items.filter((i) => i.role).map((i) => String(i.role));
/** Every item of the template, depth first. */
const all = (items: Item[]): Item[] => items.flatMap((i) => [i, ...all(submenu(i))]);
const click = (item: Item | undefined): void => (item?.click as unknown as () => void)();

describe('the application menu', () => {
  it('on Windows and Linux: File, Edit, View, Help, with quit in File and about in Help', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const { template } = build(platform);
      expect(template.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
      const file = submenu(byId(template, 'file'));
      expect(file.map((i) => i.id ?? i.role ?? i.type)).toEqual(['import-statutes', 'open-data-folder', 'separator', 'quit']);
      expect(byId(submenu(byId(template, 'help')), 'about')?.label).toBe('关于 Lexbone');
    }
  });

  it('on macOS: the app menu first (about, services, hide, quit) and a Window menu; no quit in File', () => {
    const { template } = build('darwin');
    expect(template.map((m) => m.label ?? m.role)).toEqual(['Lexbone', '文件', '编辑', '视图', '窗口', '帮助']);
    const appMenu = submenu(template[0]);
    expect(appMenu[0]?.id).toBe('about');
    expect(roles(appMenu)).toEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(submenu(byId(template, 'file')))).toEqual([]);
    expect(byId(submenu(byId(template, 'help')), 'about')).toBeUndefined();
    expect(template[4]?.role).toBe('windowMenu');
    expect(roles(submenu(byId(template, 'edit')))).toContain('pasteAndMatchStyle');
  });

  it('Edit uses the standard roles, so copy and paste work in every text field', () => {
    const edit = roles(submenu(byId(build('linux').template, 'edit')));
    expect(edit).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  });

  it('View opens the five pages with Ctrl/Cmd+1…5, then zoom and full screen', () => {
    const { template, commands } = build('linux');
    const view = submenu(byId(template, 'view'));
    const pages = view.filter((i) => i.id?.startsWith('page-'));
    expect(pages.map((i) => [i.label, i.accelerator])).toEqual([
      ['检索', 'CmdOrCtrl+1'],
      ['深入研究', 'CmdOrCtrl+2'],
      ['研究文件夹', 'CmdOrCtrl+3'],
      ['模型与索引', 'CmdOrCtrl+4'],
      ['评测', 'CmdOrCtrl+5'],
    ]);
    for (const item of pages) click(item);
    expect(commands).toEqual(['search', 'research', 'folders', 'models', 'eval'].map((page) => ({ kind: 'navigate', page })));
    expect(roles(view)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });

  it('has dev tools and reload only when not packaged', () => {
    const dev = roles(submenu(byId(build('linux', 'zh', false).template, 'view')));
    expect(dev).toContain('toggleDevTools');
    expect(dev).toContain('reload');
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const packaged = all(build(platform, 'zh', true).template).map((i) => i.role);
      expect(packaged).not.toContain('toggleDevTools');
      expect(packaged).not.toContain('reload');
      expect(packaged).not.toContain('forceReload');
    }
  });

  it('File and Help items send their commands', () => {
    const { template, commands } = build('win32');
    click(byId(submenu(byId(template, 'file')), 'import-statutes'));
    click(byId(submenu(byId(template, 'file')), 'open-data-folder'));
    for (const id of ['about', 'open-models-folder', 'docs']) click(byId(submenu(byId(template, 'help')), id));
    expect(commands.map((c) => c.kind)).toEqual(['import-statutes', 'open-data-folder', 'about', 'open-models-folder', 'docs']);
    expect(byId(submenu(byId(template, 'file')), 'import-statutes')?.accelerator).toBe('CmdOrCtrl+O');
  });

  it('speaks English when the UI does, with the same structure', () => {
    const zh = build('darwin', 'zh').template;
    const en = build('darwin', 'en').template;
    expect(en.map((m) => m.label)).toEqual(['Lexbone', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(submenu(byId(en, 'view')).filter((i) => i.id?.startsWith('page-')).map((i) => i.label)).toEqual([
      'Search', 'Deep research', 'Research folders', 'Models & index', 'Evaluation',
    ]);
    const shape = (items: Item[]) => all(items).map((i) => i.id ?? i.role ?? i.type ?? 'label');
    expect(shape(en)).toEqual(shape(zh));
    // No item is left without words in either language (roles bring their own).
    for (const item of all(en)) if (!item.role && item.type !== 'separator') expect(item.label).toMatch(/[A-Za-z]/);
  });

  it('gives every accelerator to one item only', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const accelerators = all(build(platform, 'en', false).template).flatMap((i) => (i.accelerator ? [String(i.accelerator)] : []));
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });
});
