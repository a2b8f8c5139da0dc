// A codegen-only language host, so that `pulumi package gen-sdk` runs on machines where the real
// pulumi-language-python and pulumi-language-go cannot be had (their Go modules are never tagged and
// the module proxy serves none of their pseudo-versions). Since CLI 3.1xx gen-sdk hands the schema to
// the language host's GeneratePackage; this host answers exactly that call with the same code
// generators the real hosts call (github.com/pulumi/pulumi/pkg/v3/codegen/python and .../go, of the
// CLI's own version), and nothing else: it cannot run a program.
//
// One binary, installed under two names; the name it was started as says which language it is.
// scripts/gen-sdk puts it on PATH for the gen-sdk command only.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is stamped by scripts/gen-sdk with the CLI version whose code generators this links.
var version = "dev"

type generator func(pkg *schema.Package, extraFiles map[string][]byte, loader schema.ReferenceLoader,
	localDependencies map[string]string) (map[string][]byte, error)

var generators = map[string]generator{
	"python": func(pkg *schema.Package, extra map[string][]byte, loader schema.ReferenceLoader,
		_ map[string]string,
	) (map[string][]byte, error) {
		return pygen.GeneratePackage("pulumi-language-python", pkg, extra, loader)
	},
	"go": func(pkg *schema.Package, extra map[string][]byte, _ schema.ReferenceLoader,
		local map[string]string,
	) (map[string][]byte, error) {
		if len(extra) > 0 {
			return nil, errors.New("overlays are not supported for Go")
		}
		return gogen.GeneratePackage("pulumi-language-go", pkg, local)
	},
}

type codegenHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	language string
}

func (h *codegenHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *codegenHost) Handshake(
	context.Context, *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *codegenHost) Run(context.Context, *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	return nil, fmt.Errorf("this pulumi-language-%s only generates SDKs (scripts/gen-sdk); it cannot run a "+
		"program: run %s programs as Automation API inline programs, as this repository's tests do", h.language,
		h.language)
}

func (h *codegenHost) GeneratePackage(
	ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return nil, fmt.Errorf("the schema is not valid JSON: %w", err)
	}
	cached := schema.NewCachedLoader(loader)
	pkg, diags, err := schema.BindSpec(spec, cached, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	response := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return response, nil
	}
	files, err := generators[h.language](pkg, req.ExtraFiles, cached, req.LocalDependencies)
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		target := filepath.Join(req.Directory, name)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return nil, err
		}
	}
	return response, nil
}

func main() {
	language := strings.TrimPrefix(filepath.Base(os.Args[0]), "pulumi-language-")
	if _, ok := generators[language]; !ok {
		fmt.Fprintf(os.Stderr, "start this program as pulumi-language-python or pulumi-language-go, not %s\n",
			os.Args[0])
		os.Exit(2)
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(server *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(server, &codegenHost{language: language})
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "could not serve: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "server stopped: %v\n", err)
		os.Exit(1)
	}
}
