"""A consumer's CDK app in Python: gantry_cdk installed from the built wheel, synthesized offline."""
import aws_cdk as cdk
from aws_cdk import aws_iam as iam
import gantry_cdk

app = cdk.App(outdir="cdk.out")
env = cdk.Environment(account="111111111111", region="eu-west-1")

stack = cdk.Stack(app, "PyConsumerRegistry", env=env)
registry = gantry_cdk.PackageRegistry(stack, "Registry", domain_name="pyconsumer", reader_account_ids=["222222222222"])
registry.grant_read(iam.Role(stack, "Reader", assumed_by=iam.ServicePrincipal("codebuild.amazonaws.com")))

app.synth()
print("python consumer: synthesized", ", ".join(s.stack_name for s in app.node.children if isinstance(s, cdk.Stack)))
