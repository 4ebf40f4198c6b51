// Outlets without an API the newsroom uses (print pages, Weibo, Douyin): the
// version's export files are written to a folder for manual posting, one
// folder per story, channel and revision. Writing again writes the same
// files, so a retry cannot make a second copy.
import fs from 'node:fs/promises';
import path from 'node:path';
import { getChannel } from '@shared/channels';
import {
  DeliveryError,
  type AssetSource,
  type DeliveryJob,
  type DeliveryResult,
  type PublishAdapter,
} from './adapter';

export class ManualExportAdapter implements PublishAdapter {
  readonly name = 'manual-export';
  constructor(
    private readonly dir: string,
    private readonly assets: AssetSource = async () => null,
  ) {}

  async deliver(job: DeliveryJob): Promise<DeliveryResult> {
    const channel = getChannel(job.channel);
    if (!channel) throw new DeliveryError(`no channel ${job.channel}`, false);
    let files;
    try {
      files = channel.exportFiles(job.variant, { storyId: job.storyId });
    } catch (err) {
      throw new DeliveryError(
        `the ${job.channel} version cannot be exported: ${String(err)}`,
        false,
      );
    }
    const folder = path.join(this.dir, job.storyId, `${job.channel}-r${job.revision}`);
    const missing: string[] = [];
    try {
      await fs.mkdir(folder, { recursive: true });
      for (const f of files) {
        const target = path.join(folder, f.path);
        if (!target.startsWith(folder + path.sep)) continue; // never outside the folder
        await fs.mkdir(path.dirname(target), { recursive: true });
        if (f.kind === 'text') await fs.writeFile(target, f.content);
        else if (f.kind === 'bytes') await fs.writeFile(target, f.content);
        else if (f.kind === 'asset') {
          const a = await this.assets(f.imageId);
          if (a) await fs.writeFile(target, a.bytes);
          else missing.push(f.path);
        } else missing.push(f.path);
      }
      const note = [
        `story ${job.storyId}`,
        `channel ${job.channel}`,
        `revision ${job.revision}`,
        `content ${job.contentHash}`,
        ...(missing.length ? ['', 'to add by hand (not held by the server):', ...missing] : []),
      ].join('\n');
      await fs.writeFile(path.join(folder, 'PUBLISH.txt'), note + '\n');
    } catch (err) {
      throw new DeliveryError(`cannot write the export: ${String(err)}`, true);
    }
    return { url: `file://${folder}`, externalId: null, exported: true };
  }
}
