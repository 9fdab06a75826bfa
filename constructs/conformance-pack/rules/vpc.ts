import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for Amazon VPC and networking. */
export const VPC_RULES: ManagedRuleDefinition[] = [
  { identifier: 'INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::EC2::InternetGateway'], parameters: { AuthorizedVpcIds: { type: 'CSV' } } },
  { identifier: 'NACL_NO_UNRESTRICTED_SSH_RDP', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::EC2::NetworkAcl'] },
  { identifier: 'NETFW_LOGGING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::NetworkFirewall::LoggingConfiguration'] },
  { identifier: 'NETFW_POLICY_DEFAULT_ACTION_FRAGMENT_PACKETS', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::NetworkFirewall::FirewallPolicy'], parameters: { statelessFragmentDefaultActions: { type: 'CSV', required: true } } },
  { identifier: 'NETFW_POLICY_DEFAULT_ACTION_FULL_PACKETS', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::NetworkFirewall::FirewallPolicy'], parameters: { statelessDefaultActions: { type: 'CSV', required: true } } },
  { identifier: 'NO_UNRESTRICTED_ROUTE_TO_IGW', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::EC2::RouteTable'], nagRuleIds: ['NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW', 'HIPAA.Security-VPCNoUnrestrictedRouteToIGW', 'PCI.DSS.321-VPCNoUnrestrictedRouteToIGW'] },
  { identifier: 'SERVICE_VPC_ENDPOINT_ENABLED', trigger: RuleTrigger.PERIODIC, parameters: { serviceName: { type: 'String', required: true } } },
  { identifier: 'SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::EC2::Subnet'], nagRuleIds: ['NIST.800.53.R5-VPCSubnetAutoAssignPublicIpDisabled', 'HIPAA.Security-VPCSubnetAutoAssignPublicIpDisabled', 'PCI.DSS.321-VPCSubnetAutoAssignPublicIpDisabled'] },
  { identifier: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::EC2::SecurityGroup'], nagRuleIds: ['NIST.800.53.R5-VPCDefaultSecurityGroupClosed', 'HIPAA.Security-VPCDefaultSecurityGroupClosed', 'PCI.DSS.321-VPCDefaultSecurityGroupClosed'] },
  { identifier: 'VPC_FLOW_LOGS_ENABLED', trigger: RuleTrigger.PERIODIC, nagRuleIds: ['NIST.800.53.R5-VPCFlowLogsEnabled', 'HIPAA.Security-VPCFlowLogsEnabled', 'PCI.DSS.321-VPCFlowLogsEnabled', 'AwsSolutions-VPC7'] },
  { identifier: 'VPC_NETWORK_ACL_UNUSED_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::EC2::NetworkAcl'] },
  { identifier: 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::EC2::SecurityGroup'], parameters: { authorizedTcpPorts: { type: 'CSV' }, authorizedUdpPorts: { type: 'CSV' } } },
  { identifier: 'VPC_VPN_2_TUNNELS_UP', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::EC2::VPNConnection'] },
];
