import type { CliCommand } from '../../core/inputs';

/**
 * The examples of each command's --help. Words are plain (no quotes), so a test can split them on
 * spaces and run them: test/integration/cli-help.test.ts runs the build examples as dry runs.
 */
export interface Example {
  title: string;
  args: string[];
}

const words = (line: string): string[] => line.split(' ');

export const EXAMPLES: Record<CliCommand, Example[]> = {
  build: [
    {
      title:
        'Connector + Image + Registry: a Pulsar IO sink NAR pushed to Amazon ECR (AWS default credentials)',
      args: words(
        'build --working-directory connectors/my-sink --artifact target/my-sink-1.0.0.nar --image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-sink --tags 1.0.0',
      ),
    },
    {
      title:
        'Image: an Airbyte connector folder (metadata.yaml) written to an OCI layout, no registry needed',
      args: words('build --working-directory airbyte/source-acme --output oci:out/source-acme'),
    },
    {
      title:
        'Behaviour: a dry run of a Python function that prints the digest and every output as JSON',
      args: words(
        'build --artifact exclamation.py --connector-type pulsar-function --output none --json',
      ),
    },
  ],
  rebase: [
    {
      title: 'Move an image onto a patched runner and push it under a new tag',
      args: words(
        'rebase --image ghcr.io/acme/my-sink:1.0.0 --base-image streamnative/pulsar-functions-java-runner:4.0.5 --tags 1.0.0-1',
      ),
    },
  ],
  inspect: [
    { title: 'An image in a registry', args: words('inspect ghcr.io/acme/my-sink:1.0.0') },
    {
      title: 'A layout written by build --output oci:DIR, as JSON',
      args: words('inspect oci:out/source-acme --json'),
    },
  ],
  verify: [
    {
      title: 'Keyless: signed by a GitHub workflow of acme/connectors',
      args: words(
        'verify ghcr.io/acme/my-sink:1.0.0 --certificate-identity-regexp https://github.com/acme/connectors/.+ --certificate-oidc-issuer https://token.actions.githubusercontent.com --trusted-root trusted_root.json',
      ),
    },
    {
      title: 'Key-based: an air-gapped registry, the public key of SLIPWAY_SIGNING_KEY',
      args: words('verify registry.internal/acme/my-sink:1.0.0 --public-key signing.pub --json'),
    },
  ],
  discover: [
    {
      title: 'The projects a pull request touches, as JSON',
      args: words('discover --changed-since origin/main --json'),
    },
    {
      title: 'A GitLab child pipeline with one job per changed project',
      args: words(
        'discover --changed-since origin/main --gitlab-pipeline slipway-child.yml --gitlab-include component:gitlab.example.com/acme/slipway/slipway@1.0.0',
      ),
    },
  ],
};

/** The "Examples:" section of a command's --help. */
export function examplesHelp(command: CliCommand): string {
  const lines = ['', 'Examples:'];
  for (const e of EXAMPLES[command])
    lines.push(`  # ${e.title}`, `  $ slipway ${e.args.join(' ')}`);
  if (command === 'build') {
    lines.push(
      '  # Many projects: every project changed since main, one Maven run per reactor',
      '  $ slipway build --all --changed-since origin/main --image-prefix ghcr.io/acme',
    );
  }
  return `${lines.join('\n')}\n`;
}
