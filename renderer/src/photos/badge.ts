// The corner label a preview puts on an AI-generated image or an illustration.
import { DEFAULT_SYNTHETIC_LABELS } from '@shared/authenticity/checks';
import type { ImageRef } from '@shared/domain/master-story';

export function syntheticBadge(image: Pick<ImageRef, 'aiGenerated' | 'synthetic'>): string | null {
  const kind = image.synthetic ?? (image.aiGenerated ? 'ai_generated' : null);
  return kind ? DEFAULT_SYNTHETIC_LABELS[kind] : null;
}
