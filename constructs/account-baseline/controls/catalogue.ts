// The catalogue is generated from AWS's Control Catalog export and the archived Controls Reference
// (data/control-tower-controls/): npx projen catalogue:controls. A control added as a file to library/ is
// picked up by npx projen catalogue:controls:generate.
export { ControlCatalogue } from './catalogue.generated';
