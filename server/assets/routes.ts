// PUT /v1/assets/:sha256?story=<id> — the bytes of a photo, verified against
// their SHA-256, capped in size, sniffed to be an image, and linked to a
// story the uploader may edit (a story the server has not seen yet is made
// the uploader's, as the document socket does). Idempotent: the same bytes
// again answer 200.
// PUT …&offset=<n>&total=<size> — one part of a photo sent in parts over a
// weak link (202 with the bytes received so far; 201/200 once complete), and
// GET /v1/assets/:sha256/upload — how much arrived, so a dropped link resumes
// where it stopped instead of from zero.
// GET /v1/assets/:sha256 — the bytes, for anyone who may see a story that
// uses them.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdSchema } from '@shared/domain/ids';
import { AssetIdSchema, MAX_ASSET_BYTES, sniffImageMime } from '@shared/assets/model';
import { canEditPublishedVariant, canEditText, canSee } from '@shared/workflow/story-rules';
import { ensureStory } from '../stories/doc-story';
import { getStory, isSharedWith } from '../stories/story-repo';
import type { Principal } from '../auth/sessions';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/deps';
import {
  dropParts,
  putAsset,
  putPart,
  readAsset,
  receivedBytes,
  sha256Hex,
  storiesUsing,
  TooManyParts,
} from './asset-store';

interface Helpers {
  parse: <T extends z.ZodType>(schema: T, value: unknown) => z.output<T>;
  who: (req: FastifyRequest) => Principal;
}

const actorOf = (p: Principal) => ({
  id: p.person.id,
  role: p.person.role,
  deskIds: p.deskIds,
  channelDesk: p.channelDesk,
});

export function registerAssetRoutes(app: FastifyInstance, deps: AppDeps, h: Helpers): void {
  const { db, engine } = deps;
  void app.register(async (scoped) => {
    // Raw bytes, whatever image type the client names (the server sniffs them itself).
    scoped.addContentTypeParser(
      /^(application\/octet-stream|image\/[a-z0-9.+-]+)$/,
      { parseAs: 'buffer', bodyLimit: MAX_ASSET_BYTES },
      (_req, body, done) => done(null, body),
    );

    const PutQuery = z.object({
      story: IdSchema,
      // Part uploads (a weak link): where this part starts and the photo's full size.
      offset: z.coerce.number().int().min(0).max(MAX_ASSET_BYTES).optional(),
      total: z.coerce.number().int().min(1).max(MAX_ASSET_BYTES).optional(),
    });

    /** The story, made the uploader's when the server has not seen it, and the right to edit it. */
    const editableStory = async (req: FastifyRequest, storyId: string) => {
      const p = h.who(req);
      const { story } = await ensureStory(db, engine, storyId, p.person.id, deps.now());
      const access = { story, sharedWithActor: await isSharedWith(db, story.id, p.person.id) };
      const actor = actorOf(p);
      if (!canEditText(actor, access) && !canEditPublishedVariant(actor, access))
        throw new ApiError('forbidden', 'this story is not yours to edit');
      return story.id;
    };

    const store = async (
      req: FastifyRequest,
      sha256: string,
      storyId: string,
      bytes: Uint8Array,
    ) => {
      const p = h.who(req);
      if (sha256Hex(bytes) !== sha256)
        throw new ApiError('invalid_input', 'the bytes do not match their SHA-256', {
          reason: 'sha256_mismatch',
        });
      const mime = sniffImageMime(bytes);
      if (!mime) throw new ApiError('invalid_input', 'not an image', { reason: 'not_image' });
      const { created } = await putAsset(db, {
        id: sha256,
        mime,
        data: bytes,
        storyId,
        userId: p.person.id,
        now: deps.now(),
      });
      req.log.info({ asset: sha256.slice(0, 12), story: storyId, created }, 'asset stored');
      return { created, body: { id: sha256, mime, bytes: bytes.byteLength } };
    };

    scoped.put('/v1/assets/:sha256', { bodyLimit: MAX_ASSET_BYTES }, async (req, reply) => {
      const { sha256 } = h.parse(z.object({ sha256: AssetIdSchema }), req.params);
      const q = h.parse(PutQuery, req.query);
      const body = req.body;
      if (!(body instanceof Uint8Array) || body.byteLength === 0)
        throw new ApiError('invalid_input', 'send the photo bytes as application/octet-stream');
      const storyId = await editableStory(req, q.story);
      if (q.offset === undefined && q.total === undefined) {
        const { created, body: answer } = await store(req, sha256, storyId, new Uint8Array(body));
        return reply.code(created ? 201 : 200).send(answer);
      }
      if (q.offset === undefined || q.total === undefined || q.offset + body.byteLength > q.total)
        throw new ApiError('invalid_input', 'a part needs offset and total, inside the photo');
      const userId = h.who(req).person.id;
      const part = await putPart(db, {
        id: sha256,
        userId,
        offset: q.offset,
        total: q.total,
        data: new Uint8Array(body),
        now: deps.now(),
      }).catch((err: unknown) => {
        if (err instanceof TooManyParts)
          throw new ApiError('payload_too_large', 'too many unfinished photo uploads');
        throw err;
      });
      if (!part.whole) return reply.code(202).send({ received: part.received });
      try {
        const { created, body: answer } = await store(req, sha256, storyId, part.whole);
        return reply.code(created ? 201 : 200).send(answer);
      } finally {
        await dropParts(db, sha256, userId);
      }
    });

    /** How much of a part upload arrived (the client resumes from there). */
    scoped.get('/v1/assets/:sha256/upload', async (req) => {
      const { sha256 } = h.parse(z.object({ sha256: AssetIdSchema }), req.params);
      return { received: await receivedBytes(db, sha256, h.who(req).person.id) };
    });

    scoped.get('/v1/assets/:sha256', async (req, reply) => {
      const { sha256 } = h.parse(z.object({ sha256: AssetIdSchema }), req.params);
      const p = h.who(req);
      const actor = actorOf(p);
      let allowed = false;
      for (const storyId of await storiesUsing(db, sha256)) {
        const story = await getStory(db, storyId, engine);
        if (!story) continue;
        if (
          canSee(actor, { story, sharedWithActor: await isSharedWith(db, storyId, p.person.id) })
        ) {
          allowed = true;
          break;
        }
      }
      // The same answer for "no such photo" and "not yours": ids are not probed.
      const found = allowed ? await readAsset(db, sha256) : null;
      if (!found) throw new ApiError('not_found', 'no such photo');
      return reply
        .header('content-type', found.mime)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(found.data));
    });
  });
}
