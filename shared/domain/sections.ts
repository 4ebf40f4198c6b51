// The newsroom's sections (版块/栏目). Built-in codes have translated names
// under `sections.<code>` in the locale files; a newsroom may add its own
// codes, which show as written.
export const BUILT_IN_SECTIONS = [
  'politics',
  'economy',
  'society',
  'rural',
  'culture',
  'sports',
  'world',
  'tech',
  'local',
  'opinion',
] as const;
export type BuiltInSection = (typeof BUILT_IN_SECTIONS)[number];

export function isBuiltInSection(code: string): code is BuiltInSection {
  return (BUILT_IN_SECTIONS as readonly string[]).includes(code);
}
