"""Runs this example as an Automation API inline program: how CI runs it where the Python language host
(pulumi-language-python) cannot be had. The program is __main__.py, unchanged; the CLI, the engine, the
state and the quickbi plugin (found on PATH) are the real ones.

    python inline.py preview|up|refresh|up-refresh|destroy

Environment: QUICKBI_STACK_DIR (the workspace: Pulumi.yaml and stack settings), QUICKBI_CLI_ROOT (the
directory holding bin/pulumi), QUICKBI_CONFIG (stack config as JSON, {"key": "value"} or
{"key": {"secret": "value"}}), and the usual PULUMI_BACKEND_URL, PULUMI_HOME, PULUMI_CONFIG_PASSPHRASE.
Prints one JSON line last: {"op", "changes", "output"}.
"""
import json
import os
import runpy
import sys

from pulumi import automation as auto

HERE = os.path.dirname(os.path.abspath(__file__))


def program() -> None:
    runpy.run_path(os.path.join(HERE, "__main__.py"))


def main(op: str) -> None:
    stack = auto.create_or_select_stack(
        stack_name="dev",
        project_name="quickbi-offboard-python",
        program=program,
        opts=auto.LocalWorkspaceOptions(
            work_dir=os.environ["QUICKBI_STACK_DIR"],
            pulumi_command=auto.PulumiCommand(root=os.environ["QUICKBI_CLI_ROOT"]),
            project_settings=auto.ProjectSettings(name="quickbi-offboard-python", runtime="python"),
        ),
    )
    config = json.loads(os.environ.get("QUICKBI_CONFIG", "{}"))
    stack.set_all_config(
        {
            key: auto.ConfigValue(value["secret"], secret=True)
            if isinstance(value, dict)
            else auto.ConfigValue(value)
            for key, value in config.items()
        }
    )
    if op == "preview":
        result = stack.preview(diff=True)
        changes, output = result.change_summary, result.stdout
    elif op in ("up", "up-refresh"):
        result = stack.up(refresh=op == "up-refresh")
        changes, output = result.summary.resource_changes, result.stdout
    elif op == "refresh":
        result = stack.refresh()
        changes, output = result.summary.resource_changes, result.stdout
    elif op == "destroy":
        result = stack.destroy()
        changes, output = result.summary.resource_changes, result.stdout
    else:
        raise SystemExit(f"unknown operation {op!r}: use preview, up, refresh, up-refresh or destroy")
    print(json.dumps({"op": op, "changes": {str(k): v for k, v in (changes or {}).items()}, "output": output}))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "preview")
