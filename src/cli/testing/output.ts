// For tests: what a command writes on stdout or stderr while it runs, kept from the terminal (and
// from the test reporter, which writes on the same streams).

type Stream = 'stdout' | 'stderr';

function replaceWrite(stream: Stream, onText: (text: string) => void): () => void {
  const target = process[stream];
  const write = target.write.bind(target);
  target.write = ((chunk: string | Uint8Array) => {
    onText(String(chunk));
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
