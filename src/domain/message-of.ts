/** What an error says, for a log line or a notice: its `message` when it is an `Error`, else the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
