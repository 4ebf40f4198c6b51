// Ids are made where the story is made (often a laptop with no network), so
// they must be unique without asking anyone: UUIDv7, time-ordered for indexes.
import { v7 as uuidv7, validate, version } from 'uuid';
import { z } from 'zod';

export function newId(): string {
  return uuidv7();
}

export function isUuidV7(s: string): boolean {
  return validate(s) && version(s) === 7;
}

export const IdSchema = z.string().refine(isUuidV7, { message: 'not a UUIDv7' });
