// A draggable divider (mouse, touch, or arrow keys) that resizes what is on its left.
import { useRef } from 'react';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (width: number) => void;
  onReset?: () => void;
  className?: string;
}

export function Splitter({ label, value, min, max, onChange, onReset, className }: Props) {
  const start = useRef<{ x: number; w: number } | null>(null);
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={`splitter ${className ?? ''}`}
      onPointerDown={(e) => {
        e.preventDefault();
        (e.target as HTMLElement).setPointerCapture(e.pointerId);
        start.current = { x: e.clientX, w: value };
      }}
      onPointerMove={(e) => {
        if (!start.current) return;
        onChange(Math.min(max, Math.max(min, start.current.w + e.clientX - start.current.x)));
      }}
      onPointerUp={() => (start.current = null)}
      onPointerCancel={() => (start.current = null)}
      onDoubleClick={onReset}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 80 : 20;
        if (e.key === 'ArrowLeft') onChange(Math.max(min, value - step));
        else if (e.key === 'ArrowRight') onChange(Math.min(max, value + step));
        else if (e.key === 'Home') onChange(min);
        else if (e.key === 'End') onChange(max);
        else return;
        e.preventDefault();
      }}
    />
  );
}
