/** Transaction origin for edits typed in this window's field inputs. */
export const FIELD_ORIGIN = Symbol('field-input');
