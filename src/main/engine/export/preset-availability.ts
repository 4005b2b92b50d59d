import { EXPORT_PRESETS, type ExportPreset } from '../../../shared/export/presets';
import type { FfmpegCapabilities } from '../ffmpeg/capabilities';

/** Which presets this ffmpeg build can make: intermediates and MP3 need encoders that minimal builds leave out. */
export function presetAvailability(capabilities: Pick<FfmpegCapabilities, 'encoders'>) {
  const has = (name: string) => capabilities.encoders.includes(name);
  return EXPORT_PRESETS.map((preset) => ({
    id: preset.id,
    label: preset.label,
    kind: preset.kind,
    extension: preset.extension,
    available: requiredEncoders(preset).every(has),
  }));
}

function requiredEncoders(preset: ExportPreset): string[] {
  switch (preset.kind) {
    case 'video': {
      const video = { h264: 'libx264', prores: 'prores_ks', dnxhr: 'dnxhd' }[preset.video.family];
      const audio = preset.audio.codec === 'mp3' ? 'libmp3lame' : preset.audio.codec;
      return [video, audio];
    }
    case 'audio':
      return [preset.audio.codec === 'mp3' ? 'libmp3lame' : preset.audio.codec];
    case 'gif':
      return ['gif'];
    case 'thumbnail':
      return ['mjpeg'];
  }
}
