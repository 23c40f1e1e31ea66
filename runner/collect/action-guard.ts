// The runtime read-only guard: an SDK middleware that maps each command to its IAM action and
// refuses any action the client was not created for. `qready policy` is generated from the
// declared actions, so sending anything else would either fail in a least-privilege role or,
// worse, succeed with more permissions than the policy promises.
import type { HandlerExecutionContext, InitializeHandler, InitializeMiddleware } from '@smithy/types';

/** One call a guard let through: the IAM action, the client's region and the command input. */
export interface SentCall {
  action: string;
  region: string;
  params: unknown;
}

/** Thrown before anything is sent when a collector calls an action it did not declare. */
export class UndeclaredActionError extends Error {
  override readonly name = 'UndeclaredActionError';
  readonly action: string;
  readonly allowed: readonly string[];

  constructor(action: string, allowed: readonly string[]) {
    super(`${action} is not declared for this client (allowed: ${allowed.join(', ') || 'none'})`);
    this.action = action;
    this.allowed = allowed;
  }
}

/** Errors that passed through a guard carry the action that failed, so a source error can name the missing permission. */
interface ActionAnnotated {
  qreadyAction?: unknown;
}

/** The IAM action an error was annotated with by a guard, or null. */
export function failedAction(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const action = (err as ActionAnnotated).qreadyAction;
  return typeof action === 'string' ? action : null;
}

function annotate(err: unknown, action: string): void {
  // Keep the innermost action: a nested call's annotation is the more precise one.
  if (typeof err === 'object' && err !== null && failedAction(err) === null) {
    (err as ActionAnnotated).qreadyAction = action;
  }
}

/** `ListMFADevicesCommand` on an IAM client → `iam:ListMFADevices`. */
export function commandAction(service: string, commandName: string | undefined): string {
  const action = `${service}:${(commandName ?? 'UnknownCommand').replace(/Command$/, '')}`;
  return ACTION_OF_OPERATION[action] ?? action;
}

/** Operations whose IAM action has another name than the operation. */
const ACTION_OF_OPERATION: Record<string, string> = {
  's3:ListObjectsV2': 's3:ListBucket',
  's3:ListObjects': 's3:ListBucket',
};

/** A copy of the top-level input without unset members: SDK paginators mutate one input object per page. */
function inputSnapshot(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

export function actionGuard<Input extends object, Output extends object>(
  service: string,
  region: string,
  allowed: ReadonlySet<string>,
  sent: SentCall[],
): InitializeMiddleware<Input, Output> {
  return (next: InitializeHandler<Input, Output>, context: HandlerExecutionContext) => async (args) => {
    const action = commandAction(service, context.commandName);
    if (!allowed.has(action)) {
      const err = new UndeclaredActionError(action, [...allowed]);
      annotate(err, action);
      throw err;
    }
    sent.push({ action, region, params: inputSnapshot(args.input) });
    try {
      return await next(args);
    } catch (err) {
      annotate(err, action);
      throw err;
    }
  };
}
