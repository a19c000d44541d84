#!/usr/bin/env python3
"""Checks that the deployment configs agree with each other and with the program.

Parses docker/Dockerfile, docker/fly.toml, docker/apprunner.json, docker/ecs-task-definition.json
and docker/iam/*.json (every JSON file must parse) and checks the facts they share:
- port 3000 everywhere (EXPOSE, ENV PORT, Fly internal_port and PORT, App Runner Port and PORT,
  the ECS containerPort and PORT);
- health: /api/health (a route the program has) for Fly and App Runner checks; `drop health` for
  the Dockerfile HEALTHCHECK and the ECS healthCheck (the image has no curl);
- user 1001:1001 (both runtime stages, useradd, ECS `user`); ECS readonlyRootFilesystem;
- SIGTERM, and a kill/stop timeout longer than the drain (DROP_DRAIN_TIMEOUT_MS default, read
  from app/config/settings.hpp);
- Fly staging: the volume at /app/data, DATABASE_URL on it, scale to zero, DROP_ENV=staging;
- AWS: eu-west-1, AWS_SECRET_ARN set and readable (secretsmanager:GetSecretValue) by the role the
  program runs as; ECS awsvpc/Fargate, awslogs, execution and task roles;
- every environment variable a config sets is a setting the program reads, and no secret setting
  is set in plain text (they come from Secrets Manager or `fly secrets`);
- commands the configs run (`serve`, `start`, `health`) are commands of the program.
Usage: check_deploy_configs.py <repository root>        exit 0 when every check holds, else 1
"""
import json
import pathlib
import re
import sys
import tomllib

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def read(path):
    return (root / path).read_text()


# --- the program's facts ---------------------------------------------------------------------
settings_source = read("app/config/settings.cpp")
settings_read = set(re.findall(r'"([A-Z][A-Z0-9_]+)"', settings_source))
drain_match = re.search(r"drain_timeout_ms = (\d+);", read("app/config/settings.hpp"))
drain_s = int(drain_match.group(1)) / 1000 if drain_match else None
check(drain_s is not None, "settings.hpp: no drain_timeout_ms default found")
commands = set(re.findall(r'\{"([a-z ]+)",', read("app/cli/commands.cpp")))
routes = set(re.findall(r'\.pattern = "([^"]+)"', "".join(
    p.read_text() for p in sorted((root / "app/api").glob("*.cpp")))))
