// A value read from a Y.Doc, re-read after its updates (at most once per
// `delayMs`, so a long story is not re-projected on every keystroke).
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';

export function useDocValue<T>(doc: Y.Doc, read: () => T, delayMs = 0): T {
  const [value, setValue] = useState<T>(read);
  const readRef = useRef(read);
  useEffect(() => {
    readRef.current = read;
  });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = () => {
      timer = null;
      setValue(readRef.current());
    };
    const onUpdate = () => {
      if (timer === null) timer = setTimeout(run, delayMs);
    };
    run();
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer !== null) clearTimeout(timer);
    };
  }, [doc, delayMs]);
  return value;
}
