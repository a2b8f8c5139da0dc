//go:build inline

// Runs this example as an Automation API inline program: how CI runs it where the Go language host
// (pulumi-language-go) cannot be had. The program is offboard.go, unchanged; the CLI, the engine, the
// state and the quickbi plugin (found on PATH) are the real ones.
//
//	go run -tags inline . preview|up|refresh|up-refresh|destroy
//
// Environment: QUICKBI_STACK_DIR (the workspace), QUICKBI_CLI_ROOT (the directory holding bin/pulumi),
// QUICKBI_CONFIG (stack config as JSON, {"key": "value"} or {"key": {"secret": "value"}}), and the usual
// PULUMI_BACKEND_URL, PULUMI_HOME, PULUMI_CONFIG_PASSPHRASE. Prints one JSON line last: {op, changes, output}.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

type result struct {
	Op      string         `json:"op"`
	Changes map[string]int `json:"changes"`
	Output  string         `json:"output"`
}

func main() {
	op := "preview"
	if len(os.Args) > 1 {
		op = os.Args[1]
	}
	if err := run(context.Background(), op); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, op string) error {
	cli, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: os.Getenv("QUICKBI_CLI_ROOT")})
	if err != nil {
		return err
	}
	project := workspace.Project{Name: "quickbi-offboard-go", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", project.Name.String(), offboard,
		auto.WorkDir(os.Getenv("QUICKBI_STACK_DIR")), auto.Project(project), auto.Pulumi(cli))
	if err != nil {
		return err
	}
	config := map[string]any{}
	if text := os.Getenv("QUICKBI_CONFIG"); text != "" {
		if err := json.Unmarshal([]byte(text), &config); err != nil {
			return fmt.Errorf("QUICKBI_CONFIG is not JSON: %w", err)
		}
	}
	values := auto.ConfigMap{}
	for key, value := range config {
		if secret, ok := value.(map[string]any); ok {
			values[key] = auto.ConfigValue{Value: fmt.Sprint(secret["secret"]), Secret: true}
		} else {
			values[key] = auto.ConfigValue{Value: fmt.Sprint(value)}
		}
	}
	if err := stack.SetAllConfig(ctx, values); err != nil {
		return err
	}
	var out result
	switch op {
	case "preview":
		res, err := stack.Preview(ctx, optpreview.Diff())
		if err != nil {
			return err
		}
		out = result{Op: op, Output: res.StdOut, Changes: map[string]int{}}
		for kind, count := range res.ChangeSummary {
			out.Changes[string(kind)] = count
		}
	case "up", "up-refresh":
		var options []optup.Option
		if op == "up-refresh" {
			options = append(options, optup.Refresh())
		}
		res, err := stack.Up(ctx, options...)
		if err != nil {
			return err
		}
		out = result{Op: op, Output: res.StdOut, Changes: *res.Summary.ResourceChanges}
	case "refresh":
		res, err := stack.Refresh(ctx)
		if err != nil {
			return err
		}
		out = result{Op: op, Output: res.StdOut, Changes: *res.Summary.ResourceChanges}
	case "destroy":
		res, err := stack.Destroy(ctx)
		if err != nil {
			return err
		}
		out = result{Op: op, Output: res.StdOut, Changes: *res.Summary.ResourceChanges}
	default:
		return fmt.Errorf("unknown operation %q: use preview, up, refresh, up-refresh or destroy", op)
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}
