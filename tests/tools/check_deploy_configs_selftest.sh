#!/usr/bin/env bash
# Proves the deployment-config check can fail: on copies of docker/ (and the app sources it reads)
# with one planted disagreement each, check_deploy_configs.py must exit 1; unmodified, 0.
# Usage: check_deploy_configs_selftest.sh <checker.py> <repository root>
set -u
checker=${1:?usage: check_deploy_configs_selftest.sh <checker.py> <repository root>}
source_root=${2:?}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fresh() {
  rm -rf "$scratch/repo"
  mkdir -p "$scratch/repo/app"
  cp -r "$source_root/docker" "$scratch/repo/"
  cp -r "$source_root/app/config" "$source_root/app/cli" "$source_root/app/api" "$scratch/repo/app/"
}
fresh
python3 "$checker" "$scratch/repo" >/dev/null || { echo "unmodified copy reported"; exit 1; }
status=0
plant() {  # plant <description> <file> <sed expression>
  fresh
  sed -i -e "$3" "$scratch/repo/$2"
  if cmp -s "$source_root/$2" "$scratch/repo/$2"; then
    echo "the edit for '$1' changed nothing (stale self-test)"; status=1
  elif python3 "$checker" "$scratch/repo" >"$scratch/out" 2>&1; then
    echo "not caught: $1"; status=1
  else
    echo "caught: $1: $(head -1 "$scratch/out")"
  fi
}
plant "ECS runs as root" docker/ecs-task-definition.json 's/"user": "1001:1001"/"user": "0"/'
plant "Fly kills before the drain ends" docker/fly.toml 's/^kill_timeout = .*/kill_timeout = 5/'
plant "App Runner checks another path" docker/apprunner.json 's|"Path": "/api/health"|"Path": "/health"|'
plant "a secret in Fly's plain env" docker/fly.toml 's/^  DROP_ENV = "staging"/  DROP_ENV = "staging"\n  JWT_SECRET = "x"/'
plant "the task role cannot read the secret" docker/iam/ecs-task-policy.json 's/secret:drop\/production-??????/secret:other-??????/'
plant "the image exposes another port" docker/Dockerfile 's/^EXPOSE 3000$/EXPOSE 8080/'
plant "a misspelt setting" docker/ecs-task-definition.json 's/"DROP_TRUSTED_PROXY_HOPS"/"DROP_TRUSTED_PROXIES"/'
[ $status -eq 0 ] && echo "every planted disagreement was caught"
exit $status
