/** How long sending takes at Exchange's pace: the sender (src/mail) paces by it, the pane shows it. */

/** Sends a minute by default: under the 30 Exchange allows. */
export const DEFAULT_MESSAGES_PER_MINUTE = 25;

/**
 * Real ms that `count` sends take at `messagesPerMinute` (a minute lasting `minuteMs`): the one estimate
 * of sending time, used by the pacer for the time left and by the confirmation before a batch.
 */
export function sendDurationMs(
  count: number,
  messagesPerMinute = DEFAULT_MESSAGES_PER_MINUTE,
  minuteMs = 60_000,
): number {
  return (Math.max(0, count) * minuteMs) / messagesPerMinute;
}
