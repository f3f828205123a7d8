// For tests: what a command writes on stdout or stderr while it runs, kept from the terminal (and
// from the test reporter, which reads the same streams). Commands write text; what is written as
// bytes meanwhile passes through: the test runner's messages from a test file's process to the
// runner go on its stdout as bytes, and one of an earlier test, caught while a later one waits for
// a command, was lost, with the test it told of.

type Stream = 'stdout' | 'stderr';

function replaceWrite(stream: Stream, onText: (text: string) => void): () => void {
  const target = process[stream];
  const write = target.write.bind(target);
  target.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (typeof chunk !== 'string') return write(chunk, ...rest);
    onText(chunk);
    return true;
  }) as typeof target.write;
  return () => {
    target.write = write;
  };
}

/** Runs fn (synchronous), and gives its value and what it wrote on the stream. */
export function writtenBy<T>(stream: Stream, fn: () => T): { value: T; text: string } {
  let text = '';
  const restore = replaceWrite(stream, (t) => {
    text += t;
  });
  try {
    return { value: fn(), text };
  } finally {
    restore();
  }
}

/** Runs fn and waits for it, and gives its value and what it wrote on the stream meanwhile. */
export async function writtenWhile<T>(
  stream: Stream,
  fn: () => Promise<T>,
): Promise<{ value: T; text: string }> {
  let text = '';
  const restore = replaceWrite(stream, (t) => {
    text += t;
  });
  try {
    return { value: await fn(), text };
  } finally {
    restore();
  }
}
