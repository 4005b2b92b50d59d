/** The command line itself is wrong (exit code 2), as opposed to the command failing (exit code 1). */
export class UsageError extends Error {}
