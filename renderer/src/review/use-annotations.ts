// Annotations from every document in view: the master's and those of the
// channel versions being edited (each version keeps its own, in its own
// document, so they travel with it). Re-read shortly after any of them changes.
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { placeAnnotations, type PlacedAnnotation } from '@shared/annotations';
import { getChannel } from '@shared/channels';
import type { ChannelId } from '@shared/domain/channel-ids';
import { useHost } from '../app/host-context';
import { openVariant } from '../workspace/variant-connection';

export interface TargetedAnnotation extends PlacedAnnotation {
  /** null: the master story. */
  channel: ChannelId | null;
  doc: Y.Doc;
}

/** The documents of the versions being edited that have a rich body, once loaded. */
export function useVersionDocs(
  storyId: string,
  channels: readonly ChannelId[],
): ReadonlyMap<ChannelId, Y.Doc> {
  const host = useHost();
  const [docs, setDocs] = useState<ReadonlyMap<ChannelId, Y.Doc>>(new Map());
  const key = channels.filter((c) => getChannel(c)?.docLayout.body).join(',');
  useEffect(() => {
    const wanted = key ? (key.split(',') as ChannelId[]) : [];
    const conns = wanted.map((c) => openVariant(host, storyId, c));
    let alive = true;
    void Promise.all(conns.map((c) => c.ready.catch(() => undefined))).then(() => {
      if (alive) setDocs(new Map(conns.map((c) => [c.channel, c.doc])));
    });
    return () => {
      alive = false;
      setDocs(new Map());
      conns.forEach((c) => c.close());
    };
  }, [host, storyId, key]);
  return docs;
}

function readAll(master: Y.Doc, versions: ReadonlyMap<ChannelId, Y.Doc>): TargetedAnnotation[] {
  const out: TargetedAnnotation[] = placeAnnotations(master).map((a) => ({
    ...a,
    channel: null,
    doc: master,
  }));
  for (const [channel, doc] of versions)
    for (const a of placeAnnotations(doc)) out.push({ ...a, channel, doc });
  return out;
}

export function useAllAnnotations(
  master: Y.Doc,
  versions: ReadonlyMap<ChannelId, Y.Doc>,
  delayMs = 120,
): TargetedAnnotation[] {
  const [list, setList] = useState<TargetedAnnotation[]>(() => readAll(master, versions));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = () => {
      timer = null;
      setList(readAll(master, versions));
    };
    const onUpdate = () => {
      if (timer === null) timer = setTimeout(run, delayMs);
    };
    run();
    const docs = [master, ...versions.values()];
    docs.forEach((d) => d.on('update', onUpdate));
    return () => {
      docs.forEach((d) => d.off('update', onUpdate));
      if (timer !== null) clearTimeout(timer);
    };
  }, [master, versions, delayMs]);
  return list;
}