check("/api/health" in routes, "the program has no /api/health route")
SECRETS = {"JWT_SECRET", "DROP_ADMIN_TOKEN", "SLACK_WEBHOOK_URL", "SUMSUB_APP_TOKEN",
           "SUMSUB_SECRET_KEY", "SUMSUB_WEBHOOK_SECRET", "BANKID_CLIENT_SECRET",
           "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}
PORT, USER, HEALTH_PATH, REGION = 3000, "1001:1001", "/api/health", "eu-west-1"


def check_environment(where, environment):
    for name, value in environment.items():
        check(name in settings_read, f"{where}: {name} is not a setting the program reads")
        check(name not in SECRETS, f"{where}: secret {name} set in plain text")
        if name == "DATABASE_URL":
            check(str(value).startswith("sqlite:"), f"{where}: DATABASE_URL in plain text")
    if "PORT" in environment:
        check(str(environment["PORT"]) == str(PORT), f"{where}: PORT is not {PORT}")


def iam_allows(policy, action, resource):
    """True when an Allow statement names `action` on a pattern matching `resource`."""
    for statement in policy["Statement"]:
        actions = statement["Action"] if isinstance(statement["Action"], list) else [
            statement["Action"]]
        resources = statement["Resource"] if isinstance(statement["Resource"], list) else [
            statement["Resource"]]
        if statement["Effect"] != "Allow" or action not in actions:
            continue
        for pattern in resources:
            regex = re.escape(pattern).replace(r"\?", ".").replace(r"\*", ".*")
            if re.fullmatch(regex, resource):
                return True
    return False


def secret_arn_without_key(arn):
    # arn:aws:secretsmanager:<region>:<account>:secret:<name-suffix>[:json-key:stage:version]
    return ":".join(arn.split(":")[:7])


# --- Dockerfile ------------------------------------------------------------------------------
dockerfile = read("docker/Dockerfile")
stages = re.split(r"^(?=FROM )", dockerfile, flags=re.M)
runtime_stages = [s for s in stages if re.match(r"FROM \S+ AS runtime(-distroless)?\n", s)]
check(len(runtime_stages) == 2, "Dockerfile: expected the runtime and runtime-distroless stages")
check(stages[-1].startswith("FROM debian:12-slim AS runtime\n"),
      "Dockerfile: the default (last) stage is not runtime on debian:12-slim")
for stage in runtime_stages:
    name = stage.split("\n", 1)[0]
    check(re.search(rf"^EXPOSE {PORT}$", stage, re.M), f"{name}: no EXPOSE {PORT}")
    check(re.search(rf"^ENV .*PORT={PORT}\b", stage, re.M), f"{name}: no ENV PORT={PORT}")
    check(re.search(rf"^USER {USER}$", stage, re.M), f"{name}: not USER {USER}")
    check(re.search(r"^STOPSIGNAL SIGTERM$", stage, re.M), f"{name}: no STOPSIGNAL SIGTERM")
    check(re.search(r'^WORKDIR /app$', stage, re.M), f"{name}: WORKDIR is not /app")
    check(re.search(r'CMD \["/app/drop", "health"', stage), f"{name}: HEALTHCHECK is not drop health")
    check(re.search(r'^ENTRYPOINT \["/app/drop"\]$', stage, re.M), f"{name}: ENTRYPOINT")
    check(re.search(r'^CMD \["serve"\]$', stage, re.M), f"{name}: CMD is not serve")
check("--uid 1001 --gid 1001" in stages[-1], "runtime: the drop user is not uid/gid 1001")
check("chown 1001:1001 /app/data" in stages[-1], "runtime: /app/data is not owned by 1001")
check(re.search(r"cmake --build \S+ -j2", dockerfile), "Dockerfile: the build is not -j2")
check("-DCMAKE_BUILD_TYPE=Release" in dockerfile, "Dockerfile: the build is not Release")
check("scripts/deps.sh build" in dockerfile, "Dockerfile: the build stage does not run deps.sh")
for word in ("serve", "health", "migrate", "start"):
    check(word in commands, f"drop has no `{word}` command")

# --- Fly.io staging --------------------------------------------------------------------------
fly = tomllib.loads(read("docker/fly.toml"))
check(fly.get("kill_signal") == "SIGTERM", "fly.toml: kill_signal is not SIGTERM")
check(drain_s is not None and int(fly.get("kill_timeout", 0)) > drain_s,
      f"fly.toml: kill_timeout is not longer than the {drain_s} s drain")
check_environment("fly.toml [env]", fly.get("env", {}))
check(fly["env"].get("DROP_ENV") == "staging", "fly.toml: DROP_ENV is not staging")
check(fly["env"].get("DATABASE_URL", "").startswith("sqlite:/app/data/"),
      "fly.toml: DATABASE_URL is not a SQLite file on the /app/data volume")
mounts = fly.get("mounts", [])
mounts = mounts if isinstance(mounts, list) else [mounts]
check(any(m.get("destination") == "/app/data" for m in mounts), "fly.toml: no volume at /app/data")
service = fly.get("http_service", {})
check(service.get("internal_port") == PORT, "fly.toml: internal_port")
check(service.get("min_machines_running") == 0, "fly.toml: min_machines_running is not 0")
check(service.get("auto_stop_machines") in ("stop", "suspend", True), "fly.toml: auto_stop")
check(service.get("auto_start_machines") is True, "fly.toml: auto_start_machines")
check(any(c.get("path") == HEALTH_PATH for c in service.get("checks", [])),
      f"fly.toml: no http check on {HEALTH_PATH}")
for process, command in fly.get("processes", {}).items():
    check(command.split()[0] in commands, f"fly.toml: process {process} runs unknown `{command}`")

# --- AWS App Runner --------------------------------------------------------------------------
apprunner = json.loads(read("docker/apprunner.json"))
image = apprunner["SourceConfiguration"]["ImageRepository"]
config = image["ImageConfiguration"]
check(config["Port"] == str(PORT), "apprunner.json: Port")
check(config.get("StartCommand", "serve").split()[0] in commands, "apprunner.json: StartCommand")
check_environment("apprunner.json variables", config["RuntimeEnvironmentVariables"])
for name in config.get("RuntimeEnvironmentSecrets", {}):
    check(name in settings_read, f"apprunner.json secrets: {name} is not a setting")
health = apprunner["HealthCheckConfiguration"]
check(health["Protocol"] == "HTTP" and health["Path"] == HEALTH_PATH, "apprunner.json: health")
check(f".{REGION}." in image["ImageIdentifier"], "apprunner.json: image not in eu-west-1")
arn = config["RuntimeEnvironmentVariables"].get("AWS_SECRET_ARN", "")
check(f":{REGION}:" in arn, "apprunner.json: AWS_SECRET_ARN missing or not in eu-west-1")
check(config["RuntimeEnvironmentVariables"].get("AWS_REGION") == REGION, "apprunner: AWS_REGION")
check(apprunner["InstanceConfiguration"].get("InstanceRoleArn", "").endswith(
    "role/drop-apprunner-instance"), "apprunner.json: no instance role")
instance_policy = json.loads(read("docker/iam/apprunner-instance-policy.json"))
for secret in [arn] + list(config.get("RuntimeEnvironmentSecrets", {}).values()):
    check(iam_allows(instance_policy, "secretsmanager:GetSecretValue", secret),
          f"apprunner instance role cannot read {secret}")

# --- AWS ECS Fargate -------------------------------------------------------------------------
task = json.loads(read("docker/ecs-task-definition.json"))
check(task["networkMode"] == "awsvpc", "ecs: networkMode is not awsvpc")
check(task["requiresCompatibilities"] == ["FARGATE"], "ecs: not Fargate")
check(task.get("executionRoleArn") and task.get("taskRoleArn"), "ecs: execution and task roles")
container = task["containerDefinitions"][0]
check(container["command"][0] in commands, "ecs: command is not a drop command")
check(container.get("user") == USER, f"ecs: user is not {USER}")
check(container.get("readonlyRootFilesystem") is True, "ecs: root filesystem is writable")
check([m["containerPort"] for m in container["portMappings"]] == [PORT], "ecs: containerPort")
check(container["healthCheck"]["command"][:3] == ["CMD", "/app/drop", "health"],
      "ecs: healthCheck does not run drop health")
check(drain_s is not None and container.get("stopTimeout", 30) > drain_s,
      "ecs: stopTimeout is not longer than the drain")
check(container["logConfiguration"]["logDriver"] == "awslogs", "ecs: logs are not awslogs")
check(container["logConfiguration"]["options"].get("awslogs-region") == REGION, "ecs: log region")
environment = {e["name"]: e["value"] for e in container["environment"]}
check_environment("ecs environment", environment)
check(environment.get("AWS_REGION") == REGION, "ecs: AWS_REGION")
ecs_arn = environment.get("AWS_SECRET_ARN", "")
check(f":{REGION}:" in ecs_arn, "ecs: AWS_SECRET_ARN missing or not in eu-west-1")
task_policy = json.loads(read("docker/iam/ecs-task-policy.json"))
check(iam_allows(task_policy, "secretsmanager:GetSecretValue", ecs_arn),
      "ecs task role cannot read AWS_SECRET_ARN")
execution_policy = json.loads(read("docker/iam/ecs-execution-policy.json"))
for secret in container.get("secrets", []):
    check(secret["name"] in settings_read, f"ecs secrets: {secret['name']} is not a setting")
    check(iam_allows(execution_policy, "secretsmanager:GetSecretValue",
                     secret_arn_without_key(secret["valueFrom"])),
          f"ecs execution role cannot read {secret['valueFrom']}")
for policy in sorted((root / "docker/iam").glob("*.json")):
    json.loads(policy.read_text())  # every policy parses

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("deployment configs agree: port 3000, /api/health, user 1001:1001, SIGTERM with a "
      f"timeout over the {drain_s} s drain, secrets only by reference")
