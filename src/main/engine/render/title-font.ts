import fs from 'node:fs';

/** Fonts that ship with the system on each platform, tried in order. */
const TITLE_FONTS: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  linux: [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/TTF/DejaVuSans.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  ],
  darwin: ['/System/Library/Fonts/Supplemental/Arial.ttf', '/System/Library/Fonts/Helvetica.ttc'],
  win32: ['C:\\Windows\\Fonts\\arial.ttf', 'C:\\Windows\\Fonts\\segoeui.ttf'],
};

/** A font file for titles, or null to let fontconfig choose (ffmpeg builds without fontconfig then fail clearly). */
export function findTitleFont(platform: NodeJS.Platform = process.platform, exists: (file: string) => boolean = fs.existsSync): string | null {
  return (TITLE_FONTS[platform] ?? []).find((file) => exists(file)) ?? null;
}
