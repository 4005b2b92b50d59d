import type { MediaKind } from '../../../shared/media';
import type { IconName } from '../../lib/ui/icons';

/** The icon that stands for each kind of media, wherever the gallery names a kind. */
export const KIND_ICONS: Record<MediaKind, IconName> = { video: 'film', audio: 'audio', image: 'image' };
