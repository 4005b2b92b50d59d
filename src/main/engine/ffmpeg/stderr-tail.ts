/** The last lines ffmpeg wrote to stderr, kept for a failure's "details" without holding a long log in memory. */
export class StderrTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly limit = 60) {}

  push(chunk: string): void {
    const lines = (this.partial + chunk).split(/\r?\n|\r/);
    this.partial = lines.pop() ?? '';
    this.lines.push(...lines);
    if (this.lines.length > this.limit) this.lines.splice(0, this.lines.length - this.limit);
  }

  /** Everything kept, the unfinished last line included. */
  text(): string {
    return (this.partial ? [...this.lines, this.partial] : this.lines).join('\n');
  }
}
