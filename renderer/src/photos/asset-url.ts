// Photos shown in the renderer: their bytes fetched once through the contract
// (`assets.get`) and shown as blob: URLs (the CSP allows img-src blob:), so
// the same code works in Electron and in the web host, and no route or
// protocol exposes the asset store to anything but this window.
import { useEffect, useState } from 'react';
import type { HostClient } from '../host/client';
import { base64ToBytes } from '../common/base64';

const urls = new Map<string, Promise<string | null>>();

/** A blob: URL for the photo, or null when this machine does not have its bytes (yet). */
export function assetUrl(host: HostClient, id: string): Promise<string | null> {
  let p = urls.get(id);
  if (!p) {
    p = host.call('assets.get', { id }).then(
      (a) => URL.createObjectURL(new Blob([base64ToBytes(a.data)], { type: a.mime })),
      () => {
        urls.delete(id); // try again next time (it may arrive by sync)
        return null;
      },
    );
    urls.set(id, p);
  }
  return p;
}

/** Remembers a photo just added, so its thumbnail needs no round trip. */
export function primeAssetUrl(id: string, file: Blob): void {
  if (!urls.has(id)) urls.set(id, Promise.resolve(URL.createObjectURL(file)));
}

export type AssetUrlState = { url: string | null; loading: boolean };

export function useAssetUrl(host: HostClient, id: string | null | undefined): AssetUrlState {
  // The URL found for which id: a stale answer for another id reads as loading.
  const [found, setFound] = useState<{ id: string; url: string | null } | null>(null);
  // Bumped when the host says the bytes arrived from the newsroom server.
  const [arrivals, setArrivals] = useState(0);
  useEffect(() => {
    if (!id) return;
    return host.on('assets.arrived', ({ ids }) => {
      if (ids.includes(id)) setArrivals((n) => n + 1);
    });
  }, [host, id]);
  useEffect(() => {
    if (!id) return;
    let live = true;
    void assetUrl(host, id).then((url) => {
      if (live) setFound({ id, url });
    });
    return () => {
      live = false;
    };
  }, [host, id, arrivals]);
  if (!id) return { url: null, loading: false };
  if (found?.id !== id) return { url: null, loading: true };
  return { url: found.url, loading: false };
}
