#!/usr/bin/env bash
# Deploying to AWS with your current credentials (AWS_PROFILE, SSO, environment variables):
#   scripts/aws.sh deploy [stage]    bootstrap the account/region once if needed, then deploy
#   scripts/aws.sh destroy [stage]   delete the stack (prod keeps its table: RETAIN + deletion protection)
# The stage is `dev` unless given (or STAGE=prod). Extra CDK context: CDK_CONTEXT="-c alarmEmail=ops@example.com"
set -euo pipefail
cd "$(dirname "$0")/.."

action="${1:-}"
stage="${2:-${STAGE:-dev}}"
cdk=(node_modules/.bin/cdk)
# shellcheck disable=SC2206
context=(-c stage="$stage" ${CDK_CONTEXT:-})

identity() {
  if ! aws sts get-caller-identity --query Account --output text 2>/dev/null; then
    echo "No AWS credentials: configure a profile (aws configure sso / AWS_PROFILE=...) first." >&2
    exit 1
  fi
}

case "$action" in
  deploy)
    account="$(identity)"
    region="${AWS_REGION:-$(aws configure get region || true)}"
    region="${region:-eu-west-3}"
    # `cdk bootstrap` is idempotent: it creates the CDKToolkit stack only where it is missing.
    if ! aws cloudformation describe-stacks --stack-name CDKToolkit --region "$region" >/dev/null 2>&1; then
      "${cdk[@]}" bootstrap "aws://$account/$region" "${context[@]}"
    fi
    AWS_REGION="$region" "${cdk[@]}" deploy "$stage-sites-and-groups" "${context[@]}" \
      --require-approval broadening --outputs-file "cdk.out/$stage-outputs.json"
    ;;
  destroy)
    identity >/dev/null
    "${cdk[@]}" destroy "$stage-sites-and-groups" "${context[@]}"
    if [ "$stage" = "prod" ]; then
      echo "The prod table ($stage-sites-and-groups) was kept (RETAIN, deletion protection). To delete it too:"
      echo "  aws dynamodb update-table --table-name $stage-sites-and-groups --no-deletion-protection-enabled"
      echo "  aws dynamodb delete-table --table-name $stage-sites-and-groups"
    fi
    ;;
  *)
    echo "usage: $0 deploy|destroy [dev|prod]" >&2
    exit 2
    ;;
esac
