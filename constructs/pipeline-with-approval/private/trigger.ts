import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import { GitTriggerProps, PullRequestEvent } from '../types';

/** The V2 Git trigger of the connection source action. */
export function gitTrigger(sourceAction: codepipeline.IAction, trigger: GitTriggerProps): codepipeline.TriggerProps {
  return {
    providerType: codepipeline.ProviderType.CODE_STAR_SOURCE_CONNECTION,
    gitConfiguration: {
      sourceAction,
      pushFilter: trigger.push?.map((f) => ({
        branchesIncludes: f.branchesIncludes,
        branchesExcludes: f.branchesExcludes,
        filePathsIncludes: f.filePathsIncludes,
        filePathsExcludes: f.filePathsExcludes,
        tagsIncludes: f.tagsIncludes,
        tagsExcludes: f.tagsExcludes,
      })),
      pullRequestFilter: trigger.pullRequest?.map((f) => ({
        events: (f.events ?? [PullRequestEvent.OPEN, PullRequestEvent.UPDATED, PullRequestEvent.CLOSED])
          .map((e) => e as string as codepipeline.GitPullRequestEvent),
        branchesIncludes: f.branchesIncludes,
        branchesExcludes: f.branchesExcludes,
        filePathsIncludes: f.filePathsIncludes,
        filePathsExcludes: f.filePathsExcludes,
      })),
    },
  };
}
