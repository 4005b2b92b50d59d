import type { IconName } from '../../lib/ui/icons';

export type WorkspaceTab = 'gallery' | 'timeline' | 'jobs';

export const WORKSPACE_TABS: readonly { id: WorkspaceTab; label: string; icon: IconName }[] = [
  { id: 'gallery', label: 'Gallery', icon: 'gallery' },
  { id: 'timeline', label: 'Timeline', icon: 'timeline' },
  { id: 'jobs', label: 'Jobs', icon: 'jobs' },
];
