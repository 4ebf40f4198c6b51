// Turning an allowed action's probe (the command the rules accepted, with
// "…" where a person's words go) into the command a person sends: which
// inputs the action asks for, and the filled, schema-checked command.
import {
  WorkflowCommandSchema,
  type TextAnchor,
  type WorkflowCommand,
} from '@shared/workflow/commands';

/** What a person supplies for an action; the text goes to the command's comment, reason or note. */
export interface ActionValues {
  text: string;
  publishAt: string;
  person: string;
  corrections: number;
  anchors: TextAnchor[];
}

export type ActionInput =
  | { kind: 'text'; field: 'comment' | 'reason' | 'note'; required: boolean }
  | { kind: 'publishAt' }
  | { kind: 'person'; field: 'assignee' | 'to' }
  | { kind: 'corrections' }
  | { kind: 'anchors' };

/** Commands whose reason or note may not be empty (the schema's Reason). */
const REQUIRED_TEXT = new Set(['send_back', 'veto', 'spike', 'override_scan_finding', 'correct']);

export function actionInputs(probe: WorkflowCommand): ActionInput[] {
  const out: ActionInput[] = [];
  const has = (k: string) => Object.prototype.hasOwnProperty.call(probe, k);
  for (const field of ['comment', 'reason', 'note'] as const)
    if (has(field)) out.push({ kind: 'text', field, required: REQUIRED_TEXT.has(probe.type) });
  if (has('publishAt')) out.push({ kind: 'publishAt' });
  if (has('assignee')) out.push({ kind: 'person', field: 'assignee' });
  if (has('to')) out.push({ kind: 'person', field: 'to' });
  if (has('corrections')) out.push({ kind: 'corrections' });
  if (has('anchors')) out.push({ kind: 'anchors' });
  return out;
}

/** Asks nothing: one click sends it (claim, submit, publish, file). */
export function isOneClick(probe: WorkflowCommand): boolean {
  return actionInputs(probe).length === 0;
}

/** The values a form starts with: the probe's own, with its placeholder text cleared. */
export function initialValues(probe: WorkflowCommand): ActionValues {
  const p = probe as Record<string, unknown>;
  const soon = new Date(Date.now() + 3600_000);
  soon.setMinutes(0, 0, 0);
  return {
    text: '',
    publishAt: typeof p.publishAt === 'string' ? p.publishAt : soon.toISOString(),
    person: typeof p.assignee === 'string' ? p.assignee : typeof p.to === 'string' ? p.to : '',
    corrections: typeof p.corrections === 'number' ? p.corrections : 0,
    anchors: [],
  };
}

/** The command to send, or null when what was filled in does not make a valid command. */
export function fillCommand(
  probe: WorkflowCommand,
  values: ActionValues,
  commandId: string,
): WorkflowCommand | null {
  const next: Record<string, unknown> = { ...probe, commandId };
  for (const input of actionInputs(probe)) {
    if (input.kind === 'text') next[input.field] = values.text.trim();
    else if (input.kind === 'publishAt') next.publishAt = values.publishAt;
    else if (input.kind === 'person') next[input.field] = values.person;
    else if (input.kind === 'corrections') next.corrections = values.corrections;
    else next.anchors = values.anchors;
  }
  const parsed = WorkflowCommandSchema.safeParse(next);
  return parsed.success ? parsed.data : null;
}

/** What `workflow.state` says of the versions' hashes: the server's, and this computer's copies. */
export interface HashesView {
  content: readonly { channel: string; hash: string }[];
  local: readonly { channel: string; hash: string; synced: boolean }[];
}

/**
 * The command to send after a fresh look at the hashes. A command about a version's content
 * names the hash the person saw; the view on screen may predate the server receiving this
 * computer's last edit. When this computer's copy is now exactly the server's, that is the
 * content on screen, so its hash is the one to send; otherwise the command goes as it was
 * (and a changed version is refused, as it should be).
 */
export function withCurrentHash(cmd: WorkflowCommand, fresh: HashesView): WorkflowCommand {
  if (!('contentHash' in cmd) || !('channel' in cmd) || !cmd.channel) return cmd;
  const local = fresh.local.find((l) => l.channel === cmd.channel);
  const server = fresh.content.find((c) => c.channel === cmd.channel)?.hash;
  return local?.synced && server && local.hash === server ? { ...cmd, contentHash: server } : cmd;
}

/** Whether some version's copy here has not reached the server (unsent, or not yet hashed there). */
export function localBehind(view: HashesView | null | undefined): boolean {
  return (
    view?.local.some(
      (l) => !l.synced || l.hash !== view.content.find((c) => c.channel === l.channel)?.hash,
    ) ?? false
  );
}
