/**
 * The desktop shell's side of the renderer: menu clicks (View › Search … Evaluation, File › Import
 * statutes…) set the location hash, and the UI language is passed on so the menu speaks it. In web
 * mode there is no `window.lexboneShell` and this does nothing.
 */
import { useEffect } from 'react';
import { menuEventHash, type ShellBridge } from '../../../electron/contract/shell-types';
import type { Lang } from '../i18n/lang';

declare global {
  interface Window {
    lexboneShell?: ShellBridge;
  }
}

export function desktopShell(): ShellBridge | null {
  return typeof window !== 'undefined' && window.lexboneShell ? window.lexboneShell : null;
}

export function useDesktopShell(lang: Lang): void {
  useEffect(() => {
    const shell = desktopShell();
    if (!shell) return;
    // Each File › Import statutes… is a new request (n), so a second one while the hash still says
    // action=import changes the hash and brings the import into view again.
    let imports = 0;
    return shell.onMenu((event) => {
      window.location.hash = menuEventHash(event, event.type === 'import-statutes' ? ++imports : undefined);
    });
  }, []);

  useEffect(() => {
    desktopShell()?.setLanguage(lang);
  }, [lang]);
}
