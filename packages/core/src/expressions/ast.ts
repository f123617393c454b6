/** The value types an attribute may have in a rule. `version` compares as a dotted version. */
export const attributeTypes = ['string', 'number', 'boolean', 'version', 'date'] as const;
export type AttributeType = (typeof attributeTypes)[number];

/** The attributes a rule may read, by dotted path (`device.platform`), with their types. */
export type AttributeCatalog = Readonly<Record<string, AttributeType>>;

export type Literal = string | number | boolean | null;

export const comparisonOperators = ['==', '!=', '<', '<=', '>', '>=', 'in', 'contains', 'startsWith', 'endsWith'] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

/** A parsed rule. Every node keeps its offset in the source for error messages. */
export type RuleNode =
  | { readonly kind: 'and' | 'or'; readonly left: RuleNode; readonly right: RuleNode; readonly at: number }
  | { readonly kind: 'not'; readonly operand: RuleNode; readonly at: number }
  | { readonly kind: 'compare'; readonly op: ComparisonOperator; readonly path: string; readonly type: AttributeType; readonly value: Literal | readonly Literal[]; readonly at: number }
  | { readonly kind: 'truthy'; readonly path: string; readonly at: number };
