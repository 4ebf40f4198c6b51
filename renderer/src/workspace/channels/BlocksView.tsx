// A body as plain semantic React elements (the app article), one memoised
// component per block so typing re-renders one paragraph.
import { memo } from 'react';
import type { Block, ListBlock, Run } from '@shared/body/blocks';
import { Chunked } from './Chunked';

function RunView({ run }: { run: Run }) {
  if (run.text === '\n') return <br />;
  let node: React.ReactNode = run.text;
  if (run.code) node = <code>{node}</code>;
  if (run.strike) node = <s>{node}</s>;
  if (run.underline) node = <u>{node}</u>;
  if (run.italic) node = <em>{node}</em>;
  if (run.bold) node = <strong>{node}</strong>;
  if (run.href) node = <span className="pv-link">{node}</span>;
  return <>{node}</>;
}

const Runs = ({ runs }: { runs: readonly Run[] }) => (
  <>
    {runs.map((r, i) => (
      <RunView key={i} run={r} />
    ))}
  </>
);

function ListView({ list }: { list: ListBlock }) {
  const items = list.items.map((it, i) => (
    <li key={i}>
      <Runs runs={it.runs} />
      {(it.lists ?? []).map((l, j) => (
        <ListView key={j} list={l} />
      ))}
    </li>
  ));
  return list.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
}

export const BlockView = memo(function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'paragraph':
      return block.runs.length ? (
        <p>
          <Runs runs={block.runs} />
        </p>
      ) : null;
    case 'heading': {
      const H = (['h3', 'h3', 'h4', 'h5', 'h6'] as const)[block.level]!;
      return (
        <H>
          <Runs runs={block.runs} />
        </H>
      );
    }
    case 'quote':
      return (
        <blockquote>
          <Runs runs={block.runs} />
        </blockquote>
      );
    case 'list':
      return <ListView list={block} />;
    case 'hr':
      return <hr />;
  }
});

const renderBlock = (b: Block, i: number) => <BlockView key={i} block={b} />;

export function BlocksView({ body }: { body: readonly Block[] }) {
  return <Chunked items={body} render={renderBlock} />;
}
