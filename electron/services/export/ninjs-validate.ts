// Validates ninjs documents against the vendored IPTC ninjs 2.2 schema with
// Ajv. Runs on the host: Ajv compiles validators with `new Function`, which
// the renderer's CSP rightly forbids.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import geojson from '../../../resources/standards/ninjs/GeoJSON-schema.json' with { type: 'json' };
import ninjs22 from '../../../resources/standards/ninjs/ninjs-schema_2.2.json' with { type: 'json' };

let validator: ValidateFunction | null = null;

function compile(): ValidateFunction {
  if (validator) return validator;
  // strict: false because the IPTC schema uses annotation keywords Ajv does not know.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(geojson, 'https://geojson.org/schema/GeoJSON.json');
  validator = ajv.compile(ninjs22);
  return validator;
}

export interface NinjsValidation {
  valid: boolean;
  errors: Array<{ path: string; message: string }>;
}

export function validateNinjs(doc: unknown): NinjsValidation {
  const validate = compile();
  const valid = validate(doc) as boolean;
  const errors = ((validate.errors ?? []) as ErrorObject[]).map((e) => ({
    path: e.instancePath || '/',
    message: `${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}${e.params && 'unevaluatedProperty' in e.params ? ` (${String(e.params.unevaluatedProperty)})` : ''}`,
  }));
  return { valid, errors };
}
