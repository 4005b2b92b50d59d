import type { FrameRate, FrameSize, ProjectSettings } from '../../../shared/project/document';

export interface FrameRatePreset {
  label: string;
  rate: FrameRate;
}

export interface FrameSizePreset {
  label: string;
  /** What the shape is for, shown beside the numbers. */
  use: string;
  size: FrameSize;
}

/** NTSC rates are exact fractions (30000/1001), never rounded decimals, so timecode stays frame-accurate. */
export const FRAME_RATE_PRESETS: readonly FrameRatePreset[] = [
  { label: '23.976', rate: { num: 24000, den: 1001 } },
  { label: '24', rate: { num: 24, den: 1 } },
  { label: '25', rate: { num: 25, den: 1 } },
  { label: '29.97', rate: { num: 30000, den: 1001 } },
  { label: '30', rate: { num: 30, den: 1 } },
  { label: '50', rate: { num: 50, den: 1 } },
  { label: '59.94', rate: { num: 60000, den: 1001 } },
  { label: '60', rate: { num: 60, den: 1 } },
];

export const FRAME_SIZE_PRESETS: readonly FrameSizePreset[] = [
  { label: '1920 × 1080', use: 'HD', size: { width: 1920, height: 1080 } },
  { label: '3840 × 2160', use: '4K UHD', size: { width: 3840, height: 2160 } },
  { label: '1080 × 1920', use: 'Vertical', size: { width: 1080, height: 1920 } },
  { label: '1080 × 1080', use: 'Square', size: { width: 1080, height: 1080 } },
  { label: '1280 × 720', use: 'HD 720p', size: { width: 1280, height: 720 } },
];

export const SAMPLE_RATES = [48000, 44100] as const;

export function sameFrameRate(a: FrameRate, b: FrameRate): boolean {
  return a.num * b.den === b.num * a.den;
}

export function sameFrameSize(a: FrameSize, b: FrameSize): boolean {
  return a.width === b.width && a.height === b.height;
}

/** 30/1 → "30", 30000/1001 → "29.97", 24000/1001 → "23.976". */
export function frameRateLabel(rate: FrameRate): string {
  const preset = FRAME_RATE_PRESETS.find((p) => sameFrameRate(p.rate, rate));
  if (preset) return preset.label;
  return String(Number((rate.num / rate.den).toFixed(3)));
}

export function frameSizeLabel(size: FrameSize): string {
  return `${size.width} × ${size.height}`;
}

export function sampleRateLabel(rate: number): string {
  return `${Number((rate / 1000).toFixed(1))} kHz`;
}

/** "1920 × 1080 · 29.97 fps · 48 kHz" */
export function settingsSummary(settings: ProjectSettings): string {
  return `${frameSizeLabel(settings.frameSize)} · ${frameRateLabel(settings.frameRate)} fps · ${sampleRateLabel(settings.sampleRate)}`;
}
