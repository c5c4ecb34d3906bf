// Command rewrite points gqlgen's generated executor at package sequential:
// every call of graphql.MarshalSliceConcurrently in the file becomes
// sequential.MarshalSlice, and graphql.NewDeferredGroup
// sequential.NewDeferredGroup, with the same signatures and results. It runs
// from `go generate` right after gqlgen, so the committed file stays exactly
// what generation makes (the drift test regenerates and compares).
//
//	go run ./graph/sequential/rewrite graph/generated.go
package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"

	"golang.org/x/tools/go/ast/astutil"
)

const sequentialPath = "github.com/dealerline/dealerline/graph/sequential"

// replacements maps a function of gqlgen's graphql package to the function
// of package sequential that takes its place, with the same signature.
var replacements = map[string]string{
	"MarshalSliceConcurrently": "MarshalSlice",
	"NewDeferredGroup":         "NewDeferredGroup",
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: rewrite GENERATED_GO_FILE")
		os.Exit(2)
	}
	if err := rewrite(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "rewrite:", err)
		os.Exit(1)
	}
}

func rewrite(path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, src, parser.ParseComments)
	if err != nil {
		return err
	}
	n := 0
	ast.Inspect(file, func(node ast.Node) bool {
		sel, ok := node.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		to, ok := replacements[sel.Sel.Name]
		if pkg, isIdent := sel.X.(*ast.Ident); ok && isIdent && pkg.Name == "graphql" {
			pkg.Name = "sequential"
			sel.Sel.Name = to
			n++
		}
		return true
	})
	if n == 0 {
		// Already rewritten, or gqlgen changed how it marshals lists: either
		// way there is nothing to point elsewhere.
		return nil
	}
	astutil.AddImport(fset, file, sequentialPath)
	var out bytes.Buffer
	if err := format.Node(&out, fset, file); err != nil {
		return err
	}
	return os.WriteFile(path, out.Bytes(), 0o644)
}
