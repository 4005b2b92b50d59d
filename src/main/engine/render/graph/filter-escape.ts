/**
 * A value for a filter option inside a filter graph, taken literally whatever it holds (quotes, colons, commas,
 * brackets, backslashes, Windows drive letters). ffmpeg unescapes twice: the graph parser splits filters at
 * `[],;` and removes one level of quoting, then the filter splits options at `:` and `=` and removes another.
 * So the value is single-quoted for the option level (a quote inside is closed, escaped and reopened), and that
 * text is backslash-escaped for the graph level.
 */
export function filterOptionValue(value: string): string {
  const quoted = `'${value.split("'").join("'\\''")}'`;
  return quoted.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}
