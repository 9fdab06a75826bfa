#!/usr/bin/env node
import { App, Aspects } from 'aws-cdk-lib';
import { nagPacks } from './nag-packs';
import { buildReferenceApp } from './reference-app';

const app = new App();
buildReferenceApp(app);
// cdk-nag runs on every synth: an unsuppressed finding is an error annotation and fails `cdk synth`.
if (app.node.tryGetContext('gantry:nag') !== 'false' && app.node.tryGetContext('gantry:nag') !== false) {
  for (const pack of nagPacks()) Aspects.of(app).add(pack);
}
app.synth();
