/** What a FlagAttribute factory recorded about the attribute's AppConfig constraints. */
export interface AttributeConstraints {
  readonly pattern?: string;
  readonly allowedValues?: string[];
  readonly minimum?: number;
  readonly maximum?: number;
}
