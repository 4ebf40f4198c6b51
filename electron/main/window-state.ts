// Remembers where the window was and how big, in a small JSON file.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_WINDOW_STATE, type WindowState } from './window-options';

const Schema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean(),
});

export function loadWindowState(dir: string): WindowState {
  try {
    const parsed = Schema.safeParse(
      JSON.parse(fs.readFileSync(path.join(dir, 'window-state.json'), 'utf8')),
    );
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export function saveWindowState(dir: string, state: WindowState): void {
  try {
    fs.writeFileSync(path.join(dir, 'window-state.json'), JSON.stringify(state));
  } catch {
    // Losing the window position is not worth bothering the user about.
  }
}
