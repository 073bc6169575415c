#!/usr/bin/env bash
# Deploying to AWS with your current credentials (AWS_PROFILE, SSO, environment variables, or the
# role the GitHub workflow assumes):
#   scripts/aws.sh deploy [stage] [--yes]    bootstrap the account/region once if needed, then deploy
#   scripts/aws.sh destroy [stage] [--yes]   delete the stack (prod keeps its table and its log groups)
#   scripts/aws.sh diff [stage]              what a deploy would change
# The stage is `dev` unless given (or STAGE=prod). Extra CDK context: CDK_CONTEXT="-c alarmEmail=ops@example.com"
#
# Region, the same for every action: AWS_REGION, else AWS_DEFAULT_REGION, else the profile's
# region, else eu-west-3.
# Non-interactive (pipelines): --yes, or CI=true (GitHub Actions sets it): no approval prompt, no
# confirmation on destroy, and no bootstrap attempt (a pipeline role cannot bootstrap: an
# administrator runs `scripts/aws.sh deploy` once by hand first, see docs/operations.md).
set -euo pipefail
cd "$(dirname "$0")/.."

action="${1:-}"
shift || true
stage="${STAGE:-dev}"
yes="${CI:-false}"
for arg in "$@"; do
  case "$arg" in
    --yes | -y) yes=true ;;
    dev | prod) stage="$arg" ;;
    *)
      echo "unknown argument: $arg" >&2
      exit 2
      ;;
  esac
done
cdk=(node_modules/.bin/cdk)
# shellcheck disable=SC2206
context=(-c stage="$stage" ${CDK_CONTEXT:-})

identity() {
  if ! aws sts get-caller-identity --query Account --output text 2>/dev/null; then
    echo "No AWS credentials: configure a profile (aws configure sso / AWS_PROFILE=...) first." >&2
    exit 1
  fi
}

# One rule for every action, exported so that the CDK CLI and the AWS CLI agree.
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region 2>/dev/null || true)}}"
region="${region:-eu-west-3}"
export AWS_REGION="$region" AWS_DEFAULT_REGION="$region" CDK_DEFAULT_REGION="$region"

non_interactive() { [ "$yes" = "true" ] || [ "$yes" = "1" ]; }

case "$action" in
  deploy)
    account="$(identity)"
    export CDK_DEFAULT_ACCOUNT="$account"
    echo "deploying $stage-sites-and-groups to account $account, region $region"
    if non_interactive; then
      approval=never
    else
      approval=broadening
      # `cdk bootstrap` is idempotent: it creates the CDKToolkit stack only where it is missing.
      if ! aws cloudformation describe-stacks --stack-name CDKToolkit >/dev/null 2>&1; then
        "${cdk[@]}" bootstrap "aws://$account/$region" "${context[@]}"
      fi
    fi
    # prod's table outlives `destroy` (RETAIN) under its fixed name: the next deploy adopts it
    # (CloudFormation imports existing resources with a custom name and a Retain policy); a no-op
    # when the stack already holds it.
    adopt=()
    if [ "$stage" = "prod" ]; then adopt=(--import-existing-resources); fi
    mkdir -p cdk.out
    "${cdk[@]}" deploy "$stage-sites-and-groups" "${context[@]}" ${adopt[@]+"${adopt[@]}"} \
      --require-approval "$approval" --outputs-file "cdk.out/$stage-outputs.json"
    ;;
  diff)
    CDK_DEFAULT_ACCOUNT="$(identity)" "${cdk[@]}" diff "$stage-sites-and-groups" "${context[@]}"
    ;;
  destroy)
    account="$(identity)"
    export CDK_DEFAULT_ACCOUNT="$account"
    echo "destroying $stage-sites-and-groups in account $account, region $region"
    force=()
    if non_interactive; then force=(--force); fi
    "${cdk[@]}" destroy "$stage-sites-and-groups" "${context[@]}" ${force[@]+"${force[@]}"}
    if [ "$stage" = "prod" ]; then
      echo "Kept (RETAIN): the prod table ($stage-sites-and-groups, deletion protection on), its log groups"
      echo "(generated names: a new deploy creates new ones) and API Gateway's CloudWatch role. To delete the table too:"
      echo "  aws dynamodb update-table --region $region --table-name $stage-sites-and-groups --no-deletion-protection-enabled"
      echo "  aws dynamodb delete-table --region $region --table-name $stage-sites-and-groups"
      echo "The next 'scripts/aws.sh deploy prod' adopts the kept table (--import-existing-resources)."
    fi
    ;;
  *)
    echo "usage: $0 deploy|diff|destroy [dev|prod] [--yes]" >&2
    exit 2
    ;;
esac
