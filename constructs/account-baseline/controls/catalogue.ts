// The catalogue is generated from AWS's Controls Reference (data/control-tower-controls/): npx projen catalogue:controls
export { ControlCatalogue } from './catalogue.generated';
