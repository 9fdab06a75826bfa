import { ControlDefinition } from '../control';

/**
 * One control of the library. Every `.ts` file of this folder (but this one and the registry) exports
 * `CONTROLS: CatalogueEntry[]`; the generated `registry.generated.ts` composes them, so adding a control is
 * adding one file here, e.g. `my-control.ts`:
 *
 * ```ts
 * import { ControlBehavior, ControlSeverity } from '../control';
 * import { CatalogueEntry } from './entry';
 * export const CONTROLS: CatalogueEntry[] = [
 *   { name: 'CT.EXAMPLE.PV.1', globalId: '<id of arn:aws:controlcatalog:::control/<id>>', behavior: ControlBehavior.PREVENTIVE,
 *     severity: ControlSeverity.HIGH, purpose: 'The control title, as the Control Catalog gives it.' },
 * ];
 * ```
 *
 * then `npx projen catalogue:controls:generate` (no source needed) rewrites the registry and the typed
 * members; the catalogue test fails until it has. The `*.generated.ts` files come from
 * data/control-tower-controls/ (`npx projen catalogue:controls`).
 */
export interface CatalogueEntry extends ControlDefinition {
  /** A legacy control, enabled by its regional identifier `arn:<partition>:controltower:<home region>::control/<name>`. */
  readonly legacy?: boolean;
}
