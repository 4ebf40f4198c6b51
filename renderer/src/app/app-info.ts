import type { CallOutput } from '@shared/api/contract';
export type AppInfo = CallOutput<'app.info'>;
