import type { AssetView } from '../../../shared/assets';
import { formatBytes } from '../format/bytes';
import { formatDateTime, formatDuration } from '../format/time';
import {
  bitRateLabel,
  channelsLabel,
  containerLabel,
  frameRateLabel,
  ratioLabel,
  sampleRateLabel,
  shortFingerprint,
  sizeLabel,
} from './media-labels';

/** One line of the detail panel's metadata: a label and its value, with the full value on hover when shortened. */
export interface AssetFact {
  label: string;
  value: string;
  title?: string;
  mono?: boolean;
}

/** What the detail panel says about an asset's file and streams, in reading order; lines without a value are left out. */
export function assetFacts(asset: AssetView): AssetFact[] {
  const { media } = asset;
  const video = media.video;
  const facts: (AssetFact | null)[] = [
    media.container ? { label: 'Container', value: containerLabel(media.container, asset.name) } : null,
    media.duration !== null && asset.kind !== 'image' ? { label: 'Duration', value: formatDuration(media.duration) } : null,
    {
      label: 'Size',
      value: [formatBytes(asset.sizeBytes), media.bitRate ? bitRateLabel(media.bitRate) : null].filter(Boolean).join(' · '),
    },
  ];

  if (video) {
    const shownDifferently = video.displayWidth !== video.width || video.displayHeight !== video.height;
    facts.push(
      { label: asset.kind === 'image' ? 'Format' : 'Video', value: video.codec },
      {
        label: 'Resolution',
        value: shownDifferently
          ? `${sizeLabel(video.width, video.height)}, shown ${sizeLabel(video.displayWidth, video.displayHeight)}`
          : sizeLabel(video.width, video.height),
      },
      { label: 'Aspect', value: `SAR ${ratioLabel(video.sar)} · DAR ${ratioLabel(video.dar)}` },
      video.rotation !== 0 ? { label: 'Rotation', value: `${video.rotation}° clockwise` } : null,
      video.frameRate && asset.kind !== 'image'
        ? {
            label: 'Frame rate',
            value: `${frameRateLabel(video.frameRate)}${video.variableFrameRate ? ' (variable)' : ''}`,
          }
        : null,
      video.pixelFormat
        ? {
            label: 'Pixels',
            value: [video.pixelFormat, video.bitDepth ? `${video.bitDepth}-bit` : null].filter(Boolean).join(', '),
          }
        : null,
      video.hasAlpha ? { label: 'Alpha', value: 'Transparent areas' } : null,
      video.hdr ? { label: 'Dynamic range', value: `HDR (${video.hdr === 'pq' ? 'PQ' : 'HLG'}), shown and exported tone-mapped to SDR` } : null,
    );
  }

  media.audio.forEach((stream, index) => {
    const parts = [
      stream.codec,
      channelsLabel(stream.channels, stream.channelLayout),
      stream.sampleRate ? sampleRateLabel(stream.sampleRate) : null,
      stream.language,
    ];
    const label = media.audio.length > 1 ? `Audio ${index + 1}` : 'Audio';
    facts.push({ label, value: parts.filter(Boolean).join(' · ') });
  });

  if (media.subtitles.length > 0) {
    const languages = media.subtitles.map((s) => s.language ?? s.codec).join(', ');
    facts.push({ label: 'Subtitles', value: `${media.subtitles.length} (${languages})` });
  }
  if (media.attachedPicture) {
    const picture = media.attachedPicture;
    const size = picture.width && picture.height ? ` ${sizeLabel(picture.width, picture.height)}` : '';
    facts.push({ label: 'Cover art', value: `${picture.codec}${size}` });
  }
  if (media.creationTime) facts.push({ label: 'Created', value: formatDateTime(media.creationTime) });

  facts.push(
    {
      label: asset.stored ? 'Stored at' : 'File',
      value: asset.path,
      title: asset.stored ? 'Uploaded through the browser and kept in the project folder' : asset.path,
      mono: true,
    },
    { label: 'Added', value: formatDateTime(asset.addedAt) },
    { label: 'Fingerprint', value: shortFingerprint(asset.fingerprint), title: asset.fingerprint, mono: true },
  );
  return facts.filter((fact): fact is AssetFact => fact !== null && fact.value !== '');
}
