/**
 * Reading a synthesised template the way a reviewer would: which role may do what to which
 * resource. Resources are named through a logical-id -> name map the test builds from the stack.
 */
import type { Template } from 'aws-cdk-lib/assertions';

export type Resource = { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string };
export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

export const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** The logical id a `Ref`, `Fn::GetAtt` or an ARN `Fn::Join` (`<arn>/shows/*`) points at, with the key suffix. */
export function target(value: unknown): { id: string; suffix: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') return { id: record.Ref, suffix: '' };
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return { id: getAtt[0], suffix: '' };
  const join = record['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    const parts = join[1] as unknown[];
    const first = target(parts[0]);
    if (first && parts.slice(1).every((part) => typeof part === 'string')) return { id: first.id, suffix: parts.slice(1).join('') };
  }
  return undefined;
}

/** Every statement of the inline policies attached to a role. */
export function statementsOfRole(template: Template, roleId: string): Statement[] {
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) => asArray(policy.Properties?.Roles as unknown[]).some((role) => target(role)?.id === roleId))
    .flatMap((policy) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}

export function roleOfFunction(fn: Resource): string {
  const role = target(fn.Properties?.Role);
  if (!role) throw new Error('function without a role reference');
  return role.id;
}

/**
 * A template's `Fn::Join` of literal JSON and references, rebuilt as a string with each
 * reference replaced by `names[logicalId]` (e.g. STAGE_QUEUE_URLS -> {"transcribe":"transcribe"}).
 */
export function joinWithNames(value: unknown, names: Record<string, string>): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) {
    const ref = target(value);
    if (!ref) throw new Error(`cannot read ${JSON.stringify(value)}`);
    return names[ref.id] ?? `?${ref.id}`;
  }
  return join[1].map((part) => joinWithNames(part, names)).join(join[0]);
}
