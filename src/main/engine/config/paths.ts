import os from 'node:os';
import path from 'node:path';

/**
 * Where Reelsmith keeps per-user state (recent projects, window state). All shells use the same folder, so a
 * project opened in the CLI or the web shell shows up in the desktop app's recent list. REELSMITH_CONFIG_DIR wins.
 */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.REELSMITH_CONFIG_DIR) return path.resolve(env.REELSMITH_CONFIG_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Reelsmith');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Reelsmith');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'reelsmith');
}

/** Where new projects are suggested. REELSMITH_PROJECTS_DIR wins. */
export function defaultProjectsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REELSMITH_PROJECTS_DIR) return path.resolve(env.REELSMITH_PROJECTS_DIR);
  return path.join(os.homedir(), 'Reelsmith');
}
