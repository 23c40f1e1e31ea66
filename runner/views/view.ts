// A view turns the snapshot data of one or more sources into the list of typed items a check
// evaluates (one item per resource). Views are pure: they read the snapshot and nothing else.
import type { CelTypeDecl } from '../cel/cel-types.js';
import type { SourceError, AccountSnapshot } from '../snapshot/snapshot.js';

export interface ViewResource {
  id: string;
  arn: string | null;
  name: string | null;
}

export interface ViewItem {
  /** Plain JSON of the item type; converted for CEL by the evaluator. */
  value: Record<string, unknown>;
  resource: ViewResource;
  /** Set when this item's own data could not be read (the rest of the view is fine). */
  error?: SourceError;
}

export interface ViewContext {
  account: AccountSnapshot;
  region: string;
}

export interface ViewDef {
  id: string;
  description: string;
  /** Sources read; a check on this view is ERROR in a region where any of them failed. */
  sources: string[];
  /**
   * Sources the view reads across all regions of the account (ctx.account.sources), not only the
   * region being evaluated: trails are read wherever they are homed. The planner collects them;
   * the view itself turns their failures into errors for the items that depend on them.
   */
  alsoReads?: string[];
  /** The type of each item, declared so CEL conditions are type-checked at load. */
  itemType: string;
  /** Types declared by this view (the item type and any nested ones). */
  types: CelTypeDecl[];
  build(data: Record<string, unknown>, ctx: ViewContext): ViewItem[];
}

/**
 * The resource that stands for the whole account in a region, named after the account unless
 * `name` says otherwise (the root user). Always made by this one literal: resources of one shape
 * keep the evaluation loop, which reads every finding's resource, compiled for that shape.
 */
export function accountResource(ctx: ViewContext, name: string = ctx.account.account_id): ViewResource {
  return { id: ctx.account.account_id, arn: `arn:${ctx.account.partition}:iam::${ctx.account.account_id}:root`, name };
}
