import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for Elastic Load Balancing. */
export const ELB_RULES: ManagedRuleDefinition[] = [
  { identifier: 'ALB_HTTP_DROP_INVALID_HEADER_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'], nagRuleIds: ['HIPAA.Security-ALBHttpDropInvalidHeaderEnabled', 'PCI.DSS.321-ALBHttpDropInvalidHeaderEnabled'] },
  { identifier: 'ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK', trigger: RuleTrigger.PERIODIC, nagRuleIds: ['NIST.800.53.R5-ALBHttpToHttpsRedirection', 'HIPAA.Security-ALBHttpToHttpsRedirection', 'PCI.DSS.321-ALBHttpToHttpsRedirection'] },
  { identifier: 'ALB_WAF_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'], nagRuleIds: ['NIST.800.53.R5-ALBWAFEnabled', 'PCI.DSS.321-ALBWAFEnabled'] },
  { identifier: 'ELB_ACM_CERTIFICATE_REQUIRED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'], nagRuleIds: ['NIST.800.53.R5-ELBACMCertificateRequired', 'HIPAA.Security-ELBACMCertificateRequired', 'PCI.DSS.321-ELBACMCertificateRequired'] },
  { identifier: 'ELB_CROSS_ZONE_LOAD_BALANCING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'], nagRuleIds: ['NIST.800.53.R5-ELBCrossZoneLoadBalancingEnabled', 'HIPAA.Security-ELBCrossZoneLoadBalancingEnabled', 'AwsSolutions-ELB4'] },
  { identifier: 'ELB_DELETION_PROTECTION_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'], nagRuleIds: ['NIST.800.53.R5-ELBDeletionProtectionEnabled', 'HIPAA.Security-ELBDeletionProtectionEnabled'] },
  { identifier: 'ELB_LOGGING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer'], nagRuleIds: ['NIST.800.53.R5-ELBLoggingEnabled', 'HIPAA.Security-ELBLoggingEnabled', 'PCI.DSS.321-ELBLoggingEnabled', 'AwsSolutions-ELB2'] },
  { identifier: 'ELB_PREDEFINED_SECURITY_POLICY_SSL_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'], parameters: { predefinedPolicyName: { type: 'String', required: true } } },
  { identifier: 'ELB_TLS_HTTPS_LISTENERS_ONLY', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'], nagRuleIds: ['NIST.800.53.R5-ELBTlsHttpsListenersOnly', 'HIPAA.Security-ELBTlsHttpsListenersOnly', 'PCI.DSS.321-ELBTlsHttpsListenersOnly', 'AwsSolutions-ELB5'] },
  { identifier: 'ELBV2_ACM_CERTIFICATE_REQUIRED', trigger: RuleTrigger.PERIODIC, nagRuleIds: ['NIST.800.53.R5-ELBv2ACMCertificateRequired', 'HIPAA.Security-ELBv2ACMCertificateRequired', 'PCI.DSS.321-ELBv2ACMCertificateRequired'] },
];
