import type { Readable } from 'node:stream';

/** The `ward-agent run` option the Windows service host starts the agent with. */
export const STOP_ON_STDIN_CLOSE_OPTION = '--stop-on-stdin-close';

/**
 * Calls `onClose` once when `input` reaches its end, closes or fails, and returns a function that
 * stops watching and releases the stream (so a stopped agent does not stay alive on an open pipe).
 *
 * This is how the Windows service host asks the agent to stop: Windows has no SIGTERM, and Node
 * only sees a console control event (its `SIGINT`) from a process attached to the same console,
 * which a service is not. Closing the child's standard input works from any process, needs no
 * console, and also fires when the host itself dies, since its end of the pipe closes with it: the
 * agent then stops cleanly instead of running on unsupervised. Whatever is written to the pipe is
 * read and ignored, so a chatty parent cannot fill it and block.
 */
export function stopOnStdinClose(input: Readable, onClose: (reason: string) => void): () => void {
  let fired = false;
  const fire = (reason: string): void => {
    if (fired) return;
    fired = true;
    onClose(reason);
  };
  const onEnd = (): void => {
    fire('standard input closed');
  };
  const onError = (error: Error): void => {
    fire(`standard input failed (${error.message})`);
  };
  const discard = (): void => undefined;
  input.on('data', discard);
  input.on('end', onEnd);
  input.on('close', onEnd);
  input.on('error', onError);
  input.resume();
  return () => {
    input.off('data', discard);
    input.off('end', onEnd);
    input.off('close', onEnd);
    input.off('error', onError);
    input.destroy();
  };
}
