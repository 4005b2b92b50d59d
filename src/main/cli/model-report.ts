import { PROVIDER_LABELS, type DeviceReport, type InferenceStatus, type ModelListing, type ProviderAttempt } from '../../shared/models/local-ai';

/** Text for `reelsmith models …`: a table of models, and the device report. */

export function formatModelList(models: readonly ModelListing[]): string {
  if (models.length === 0) return 'No models are installed.';
  const rows = models.map((m) => [m.id, m.status, m.origin, m.license ?? '-', m.bytes === null ? '-' : megabytes(m.bytes), m.task ?? '-']);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
  const problems = models.filter((m) => m.status !== 'ok').map((m) => `${m.id}: ${m.message}`);
  return [...lines, ...(problems.length > 0 ? ['', ...problems] : [])].join('\n');
}

export function formatStatus(status: InferenceStatus): string {
  if (status.available === false) return status.message ?? 'Local AI is not available.';
  const inUse = status.inUse ? PROVIDER_LABELS[status.inUse] : 'not chosen yet';
  const forced = status.forceCpu ? ' (CPU forced in Settings)' : '';
  return `In use: ${inUse}${forced}; ${status.intraOpThreads} CPU thread${status.intraOpThreads === 1 ? '' : 's'}, onnxruntime ${status.ortVersion ?? 'unknown'}`;
}

export function formatAttempts(attempts: readonly ProviderAttempt[]): string[] {
  return attempts.map(
    (a) => `  ${PROVIDER_LABELS[a.provider].padEnd(9)}${a.outcome.padEnd(8)}${a.outcome === 'skipped' ? '' : `${a.ms} ms`.padStart(10)}${a.reason ? `  ${a.reason}` : ''}`,
  );
}

export function formatDeviceReport(report: DeviceReport): string {
  const lines = [formatStatus(report.status)];
  if (report.status.available === false) return lines.join('\n');
  lines.push(`Providers in this build: ${report.backends.map((b) => b.name).join(', ') || 'none'}`);
  if (report.status.attempts.length > 0) lines.push('', 'Providers tried:', ...formatAttempts(report.status.attempts));
  lines.push('', report.testGraph ? 'Warm-up (no bundled model is usable; the built-in test graph):' : 'Warm-up:');
  for (const w of report.warmUps) {
    if (w.error) {
      lines.push(`  ${w.modelId}: ${w.error}`);
      continue;
    }
    const provider = w.provider ? PROVIDER_LABELS[w.provider] : '?';
    lines.push(`  ${w.modelId.padEnd(16)}${provider.padEnd(9)}load ${ms(w.loadMs)}  first run ${ms(w.firstRunMs)}  warm run ${ms(w.warmRunMs)}`);
  }
  return lines.join('\n');
}

function ms(value: number | null): string {
  return value === null ? '-' : `${value.toFixed(1)} ms`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
