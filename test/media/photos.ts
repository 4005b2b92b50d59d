import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Real photographs for the upscaling quality tests and bench: camera pictures from Debian's `lomiri-wallpapers-16.04`
 * (15 MB, no dependencies; the Ubuntu Touch wallpapers, each photo under its author's CC licence, listed in
 * /usr/share/doc/lomiri-wallpapers-16.04/copyright). Generated test patterns would not do: a super-resolution model
 * is trained on natural photographs, and only on them is "beats bicubic" a claim worth testing.
 */

export const PHOTO_PACKAGE = 'lomiri-wallpapers-16.04';
const PHOTO_DIR = '/usr/share/backgrounds';

export interface RealPhoto {
  /** A short name for test titles and printed tables. */
  name: string;
  path: string;
  /** The photo's licence as the package's copyright file gives it. */
  license: string;
  /** What is on it: varied textures, so one kind of picture cannot carry the result. */
  subject: string;
}

const PHOTOS: readonly (Omit<RealPhoto, 'path'> & { file: string })[] = [
  { name: 'aitzgorri', file: 'aitzgorri_by_Aitzol_Berasategi.jpg', license: 'CC-BY-4.0 (Aitzol Berasategi)', subject: 'mountain ridge, autumn forest, meadow' },
  { name: 'life', file: 'life_by_Aitzol_Berasategi.jpg', license: 'CC-BY-4.0 (Aitzol Berasategi)', subject: 'forest stream over rocks' },
  { name: 'picosdeeuropa', file: 'picosdeeuropa_by_Aitzol_Berasategi.jpg', license: 'CC-BY-4.0 (Aitzol Berasategi)', subject: 'rocky peaks, snow, clouds, path' },
  { name: 'Dragonfly', file: 'Dragonfly_by_Bolly.jpg', license: 'CC-BY-SA-4.0 (Bolly)', subject: 'foliage against the sky' },
  { name: 'Picture_0B', file: 'Picture_0B_by_freespace.jpg', license: 'CC-BY-4.0 (Trevor "Freespace")', subject: 'fig on a plate, concrete' },
  { name: 'seeding', file: 'seeding_by_Clements_Engelhardt.jpg', license: 'CC0-1.0 (Clemens Engelhardt)', subject: 'dandelion clocks in grass, backlit' },
];

/**
 * The photographs, or an error that says what to install. Never a skip: a quality test that silently does not run
 * would let a broken upscaler pass.
 */
export function realPhotos(): RealPhoto[] {
  const photos = PHOTOS.map(({ file, ...photo }) => ({ ...photo, path: path.join(PHOTO_DIR, file) }));
  const missing = photos.filter((photo) => !existsSync(photo.path));
  if (missing.length > 0) {
    throw new Error(
      `The real photographs for the upscaling tests are missing (${missing.map((photo) => photo.path).join(', ')}). ` +
        `Install the Debian package ${PHOTO_PACKAGE}: sudo apt-get install --no-install-recommends ${PHOTO_PACKAGE} (.ci/run does it on CI).`,
    );
  }
  return photos;
}
