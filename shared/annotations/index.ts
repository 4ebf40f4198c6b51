// Comments and suggestions on text ranges, stored in the story's Y.Doc.
export * from './annotations';
export * from './mentions';
export * from './projection';
