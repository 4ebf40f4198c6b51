// The print version's copyfit, computed once per version of the variant
// however many components show it (the copyfit bar above the pane and the
// column block inside it read the same result in the same frame).
import { printCopyfit, type CopyfitResult, type PrintVariant } from '@shared/channels/print';
import type { ChannelContext } from '@shared/channels';

type Key = Pick<PrintVariant, 'body' | 'layout' | 'qr'>;

let last: { key: Key; ctx: ChannelContext; fit: CopyfitResult | null } | null = null;

/** Copyfit of the variant's body, layout and QR codes; the same object while none of them changed. */
export function printFitOf(v: Key, ctx: ChannelContext): CopyfitResult | null {
  if (
    last &&
    last.ctx === ctx &&
    last.key.body === v.body &&
    last.key.layout === v.layout &&
    last.key.qr === v.qr
  )
    return last.fit;
  const fit = printCopyfit({ body: v.body, layout: v.layout, qr: v.qr } as PrintVariant, ctx);
  last = { key: { body: v.body, layout: v.layout, qr: v.qr }, ctx, fit };
  return fit;
}
