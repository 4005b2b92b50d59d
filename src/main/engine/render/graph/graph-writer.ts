/** Collects filter chains and hands out unique link labels, so builders can wire chains by name. */
export class GraphWriter {
  private readonly chains: string[] = [];
  private readonly counts = new Map<string, number>();

  /** A new label such as `[v3]`. */
  label(prefix: string): string {
    const n = this.counts.get(prefix) ?? 0;
    this.counts.set(prefix, n + 1);
    return `[${prefix}${n}]`;
  }

  /** Adds the chain `inputs filter,filter,… outputs`. */
  chain(inputs: readonly string[], filters: readonly string[], outputs: readonly string[]): void {
    this.chains.push(`${inputs.join('')}${filters.join(',')}${outputs.join('')}`);
  }

  /** One chain per line: ffmpeg reads `;` followed by a newline fine, and a long graph stays readable in its script. */
  text(): string {
    return this.chains.join(';\n');
  }
}
