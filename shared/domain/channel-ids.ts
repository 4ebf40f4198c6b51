// The outlets a story is versioned for, named once. shared/channels registers
// one module per id (a test checks they agree); the workflow, the desks and
// the store use the same list.
import { z } from 'zod';

export const CHANNEL_IDS = ['print', 'wechat', 'weibo', 'douyin', 'app'] as const;
export const ChannelIdSchema = z.enum(CHANNEL_IDS);
export type ChannelId = z.infer<typeof ChannelIdSchema>;
