import type { RegistryProvider } from '../core/inputs';
import type { Access } from './context';

/**
 * What to grant when a registry refuses a pull or a push with credentials a provider obtained.
 * The engine knows only the HTTP status; the pipeline appends this to its message.
 */
export function permissionHint(provider: RegistryProvider, access: Access): string {
  const push = access === 'push';
  switch (provider) {
    case 'ecr':
      return push
        ? 'allow the IAM actions ecr:BatchCheckLayerAvailability, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage on the repository'
        : 'allow the IAM actions ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on the repository';
    case 'ecr-public':
      return push
        ? 'allow the IAM actions ecr-public:BatchCheckLayerAvailability, ecr-public:InitiateLayerUpload, ecr-public:UploadLayerPart, ecr-public:CompleteLayerUpload and ecr-public:PutImage on the repository'
        : 'public images need no credentials; check the repository name';
    case 'gar':
      return push
        ? 'grant roles/artifactregistry.writer on the repository to the identity Slipway runs as'
        : 'grant roles/artifactregistry.reader on the repository to the identity Slipway runs as';
    case 'acr':
      return push
        ? 'assign the AcrPush role on the registry to the identity Slipway runs as'
        : 'assign the AcrPull role on the registry to the identity Slipway runs as';
    case 'dockerhub':
      return push
        ? 'use a Docker Hub access token with Read & Write scope for a namespace the user may push to'
        : 'check the repository name, and log in for a private repository';
    case 'ghcr':
      return push
        ? 'give the job "permissions: packages: write" (GITHUB_TOKEN) and connect the package to this repository, or use a token with write:packages'
        : 'give the job "permissions: packages: read", or use a token with read:packages';
    case 'gitlab':
      return push
        ? "CI_JOB_TOKEN may push only to this project's registry: push to $CI_REGISTRY_IMAGE or use a deploy token with write_registry"
        : 'allow this project in the other project\'s "CI/CD job token" allowlist, or use a deploy token with read_registry';
    case 'generic':
      return 'check the "username" and "password" inputs (or, without them, the `docker login`/`podman login` made before the run) and that the user may access the repository';
  }
}
