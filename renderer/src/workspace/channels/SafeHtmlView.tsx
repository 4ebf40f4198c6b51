// Renders channel HTML through safe-html.ts: React elements with CSSOM styles,
// no markup injected, nothing executable. Parsed fragments are cached by their
// HTML, so an unchanged paragraph is neither parsed nor re-rendered.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { safeHtml, type Allowlist, type SafeNode } from '../safe-html';
import { AssetImage } from '../../photos/AssetImage';

const CACHE_LIMIT = 4000;
const cache = new Map<string, SafeNode[]>();

function parse(html: string, allow: Allowlist): SafeNode[] {
  let nodes = cache.get(html);
  if (!nodes) {
    nodes = safeHtml(html, allow);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(html, nodes);
  }
  return nodes;
}

function Node({ node, photoLabel }: { node: SafeNode; photoLabel: string }) {
  if (typeof node === 'string') return <>{node}</>;
  const Tag = node.tag as 'p';
  if (node.tag === 'img') {
    if (node.src) return <img src={node.src} alt={node.alt ?? ''} style={node.style} />;
    if (node.assetId)
      return <AssetImage id={node.assetId} alt={node.alt ?? ''} style={node.style} />;
    return (
      <span className="pv-photo-placeholder" role="img" aria-label={node.alt || photoLabel}>
        {photoLabel}
      </span>
    );
  }
  if (node.tag === 'br') return <br />;
  return (
    <Tag style={node.style}>
      {node.children.map((c, i) => (
        <Node key={i} node={c} photoLabel={photoLabel} />
      ))}
    </Tag>
  );
}

export const SafeHtmlView = memo(function SafeHtmlView({
  html,
  allow,
}: {
  html: string;
  allow: Allowlist;
}) {
  const { t } = useTranslation();
  const label = t('workspace.photoPending');
  return (
    <>
      {parse(html, allow).map((n, i) => (
        <Node key={i} node={n} photoLabel={label} />
      ))}
    </>
  );
});
