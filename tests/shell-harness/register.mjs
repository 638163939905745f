/** `node --import register.mjs out/main/index.js`: `electron` resolves to the stand-in (electron.mjs). */
import { register } from 'node:module';

register('./resolve-electron.mjs', import.meta.url);
