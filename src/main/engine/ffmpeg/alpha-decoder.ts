/**
 * Decoder options for a picture stream whose alpha only libvpx decodes: VP8 and VP9 in WebM carry their alpha beside
 * the picture, which ffmpeg's own decoders drop, so a transparent sticker loop would come out on black.
 */
export function alphaDecoderArgs(video: { codec: string; hasAlpha: boolean } | null | undefined): string[] {
  if (!video?.hasAlpha) return [];
  if (video.codec === 'vp9') return ['-c:v', 'libvpx-vp9'];
  if (video.codec === 'vp8') return ['-c:v', 'libvpx'];
  return [];
}
