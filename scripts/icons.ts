/**
 * Renders the app icon from build/icon.svg: build/icon.png (1024×1024, what electron-builder
 * turns into the Windows .ico, the macOS .icns and the Linux icons) and renderer/public/favicon.png
 * (64×64, the browser tab in web mode). The SVG's 法 uses Noto Serif CJK (Debian: fonts-noto-cjk).
 *
 *   npx tsx scripts/icons.ts
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';

const ROOT = join(import.meta.dirname, '..');
const svg = readFileSync(join(ROOT, 'build', 'icon.svg'), 'utf8');
const targets = [
  { path: join(ROOT, 'build', 'icon.png'), size: 1024 },
  { path: join(ROOT, 'renderer', 'public', 'favicon.png'), size: 64 },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  for (const { path, size } of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const sized = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.evaluate(() => document.fonts.ready);
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`icons: ${path} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
