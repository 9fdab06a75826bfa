"""A consumer's CDK app in Python: gantry_cdk installed from the built wheel, synthesized offline.

Uses three constructs through the jsii Python API (snake_case props, struct classes, enums, static
factories): PackageRegistry (a PyPI repository, a protected name prefix), BlueGreenLambda (function from props, pre-bundled smoke-test hook)
and ConformancePack (managed and custom Lambda rules)."""
import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
import gantry_cdk

app = cdk.App(outdir="cdk.out")
env = cdk.Environment(account="111111111111", region="eu-west-1")

registry_stack = cdk.Stack(app, "PyConsumerRegistry", env=env)
registry = gantry_cdk.PackageRegistry(
    registry_stack,
    "Registry",
    domain_name="pyconsumer",
    reader_account_ids=["222222222222"],
    formats=[gantry_cdk.RegistryFormatProps(format=gantry_cdk.PackageFormat.PYPI, repository_name="pyconsumer-pypi")],
    internal_namespaces=[gantry_cdk.PackageNamespace.python_prefix("pyconsumer")],
)
registry.grant_read(iam.Role(registry_stack, "Reader", assumed_by=iam.ServicePrincipal("codebuild.amazonaws.com")), gantry_cdk.PackageFormat.PYPI)

service_stack = cdk.Stack(app, "PyConsumerBlueGreen", env=env)
gantry_cdk.BlueGreenLambda(
    service_stack,
    "Orders",
    function_props=lambda_.FunctionProps(
        runtime=lambda_.Runtime.NODEJS_22_X,
        handler="index.handler",
        code=lambda_.Code.from_inline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
        timeout=cdk.Duration.seconds(10),
    ),
    deployment_config=gantry_cdk.BlueGreenDeploymentConfig.CANARY_10_PERCENT_5_MINUTES,
    smoke_test=gantry_cdk.SmokeTestProps(payload={"path": "/health"}, expected_status_code=200),
)

governance_stack = cdk.Stack(app, "PyConsumerGovernance", env=env)
gantry_cdk.ConformancePack(
    governance_stack,
    "Guardrails",
    pack_name="pyconsumer-guardrails",
    control_tower_managed=True,
    rules=[
        gantry_cdk.PackRule.managed("S3_BUCKET_VERSIONING_ENABLED"),
        gantry_cdk.PackRule.custom_lambda(
            "TablesBilledOnDemand",
            resource_types=["AWS::DynamoDB::Table"],
            property_path="configuration.billingModeSummary.billingMode",
            expected_value="PAY_PER_REQUEST",
        ),
    ],
)

app.synth()
print("python consumer: synthesized", ", ".join(s.stack_name for s in app.node.children if isinstance(s, cdk.Stack)))
