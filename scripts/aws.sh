#!/usr/bin/env bash
# Deploying to AWS with your current credentials (AWS_PROFILE, SSO, environment variables, or the
# role the GitHub workflow assumes):
#   scripts/aws.sh deploy [stage] [--yes]          bootstrap the account/region once if needed, then
#                                                  deploy the stage's stateful stack and its API stack
#   scripts/aws.sh destroy [stage] [--yes] [--all] delete the API stack; the stateful stack (table, user
#                                                  pool, cursor secret, bus, archive, dead-letter queue)
#                                                  only with --all (prod keeps those resources even then)
#   scripts/aws.sh diff [stage]                    what a deploy would change
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
all=false
for arg in "$@"; do
  case "$arg" in
    --yes | -y) yes=true ;;
    --all) all=true ;;
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
api_stack="$stage-sites-and-groups"
stateful_stack="$stage-sites-and-groups-stateful"

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
    echo "deploying $stateful_stack and $api_stack to account $account, region $region"
    if non_interactive; then
      approval=never
    else
      approval=broadening
      # `cdk bootstrap` is idempotent: it creates the CDKToolkit stack only where it is missing.
      if ! aws cloudformation describe-stacks --stack-name CDKToolkit >/dev/null 2>&1; then
        "${cdk[@]}" bootstrap "aws://$account/$region" "${context[@]}"
      fi
    fi
    # No stateful stack but the table is there (kept by a `destroy --all` of prod, or a stage deployed
    # before the split): a deploy would fail on its name; the kept resources are imported instead.
    if ! aws cloudformation describe-stacks --stack-name "$stateful_stack" >/dev/null 2>&1 &&
      aws dynamodb describe-table --table-name "$api_stack" >/dev/null 2>&1; then
      echo "The table $api_stack exists but $stateful_stack does not: move or import the stage's stateful" >&2
      echo "resources into it first (docs/operations.md, \"Moving the stateful resources\")." >&2
      exit 1
    fi
    mkdir -p cdk.out
    # the API stack depends on the stateful one: CDK deploys the stateful stack first
    "${cdk[@]}" deploy "$stateful_stack" "$api_stack" "${context[@]}" \
      --require-approval "$approval" --outputs-file "cdk.out/$stage-outputs.json"
    ;;
  diff)
    CDK_DEFAULT_ACCOUNT="$(identity)" "${cdk[@]}" diff "$stateful_stack" "$api_stack" "${context[@]}"
    ;;
  destroy)
    account="$(identity)"
    export CDK_DEFAULT_ACCOUNT="$account"
    stacks=("$api_stack")
    if [ "$all" = "true" ]; then stacks+=("$stateful_stack"); fi
    echo "destroying ${stacks[*]} in account $account, region $region"
    force=()
    if non_interactive; then force=(--force); fi
    "${cdk[@]}" destroy "${stacks[@]}" --exclusively "${context[@]}" ${force[@]+"${force[@]}"}
    if [ "$all" = "false" ]; then
      echo "Kept: $stateful_stack (the table, the user pool and its clients, the cursor secret, the bus"
      echo "and its archive, the dead-letter queue); 'scripts/aws.sh deploy $stage' re-creates the API against it."
      echo "'scripts/aws.sh destroy $stage --all' removes it too."
    elif [ "$stage" = "prod" ]; then
      echo "Kept (RETAIN) outside any stack: the table ($api_stack, deletion protection on), the user pool"
      echo "(deletion protection on) and its clients, domain and resource server, the cursor secret, the bus,"
      echo "its archive and the dead-letter queue. A deploy imports them back (docs/operations.md,"
      echo "\"Moving the stateful resources\"); or delete them by hand, the table and the pool after"
      echo "turning their deletion protection off."
    fi
    if [ "$stage" = "prod" ]; then
      echo "Also kept: the API's log groups (generated names: a new deploy creates new ones) and API Gateway's CloudWatch role."
    fi
    ;;
  *)
    echo "usage: $0 deploy|diff|destroy [dev|prod] [--yes] [--all]" >&2
    exit 2
    ;;
esac
