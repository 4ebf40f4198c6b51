// A plain value in the story's `fields` map (section, priority, embargo,
// keywords) as React state; setting it writes to the document.
import { useCallback, useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { fieldsMap } from '@shared/body/story-doc';
import { FIELD_ORIGIN } from './local-origin';

export function useFieldValue<T>(
  doc: Y.Doc,
  key: string,
  read: (raw: unknown) => T,
): [T, (v: T) => void] {
  const map = fieldsMap(doc);
  const [value, setValue] = useState<T>(() => read(map.get(key)));
  useEffect(() => {
    const onChange = (e: Y.YMapEvent<unknown>) => {
      if (e.keysChanged.has(key)) setValue(read(map.get(key)));
    };
    map.observe(onChange);
    return () => map.unobserve(onChange);
    // `read` is a pure parser chosen by the caller; re-subscribing on its identity is not needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, key]);
  const set = useCallback(
    (v: T) => {
      doc.transact(() => map.set(key, v), FIELD_ORIGIN);
      setValue(v);
    },
    [doc, map, key],
  );
  return [value, set];
}
