import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where models live. Bundled ones are in the app's resources/models: found from this module's location by walking
 * up to the app folder (src/main/engine/inference in a checkout, out/main[/chunks] when built, the same inside
 * app.asar when packaged). A user's own models are in their data folder. REELSMITH_MODELS_DIR wins for bundled ones.
 */

export function bundledModelsDir(
  moduleDir: string = path.dirname(fileURLToPath(import.meta.url)),
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = fs.existsSync,
): string | null {
  if (env.REELSMITH_MODELS_DIR) return path.resolve(env.REELSMITH_MODELS_DIR);
  let dir = moduleDir;
  for (let depth = 0; depth < 6; depth += 1) {
    if (exists(path.join(dir, 'package.json'))) {
      // onnxruntime opens model files natively, and native code cannot read inside app.asar; electron-builder
      // unpacks resources/ beside it (asarUnpack).
      return path.join(dir, 'resources', 'models').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/** `<configDir>/models/<id>/{model.json,*.onnx}`: the config folder is Electron's userData too (see app.ts). */
export function userModelsDir(configDir: string): string {
  return path.join(configDir, 'models');
}
