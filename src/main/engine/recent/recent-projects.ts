import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { RecentProject } from '../../../shared/api';
import { writeFileAtomic } from '../storage/atomic-write';
import { PROJECT_FILE } from '../project/project-folder';

const RECENT_FILE = 'recent-projects.json';
const RECENT_LIMIT = 20;

const RecentFileSchema = z.object({
  version: z.literal(1),
  projects: z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.iso.datetime() })),
});
type StoredRecent = z.infer<typeof RecentFileSchema>['projects'][number];

/**
 * The recent-projects list in the user's config folder, shared by every shell. A damaged file is treated as an
 * empty list (it holds nothing that cannot be rebuilt) and replaced on the next write.
 */
export class RecentProjects {
  private readonly file: string;

  constructor(configDir: string) {
    this.file = path.join(configDir, RECENT_FILE);
  }

  async list(): Promise<RecentProject[]> {
    const stored = await this.read();
    return Promise.all(stored.map(async (p) => ({ ...p, exists: await projectExists(p.path) })));
  }

  async touch(entry: { path: string; name: string; openedAt: string }): Promise<void> {
    const rest = (await this.read()).filter((p) => p.path !== entry.path);
    await this.write([entry, ...rest].slice(0, RECENT_LIMIT));
  }

  /** Follows a rename of a listed project; returns whether the list changed. */
  async rename(projectPath: string, name: string): Promise<boolean> {
    const stored = await this.read();
    const entry = stored.find((p) => p.path === projectPath);
    if (!entry || entry.name === name) return false;
    await this.write(stored.map((p) => (p === entry ? { ...p, name } : p)));
    return true;
  }

  async remove(projectPath: string): Promise<void> {
    await this.write((await this.read()).filter((p) => p.path !== projectPath));
  }

  private async read(): Promise<StoredRecent[]> {
    try {
      const parsed = RecentFileSchema.safeParse(JSON.parse(await fs.readFile(this.file, 'utf8')));
      return parsed.success ? parsed.data.projects : [];
    } catch {
      return [];
    }
  }

  private async write(projects: StoredRecent[]): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, projects }, null, 2)}\n`);
  }
}

async function projectExists(folder: string): Promise<boolean> {
  try {
    await fs.access(path.join(folder, PROJECT_FILE));
    return true;
  } catch {
    return false;
  }
}
