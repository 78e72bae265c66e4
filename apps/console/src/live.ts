import { useEffect, useRef, useState } from 'react';
import { createParser } from 'eventsource-parser';

/** A "what changed" signal from the gateway's `GET /changes` (no payload, nothing personal). */
export interface ChangeSignal {
  type: string;
  aggregateId: string;
  organizationIds: string[];
}

export type LiveState = 'off' | 'connecting' | 'live';

/**
 * Follows the change stream while the page is open and calls `onChange` (at most every 300 ms, so
 * a burst of events is one refetch) for each signal `relevant` accepts. The stream needs a token, so
 * it is read with fetch and eventsource-parser (EventSource cannot send `Authorization`); it
 * reconnects after a break.
 */
export function useLiveChanges(
  token: string | null,
  relevant: (signal: ChangeSignal) => boolean,
  onChange: () => void,
): LiveState {
  const [state, setState] = useState<LiveState>(token ? 'connecting' : 'off');
  const latest = useRef({ relevant, onChange });
  latest.current = { relevant, onChange };

  useEffect(() => {
    if (!token) {
      setState('off');
      return;
    }
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fire = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        latest.current.onChange();
      }, 300);
    };
    const connect = async (): Promise<void> => {
      while (!abort.signal.aborted) {
        setState('connecting');
        try {
          const response = await fetch('/changes', {
            headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
            signal: abort.signal,
          });
          if (!response.ok || !response.body) throw new Error(`change stream: ${response.status}`);
          const parser = createParser({
            onEvent: (event) => {
              if (event.event === 'ready') {
                setState('live');
                latest.current.onChange(); // whatever changed before the stream was ready
              } else if (event.event === 'change') {
                const signal = JSON.parse(event.data) as ChangeSignal;
                if (latest.current.relevant(signal)) fire();
              }
            },
          });
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            parser.feed(value);
          }
        } catch {
          if (abort.signal.aborted) return;
        }
        setState('connecting');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    };
    void connect();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [token]);
  return state;
}
