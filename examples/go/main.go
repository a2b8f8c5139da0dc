//go:build !inline

// Offboard one person from Quick BI, from a Go stack: `pulumi up` in this directory.
package main

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

func main() {
	pulumi.Run(offboard)
}
