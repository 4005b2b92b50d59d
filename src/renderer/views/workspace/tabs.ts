import type { IconName } from '../../lib/ui/icons';

export type WorkspaceTab = 'gallery' | 'timeline' | 'generate' | 'jobs';

export const WORKSPACE_TABS: readonly { id: WorkspaceTab; label: string; icon: IconName }[] = [
  { id: 'gallery', label: 'Gallery', icon: 'gallery' },
  { id: 'timeline', label: 'Timeline', icon: 'timeline' },
  { id: 'generate', label: 'Generate', icon: 'sparkles' },
  { id: 'jobs', label: 'Jobs', icon: 'jobs' },
];
