#!/usr/bin/env bash
# LocalStack for the CDK stack (docker-compose.localstack.yml):
#   scripts/localstack.sh up       start LocalStack and wait until it is ready
#   scripts/localstack.sh deploy   bootstrap and deploy the dev stage (open) with cdklocal, print the API URL
#   scripts/localstack.sh down     stop LocalStack and remove its state
#
# What LocalStack 4.14.0 (free) does with the stacks: docs/localstack.md. In short, the deploy
# passes `-c localstack=true -c access=open` (no X-Ray, CodeDeploy, dashboard, archive; the open
# stage: no Cognito user pool nor authorizer), and it deletes the API stack before deploying
# again, because LocalStack cannot update an API Gateway Stage (nor a Deployment): an update that
# changes routes could lose the stage. The stateful stack stays: the table keeps its items.
set -euo pipefail
cd "$(dirname "$0")/.."

compose=(docker compose -f docker-compose.localstack.yml)
endpoint="${AWS_ENDPOINT_URL:-http://127.0.0.1:4566}"
stage="${STAGE:-dev}"

# cdklocal needs credentials and a region, any will do; it rewrites the endpoints to LocalStack.
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_REGION="${AWS_REGION:-us-east-1}" AWS_DEFAULT_REGION="${AWS_REGION:-us-east-1}"
export CDK_DEFAULT_ACCOUNT="${CDK_DEFAULT_ACCOUNT:-000000000000}" CDK_DEFAULT_REGION="$AWS_REGION"
# cdklocal 3.0.4 with this CDK CLI (2.177 or later) points the deploy at AWS_ENDPOINT_URL, and when
# it is unset at http://localhost.localstack.cloud:4566 and S3 at s3.localhost.localstack.cloud,
# names only public wildcard DNS resolves (its src/index.js, configureEnvironment). Both set to the
# endpoint itself, S3 path-style: no DNS name at all. It also drops every other AWS_* variable that
# AWS_ENVAR_ALLOWLIST does not name (the region would fall back to us-east-1).
export AWS_ENDPOINT_URL="$endpoint" AWS_ENDPOINT_URL_S3="$endpoint" AWS_S3_FORCE_PATH_STYLE=true
export AWS_ENVAR_ALLOWLIST="AWS_REGION,AWS_DEFAULT_REGION,AWS_S3_FORCE_PATH_STYLE"
# pnpm keeps aws-cdk beside aws-cdk-local, not inside it: cdklocal finds it through NODE_PATH.
export NODE_PATH="$PWD/node_modules${NODE_PATH:+:$NODE_PATH}"
cdklocal=(node_modules/.bin/cdklocal)

require_docker() {
  if ! docker info >/dev/null 2>&1; then
    echo "Docker is not running (or not installed): LocalStack runs in Docker, and so do its Lambda functions." >&2
    exit 1
  fi
}

wait_ready() {
  printf "waiting for LocalStack at %s " "$endpoint"
  for _ in $(seq 1 90); do
    if curl -fsS "$endpoint/_localstack/health" 2>/dev/null | grep -q '"dynamodb": "\(available\|running\)"'; then
      echo " ready"
      return 0
    fi
    printf "."
    sleep 2
  done
  echo " gave up after 3 minutes; see: docker compose -f docker-compose.localstack.yml logs" >&2
  exit 1
}

case "${1:-}" in
  up)
    require_docker
    "${compose[@]}" up -d
    wait_ready
    ;;
  deploy)
    wait_ready
    # The open stage, explicitly: LocalStack's free image has no Cognito, so no user pool and no
    # authorizer (the AccessControl output says OPEN); every AWS stage has them.
    context=(-c stage="$stage" -c localstack=true -c access=open)
    "${cdklocal[@]}" bootstrap "aws://$CDK_DEFAULT_ACCOUNT/$AWS_REGION" "${context[@]}"
    # A clean API stack every time: LocalStack's CloudFormation does not implement updating an
    # AWS::ApiGateway::Stage or ::Deployment. The stateful stack (table, bus, queue) stays.
    # (Deleting a stack that does not exist is a no-op.)
    echo "deleting the previous $stage-sites-and-groups stack, if any (LocalStack cannot update a Stage)"
    "${cdklocal[@]}" destroy "$stage-sites-and-groups" --exclusively "${context[@]}" --force
    mkdir -p cdk.out
    "${cdklocal[@]}" deploy "$stage-sites-and-groups-stateful" "$stage-sites-and-groups" "${context[@]}" \
      --require-approval never --outputs-file cdk.out/localstack-outputs.json
    api_id="$(node -p "require('./cdk.out/localstack-outputs.json')['$stage-sites-and-groups'].ApiId")"
    # LocalStack's path-style route for execute-api: no DNS name needed (any machine, any resolver)
    base="$endpoint/_aws/execute-api/$api_id/$stage"
    echo
    echo "API: $base/"
    echo "try: curl -s $base/sites"
    ;;
  down)
    "${compose[@]}" down --volumes
    ;;
  *)
    echo "usage: $0 up|deploy|down" >&2
    exit 2
    ;;
esac
