/**
 * One read shared by every caller that asked before it was sent — never by a caller that asks after:
 * that caller's own write may have committed after the read's statement started, and the read would
 * not show it. The read goes out on the next turn of the event loop, so the requests a busy process
 * takes in one turn share one statement instead of one each.
 */
export function joinedReads<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      // Sent now: whoever asks from here on waits for the next read.
      pending = null;
      return read();
    });
    return pending;
  };
}
